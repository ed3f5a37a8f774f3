"""How the product's connections to PostgreSQL are set up (carershub/settings.py, DEVELOPERS.md
decisions 55 and 77)."""

import os
import runpy
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

SETTINGS = Path(__file__).resolve().parents[2] / "carershub" / "settings.py"
on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's own behaviour")


@on_postgresql
@pytest.mark.django_db
def test_postgresql_connections_do_not_compile_queries_to_machine_code():
    # A queue count estimated as costly took two seconds compiling and a few hundred ms running.
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


def _prepared(cursor, marker: str) -> list[str]:
    cursor.execute("SELECT statement FROM pg_prepared_statements WHERE statement LIKE %s", [f"%{marker}%"])
    return [statement for (statement,) in cursor.fetchall()]


@on_postgresql
@pytest.mark.django_db
def test_a_statement_a_connection_runs_often_is_prepared_on_it_with_its_parameters_apart():
    if os.environ.get("CARERSHUB_POSTGRES_PREPARE", "").strip().lower() == "off":
        pytest.skip("this run asked for nothing to be prepared (CARERSHUB_POSTGRES_PREPARE=off)")
    threshold = connection.settings_dict["OPTIONS"]["prepare_threshold"]
    # A statement no other test runs, so nothing else can have prepared it on this connection.
    statement = "SELECT count(*) FROM django_session WHERE session_key = %s /* decision 77 */"
    with connection.cursor() as cursor:
        for n in range(threshold):
            cursor.execute(statement, [f"key-{n}"])
            assert cursor.fetchone() == (0,)
        assert _prepared(cursor, "decision 77") == []

        cursor.execute(statement, ["key-last"])
        assert cursor.fetchone() == (0,)
        prepared = _prepared(cursor, "decision 77")
    # Prepared once, with $1 where the key was: another request's key runs the same prepared statement.
    assert len(prepared) == 1
    assert "session_key = $1" in prepared[0] and "key-" not in prepared[0]


def _database_options(monkeypatch, **environment) -> dict:
    """The OPTIONS settings.py gives a PostgreSQL DATABASE_URL under this environment."""
    monkeypatch.setenv("CARERSHUB_TESTING", "1")
    monkeypatch.setenv("DATABASE_URL", "postgres://carershub@db.invalid:5432/carershub")
    monkeypatch.delenv("CARERSHUB_POSTGRES_PREPARE", raising=False)
    monkeypatch.delenv("CARERSHUB_POSTGRES_JIT", raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(SETTINGS))["DATABASES"]["default"]["OPTIONS"]


def test_statements_are_prepared_after_five_runs_unless_configured(monkeypatch):
    assert _database_options(monkeypatch) == {
        "options": "-c jit=off", "prepare_threshold": 5, "server_side_binding": True,
    }
    assert _database_options(monkeypatch, CARERSHUB_POSTGRES_PREPARE=" 0 ")["prepare_threshold"] == 0


def test_off_is_djangos_own_way_for_a_pooler_that_cannot_keep_prepared_statements(monkeypatch):
    # Parameters written into the statement's text, and nothing prepared: Django's defaults.
    assert _database_options(monkeypatch, CARERSHUB_POSTGRES_PREPARE="OFF") == {"options": "-c jit=off"}
    assert _database_options(monkeypatch, CARERSHUB_POSTGRES_PREPARE="off", CARERSHUB_POSTGRES_JIT="on") == {}


@pytest.mark.parametrize("value, message", [("soon", "whole number of runs or 'off'"), ("-1", "cannot be negative")])
def test_a_mistyped_setting_stops_the_product_starting(monkeypatch, value, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        _database_options(monkeypatch, CARERSHUB_POSTGRES_PREPARE=value)


def _conversions_remembered() -> int:
    from psycopg import _queries

    # Server-side binding converts through one cache; CARERSHUB_POSTGRES_PREPARE=off through the other.
    return _queries._query2pg.cache_info().hits + _queries._query2pg_client.cache_info().hits


@on_postgresql
@pytest.mark.django_db
def test_a_long_statement_is_converted_for_postgresql_once_not_on_every_run():
    # Decision 80: psycopg remembers how it turned each %s into a numbered $n only for statements of
    # at most 50 parameters, unless the product raised the limit. A search's "which of these may the
    # user open" has 63; a two-name search 118.
    statement = (
        "SELECT count(*) FROM django_session WHERE session_key IN (" + ", ".join(["%s"] * 120) + ") /* decision 80 */"
    )
    with connection.cursor() as cursor:
        cursor.execute(statement, [f"key-{n}" for n in range(120)])
        before = _conversions_remembered()
        cursor.execute(statement, [f"other-{n}" for n in range(120)])
        assert cursor.fetchone() == (0,)
    assert _conversions_remembered() == before + 1
