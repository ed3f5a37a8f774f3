"""Finding people from the one search box, and the access log every search leaves."""

from datetime import date

import pytest
from django.db import connection

from carershub.accounts.models import Role
from carershub.audit.models import AccessAction, AccessEvent, AccessPart
from tests.pages import Page


@pytest.fixture
def people(make_carer):
    return {
        "ann": make_carer(
            given="Ann", family="Smith", dob=date(1970, 5, 17), postcode="AF1 2AB", nhs_number="9990000018"
        ),
        "gwen": make_carer(given="Gwen", family="Smithson", dob=date(1955, 1, 2), postcode="AF1 3CD"),
        "dai": make_carer(given="Dai", family="Pritchard", dob=date(1970, 5, 17), postcode="AF2 4EF"),
        "zara": make_carer(
            given="Zara", family="Khan", dob=date(2001, 12, 9), postcode="MR5 7HT", nhs_number="9990000026"
        ),
    }


def found(client, q) -> list[str]:
    response = client.get("/people/", {"q": q})
    assert response.status_code == 200
    return sorted(row[0] for row in Page(response).table_rows())


@pytest.mark.parametrize(
    ("q", "names"),
    [
        pytest.param("Smi", ["Ann Smith", "Gwen Smithson"], id="name prefix"),
        pytest.param("smith", ["Ann Smith", "Gwen Smithson"], id="lower case"),
        pytest.param("Smyth", ["Ann Smith"], id="phonetic variant"),
        pytest.param("Pritchard", ["Dai Pritchard"], id="whole surname"),
        pytest.param("Prichard", ["Dai Pritchard"], id="misspelt surname"),
        pytest.param("ann", ["Ann Smith"], id="first name"),
        pytest.param("999 000 0018", ["Ann Smith"], id="NHS number with spaces"),
        pytest.param("9990000026", ["Zara Khan"], id="NHS number without spaces"),
        pytest.param("AF1 2AB", ["Ann Smith"], id="full postcode"),
        pytest.param("af12ab", ["Ann Smith"], id="postcode without space"),
        pytest.param("AF1", ["Ann Smith", "Gwen Smithson"], id="outward code"),
        pytest.param("17/5/1970", ["Ann Smith", "Dai Pritchard"], id="date of birth d/m/yyyy"),
        pytest.param("17 5 1970", ["Ann Smith", "Dai Pritchard"], id="date of birth with spaces"),
        pytest.param("Smith 17/5/1970", ["Ann Smith"], id="name and date of birth"),
        pytest.param("Ann Smith AF1 2AB", ["Ann Smith"], id="full name and postcode"),
        pytest.param("Smith AF1", ["Ann Smith", "Gwen Smithson"], id="name and outward code"),
        pytest.param("Smith MR5", [], id="terms that match different people"),
        pytest.param("Nobody", [], id="no match"),
    ],
)
def test_search_finds_people_by_any_identifying_detail(front_door, people, q, names):
    assert found(front_door, q) == names


def test_a_search_with_no_results_says_so(front_door, people):
    page = Page(front_door.get("/people/", {"q": "Nobody"}))

    assert "No one found" in page.text


@pytest.mark.parametrize(
    ("q", "message"),
    [
        pytest.param("943 476 5918", "That NHS number is not valid", id="NHS checksum"),
        pytest.param("31/2/1980", "The date of birth is not a real date", id="31 February"),
        pytest.param("Smith 12345", "Some of what you typed is not a name", id="stray number"),
    ],
)
def test_a_search_that_cannot_be_understood_shows_an_error_not_a_failure(front_door, people, q, message):
    response = front_door.get("/people/", {"q": q})

    assert response.status_code == 200
    page = Page(response)
    assert any(message in item for item in page.error_summary)
    assert message in page.error_for("q")
    assert page.value_of("q") == q
    assert page.table_rows() == []
    assert not AccessEvent.objects.exists()


@pytest.mark.parametrize(
    "q", ["x" * 5000, "١٢٣ ٤٥٦ ٧٨٩٠", "'; DROP TABLE people_person; --", "%_%", "\u0000", "Smith\u0000"]
)
def test_odd_search_text_never_causes_a_failure(front_door, people, q):
    assert front_door.get("/people/", {"q": q}).status_code == 200


