"""The product serves its main pages with production settings, and `check --deploy` is clean.

Tests normally run with CARERSHUB_TESTING=1, which switches to plain static storage; this runs
a separate process with the settings a council would deploy with (README, "Configuring
production"), so a template that only works in development fails here, not in production.
"""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[2]


def production_environment(tmp_path: Path) -> dict:
    # Nothing of the test run's own environment (browser tests set DJANGO_ALLOW_ASYNC_UNSAFE) leaks in.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CARERSHUB_", "DATABASE_URL", "DJANGO_"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "carershub.settings",
            "PYTHONPATH": str(ROOT),
            "CARERSHUB_SECRET_KEY": secrets.token_urlsafe(50),
            "CARERSHUB_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
            "CARERSHUB_ALLOWED_HOSTS": "testserver,carers.example.org",
            "CARERSHUB_CSRF_TRUSTED_ORIGINS": "https://carers.example.org",
            "CARERSHUB_BEHIND_PROXY": "1",
            "CARERSHUB_SSL_REDIRECT": "1",
            "CARERSHUB_HSTS_SECONDS": "31536000",
            "CARERSHUB_HSTS_INCLUDE_SUBDOMAINS": "1",
            "CARERSHUB_HSTS_PRELOAD": "1",
            "CARERSHUB_VAR_DIR": str(tmp_path / "var"),
            "CARERSHUB_STATIC_ROOT": str(tmp_path / "static"),
            "CARERSHUB_LOG_LEVEL": "WARNING",
        }
    )
    return env


def run(args, env):
    return subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)


@pytest.mark.skipif(not (ROOT / "build" / "static" / "carershub").exists(), reason="styles not built: run make install")
def test_main_pages_are_served_with_debug_off_and_manifest_static_files(tmp_path):
    result = run([sys.executable, "tests/production/serve_check.py"], production_environment(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "All pages served with production settings." in result.stdout


def test_deploy_check_is_clean_with_the_documented_production_variables(tmp_path):
    result = run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"], production_environment(tmp_path)
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _redis_listening() -> bool:
    import socket

    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


@pytest.mark.skipif(not _redis_listening(), reason="no Redis on 127.0.0.1:6379 (CI has one)")
def test_the_shared_cache_works_when_redis_url_is_set(tmp_path):
    """README and compose.yaml set REDIS_URL: sign-in waits and queue counts then live in Redis.
    The Redis client library must be installed with the product, or every sign-in fails."""
    env = production_environment(tmp_path) | {"REDIS_URL": "redis://127.0.0.1:6379/13"}
    script = (
        "import django; django.setup()\n"
        "from django.core.cache import cache\n"
        "cache.set('carershub-production-test', 42, 10)\n"
        "assert cache.get('carershub-production-test') == 42\n"
        "cache.delete('carershub-production-test')\n"
        "from django.core.cache import caches\n"
        "print(type(caches['default']).__name__)\n"
    )
    result = run([sys.executable, "-c", script], env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "RedisCache"
