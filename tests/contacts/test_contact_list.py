"""The contact list: filters by date, channel, outcome, worker, council, area and record; councils not
mixed unless asked; how long a caller with no record has waited; paged with its filters kept."""

from datetime import datetime, timedelta
from urllib.parse import parse_qs, urlparse

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from carershub.accounts.models import Role
from carershub.contacts.models import Channel, Outcome
from carershub.people.models import CarerProfile
from tests.pages import Page
from tests.welsh import compile_welsh_catalogue




def listed(client, query="") -> set[int]:
    """The contacts the list shows (their ids), on its first page."""
    page = Page(client.get("/contacts/" + (f"?{query}" if query else "")))
    return {int(href.split("/")[2]) for href in page.links() if href.startswith("/contacts/") and href.split("/")[2].isdigit()}


def ago(days=0, hours=0):
    return timezone.now() - timedelta(days=days, hours=hours)


# --- Each filter narrows ------------------------------------------------------------------------


@pytest.fixture
def log(make_contact, make_carer, marches_carer, make_user, region):
    """A front door's log: contacts that differ in one thing each."""
    colleague = make_user(Role.FRONT_DOOR, organisation="centre")
    council_worker = make_user(Role.PRACTITIONER, organisation="council")
    tz = timezone.get_current_timezone()
    return {
        "plain": make_contact(make_carer(), received_at=datetime(2026, 3, 10, 9, 0, tzinfo=tz)),
        "email": make_contact(make_carer(), channel=Channel.EMAIL, received_at=datetime(2026, 3, 11, 9, 0, tzinfo=tz)),
        "urgent": make_contact(
            make_carer(),
            outcomes=[Outcome.IDENTIFIED_AS_CARER, Outcome.URGENT],
            urgent_details="Carer taken into hospital tonight",
            received_at=datetime(2026, 3, 12, 9, 0, tzinfo=tz),
        ),
        "by_colleague": make_contact(
            make_carer(), recorded_by=colleague, organisation=colleague.organisation,
            received_at=datetime(2026, 3, 13, 9, 0, tzinfo=tz),
        ),
        "at_council": make_contact(
            marches_carer(), recorded_by=council_worker, organisation=region["orgs"]["council"],
            received_at=datetime(2026, 3, 14, 9, 0, tzinfo=tz),
        ),
        "marches": make_contact(marches_carer(), received_at=datetime(2026, 2, 1, 9, 0, tzinfo=tz)),
        "unlinked": make_contact(given_name="Nora", family_name="Norecord", received_at=datetime(2026, 4, 2, 9, 0, tzinfo=tz)),
        "colleague": colleague,
        "council_worker": council_worker,
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"plain", "email", "urgent", "by_colleague", "at_council", "marches", "unlinked"}),
        ("channel=email", {"email"}),
        ("outcome=urgent", {"urgent"}),
        ("outcome=identified_as_carer", {"plain", "email", "urgent", "by_colleague", "at_council", "marches", "unlinked"}),
        ("from_day=11&from_month=3&from_year=2026&to_day=13&to_month=3&to_year=2026", {"email", "urgent", "by_colleague"}),
        ("from_day=1&from_month=4&from_year=2026", {"unlinked"}),
        ("to_day=1&to_month=2&to_year=2026", {"marches"}),
        ("worker={colleague}", {"by_colleague"}),
        ("area={afon}", {"plain", "email", "urgent", "by_colleague"}),
        ("area={marches}", {"at_council", "marches"}),
        ("status=unlinked", {"unlinked"}),
        ("status=linked", {"plain", "email", "urgent", "by_colleague", "at_council", "marches"}),
        # The council: the one that took it, or the one where the carer lives.
        ("council={council}", {"plain", "email", "urgent", "by_colleague", "at_council"}),
        ("council={marches_council}", {"at_council", "marches"}),
        ("channel=phone&area={afon}&to_day=12&to_month=3&to_year=2026", {"plain", "urgent"}),
    ],
)
def test_each_filter_narrows_the_list(client_for, log, region, marches_council, query, expected):
    front_door = client_for(Role.FRONT_DOOR, organisation="centre")
    query = query.format(
        colleague=log["colleague"].pk,
        afon=region["areas"]["afon"].pk,
        marches=region["areas"]["marches"].pk,
        council=region["orgs"]["council"].pk,
        marches_council=marches_council.pk,
    )

    assert listed(front_door, query) == {log[name].pk for name in expected}


