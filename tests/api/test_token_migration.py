"""A database made while the API used DRF's authtoken (keys in clear) migrates to hashed tokens:
every key keeps working, and no key is left in the database (issue 14)."""

import hashlib
import importlib
from datetime import datetime

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from carershub.accounts.models import User
from carershub.api.models import ApiToken, hash_key
from tests.api.conftest import client_with

# What the previous release had applied: DRF's authtoken migrations, and none of the api app's.
DRF_MIGRATIONS = ["0001_initial", "0002_auto_20160226_1747", "0003_tokenproxy", "0004_alter_tokenproxy_options"]
KEY = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b"  # DRF's form: 40 hexadecimal characters
CREATED = timezone.make_aware(datetime(2026, 3, 2, 9, 30))


def _executor():
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    return executor


def _migrate_to_latest():
    executor = _executor()
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.fixture
def previous_release_database(transactional_db):
    """The database as the release with DRF's authtoken left it, with one token made in its admin."""
    _executor().migrate([("api", None)])
    state = _executor().loader.project_state()
    recorder = MigrationRecorder(connection)
    with connection.schema_editor() as editor:
        for name in DRF_MIGRATIONS:
            migration = importlib.import_module(f"rest_framework.authtoken.migrations.{name}").Migration(
                name, "authtoken"
            )
            state = migration.apply(state, editor)
            recorder.record_applied("authtoken", name)

    account = User.objects.create(username="council-case-system", password="!")
    administrator = User.objects.create(username="admin-person", password="!")
    state.apps.get_model("authtoken", "Token").objects.create(key=KEY, user_id=account.pk)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE authtoken_token SET created = %s", [CREATED])
    # DRF's admin named a token by its key in the admin's history.
    LogEntry.objects.create(
        user=administrator,
        content_type=ContentType.objects.create(app_label="authtoken", model="tokenproxy"),
        object_id=str(account.pk),
        object_repr=KEY,
        action_flag=ADDITION,
    )
    yield account
    _migrate_to_latest()


def test_previous_release_keys_keep_working_and_only_their_hash_is_kept(previous_release_database):
    assert "authtoken_token" in connection.introspection.table_names()

    _migrate_to_latest()

    token = ApiToken.objects.get()
    assert token.user == previous_release_database
    assert token.key_hash == hash_key(KEY) == hashlib.sha256(KEY.encode()).hexdigest()
    assert token.prefix == KEY[:8]
    assert token.created_at == CREATED
    assert token.revoked_at is None
    assert client_with(KEY).get("/api/v1/health/").json() == {"status": "ok", "user": "council-case-system"}


def test_no_key_is_left_in_the_database(previous_release_database):
    _migrate_to_latest()

    assert "authtoken_token" not in connection.introspection.table_names()
    assert not MigrationRecorder(connection).migration_qs.filter(app="authtoken").exists()
    entry = LogEntry.objects.get(content_type__app_label="authtoken")
    assert entry.object_repr == f"{KEY[:8]}…"


def test_migrating_again_changes_nothing(previous_release_database):
    _migrate_to_latest()
    _executor().migrate([("api", "0001_initial")])
    _migrate_to_latest()

    assert ApiToken.objects.count() == 1
    assert LogEntry.objects.get(content_type__app_label="authtoken").object_repr == f"{KEY[:8]}…"
