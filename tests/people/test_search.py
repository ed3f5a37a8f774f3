"""Finding people from the one search box, and the access log every search leaves."""

from datetime import date

import pytest
from django.db import connection

from carershub.accounts.models import Role
from carershub.audit.models import AccessAction, AccessEvent, AccessPart
from tests.pages import Page
from tests.builders import share_consented


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

def _same_pages_either_way(terms, pages) -> list:
    """Assert that the quick way ran on PostgreSQL and that each page equals the general query's;
    the people listed on those pages, in order."""
    from carershub.people.models import Person
    from carershub.people.search import _name_order_ids, first_page, search_people

    if connection.vendor == "postgresql":
        assert _name_order_ids(search_people(terms, visible=Person.objects.all()), 0) is not None, "the quick way ran"
    listed = []
    for page in pages:
        quick = first_page(search_people(terms, visible=Person.objects.all()), page)
        general = _general_page(terms, page)
        assert [p.pk for p in quick[0]] == [p.pk for p in general[0]], f"page {page}"
        assert quick[1] == general[1], f"page {page}: whether there is another"
        listed += quick[0]
    return listed



@pytest.mark.parametrize("typed", ["jon", "jo", "smyth", "anne", "o'b", "zz"])
def test_a_lone_name_lists_the_same_pages_in_the_same_order_either_way(db, region, typed):
    """On PostgreSQL a lone name is answered from four name-ordered indexes (people/search.py); on
    SQLite both ways are the general query. Either way every page must be the same."""
    from carershub.people import search_terms
    from carershub.people.models import Person

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

    _same_pages_either_way(terms, (1, 2, 3))


def test_first_names_with_more_than_a_page_each_list_the_same_pages_either_way(db, region):
    """A lone name's first-name branch is one index range sorted to take a page: with more than a
    page of each of several first names, their last names interleaved, every page must still be
    the general query's."""
    from carershub.people import search_terms
    from carershub.people.models import Person

    for n in range(150):
        given = ("Jon", "Jonah", "Jonathan", "Jonquil", "Jo")[n % 5]
        # Last names that sort every first name into the middle of the others' ("Aaa..." to "Zzz...").
        person = Person(given_name=given, family_name=f"{chr(65 + (n * 7) % 26)}{chr(97 + n % 26)}bell")
        person.refresh_search_keys()
        person.save()
    Person.objects.create(given_name="Jonny", family_name="Zzz")  # one of a kind, last in name order

    for typed in ("jon", "jona", "jonq"):
        listed = _same_pages_either_way(search_terms.parse(typed), (1, 2, 3, 4, 5, 6))
        assert len(listed) == len(set(listed))
    assert len(_same_pages_either_way(search_terms.parse("jon"), range(1, 8))) == 121


