"""An index that lets the activity figures count carers without reading the events (PostgreSQL only).

reporting/activity.py counts the different people of a period's events of some kinds
(COUNT(DISTINCT person_id) with the kind and, for one area, the area), and lists the people of a
line's events for the breakdowns by a person's details. The events' (kind, occurred_at) index finds
the rows but holds neither column, so each of a year's few hundred thousand contacts is read from
the table. With person and area carried in the index (INCLUDE, PostgreSQL 11+), those reads are
index-only scans. SQLite, the small embedded store, keeps the plain index.
"""

from django.db import migrations

CREATE = (
    "CREATE INDEX IF NOT EXISTS reporting_event_kind_time_people "
    "ON activity_event (kind, occurred_at) INCLUDE (person_id, area_id)"
)
DROP = "DROP INDEX IF EXISTS reporting_event_kind_time_people"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0002_count_events_per_statement"),
        ("activity", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
