"""Both sound-alike keys, then the name order, in one index (PostgreSQL only): "ann jones" reads a page.

A search for two names (people/name_branches.py) has a branch for people whose last name
sounds like one name and whose first name sounds like the other. Read from the index on
(family_key, given_key) alone, that branch fetched every such row from the table to sort it:
about 2,300 rows for "ann jones" at a million people, and five times that at five million. In
this index the same rows lie in name order, so the branch reads a page of the index and stops.

The index keeps its name, ``person_name_keys``, and its first two columns, so the model's index
of that name (people/models.py, the one SQLite has) still describes what it answers: the
duplicate check's "both keys equal" uses it as before. Built CONCURRENTLY, so a live region's
people can still be added while it builds (which is why this migration is not atomic).
"""

from django.db import migrations

ORDERED = (
    'CREATE INDEX CONCURRENTLY IF NOT EXISTS person_name_keys_order ON people_person '
    '(family_key, given_key, search_family COLLATE "C", search_given COLLATE "C", id)'
)
PLAIN = "CREATE INDEX CONCURRENTLY IF NOT EXISTS person_name_keys_plain ON people_person (family_key, given_key)"


def _swap(schema_editor, create, new_name):
    schema_editor.execute(create)
    schema_editor.execute("DROP INDEX CONCURRENTLY IF EXISTS person_name_keys")
    schema_editor.execute(f"ALTER INDEX {new_name} RENAME TO person_name_keys")


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        _swap(schema_editor, ORDERED, "person_name_keys_order")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        _swap(schema_editor, PLAIN, "person_name_keys_plain")


class Migration(migrations.Migration):
    atomic = False
    dependencies = [("people", "0006_caringrelationship_census_band")]
    operations = [migrations.RunPython(forwards, backwards)]
