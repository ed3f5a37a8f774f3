"""Indexes for the contact list's filters at a million contacts (PostgreSQL).

The list pages newest first (``contact_time``) and counts what matches, for its page links. A
filter on a common value finds its page quickly by walking ``contact_time``; a rare one does not,
and the count reads every contact without an index of its own:

- ``contact_channel_time`` (channel, received_at): a rare channel (a school, a GP practice) pages
  and counts from the index alone, instead of reading the whole table.
- ``contact_urgent_time`` (received_at) where the outcomes include "urgent": the urgent contacts,
  newest first, and their count, from a small index holding only them. Written with the same
  containment (``outcomes @> '["urgent"]'``) that contacts.views asks, so the planner uses it.

The other filters already have theirs: the date range ``contact_time``, the worker and the
organisation that took the contact their foreign keys, the carer's area ``people_person``'s.
SQLite, the small embedded store, scans as before (decision 4), so these are PostgreSQL only,
like people's 0005.
"""

from django.db import migrations

INDEXES = {
    "contact_channel_time": "(channel, received_at)",
    "contact_urgent_time": "(received_at) WHERE outcomes @> '[\"urgent\"]'::jsonb",
}


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, columns in INDEXES.items():
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON contacts_contact {columns}")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("contacts", "0002_contact_concern")]
    operations = [migrations.RunPython(forwards, backwards)]
