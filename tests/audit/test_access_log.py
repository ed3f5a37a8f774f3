"""The access log: every look at a record is written down, and nobody can change what was written."""

import json

import pytest
from django.db import DatabaseError, connection, transaction

from carershub.accounts.models import Role
from carershub.audit.models import AccessAction, AccessEvent, AccessPart, AppendOnlyError
from tests.pages import Page
from tests.builders import share_consented


@pytest.fixture
def manager(client_for):
    return client_for(Role.TEAM_MANAGER, organisation="council")


def test_viewing_a_record_logs_who_looked_at_what_from_where(front_door, make_carer):
    person = make_carer()

    front_door.get(f"/people/{person.pk}/", REMOTE_ADDR="192.0.2.44", HTTP_USER_AGENT="TestBrowser/1.0")

    event = AccessEvent.objects.get()
    assert event.person_ref == person.pk
    assert (event.action, event.part) == (AccessAction.VIEW, AccessPart.RECORD)
    assert event.actor == front_door.user
    assert event.actor_organisation == front_door.user.organisation
    assert event.ip_address == "192.0.2.44"
    assert event.user_agent == "TestBrowser/1.0"
    assert event.path == f"/people/{person.pk}/"


def test_each_view_is_logged_again(front_door, make_carer):
    person = make_carer()

    for _ in range(3):
        front_door.get(f"/people/{person.pk}/")

    assert AccessEvent.objects.filter(person_ref=person.pk, action=AccessAction.VIEW).count() == 3


def test_a_partner_workers_view_is_logged_with_the_consent_purpose(client_for, make_carer, make_consent):
    person = make_carer()
    share_consented(make_consent(person, "partner"))
    partner = client_for(Role.PARTNER_WORKER, organisation="partner")

    partner.get(f"/people/{person.pk}/")

    assert AccessEvent.objects.get().purpose == "Referral and support from this organisation"


def test_opening_a_section_to_edit_is_logged_as_access_to_that_part(front_door, make_carer):
    person = make_carer()

    front_door.get(f"/people/{person.pk}/edit/equality/")

    event = AccessEvent.objects.get()
    assert (event.action, event.part, event.person_ref) == (AccessAction.VIEW, AccessPart.EQUALITY, person.pk)


def test_opening_a_contact_about_a_person_is_logged(front_door, make_carer, make_contact):
    person = make_carer()
    contact = make_contact(person)

    front_door.get(f"/contacts/{contact.pk}/")

    event = AccessEvent.objects.get()
    assert (event.part, event.person_ref) == (AccessPart.CONTACT, person.pk)


def test_a_refused_look_at_a_record_logs_nothing(client_for, make_carer):
    person = make_carer()

    client_for(Role.COMMISSIONER).get(f"/people/{person.pk}/")

    assert not AccessEvent.objects.exists()


# --- Download ---------------------------------------------------------------------------------------


def test_the_download_page_asks_why_before_giving_anything(manager, make_carer):
    person = make_carer(given="Ann", family="Exporttest")

    response = manager.get(f"/people/{person.pk}/download/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "Why are you downloading this record?" in Page(response).text
    assert not AccessEvent.objects.filter(action=AccessAction.EXPORT).exists()


def test_a_download_without_a_reason_is_refused(manager, make_carer):
    person = make_carer()

    response = manager.post(f"/people/{person.pk}/download/", {"purpose": "  "})

    assert response.status_code == 200
    assert "Enter why you are downloading this record" in Page(response).error_for("purpose")
    assert not AccessEvent.objects.filter(action=AccessAction.EXPORT).exists()


def test_a_download_reason_longer_than_the_log_holds_is_refused(manager, make_carer):
    person = make_carer()

    response = manager.post(f"/people/{person.pk}/download/", {"purpose": "r" * 301})

    assert response.status_code == 200
    assert Page(response).error_for("purpose")
    assert not AccessEvent.objects.filter(action=AccessAction.EXPORT).exists()


def test_a_download_gives_the_whole_record_and_logs_the_reason(manager, make_carer, make_consent, make_contact):
    person = make_carer(given="Ann", family="Exporttest", nhs_number="9990000018")
    make_consent(person, "partner")
    make_contact(person)

    response = manager.post(f"/people/{person.pk}/download/", {"purpose": "Subject access request of 3 May"})

    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="person-{person.pk}.json"'
    record = json.loads(response.content)
    assert record["person"]["given_name"] == "Ann"
    assert record["person"]["nhs_number"] == "9990000018"
    assert record["carer"]["carer_type"] == "adult_carer"
    assert len(record["contacts"]) == 1
    assert record["consents"][0]["organisation"] == "Test Young Carers"
    event = AccessEvent.objects.get(action=AccessAction.EXPORT)
    assert (event.person_ref, event.part, event.actor) == (person.pk, AccessPart.WHOLE_RECORD, manager.user)
    assert event.purpose == "Subject access request of 3 May"


# --- Append-only -----------------------------------------------------------------------------------


@pytest.fixture
def logged_view(front_door, make_carer):
    person = make_carer()
    front_door.get(f"/people/{person.pk}/")
    return AccessEvent.objects.get()


def test_an_access_event_cannot_be_changed_through_the_model(logged_view):
    logged_view.purpose = "covering my tracks"

    with pytest.raises(AppendOnlyError):
        logged_view.save()

    logged_view.refresh_from_db()
    assert logged_view.purpose == ""


def test_an_access_event_cannot_be_deleted_through_the_model(logged_view):
    with pytest.raises(AppendOnlyError):
        logged_view.delete()

    assert AccessEvent.objects.filter(pk=logged_view.pk).exists()


postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the append-only trigger is PostgreSQL's; SQLite relies on the model"
)


