"""A postcode district's people in name order (PostgreSQL only): "MR4" reads a page, not the district.

Migration 0003 let a district search ("MR4") find its people from the index alone, but it still
sorted all of them to show 25: 52,000 people and 15 ms of SQL at a million, 260,000 and 40 ms at
five million. This index holds them by district (the postcode up to its space) and then in the
name order the page lists, so people/search.py reads a page of it and stops. It includes the
postcode, so the search's own "starts with 'MR4 '" is answered from the index too.

It replaces 0003's index, which served only that search, so the person table keeps the same
number of indexes for imports and new people to write. Full postcodes keep the model's
``person_postcode``. Built CONCURRENTLY (so not atomic), then the table is analysed, so the
planner knows the districts' sizes at once rather than at autovacuum's next pass.
"""

from django.db import migrations

DISTRICTS = (
    "CREATE INDEX CONCURRENTLY IF NOT EXISTS person_postcode_district_order ON people_person "
    "(split_part(postcode, ' ', 1), search_family COLLATE \"C\", search_given COLLATE \"C\", id) INCLUDE (postcode)"
)
COVERING = (
    "CREATE INDEX CONCURRENTLY IF NOT EXISTS person_postcode_names ON people_person "
    "(postcode varchar_pattern_ops) INCLUDE (search_family, search_given, id)"
)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DISTRICTS)
        schema_editor.execute("DROP INDEX CONCURRENTLY IF EXISTS person_postcode_names")
        schema_editor.execute("ANALYZE people_person")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(COVERING)
        schema_editor.execute("DROP INDEX CONCURRENTLY IF EXISTS person_postcode_district_order")


class Migration(migrations.Migration):
    atomic = False
    dependencies = [("people", "0007_name_keys_in_name_order")]
    operations = [migrations.RunPython(forwards, backwards)]
