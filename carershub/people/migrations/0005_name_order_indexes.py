"""Indexes in name order (code point, "C"), PostgreSQL only: a search for one name reads a page, not every match.

people/search.py asks for one name ("jon") as four branches: family name from, given name
from, family sound-alike key, given sound-alike key. Each branch has an index here that holds
its rows already in the order the page lists them, and all the columns it reads, so each
stops after the page's rows (the given-name branch sorts its own matches, from the index
alone). SQLite lists by code point natively and keeps its plain indexes.
"""

from django.db import migrations

INDEXES = {
    "person_family_order": '(search_family COLLATE "C", search_given COLLATE "C", id)',
    "person_given_order": '(search_given COLLATE "C", search_family COLLATE "C", id)',
    "person_family_key_order": '(family_key, search_family COLLATE "C", search_given COLLATE "C", id)',
    "person_given_key_order": '(given_key, search_family COLLATE "C", search_given COLLATE "C", id)',
}


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, columns in INDEXES.items():
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON people_person {columns}")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("people", "0004_accessgrant")]
    operations = [migrations.RunPython(forwards, backwards)]