def test_an_urgent_contact_is_tagged(client_for, log):
    page = Page(client_for(Role.FRONT_DOOR).get("/contacts/?outcome=urgent"))

    tags = [n.text() for n in page.find_all("strong", "govuk-tag--red")]
    assert tags == ["Urgent or safeguarding concern"]
    assert "Identified as a carer" in page.by_id("contacts").text()


# --- Councils are not mixed unless asked ---------------------------------------------------------


@pytest.fixture
def two_councils(make_contact, make_carer, marches_carer, marches_council, make_user, region):
    """A Test Council practitioner's contacts: one about a resident, one about a carer in the Marches
    whose case worker they are (so they may see it), and one about a Marches carer they do not work with."""
    practitioner = make_user(Role.PRACTITIONER, organisation="council")
    theirs = marches_carer(given="Casework")
    CarerProfile.objects.filter(person=theirs).update(case_worker=practitioner)
    return {
        "practitioner": practitioner,
        "resident": make_contact(make_carer(given="Resident")),
        "case_load_elsewhere": make_contact(theirs),
        "stranger": make_contact(marches_carer(given="Stranger")),
        "unlinked_here": make_contact(given_name="Walkin", organisation=region["orgs"]["council"]),
    }


def test_a_council_worker_sees_their_own_councils_contacts_until_they_ask_for_more(new_client, two_councils, marches_council):
    client = new_client(two_councils["practitioner"])

    default = listed(client)
    every = listed(client, "council=all")
    other = listed(client, f"council={marches_council.pk}")

    assert default == {two_councils["resident"].pk, two_councils["unlinked_here"].pk}
    assert every == default | {two_councils["case_load_elsewhere"].pk}
    assert other == {two_councils["case_load_elsewhere"].pk}


@pytest.mark.parametrize("query", ["council=all", "council={marches_council}", "area={marches}", "status=linked&council=all"])
def test_a_filter_never_shows_a_contact_the_worker_may_not_see(new_client, two_councils, marches_council, region, query):
    client = new_client(two_councils["practitioner"])
    query = query.format(marches_council=marches_council.pk, marches=region["areas"]["marches"].pk)

    assert two_councils["stranger"].pk not in listed(client, query)


def test_the_carers_centre_sees_every_council_by_default(client_for, two_councils):
    front_door = client_for(Role.FRONT_DOOR, organisation="centre")

    page = Page(front_door.get("/contacts/"))

    assert {two_councils[k].pk for k in ("resident", "case_load_elsewhere", "stranger")} <= listed(front_door)
    assert page.value_of("council") == "all"


def test_the_default_council_is_shown_chosen(new_client, two_councils, region):
    page = Page(new_client(two_councils["practitioner"]).get("/contacts/"))

    assert page.value_of("council") == str(region["orgs"]["council"].pk)


# --- Waiting for a record ------------------------------------------------------------------------


def test_callers_waiting_for_a_record_are_longest_waiting_first_with_how_long(client_for, make_contact, make_carer):
    newer = make_contact(given_name="Newer", family_name="Caller", received_at=ago(days=3))
    older = make_contact(given_name="Older", family_name="Caller", received_at=ago(days=35))
    make_contact(make_carer(), received_at=ago(days=50))

    page = Page(client_for(Role.FRONT_DOOR).get("/contacts/?show=unlinked"))

    rows = page.table_rows()
    assert [r[1].split()[0] for r in rows] == ["Older", "Newer"]
    assert "Waiting for a record: 5 weeks" in rows[0][1]
    assert "Waiting for a record: 3 days" in rows[1][1]
    assert "longest waiting first" in page.by_id("contacts-caption").text()
    assert older.pk and newer.pk


