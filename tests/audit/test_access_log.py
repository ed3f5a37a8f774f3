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


# --- How the rows are written (decision 71) ---------------------------------------------------------


def test_a_search_logs_everyone_it_shows_with_who_where_and_what_was_typed(front_door, make_carer):
    found = {make_carer(given=f"Ann{n}", family="Searchlogged").pk for n in range(3)}
    make_carer(given="Bob", family="Notfound")

    front_door.get("/people/", {"q": "searchlogged"}, REMOTE_ADDR="192.0.2.45", HTTP_USER_AGENT="Search/2.0")

    events = list(AccessEvent.objects.order_by("person_ref"))
    assert {e.person_ref for e in events} == found
    for event in events:
        assert (event.action, event.part, event.purpose) == (AccessAction.SEARCH, AccessPart.SEARCH_RESULTS, "searchlogged")
        assert (event.actor, event.actor_organisation) == (front_door.user, front_door.user.organisation)
        assert (event.ip_address, event.user_agent, event.path) == ("192.0.2.45", "Search/2.0", "/people/?q=searchlogged")
        assert event.contact_ref is None
    assert len({e.at for e in events}) == 1, "one moment for one page"


def _request(user, path="/somewhere/"):
    from django.test import RequestFactory

    request = RequestFactory().get(path, REMOTE_ADDR="192.0.2.46", HTTP_USER_AGENT="Direct/1.0")
    request.user = user
    return request


def test_a_page_of_many_people_is_logged_whole(make_user, make_carer):
    # 150 rows of 11 values: more than SQLite takes in one statement (999), so it is written in parts.
    from carershub.audit.services import record_page_access
    from carershub.people.models import Person

    user = make_user(Role.FRONT_DOOR)
    person = make_carer()
    many = [Person(pk=person.pk + n) for n in range(150)]

    written = record_page_access(
        _request(user), (many, AccessPart.REVIEW_QUEUE, ""), (person, AccessPart.RECORD, "why " * 100 + "\x00")
    )

    assert written == 151
    assert AccessEvent.objects.filter(part=AccessPart.REVIEW_QUEUE).count() == 150
    assert sorted(AccessEvent.objects.values_list("person_ref", flat=True)) == sorted(
        [person.pk] + [p.pk for p in many]
    )
    record = AccessEvent.objects.get(part=AccessPart.RECORD)
    assert record.purpose == ("why " * 100)[:300], "NUL dropped, cut to what the column holds"
    assert record.path == "/somewhere/" and record.action == AccessAction.VIEW


def test_callers_with_no_record_are_logged_against_their_contact(make_user, make_contact):
    from carershub.audit.services import record_contact_access

    user = make_user(Role.FRONT_DOOR)
    contacts = [make_contact(), make_contact()]

    assert record_contact_access(_request(user), contacts) == 2

    rows = set(AccessEvent.objects.values_list("contact_ref", "person_ref", "part", "actor"))
    assert rows == {(c.pk, None, AccessPart.CONTACT, user.pk) for c in contacts}


def test_nothing_to_log_writes_nothing(make_user):
    from carershub.audit.services import record_access

    assert record_access(_request(make_user(Role.FRONT_DOOR)), []) == 0
    assert not AccessEvent.objects.exists()


def test_a_row_naming_nobody_is_refused_by_the_database(make_user):
    from django.db import IntegrityError

    from carershub.audit.services import _write

    with pytest.raises(IntegrityError), transaction.atomic():
        _write(_request(make_user(Role.FRONT_DOOR)), AccessAction.VIEW, [(None, None, AccessPart.RECORD, "")])
