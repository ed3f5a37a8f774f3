"""The session store (accounts/sessions.py): Django's database sessions, loaded with one plain statement.

Each test compares it with Django's own database store, which it must agree with on every key:
a live session, an expired one, one never made, one ended.
"""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore as DjangoStore
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from carershub.accounts.models import Role
from carershub.accounts.sessions import SessionStore

pytestmark = pytest.mark.django_db


def _saved(**data) -> str:
    store = SessionStore()
    store.update(data)
    store.save()
    return store.session_key


def test_the_service_uses_this_store():
    assert settings.SESSION_ENGINE == "carershub.accounts.sessions"


def test_a_saved_session_loads_as_djangos_own_store_loads_it():
    key = _saved(colour="green", count=3, nested={"language": "cy"})

    ours = SessionStore(key)
    assert dict(ours.items()) == dict(DjangoStore(key).items())
    assert ours["colour"] == "green" and ours["nested"] == {"language": "cy"}
    assert ours.session_key == key


def test_the_load_is_one_statement_reading_one_column():
    key = _saved(colour="green")

    with CaptureQueriesContext(connection) as captured:
        assert SessionStore(key)["colour"] == "green"

    assert len(captured.captured_queries) == 1
    sql = captured.captured_queries[0]["sql"]
    assert sql.startswith('SELECT "session_data" FROM "django_session" WHERE "session_key" =')
    assert "LIMIT" not in sql


@pytest.mark.parametrize(
    "key",
    [
        None,  # no cookie
        "neverissuedbyus00000000000000000",
        "short",  # Django refuses keys under 8 characters
        "x" * 200,  # longer than the column
        "'; DROP TABLE django_session; --",
    ],
)
def test_a_key_that_finds_no_session_loads_nothing_and_is_dropped(key):
    ours, django = SessionStore(key), DjangoStore(key)

    assert dict(ours.items()) == dict(django.items()) == {}
    assert ours.session_key is None and django.session_key is None
    assert Session.objects.exists() is False


def test_an_expired_session_loads_nothing_and_a_save_starts_a_new_one():
    key = _saved(colour="green")
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - timedelta(seconds=1))

    store = SessionStore(key)
    assert dict(store.items()) == dict(DjangoStore(key).items()) == {}
    store["colour"] = "blue"
    store.save()

    assert store.session_key != key, "an expired key is never brought back to life"
    assert SessionStore(store.session_key)["colour"] == "blue"


def test_a_session_ended_loads_nothing():
    key = _saved(colour="green")
    store = SessionStore(key)
    assert store["colour"] == "green"

    store.delete()

    assert not Session.objects.filter(session_key=key).exists()
    assert dict(SessionStore(key).items()) == {}


def test_signing_out_ends_the_session_in_the_database(client_for):
    client = client_for(Role.PRACTITIONER)
    key = client.session.session_key
    assert client.get("/people/").status_code == 200

    client.post("/accounts/logout/")

    assert not Session.objects.filter(session_key=key).exists()
    assert client.get("/people/").status_code == 302, "signed out: the next page asks to sign in"
