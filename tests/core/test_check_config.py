"""manage.py check_config: one line a check, and a non-zero exit on any problem."""

import io
import secrets
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.db import OperationalError, connections
from django.db.migrations.recorder import MigrationRecorder

from carershub.core.management.commands import check_config

SMTP = {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend", "OPTIONS": {}}}


@pytest.fixture
def deployment(settings, tmp_path, monkeypatch):
    """A well-configured production installation (on the test database)."""
    settings.DEBUG = False
    settings.TESTING = False
    settings.SECRET_KEY = secrets.token_urlsafe(50)
    settings.ALLOWED_HOSTS = ["carers.example.invalid"]
    settings.MAILERS = SMTP
    po = tmp_path / "django.po"
    po.write_text("")
    po.with_suffix(".mo").write_bytes(b"")
    monkeypatch.setattr(check_config, "WELSH_PO", po)
    # The browser tests allow async-unsafe calls for their live server; a deployment never does.
    monkeypatch.delenv("DJANGO_ALLOW_ASYNC_UNSAFE", raising=False)
    return settings


def run():
    out = io.StringIO()
    try:
        call_command("check_config", stdout=out, no_color=True)
    except CommandError as error:
        return out.getvalue(), error
    return out.getvalue(), None


def test_a_well_configured_installation_passes(deployment, db):
    out, error = run()

    assert error is None, out
    assert "PROBLEM" not in out
    assert "OK database:" in out
    assert "OK migrations: every migration applied" in out
    assert "Ready to serve." in out


def test_debug_a_short_key_and_no_hosts_are_each_a_problem(deployment, db):
    deployment.DEBUG = True
    deployment.SECRET_KEY = "short"
    deployment.ALLOWED_HOSTS = []

    out, error = run()

    assert error is not None and error.returncode == 1
    assert "PROBLEM debug: DEBUG is on: unset CARERSHUB_DEBUG" in out
    assert "PROBLEM secret key:" in out
    assert "PROBLEM allowed hosts:" in out


def test_a_migration_not_applied_is_a_problem(deployment, db):
    MigrationRecorder.Migration.objects.filter(app="core").order_by("-id").first().delete()

    out, error = run()

    assert error is not None
    assert "PROBLEM migrations: 1 migration(s) not applied (core." in out
    assert "run manage.py migrate" in out


def test_an_unreachable_database_is_a_problem(deployment, db):
    with mock.patch.object(type(connections["default"]), "cursor", side_effect=OperationalError("refused")):
        out, error = run()

    assert error is not None
    assert "PROBLEM database: cannot reach the" in out
    assert "check DATABASE_URL" in out
    assert "PROBLEM migrations: not checked, the database is unreachable" in out


def test_an_uncompiled_welsh_catalogue_is_a_problem(deployment, db):
    check_config.WELSH_PO.with_suffix(".mo").unlink()

    out, error = run()

    assert error is not None
    assert "PROBLEM Welsh catalogue:" in out


def test_static_files_not_collected_are_a_problem(deployment, db, tmp_path):
    deployment.STATIC_ROOT = tmp_path / "collected"
    deployment.STORAGES = {
        **deployment.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }

    out, error = run()

    assert error is not None
    assert "PROBLEM static files: no staticfiles.json in" in out
    assert "run manage.py collectstatic" in out


def test_a_deploy_check_error_is_a_problem(deployment, db):
    deployment.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}

    out, error = run()

    assert error is not None
    assert "PROBLEM Django deploy checks: 1 error(s)" in out
    assert "mail.E001" in out
    assert "mail.E001" in out