@pytest.mark.parametrize("people", [420, 140])
@pytest.mark.parametrize(
    "typed", ["ann jones", "jones ann", "jon zeb", "ann jonesby", "annwyl j", "jones zz", "jon jones", "jones jo"]
)
def test_last_names_read_one_at_a_time_list_the_same_pages_either_way(db, region, typed, people):
    """Two names read one last name at a time (name_branches.read_by_last_name): last names that begin
    with a name, or sound like it, each with more than a page of people whose first name begins with
    the other (420 people), or with fewer, so that the page takes several last names (140), or
    none. Each last name's people are read up to a page and one, and the reading stops once the
    last names read hold that many. "jon jones" and "jones jo" read first names one at a time too
    (name_branches.read_by_first_name): "Jones" as a first name has the key of "jones", "Jon" and
    "Jo" others. Every page must still be the general query's."""
    from carershub.people import search_terms
    from carershub.people.models import Person

    last_names = ["Jones", "Jonas", "Jonesby", "Johns", "Ann", "Annwyl", "Jonez"]
    first_names = ["Ann", "Anne", "Annwyl", "Ann", "Jones", "Zeb", "Jon"]
    for n in range(people):  # 420: 60 of each last name, 34 of them with a first name that begins "ann"
        given = first_names[(n // len(last_names)) % len(first_names)]
        person = Person(given_name=given + ("" if n % 4 else chr(97 + n % 26)), family_name=last_names[n % len(last_names)])
        person.refresh_search_keys()
        person.save()

    listed = _same_pages_either_way(search_terms.parse(typed), range(1, 9))
    assert len(listed) == len(set(listed))


def test_the_lone_name_way_is_not_taken_for_a_narrower_scope(client_for, make_carer, make_consent):
    """A partner sees only people shared with them: their search keeps the general, scoped query."""
    shared = make_carer(given="Jon", family="Shared")
    make_carer(given="Jon", family="Notshared")
    share_consented(make_consent(shared))
    partner = client_for(Role.PARTNER_WORKER, organisation="partner")

    assert found(partner, "jon") == ["Jon Shared"]


# ---------------------------------------------------------------------------
# Best match first (issue 9: "Dafydd" listed the one Dafydd after 19 Davids)
# ---------------------------------------------------------------------------


def listed(client, q, page=1) -> list[str]:
    """The names on a page of results, in the order shown."""
    response = client.get("/people/", {"q": q, "page": str(page)})
    assert response.status_code == 200
    return [row[0] for row in Page(response).table_rows()]


def test_an_exact_first_name_comes_before_its_sound_alikes(front_door, make_carer):
    for n in range(19):
        make_carer(given="David", family=f"Aaron{n:02d}")
    make_carer(given="Dafydd", family="Zeal")

    names = listed(front_door, "Dafydd")

    assert len(names) == 20, "the Davids are still found: they sound alike"
    assert names[0] == "Dafydd Zeal"


def test_an_exact_last_name_comes_before_longer_names_that_start_with_it(front_door, make_carer):
    make_carer(given="Alys", family="Jonesby")
    make_carer(given="Bryn", family="Jonas")
    make_carer(given="Zoe", family="Jones")

    assert listed(front_door, "jones")[0] == "Zoe Jones"


@pytest.mark.parametrize("typed", ["ann smith", "Smith Ann", "ANN SMITH", "Ánn Smith"])
def test_the_full_name_comes_first_either_way_round_whatever_the_case_and_accents(front_door, make_carer, typed):
    make_carer(given="Smithy", family="Annwyl")  # first in name order: "annwyl" before "smith"
    make_carer(given="Ann", family="Smithers")
    make_carer(given="Anne", family="Smith")
    make_carer(given="Ann", family="Smith")

    names = listed(front_door, typed)

    assert names[0] == "Ann Smith"
    assert set(names) == {"Ann Smith", "Ann Smithers", "Anne Smith", "Smithy Annwyl"}


def test_after_the_full_name_come_people_with_one_of_the_names_exactly(front_door, make_carer):
    make_carer(given="Smithy", family="Annwyl")  # neither name exactly, first in name order
    make_carer(given="Ann", family="Smithson")  # the first name exactly
    make_carer(given="Anne", family="Smith")  # the last name exactly
    make_carer(given="Ann", family="Smith")  # both

    assert listed(front_door, "ann smith") == ["Ann Smith", "Anne Smith", "Ann Smithson", "Smithy Annwyl"]


def test_a_hyphenated_name_typed_whole_comes_first(front_door, make_carer):
    make_carer(given="Aled", family="Smith-Jonas")  # sounds the same, and first in name order
    make_carer(given="Alys", family="Smith-Jonesworth")
    make_carer(given="Eira", family="Smith-Jones")

    assert listed(front_door, "Smith-Jones") == ["Eira Smith-Jones", "Aled Smith-Jonas", "Alys Smith-Jonesworth"]


def test_paging_keeps_the_best_matches_first_and_lists_everybody_once(front_door, make_carer):
    for n in range(30):
        make_carer(given="David", family=f"Pagerank{n:02d}")
    make_carer(given="Dafydd", family="Pagerank99")

    first, second = listed(front_door, "dafydd"), listed(front_door, "dafydd", page=2)

    assert first[0] == "Dafydd Pagerank99"
    assert len(first) == 25 and len(second) == 6
    assert not set(first) & set(second)
    assert first[1:] == sorted(first[1:]) and second == sorted(second), "the rest in name order"


def test_on_the_lone_name_way_an_exact_name_late_in_name_order_still_comes_first(db, region):
    """The name-ordered branches (people/search.py) each read one page: an exact first name whose last
    name sorts after a page of other matches (by prefix and by sound) is found only by the exact-name branches."""
    from carershub.people import search_terms
    from carershub.people.models import Person
    from carershub.people.search import first_page, search_people

    for n in range(30):
        Person.objects.create(given_name="Jonathan", family_name=f"Aaberg{n:02d}")  # "jon..." first names
        Person.objects.create(given_name="Joan", family_name=f"Aabel{n:02d}")  # sound like "jon"
    late = Person.objects.create(given_name="Jon", family_name="Zywiec")
    family = Person.objects.create(given_name="Mari", family_name="Jon")
    terms = search_terms.parse("jon")

    _same_pages_either_way(terms, (1, 2, 3))
    assert [p.pk for p in first_page(search_people(terms, visible=Person.objects.all()), 1)[0][:2]] == [family.pk, late.pk]


@pytest.mark.parametrize("typed", ["jon", "smith", "jonas", "sian", "obrien", "smyth"])
def test_exact_names_rank_the_same_either_way(db, region, typed):
    """Decision 23's check again, with people whose first or last name is exactly what was typed."""
    from carershub.people import search_terms
    from carershub.people.models import Person

    names = [
        ("Jon", "Zeller"), ("Mari", "Jon"), ("Smith", "Abbott"), ("Alun", "Smith"), ("Jonas", "Jonas"),
        ("Siân", "Williams"), ("Sian", "Jonsson"), ("Ann", "O'Brien"), ("Gwyn", "Smyth"), ("Jonathan", "Smithers"),
    ]
    for n in range(70):
        given, family = names[n % len(names)]
        Person.objects.create(given_name=given if n % 3 else f"{given}{chr(97 + n % 26)}", family_name=family if n % 2 else f"{family}{chr(97 + n % 26)}")
    terms = search_terms.parse(typed)

    _same_pages_either_way(terms, (1, 2, 3))


# ---------------------------------------------------------------------------
# Dates written the way the service writes them
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "17 May 1970", "17 may 1970", "17th May 1970", "17 Mai 1970", "17/5/70", "17/05/1970",
        "17-05-1970", "17.5.1970", "17 5 70", "1970-05-17", "Smith 17 May 1970",
    ],
)
def test_a_date_of_birth_is_found_however_it_is_written(front_door, people, typed):
    assert "Ann Smith" in found(front_door, typed)


