"""Make the access log append-only in the database itself, not only in the application.

PostgreSQL only: a trigger rejects UPDATE and DELETE (TRUNCATE, a database owner's
operation, is left alone). SQLite is the single-user demo store and relies on the model.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION audit_accessevent_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'access events are append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_accessevent_append_only
    BEFORE UPDATE OR DELETE ON audit_accessevent
    FOR EACH ROW EXECUTE FUNCTION audit_accessevent_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS audit_accessevent_append_only ON audit_accessevent;
DROP FUNCTION IF EXISTS audit_accessevent_append_only();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
