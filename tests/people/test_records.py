"""Carer records: adding one, the errors a worker sees, duplicates, carer type, and two editors at once."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from carershub.accounts.models import Role
from carershub.activity.models import Event
from carershub.audit.models import AccessAction, AccessEvent, AccessPart
from carershub.people.models import CarerProfile, Person
from tests import formdata
from tests.pages import Page


def _years_ago(years: int, days: int = 0) -> date:
    today = timezone.localdate()
    try:
        birthday = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        birthday = today.replace(year=today.year - years, day=28)
    return birthday - timedelta(days=days)


# --- Adding a carer ---------------------------------------------------------------------------------


def test_a_new_carer_record_is_saved_from_valid_details(front_door):
    data = formdata.new_carer(
        nhs_number="999 000 0018", postcode="af1 2ab", phone="07700 900123", email="bronwen@example.com"
    )

    response = front_door.post("/people/new/", data)

    person = Person.objects.get(family_name="Testfield")
    assert response.status_code == 302
    assert response.url == f"/people/{person.pk}/"
    assert person.given_name == "Bronwen"
    assert person.date_of_birth == date(1968, 4, 12)
    assert person.nhs_number == "9990000018"
    assert person.postcode == "AF1 2AB"
    assert person.phone == "+447700900123"
    assert person.created_by == front_door.user
    assert CarerProfile.objects.filter(person=person).exists()


def test_a_new_carer_record_writes_created_and_identified_events(front_door):
    front_door.post("/people/new/", formdata.new_carer())

    person = Person.objects.get(family_name="Testfield")
    events = Event.objects.filter(person=person)
    assert sorted(events.values_list("kind", flat=True)) == ["carer.identified", "person.created"]
    assert all(e.actor == front_door.user for e in events)
    assert events.get(kind="carer.identified").data["carer_type"] == "adult_carer"


def test_the_new_record_page_shows_what_was_saved(front_door):
    response = front_door.post("/people/new/", formdata.new_carer(nhs_number="9990000018"), follow=True)

    page = Page(response)
    assert "Carer record created for Bronwen Testfield" in page.text
    assert "999 000 0018" in page.text
    assert "Adult carer" in page.text


BAD_INPUT = [
    pytest.param("nhs_number", "12345", "NHS number must be 10 digits", id="NHS number too short"),
    pytest.param("nhs_number", "943476591X", "NHS number must only include numbers 0 to 9", id="NHS number letters"),
    pytest.param("nhs_number", "943 476 5918", "Enter a valid NHS number, like 943 476 5919", id="NHS checksum"),
    pytest.param("nhs_number", "1111111111", "Enter a valid NHS number, like 943 476 5919", id="NHS number of one repeated digit"),
    pytest.param("postcode", "AF1 2A", "Enter a full UK postcode", id="postcode too short"),
    pytest.param("postcode", "QQ1 2AB", "Enter a full UK postcode", id="postcode bad letters"),
    pytest.param("given_name", "", "Enter their first name", id="no first name"),
    pytest.param("given_name", "x" * 5000, "First name must be 100 characters or less", id="first name 5000 chars"),
    pytest.param("family_name", "y" * 101, "Last name must be 100 characters or less", id="last name 101 chars"),
    pytest.param(
        "communication_needs", "z" * 501, "Communication needs must be 500 characters or less", id="long textarea"
    ),
    pytest.param("given_name", "Ann\u0000", "Null characters are not allowed", id="NUL character"),
    pytest.param("email", "not-an-email", "Enter an email address in the correct format", id="bad email"),
    pytest.param("phone", "12345", "Enter a UK telephone number", id="bad phone"),
]


@pytest.mark.parametrize(("field", "value", "message"), BAD_INPUT)
def test_bad_input_gets_an_error_on_the_field_and_keeps_what_was_typed(front_door, field, value, message):
    response = front_door.post("/people/new/", formdata.new_carer(**{field: value}))

    assert response.status_code == 200
    page = Page(response)
    assert message in page.error_for(field)
    assert any(message in item for item in page.error_summary)
    assert page.value_of(field).strip() == value.strip()
    assert not Person.objects.exists()


DATE_PROBLEMS = [
    pytest.param(("31", "2", "1980"), "Date of birth must be a real date", id="31 February"),
    pytest.param(("12", "13", "1980"), "Date of birth must be a real date", id="month 13"),
    pytest.param(("12", "4", "80"), "Year must include 4 numbers", id="two-digit year"),
    pytest.param(("12", "", "1980"), "Date of birth must include a month", id="missing month"),
    pytest.param(("1st", "4", "1980"), "Date of birth must be a real date", id="not a number"),
    pytest.param(("1", "1", "99999999999999999999"), "Date of birth must be a real date", id="huge year"),
]


@pytest.mark.parametrize(("parts", "message"), DATE_PROBLEMS)
def test_a_date_of_birth_that_is_not_a_real_date_gets_an_error_and_keeps_what_was_typed(front_door, parts, message):
    day, month, year = parts
    data = formdata.new_carer(date_of_birth_day=day, date_of_birth_month=month, date_of_birth_year=year)

    response = front_door.post("/people/new/", data)

    assert response.status_code == 200
    page = Page(response)
    assert message in page.error_for("date_of_birth")
    assert (page.value_of("date_of_birth_day"), page.value_of("date_of_birth_month")) == (day, month)
    assert page.value_of("date_of_birth_year") == year
    assert not Person.objects.exists()


def test_a_date_of_birth_in_the_future_is_refused(front_door):
    tomorrow = timezone.localdate() + timedelta(days=1)

    response = front_door.post("/people/new/", formdata.new_carer(**formdata.date_parts("date_of_birth", tomorrow)))

    assert response.status_code == 200
    assert "Date of birth must be today or in the past" in Page(response).error_for("date_of_birth")
    assert not Person.objects.exists()


def test_a_date_of_birth_more_than_125_years_ago_is_refused(front_door):
    data = formdata.new_carer(**formdata.date_parts("date_of_birth", date(1899, 1, 1)))

    response = front_door.post("/people/new/", data)

    assert response.status_code == 200
    assert Page(response).error_for("date_of_birth")
    assert not Person.objects.exists()


def test_a_validation_error_keeps_everything_else_that_was_typed(front_door):
    typed = formdata.new_carer(
        nhs_number="943 476 5918",
        preferred_name="Bron",
        address_line_2="Cwmfelin",
        phone="07700 900123",
        email="bronwen@example.com",
        preferred_contact_method="text",
        preferred_language="cy",
        communication_needs="Prefers Welsh on the phone",
    )

    page = Page(front_door.post("/people/new/", typed))

    kept = page.form_data("/people/new/")
    for name, value in typed.items():
        assert kept.get(name, "") == str(value), name


# --- Duplicates -------------------------------------------------------------------------------------


def test_the_same_nhs_number_blocks_a_second_record(front_door, make_carer):
    make_carer(given="Bronwen", family="Testfield", nhs_number="9990000018")

    response = front_door.post("/people/new/", formdata.new_carer(given_name="Anna", nhs_number="999 000 0018"))

    assert response.status_code == 200
    assert "Another record already has this NHS number" in Page(response).error_for("nhs_number")
    assert Person.objects.count() == 1


def test_the_same_nhs_number_cannot_be_added_even_when_confirming_a_new_record(front_door, make_carer):
    make_carer(nhs_number="9990000018")

    front_door.post("/people/new/", formdata.new_carer(nhs_number="9990000018", confirm_new="on"))

    assert Person.objects.count() == 1


def test_a_similar_name_and_same_date_of_birth_shows_possible_matches_and_saves_nothing(front_door, make_carer):
    existing = make_carer(given="Bronwen", family="Testfield", dob=date(1968, 4, 12), postcode="AF9 9ZZ")

    response = front_door.post("/people/new/", formdata.new_carer(given_name="Bronwyn"))

    assert response.status_code == 200
    page = Page(response)
    assert "This person may already have a record" in page.text
    assert f"/people/{existing.pk}/" in page.links()
    assert "same date of birth" in page.text
    assert Person.objects.count() == 1
    assert page.value_of("given_name") == "Bronwyn", "what was typed is kept while the worker checks"


def test_showing_possible_matches_is_logged_as_access_to_those_records(front_door, make_carer):
    existing = make_carer(given="Bronwen", family="Testfield", dob=date(1968, 4, 12))

    front_door.post("/people/new/", formdata.new_carer())

    event = AccessEvent.objects.get(person_ref=existing.pk)
    assert (event.action, event.part, event.actor) == (
        AccessAction.SEARCH,
        AccessPart.POSSIBLE_DUPLICATES,
        front_door.user,
    )


def test_saving_again_without_answering_the_matches_question_says_what_is_needed(front_door, make_carer):
    make_carer(given="Bronwen", family="Testfield", dob=date(1968, 4, 12))

    response = front_door.post("/people/new/", formdata.new_carer(given_name="Bronwyn", matches_shown="1"))

    assert response.status_code == 200
    assert "Tick the box if none of these is the person" in " ".join(Page(response).error_summary)
    assert not Person.objects.filter(given_name="Bronwyn").exists()


def test_confirming_none_of_the_matches_is_the_person_adds_the_new_record(front_door, make_carer):
    make_carer(given="Bronwen", family="Testfield", dob=date(1968, 4, 12))

    response = front_door.post("/people/new/", formdata.new_carer(given_name="Bronwyn", confirm_new="on"))

    assert response.status_code == 302
    assert Person.objects.filter(given_name="Bronwyn", family_name="Testfield").exists()


def test_a_different_person_with_the_same_surname_is_not_offered_as_a_match(front_door, make_carer):
    make_carer(given="Gethin", family="Testfield", dob=date(1990, 1, 1), postcode="MR5 7HT")

    response = front_door.post("/people/new/", formdata.new_carer())

    assert response.status_code == 302
    assert Person.objects.count() == 2


# --- Carer type derived from age -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("age", "parent", "label"),
    [
        (12, False, "Young carer (under 18)"),
        (17, True, "Young carer (under 18)"),
        (18, False, "Young adult carer (18 to 25)"),
        (25, False, "Young adult carer (18 to 25)"),
        (26, False, "Adult carer"),
        (40, True, "Parent carer"),
    ],
)
def test_the_carer_type_follows_from_age_and_parent_caring(front_door, age, parent, label):
    dob = _years_ago(age, days=1)
    data = formdata.new_carer(**formdata.date_parts("date_of_birth", dob), is_parent_carer="on" if parent else "")

    response = front_door.post("/people/new/", data, follow=True)

    assert f"Type of carer {label}" in Page(response).text


def test_a_young_carer_is_shown_as_a_young_carer_in_search_results(front_door, make_carer):
    make_carer(given="Cai", family="Youngtest", dob=_years_ago(12))

    page = Page(front_door.get("/people/", {"q": "Youngtest"}))

    assert page.table_rows()[0][-1] == "Young carer (under 18)"


# --- Two people editing the same record -------------------------------------------------------------


def test_a_second_edit_from_an_out_of_date_form_is_refused_and_the_first_edit_kept(
    make_carer, make_user, new_client
):
    person = make_carer(given="Ann", family="Conflicttest", nhs_number=None)
    first, second = new_client(make_user(Role.FRONT_DOOR)), new_client(make_user(Role.PRACTITIONER))
    url = f"/people/{person.pk}/edit/details/"
    first_form = Page(first.get(url)).form_data()
    second_form = Page(second.get(url)).form_data()
    assert first_form["version"] == second_form["version"] == str(person.version)

    saved = first.post(url, {**first_form, "family_name": "Firstchange"})
    assert saved.status_code == 302
    refused = second.post(url, {**second_form, "phone": "07700 900456", "town": "Pontafon"})

    assert refused.status_code == 200
    page = Page(refused)
    assert "Somebody else changed this record while you were editing it" in " ".join(page.error_summary)
    assert page.value_of("phone") == "07700 900456", "the second worker's typing is still on the page"
    person.refresh_from_db()
    assert person.family_name == "Firstchange"
    assert person.phone == ""
    assert person.town == ""
    assert person.version == int(first_form["version"]) + 1


def test_a_second_edit_of_carer_details_from_an_out_of_date_form_is_refused(make_carer, make_user, new_client):
    person = make_carer()
    first, second = new_client(make_user(Role.FRONT_DOOR)), new_client(make_user(Role.TEAM_MANAGER))
    url = f"/people/{person.pk}/edit/carer/"
    first_form, second_form = Page(first.get(url)).form_data(), Page(second.get(url)).form_data()

    assert first.post(url, {**first_form, "is_parent_carer": "on"}).status_code == 302
    refused = second.post(url, {**second_form, "case_worker": second.user.pk})

    assert refused.status_code == 200
    assert "Somebody else changed this record" in " ".join(Page(refused).error_summary)
    person.carer.refresh_from_db()
    assert person.carer.is_parent_carer is True
    assert person.carer.case_worker is None


def test_an_edit_from_an_up_to_date_form_is_saved_and_logged(front_door, make_carer):
    person = make_carer(given="Ann", family="Edittest")
    url = f"/people/{person.pk}/edit/details/"
    form = Page(front_door.get(url)).form_data()

    response = front_door.post(url, {**form, "preferred_name": "Annie"})

    assert response.status_code == 302
    person.refresh_from_db()
    assert person.preferred_name == "Annie"
    event = Event.objects.get(person=person, kind="person.changed")
    assert event.data == {"fields": ["preferred_name"]}
    assert event.actor == front_door.user


def test_an_edit_that_gives_another_records_nhs_number_is_refused(front_door, make_carer):
    make_carer(given="Other", family="Holder", nhs_number="9990000018")
    person = make_carer(given="Ann", family="Edittest")
    url = f"/people/{person.pk}/edit/details/"

    response = front_door.post(url, {**Page(front_door.get(url)).form_data(), "nhs_number": "999 000 0018"})

    assert response.status_code == 200
    assert "Another record already has this NHS number" in Page(response).error_for("nhs_number")
    person.refresh_from_db()
    assert person.nhs_number is None