@pytest.mark.parametrize(
    ("typed", "year"),
    [
        pytest.param("14/3/68", 1968, id="last century"),
        pytest.param("14/3/25", 2025, id="this year, already past"),
        pytest.param("16/6/25", 1925, id="later this year: a birth cannot be in the future"),
        pytest.param("15/6/25", 2025, id="today"),
        pytest.param("1/1/00", 2000, id="the turn of the century"),
        pytest.param("14 March 1968", 1968, id="four digits as typed"),
    ],
)
def test_a_two_digit_year_of_birth_is_never_in_the_future(typed, year):
    from carershub.people.search_terms import parse

    assert parse(typed, today=date(2025, 6, 15)).date_of_birth.year == year


def test_a_worded_date_that_cannot_be_is_a_problem_not_a_name(front_door, people):
    page = Page(front_door.get("/people/", {"q": "30 February 1970"}))

    assert page.error_for("q") == "The date of birth is not a real date. Enter it like 27 March 1961 or 27/3/1961."


def test_a_welsh_month_name_reads_as_the_welsh_pages_write_it():
    from carershub.people.search_terms import parse

    assert parse("14 Mawrth 1968", today=date(2025, 6, 15)).date_of_birth == date(1968, 3, 14)
    assert parse("Mai Jones", today=date(2025, 6, 15)).names == ["mai", "jones"], "a name is still a name"


# ---------------------------------------------------------------------------
# A problem is shown once: in the summary, linked to the box, and on the box
# ---------------------------------------------------------------------------