def test_the_wait_is_told_in_welsh(client_for, make_contact):
    compile_welsh_catalogue()
    client = client_for(Role.FRONT_DOOR)
    client.user.preferred_language = "cy"
    client.user.save()
    make_contact(given_name="Nia", family_name="Aros", received_at=ago(days=2))

    page = Page(client.get("/contacts/?status=unlinked"))

    assert "Yn aros am gofnod: 2 ddiwrnod" in page.by_id("contacts").text()


def test_the_full_log_is_newest_first(client_for, make_contact, make_carer):
    old = make_contact(make_carer(given="Old"), received_at=ago(days=9))
    new = make_contact(make_carer(given="New"), received_at=ago(hours=1))

    page = Page(client_for(Role.FRONT_DOOR).get("/contacts/"))

    ids = [int(h.split("/")[2]) for h in page.links() if h.startswith("/contacts/") and h.split("/")[2].isdigit()]
    assert ids.index(new.pk) < ids.index(old.pk)


# --- Bad input and paging ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("council=abc", "council"),
        ("council=99999999999999999999999", "council"),
        ("area=x", "area"),
        ("worker=-1", "worker"),
        ("channel=pigeon", "channel"),
        ("outcome=%00", "outcome"),
        ("status=deleted", "status"),
        ("from_day=31&from_month=2&from_year=2026", "from"),
        ("to_day=1&to_month=1&to_year=99999999999999999999", "to"),
        ("from_day=2&from_month=3&from_year=2026&to_day=1&to_month=3&to_year=2026", "to"),
    ],
)
def test_bad_filter_input_shows_the_list_with_an_error_on_the_field(new_client, two_councils, query, field):
    response = new_client(two_councils["practitioner"]).get(f"/contacts/?{query}")

    assert response.status_code == 200
    page = Page(response)
    assert page.field_errors().get(field), page.field_errors()
    assert page.error_summary
    # The list is still there, and still only the worker's own council's.
    assert f"/contacts/{two_councils['resident'].pk}/" in page.links()
    assert f"/contacts/{two_councils['case_load_elsewhere'].pk}/" not in page.links()


def test_the_paging_links_keep_the_filters(client_for, make_contact, make_carer):
    carer = make_carer()
    for i in range(27):
        make_contact(carer, channel=Channel.EMAIL, received_at=ago(hours=i + 1))
    make_contact(carer, channel=Channel.PHONE)
    client = client_for(Role.FRONT_DOOR)

    page = Page(client.get("/contacts/?channel=email&council=all"))

    next_link = next(h for h in page.links() if "page=2" in h)
    assert parse_qs(urlparse(next_link).query) == {"channel": ["email"], "council": ["all"], "page": ["2"]}
    second = Page(client.get("/contacts/" + next_link))
    assert len(second.table_rows()) == 2


def test_clear_filters_goes_back_to_the_default_list(client_for, log):
    page = Page(client_for(Role.FRONT_DOOR).get("/contacts/?channel=email"))

    clear = next(n for n in page.find_all("a") if n.text() == "Clear filters")
    assert clear.attrs["href"] == "/contacts/"


def test_the_filtered_list_costs_the_same_queries_however_many_rows(client_for, make_contact, make_carer, make_user):
    client = client_for(Role.PRACTITIONER, organisation="council")
    other = make_user(Role.FRONT_DOOR)
    make_contact(make_carer(), outcomes=[Outcome.URGENT])
    query = "/contacts/?outcome=urgent&council=all"
    client.get(query)
    with CaptureQueriesContext(connection) as few:
        assert client.get(query).status_code == 200
    for i in range(6):
        make_contact(make_carer(), outcomes=[Outcome.URGENT], recorded_by=other if i % 2 else client.user)
        make_contact(given_name=f"Caller{i}", outcomes=[Outcome.URGENT])
    with CaptureQueriesContext(connection) as many:
        client.get(query)

    assert len(many.captured_queries) == len(few.captured_queries)
