"""Migrations that change only indexes can be undone and done again, leaving the indexes each step
says (the people indexes of decisions 57 and 58, and the event index 0012 drops)."""

import pytest
from django.db import connection

from tests.migrations.steps import indexes, latest, migrate


@pytest.fixture
def back_to_latest(transactional_db):
    yield
    migrate(latest())


def _only_on(table, column):
    """The table's indexes of that one column."""
    return [name for name, columns in indexes(table).items() if columns == [column]]


def test_events_by_person_are_found_through_person_and_time_alone(back_to_latest):
    assert _only_on("activity_event", "person_id") == []
    assert indexes("activity_event")["event_person_time"] == ["person_id", "occurred_at"]

    migrate([("activity", "0011_assessment_frameworks")])
    assert len(_only_on("activity_event", "person_id")) == 1

    migrate(latest())
    assert _only_on("activity_event", "person_id") == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="these indexes are PostgreSQL's")
def test_the_name_and_district_indexes_go_back_to_what_they_were(back_to_latest):
    now = indexes("people_person")
    assert "person_postcode_district_order" in now and "person_postcode_names" not in now
    ordered = now["person_name_keys"]
    assert ordered[:2] == ["family_key", "given_key"] and len(ordered) > 2, "the name order after the keys"

    migrate([("people", "0007_name_keys_in_name_order")])
    before_districts = indexes("people_person")
    assert "person_postcode_names" in before_districts
    assert "person_postcode_district_order" not in before_districts

    migrate([("people", "0006_caringrelationship_census_band")])
    assert indexes("people_person")["person_name_keys"] == ["family_key", "given_key"]

    migrate(latest())
    assert indexes("people_person") == now


def _key_constraints(table, column):
    """The foreign-key constraints on ``column``; on PostgreSQL with their oids, which a constraint
    dropped and added again does not keep."""
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
        names = sorted(name for name, c in constraints.items() if c["foreign_key"] and c["columns"] == [column])
        if connection.vendor != "postgresql":
            return names
        cursor.execute("SELECT conname, oid FROM pg_constraint WHERE conname = ANY(%s) ORDER BY conname", [names])
        return cursor.fetchall()


def test_a_key_index_another_covers_goes_and_comes_back_leaving_the_key_alone(back_to_latest):
    """Decision 76: only the key's own index is dropped (core/schema.AlterKeyIndex); Django's
    AlterField would drop the key's constraint and add it again, checking every row."""

    keys = _key_constraints("audit_accessevent", "actor_id")
    assert len(keys) == 1
    assert _only_on("audit_accessevent", "actor_id") == []
    assert indexes("audit_accessevent")["access_actor_time"] == ["actor_id", "at"]
    # A one-column index the model names itself stays: only Django's own index for the key went.
    assert _only_on("people_carerprofile", "case_worker_id") == ["carer_case_worker"]

    migrate([("audit", "0011_assessment_frameworks"), ("people", "0008_postcode_district_in_name_order")])
    assert len(_only_on("audit_accessevent", "actor_id")) == 1
    assert len(_only_on("people_carerprofile", "case_worker_id")) == 2
    assert _key_constraints("audit_accessevent", "actor_id") == keys

    migrate(latest())
    assert _only_on("audit_accessevent", "actor_id") == []
    assert _only_on("people_carerprofile", "case_worker_id") == ["carer_case_worker"]
    assert _key_constraints("audit_accessevent", "actor_id") == keys