def test_a_problem_found_twice_is_shown_once_in_the_summary_and_once_on_the_box(front_door, people):
    message = "Some of what you typed is not a name, NHS number, postcode or date of birth."

    page = Page(front_door.get("/people/", {"q": "Smith 12 34 5"}))

    assert page.error_summary == [message]
    assert page.error_for("q") == message
    links = [a.attrs.get("href") for a in page.find_all("div", "govuk-error-summary")[0].iter() if a.tag == "a"]
    assert links == ["#q"]
    assert page.by_id("q") is not None


def test_two_different_problems_are_each_listed_once(front_door, people):
    page = Page(front_door.get("/people/", {"q": "943 476 5918 Smith 12"}))

    assert len(page.error_summary) == 2
    assert "That NHS number is not valid" in page.error_summary[0]
    assert "Some of what you typed" in page.error_summary[1]
    assert page.error_for("q").count("That NHS number is not valid") == 1


@pytest.mark.parametrize(
    "typed", ["ann jones", "jones ann", "jon smith", "smith smithers", "jo jon", "sian jonas", "a j", "ann zz"]
)
def test_two_names_list_the_same_pages_in_the_same_order_either_way(db, region, typed):
    """Decision 57: two names across the region are read from name-ordered branches on PostgreSQL
    (people/name_branches.py). Full names, exact names, prefixes and sound-alikes, each more than a
    page, with the best matches late in name order: every page must be the general query's."""
    from carershub.people import search_terms
    from carershub.people.models import Person

    names = [
        ("Ann", "Jones"), ("Anne", "Jonas"), ("Jones", "Ann"), ("Annwyl", "Jonesby"), ("Jon", "Smith"),
        ("John", "Smyth"), ("Smith", "Smithers"), ("Siân", "Jonas"), ("Jo", "Jon"), ("Joan", "Ansell"),
        ("Ann", "Zywiec"), ("Mari", "Jones"), ("Jon", "Zz"),
    ]
    for n in range(90):
        given, family = names[n % len(names)]
        # The first round as they are (full and exact names); after that most get a letter added,
        # so they match by prefix and sort before the exact ones ("Aaron..." first names).
        if n >= len(names) and n % 3:
            given = f"Aa{given}" if n % 2 else given
            family = f"{family}{chr(97 + n % 26)}"
        person = Person(given_name=given, family_name=family)
        person.refresh_search_keys()
        person.save()
    terms = search_terms.parse(typed)
    assert len(terms.names) == 2

    _same_pages_either_way(terms, (1, 2, 3, 4))


def test_three_names_or_a_name_with_its_date_of_birth_keep_the_general_query(db, region):
    from carershub.people import search_terms
    from carershub.people.models import Person
    from carershub.people.search import _name_order_ids, search_people

    for typed in ("mary ann jones", "ann jones 3/4/1961", "ann jones AF1 2AB", "smith-jones", "smith MR4", "MR4 6HX"):
        terms = search_terms.parse(typed)
        assert _name_order_ids(search_people(terms, visible=Person.objects.all()), 0) is None, typed


def test_with_two_names_an_exact_first_name_late_in_name_order_still_comes_first(db, region):
    """Ann Joneszz sorts after thirty Anne Jones-somethings, who match "ann jones" every way she does
    (prefixes and sound-alike keys), but her first name is exactly "ann": only the branch for that
    exact first name reads her on the first page."""
    from carershub.people import search_terms
    from carershub.people.models import Person
    from carershub.people.search import first_page, search_people

    for n in range(30):
        Person.objects.create(given_name="Anne", family_name=f"Jones{chr(97 + n % 26)}{n:02d}")  # every way
        Person.objects.create(given_name="Anna", family_name=f"Jonas{n:02d}")  # by sound
    late = Person.objects.create(given_name="Ann", family_name="Joneszz")
    terms = search_terms.parse("ann jones")

    _same_pages_either_way(terms, (1, 2, 3))
    assert first_page(search_people(terms, visible=Person.objects.all()), 1)[0][0].pk == late.pk


