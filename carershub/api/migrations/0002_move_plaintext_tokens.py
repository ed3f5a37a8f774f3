"""Move the keys of DRF's authtoken table into ApiToken as hashes, then drop that table.

Until now the API used ``rest_framework.authtoken``, which keeps every key in clear. That app is
no longer installed, so nothing here may depend on its migrations: the table is found by name.
On a fresh database there is no table and only the old app's records are tidied.

* Each key becomes an ApiToken with its SHA-256 hash (the same as ``api.models.hash_key``, written
  out here because a migration must not change when the model does), its first eight characters
  as the prefix and its creation time, so every system keeps working with the key it has.
* The admin's history (``django_admin_log``) named each token by its key, the model's ``str``:
  those entries now name it by its prefix only.
* The table is dropped, and the old app's migration records deleted, so the database says what is
  true: no authtoken table. Content types and permissions of the old app stay until
  ``manage.py remove_stale_contenttypes --include-stale-apps`` (they hold no key).

Backwards this does nothing: a hash cannot give the key back. Code that still uses authtoken would
recreate its empty table on ``migrate`` and need new tokens.
"""

import hashlib
from datetime import UTC

from django.db import migrations
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.dateparse import parse_datetime

OLD_APP = "authtoken"
OLD_TABLE = "authtoken_token"
PREFIX_LENGTH = 8
MOVED_NAME = "Issued before keys were stored as hashes"


def _aware(value):
    """``created`` as read by a raw cursor: a datetime on PostgreSQL, maybe text on SQLite."""
    if isinstance(value, str):
        value = parse_datetime(value)
    if value is not None and timezone.is_naive(value):
        value = timezone.make_aware(value, UTC)
    return value or timezone.now()


def move_tokens(apps, schema_editor):
    connection = schema_editor.connection
    if OLD_TABLE in connection.introspection.table_names():
        quote = schema_editor.quote_name
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {quote('key')}, {quote('user_id')}, {quote('created')} FROM {quote(OLD_TABLE)}")
            rows = cursor.fetchall()
        ApiToken = apps.get_model("api", "ApiToken")
        ApiToken.objects.using(connection.alias).bulk_create(
            ApiToken(
                user_id=user_id,
                name=MOVED_NAME,
                prefix=key[:PREFIX_LENGTH],
                key_hash=hashlib.sha256(key.encode()).hexdigest(),
                created_at=_aware(created),
            )
            for key, user_id, created in rows
        )
        schema_editor.execute(f"DROP TABLE {quote(OLD_TABLE)}")
    LogEntry = apps.get_model("admin", "LogEntry")
    for entry in LogEntry.objects.using(connection.alias).filter(content_type__app_label=OLD_APP):
        entry.object_repr = f"{entry.object_repr[:PREFIX_LENGTH]}…"
        entry.save(update_fields=["object_repr"])
    MigrationRecorder(connection).migration_qs.filter(app=OLD_APP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("api", "0001_initial"),
        ("admin", "0003_logentry_add_action_flag_choices"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(move_tokens, migrations.RunPython.noop, elidable=False)]