@postgresql_only
def test_the_database_refuses_to_update_access_events_even_in_bulk(logged_view):
    with pytest.raises(DatabaseError), transaction.atomic():
        AccessEvent.objects.filter(pk=logged_view.pk).update(purpose="covering my tracks")

    logged_view.refresh_from_db()
    assert logged_view.purpose == ""


@postgresql_only
def test_the_database_refuses_to_delete_access_events_even_in_bulk(logged_view):
    with pytest.raises(DatabaseError), transaction.atomic():
        AccessEvent.objects.filter(pk=logged_view.pk).delete()

    assert AccessEvent.objects.filter(pk=logged_view.pk).exists()


@postgresql_only
def test_the_database_refuses_raw_sql_changes_to_access_events(logged_view):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_accessevent")

    assert AccessEvent.objects.filter(pk=logged_view.pk).exists()


# --- Access history --------------------------------------------------------------------------------


def test_the_manager_sees_who_has_looked_at_a_record(manager, make_user, new_client, make_carer):
    person = make_carer(given="Ann", family="Historytest")
    worker = make_user(Role.FRONT_DOOR)
    colleague = new_client(worker)
    colleague.get("/people/", {"q": "Historytest"})
    colleague.get(f"/people/{person.pk}/", REMOTE_ADDR="192.0.2.7")

    response = manager.get(f"/people/{person.pk}/access-history/")

    assert response.status_code == 200
    rows = Page(response).table_rows()
    assert len(rows) == 3, "the colleague's search and view, and the manager opening this page"
    this_page, view, search = rows
    assert "Viewed: who has looked at the record" in this_page[2]
    assert worker.get_full_name() in view[1]
    assert "Test Carers Centre" in view[1]
    assert "Viewed: the record" in view[2]
    assert view[4] == "192.0.2.7"
    assert "Found in a search: search results" in search[2]
    assert search[3] == "Historytest"


def test_the_access_history_shows_only_that_persons_events(manager, new_client, make_user, make_carer):
    person, other = make_carer(family="Historyone"), make_carer(family="Historytwo")
    new_client(make_user(Role.PRACTITIONER)).get(f"/people/{other.pk}/")

    rows = Page(manager.get(f"/people/{person.pk}/access-history/")).table_rows()

    assert [row[2] for row in rows] == ["Viewed: who has looked at the record"]


def test_looking_at_the_access_history_is_itself_logged(manager, make_carer):
    person = make_carer()

    manager.get(f"/people/{person.pk}/access-history/")

    event = AccessEvent.objects.get()
    assert (event.part, event.actor, event.person_ref) == (AccessPart.ACCESS_HISTORY, manager.user, person.pk)


@pytest.mark.parametrize(
    ("trusted", "forwarded", "logged"),
    [
        (0, "203.0.113.9", "10.0.0.2"),  # no proxy trusted: X-Forwarded-For is whatever the client wrote
        (1, "203.0.113.9", "203.0.113.9"),  # the proxy's own entry
        (1, "198.51.100.1, 203.0.113.9", "203.0.113.9"),  # a client's made-up entry on the left is ignored
        (2, "203.0.113.9, 10.0.0.7", "203.0.113.9"),  # two proxies: the outer one's entry
        (2, "203.0.113.9", "10.0.0.2"),  # fewer entries than proxies: the connection's address
        (1, "not-an-address", "10.0.0.2"),
        (1, "203.0.113.9:51234", "203.0.113.9"),  # a proxy that adds the port
        (1, "[2001:db8::7]:51234", "2001:db8::7"),
        (1, "2001:db8::7", "2001:db8::7"),
        (1, "::ffff:203.0.113.9", "203.0.113.9"),
        (1, "fe80::1%eth0", "10.0.0.2"),
    ],
)
def test_behind_trusted_proxies_the_log_records_the_clients_address(
    front_door, make_carer, settings, trusted, forwarded, logged
):
    settings.TRUSTED_PROXY_COUNT = trusted
    person = make_carer()

    front_door.get(f"/people/{person.pk}/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)

    assert AccessEvent.objects.get().ip_address == logged