@pytest.mark.parametrize("page_number", ["abc", "-3", "0", "99999999999999999999999999999"])
def test_an_odd_page_number_never_causes_a_failure(front_door, people, page_number):
    response = front_door.get("/people/", {"q": "Smith", "page": page_number})

    assert response.status_code == 200


def test_each_search_logs_one_access_event_per_person_it_returned(front_door, people):
    front_door.get("/people/", {"q": "Smi"})

    events = AccessEvent.objects.all()
    assert sorted(e.person_ref for e in events) == sorted([people["ann"].pk, people["gwen"].pk])
    for event in events:
        assert (event.action, event.part) == (AccessAction.SEARCH, AccessPart.SEARCH_RESULTS)
        assert event.actor == front_door.user
        assert event.purpose == "Smi"
        assert event.ip_address == "127.0.0.1"


def test_a_search_that_returns_nobody_logs_nothing(front_door, people):
    front_door.get("/people/", {"q": "Nobody"})

    assert not AccessEvent.objects.exists()


def test_results_are_paged_and_only_the_shown_page_is_logged(front_door, make_carer):
    for n in range(30):
        make_carer(given=f"Person{n:02d}", family="Pagetest")

    first = Page(front_door.get("/people/", {"q": "Pagetest"}))
    logged_after_first = AccessEvent.objects.count()
    second = Page(front_door.get("/people/", {"q": "Pagetest", "page": "2"}))

    assert len(first.table_rows()) == 25
    assert len(second.table_rows()) == 5
    assert logged_after_first == 25
    assert AccessEvent.objects.count() == 30
    assert not set(r[0] for r in first.table_rows()) & set(r[0] for r in second.table_rows())


def _general_page(terms, page):
    """The page the general query gives, without the lone-name way (a filtered copy drops it)."""
    from carershub.people.models import Person
    from carershub.people.search import first_page, search_people

    return first_page(search_people(terms, visible=Person.objects.all()).filter(pk__gt=0), page)


@pytest.mark.parametrize("typed", ["jon", "jo", "smyth", "anne", "o'b", "zz"])
def test_a_lone_name_lists_the_same_pages_in_the_same_order_either_way(db, region, typed):
    """On PostgreSQL a lone name is answered from four name-ordered indexes (people/search.py); on
    SQLite both ways are the general query. Either way every page must be the same."""
    from carershub.people import search_terms
    from carershub.people.models import Person
    from carershub.people.search import _lone_name_ids, first_page, search_people

    names = [
        ("Jon", "Smith"), ("John", "Jones"), ("Jane", "Smyth"), ("Jonah", "Ap Rhys"), ("Anne", "Jonsson"),
        ("Siân", "Jonathan"), ("Ann", "O'Brien"), ("Joan", "Obi"), ("Jean", "Jonas"), ("Gwyn", "Smithers"),
    ]
    for n in range(60):
        given, family = names[n % len(names)]
        person = Person(given_name=given, family_name=f"{family}{'' if n < 10 else chr(97 + n % 26)}")
        person.refresh_search_keys()
        person.save()
    terms = search_terms.parse(typed)

    if connection.vendor == "postgresql":
        assert _lone_name_ids(search_people(terms, visible=Person.objects.all()), 0) is not None, "the quick way ran"
    for page in (1, 2, 3):
        quick = first_page(search_people(terms, visible=Person.objects.all()), page)
        general = _general_page(terms, page)
        assert [p.pk for p in quick[0]] == [p.pk for p in general[0]], f"page {page}"
        assert quick[1] == general[1]


def test_the_lone_name_way_is_not_taken_for_a_narrower_scope(client_for, make_carer, make_consent):
    """A partner sees only people shared with them: their search keeps the general, scoped query."""
    shared = make_carer(given="Jon", family="Shared")
    make_carer(given="Jon", family="Notshared")
    make_consent(shared)
    partner = client_for(Role.PARTNER_WORKER, organisation="partner")

    assert found(partner, "jon") == ["Jon Shared"]
