"""Is this installation ready to serve? One line a check, OK or PROBLEM with what to do.

    manage.py check_config    # exits 1 when anything is a PROBLEM

Run it after every deployment, before traffic reaches the new release. Output is for
operators, so it is not translated.
"""

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.storage import ManifestFilesMixin
from django.core import checks
from django.core.cache import cache
from django.core.files.storage import storages
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor

WELSH_PO = Path(settings.BASE_DIR) / "carershub" / "locale" / "cy" / "LC_MESSAGES" / "django.po"


class Problem(Exception):
    """A check failed; the message says what is wrong and what to do."""


def check_debug():
    if settings.DEBUG:
        raise Problem("DEBUG is on: unset CARERSHUB_DEBUG")
    if getattr(settings, "TESTING", False):
        raise Problem("test mode is on: unset CARERSHUB_TESTING")
    return "DEBUG and test mode are off"


def check_secret_key():
    # Django's own rule for a strong key (security.W009): 50 characters, 5 different ones.
    key = settings.SECRET_KEY or ""
    if len(key) < 50 or len(set(key)) < 5 or key.startswith("django-insecure-"):
        raise Problem("SECRET_KEY is missing or short: set CARERSHUB_SECRET_KEY to 50 or more random characters")
    return f"SECRET_KEY is set ({len(key)} characters)"


def check_allowed_hosts():
    hosts = settings.ALLOWED_HOSTS
    if not hosts or "*" in hosts:
        raise Problem("ALLOWED_HOSTS is empty or '*': set CARERSHUB_ALLOWED_HOSTS to the service's host names")
    return "ALLOWED_HOSTS: " + ", ".join(hosts)


def check_encryption_keys():
    keys = getattr(settings, "CARERSHUB_ENCRYPTION_KEYS", None)
    if not keys:
        raise Problem("no encryption keys: set CARERSHUB_ENCRYPTION_KEYS (Fernet keys, newest first)")
    return f"{len(keys)} encryption key(s)"


def check_database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        raise Problem(f"cannot reach the {connection.vendor} database ({error}): check DATABASE_URL") from error
    return f"{connection.vendor} database reachable"


def check_migrations():
    try:
        executor = MigrationExecutor(connection)
        unapplied = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError:
        raise Problem("not checked, the database is unreachable") from None
    if unapplied:
        names = ", ".join(f"{m.app_label}.{m.name}" for m, _ in unapplied[:3])
        raise Problem(f"{len(unapplied)} migration(s) not applied ({names}): run manage.py migrate")
    return "every migration applied"


def check_cache():
    key, value = "carershub:check_config", secrets.token_hex(8)
    try:
        cache.set(key, value, 30)
        answered = cache.get(key)
        cache.delete(key)
    except Exception as error:  # noqa: BLE001 - each cache backend raises its own connection errors
        raise Problem(f"cannot reach the cache ({error}): check REDIS_URL") from error
    if answered != value:
        raise Problem("the cache does not keep what is stored in it: check REDIS_URL")
    return "cache reachable"


def check_welsh_catalogue():
    compiled = WELSH_PO.with_suffix(".mo")
    if not compiled.exists():
        raise Problem(f"{compiled} is missing: run make install (msgfmt) so Welsh pages are in Welsh")
    if WELSH_PO.exists() and compiled.stat().st_mtime < WELSH_PO.stat().st_mtime:
        raise Problem(f"{compiled} is older than {WELSH_PO.name}: run make install (msgfmt) again")
    return "Welsh catalogue compiled"


def check_static_files():
    storage = storages["staticfiles"]
    if not isinstance(storage, ManifestFilesMixin):
        return "static files served without a manifest (nothing to check)"
    if not storage.manifest_storage.exists(storage.manifest_name):
        raise Problem(f"no {storage.manifest_name} in {settings.STATIC_ROOT}: run manage.py collectstatic")
    return f"static files collected in {settings.STATIC_ROOT}"


def check_deploy():
    found = [m for m in checks.run_checks(include_deployment_checks=True) if not m.is_silenced()]
    errors = [m for m in found if m.is_serious()]
    warnings = [m for m in found if not m.is_serious()]
    summary = f"{len(errors)} error(s), {len(warnings)} warning(s)"
    if warnings:
        summary += " (" + ", ".join(m.id or "unnamed" for m in warnings) + ")"
    if errors:
        raise Problem(
            f"{summary}; errors: {', '.join(m.id or 'unnamed' for m in errors)}: run manage.py check --deploy"
        )
    return summary + ("; see manage.py check --deploy" if warnings else "")


CHECKS = [
    ("debug", check_debug),
    ("secret key", check_secret_key),
    ("allowed hosts", check_allowed_hosts),
    ("encryption keys", check_encryption_keys),
    ("database", check_database),
    ("migrations", check_migrations),
    ("cache", check_cache),
    ("Welsh catalogue", check_welsh_catalogue),
    ("static files", check_static_files),
    ("Django deploy checks", check_deploy),
]


class Command(BaseCommand):
    help = "Check the configuration, database, cache and built files a deployment needs."
    # The command reports configuration problems itself, one line each, instead of stopping at the first.
    requires_system_checks = []

    def handle(self, *args, **options):
        problems = 0
        for name, check in CHECKS:
            try:
                detail = check()
            except Problem as problem:
                problems += 1
                self.stdout.write(self.style.ERROR(f"PROBLEM {name}: {problem}"))
            else:
                self.stdout.write(self.style.SUCCESS(f"OK {name}: {detail}"))
        if problems:
            raise CommandError(f"{problems} problem(s) found", returncode=1)
        self.stdout.write("Ready to serve.")