def test_a_postcode_district_alone_lists_the_same_pages_in_the_same_order_either_way(db, region):
    """On PostgreSQL "MR4" is read from the index of districts in name order (people/0008): the
    same pages as the general query, and nobody from MR40 or with only "MR4" written down."""
    from carershub.people import search_terms
    from carershub.people.models import Person

    families = ["Jones", "Ap Rhys", "O'Brien", "Smith", "Évans", "jones", "Zywiec"]
    for n in range(70):
        postcode = ["MR4 6HX", "MR4 1AB", "MR40 1AB", "MR4", "AF1 2AB"][n % 5]
        person = Person(given_name=f"Person{n % 9}", family_name=families[n % len(families)], postcode=postcode)
        person.refresh_search_keys()
        person.save()
    terms = search_terms.parse("mr4")

    listed = _same_pages_either_way(terms, (1, 2))
    assert len(listed) == 28 and {p.postcode for p in listed} == {"MR4 6HX", "MR4 1AB"}


def test_each_result_says_whether_they_are_a_carer_and_of_what_type(front_door, make_carer, region):
    from datetime import timedelta

    from carershub.people.models import CarerProfile, Person

    today = date.today()
    make_carer(given="Adult", family="Columntest", dob=date(1970, 5, 17))
    make_carer(given="Young", family="Columntest", dob=today - timedelta(days=365 * 12))
    make_carer(given="Undated", family="Columntest", dob=None)
    Person.objects.create(given_name="Cared", family_name="Columntest", area=region["areas"]["afon"])
    former = make_carer(given="Former", family="Columntest")
    CarerProfile.objects.filter(person=former).update(caring_ended_on=today - timedelta(days=1))

    rows = {row[0]: row[4] for row in Page(front_door.get("/people/", {"q": "columntest"})).table_rows()}

    assert rows == {
        "Adult Columntest": "Adult carer",
        "Young Columntest": "Young carer (under 18)",
        "Undated Columntest": "Yes",
        "Cared Columntest": "No",
        "Former Columntest": "Former carer",
    }


def test_a_page_of_results_takes_the_same_statements_however_many_it_lists(
    client_for, make_user, marches_carer, marches_council, make_carer, region
):
    """A result's row is read with only what the page shows and what says whether the user works
    with them (people/search.py _RESULT_VALUES), in one statement however many it lists: a question
    asked of each result would make the longer page take more statements."""
    from django.test.utils import CaptureQueriesContext

    from carershub.people.models import CarerProfile, Person

    practitioner = client_for(Role.PRACTITIONER)
    colleague = make_user(Role.PRACTITIONER)  # the same council
    stranger = make_user(Role.PRACTITIONER, organisation=marches_council)

    def make(family: str, copies: int) -> dict[str, bool]:
        """Marches carers with a case worker of the practitioner's council, of the Marches' council
        and none, a person who is no carer, and an Afon carer: whether each is one of the
        practitioner's records."""
        ours = {}
        for n in range(copies):
            for kind, worker in (("colleague", colleague), ("stranger", stranger), ("nobody", None)):
                person = marches_carer(given=f"{kind.title()}{n}", family=family)
                CarerProfile.objects.filter(person=person).update(case_worker=worker)
                ours[person.display_name] = kind == "colleague"
            other = Person.objects.create(given_name=f"Cared{n}", family_name=family, area=region["areas"]["marches"])
            ours[other.display_name] = False
            local = make_carer(given=f"Local{n}", family=family)
            ours[local.display_name] = True
        return ours

    def search(family: str):
        with CaptureQueriesContext(connection) as statements:
            response = practitioner.get("/people/", {"q": family})
        assert response.status_code == 200
        rows = {row[0].removesuffix("Not one of your records").strip(): row[0].endswith("Not one of your records")
                for row in Page(response).table_rows()}
        return len(statements), rows

    few, many = make("Rowtestone", 1), make("Rowtesttwo", 4)
    search("Rowtesttwo")  # the first request of a session writes where the user is signed in
    statements_few, rows_few = search("Rowtestone")
    statements_many, rows_many = search("Rowtesttwo")

    assert (len(rows_few), len(rows_many)) == (5, 20)
    assert rows_few == {name: not ours for name, ours in few.items()}
    assert rows_many == {name: not ours for name, ours in many.items()}
    assert statements_many == statements_few


