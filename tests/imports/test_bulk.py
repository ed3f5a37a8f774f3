"""The import's own ways of writing COPY data and array parameters: every value arrives as it was."""

import datetime

import pytest
from django.db import connection

from carershub.activity.models import Event
from carershub.imports import bulk
from carershub.people.models import Person

FIELDS = {f.attname: f for f in [*Person._meta.concrete_fields, *Event._meta.concrete_fields]}


def line(names, row):
    return bulk.copy_text([FIELDS[name] for name in names], [row]).decode()


def test_plain_values_are_written_as_they_are_and_none_as_null():
    assert line(["given_name", "date_of_birth", "area_id", "nhs_number"], ["Ann", datetime.date(1970, 5, 17), 3, None]) == (
        "Ann\t1970-05-17\t3\t\\N\n"
    )


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("a\tb", "a\\tb"),
        ("a\nb\rc", "a\\nb\\rc"),
        ("back \\ slash", "back \\\\ slash"),
        ("\\N", "\\\\N"),  # the text backslash-N, not a NULL
    ],
)
def test_tabs_newlines_and_backslashes_are_escaped_beside_nulls(value, written):
    assert line(["given_name", "family_name", "nhs_number"], [value, "Jones", None]) == f"{written}\tJones\t\\N\n"


def test_json_is_encoded_and_none_in_a_json_field_is_json_null():
    assert line(["kind", "data"], ["imported", {"source": "Tab\there", "n": 1}]) == (
        'imported\t{"source":"Tab\\\\there","n":1}\n'
    )
    assert line(["kind", "data"], ["imported", None]) == "imported\tnull\n"


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="array parameters are PostgreSQL's")
@pytest.mark.parametrize(
    "values",
    [[], ["plain", 'with "quotes"', "back\\slash", "comma,brace{}", " spaced ", "NULL", "", "ŵ"], [1, 2, 3]],
)
def test_an_array_literal_is_read_back_as_the_same_values(values):
    db_type = "bigint" if values and isinstance(values[0], int) else "text"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT %s::{db_type}[]", [bulk.array(values)])
        assert cursor.fetchone()[0] == values
