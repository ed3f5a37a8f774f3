"""Let a postcode search ("CF37") find and sort its page without reading the table.

PostgreSQL only: the index carries the names and id, so the page's ids come from an index-only
scan (benchmarks/README.md: 146 ms -> about 20 ms for a district of 50,000 people in a million).
SQLite has no INCLUDE, and a wider postcode index there changes its plans for the duplicate
check for the worse, so it keeps the plain person_postcode index of the model.
"""

from django.db import migrations

CREATE = """
CREATE INDEX IF NOT EXISTS person_postcode_names ON people_person
    (postcode varchar_pattern_ops) INCLUDE (search_family, search_given, id);
"""
DROP = "DROP INDEX IF EXISTS person_postcode_names;"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("people", "0002_person_given_key")]
    operations = [migrations.RunPython(forwards, backwards)]