def test_a_search_result_answers_as_the_persons_own_record(
    make_user, make_carer, marches_carer, marches_council, region
):
    """A page of results reads each person as a SearchResult row (decision 79), not a Person: it must
    say what the record says (names, the carer's type today, whether they are a carer) and give
    the same answer to whether a user works with them, for each way that is read from the row."""
    from django.utils import timezone

    from carershub.people import relationships
    from carershub.people.models import CarerProfile, Person
    from carershub.people import search_terms
    from carershub.people.search import SearchResult, first_page, search_people

    today = timezone.localdate()
    practitioner = make_user(Role.PRACTITIONER)
    colleague = make_user(Role.PRACTITIONER)  # the practitioner's council
    elsewhere = make_user(Role.PRACTITIONER, organisation=marches_council)
    young = make_carer(given="Young", family="Rowcheck", dob=date(today.year - 12, 1, 1))
    named = make_carer(given="Elizabeth", family="Rowcheck", dob=date(1950, 2, 3))
    Person.objects.filter(pk=named.pk).update(preferred_name="Beth")
    parent = make_carer(given="Parent", family="Rowcheck")
    CarerProfile.objects.filter(person=parent).update(is_parent_carer=True, case_worker=elsewhere)
    former = make_carer(given="Former", family="Rowcheck")
    CarerProfile.objects.filter(person=former).update(caring_ended_on=today, case_worker=practitioner)
    away = marches_carer(given="Away", family="Rowcheck")
    CarerProfile.objects.filter(person=away).update(case_worker=elsewhere)
    shared = marches_carer(given="Shared", family="Rowcheck")  # outside the council's area, its worker's
    CarerProfile.objects.filter(person=shared).update(case_worker=practitioner)
    cared_for = Person.objects.create(given_name="Cared", family_name="Rowcheck", area=region["areas"]["marches"])

    terms = search_terms.parse("rowcheck", today=today)
    results, _more = first_page(search_people(terms, visible=Person.objects.all()))

    assert len(results) == 7 and all(type(r) is SearchResult for r in results)
    for result in results:
        person = Person.objects.select_related("carer__case_worker").get(pk=result.pk)
        assert (result.id, result.full_name, result.display_name, result.date_of_birth, result.postcode) == (
            person.pk, person.full_name, person.display_name, person.date_of_birth, person.postcode
        )
        assert hasattr(result, "carer") == hasattr(person, "carer"), result.full_name
        if hasattr(person, "carer"):
            assert result.carer.carer_type(today) == person.carer.carer_type(today), result.full_name
        for user in (practitioner, colleague, elsewhere):
            assert relationships.works_with_on_record(user, result) == relationships.works_with_on_record(
                user, person
            ), (result.full_name, user)
    by_name = {r.full_name: r for r in results}
    assert by_name["Elizabeth Rowcheck"].display_name == "Elizabeth Rowcheck (Beth)"
    assert relationships.works_with_on_record(elsewhere, by_name["Parent Rowcheck"]), "their case worker"
    assert relationships.works_with_on_record(colleague, by_name["Shared Rowcheck"]), "their case worker's council"
    assert not hasattr(by_name[cared_for.full_name], "carer")


def test_a_search_result_asked_for_what_it_does_not_hold_says_so(make_carer):
    """A template that showed another column would otherwise show a blank cell on every result."""
    from carershub.people.models import Person
    from carershub.people import search_terms
    from carershub.people.search import first_page, search_people

    make_carer(given="Ann", family="Holdcheck")
    (result,), _more = first_page(search_people(search_terms.parse("holdcheck"), visible=Person.objects.all()))

    with pytest.raises(TypeError, match="_RESULT_VALUES"):
        result.town
    with pytest.raises(TypeError, match="'carer.identified_on'"):
        result.carer.identified_on
    assert not hasattr(result, "__html__") and not hasattr(result.carer, "__html__")
