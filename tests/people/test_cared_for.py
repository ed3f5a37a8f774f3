"""Adding the person a carer looks after: a new record or one that already exists."""

from datetime import date

import pytest

from carershub.activity.models import Event
from carershub.people.models import CaringRelationship, Person
from tests import formdata
from tests.pages import Page


@pytest.fixture
def carer(make_carer, region):
    return make_carer(
        given="Bronwen",
        family="Testfield",
        address_line_1="1 Test Row",
        town="Aberafon",
        postcode="AF1 2AB",
    )


def url(carer):
    return f"/people/{carer.pk}/cared-for/new/"


def test_adding_a_new_cared_for_person_makes_their_record_and_the_relationship(front_door, carer):
    response = front_door.post(url(carer), formdata.cared_for(**{"caring-lives_with_carer": "on"}))

    assert response.status_code == 302
    assert response.url == f"/people/{carer.pk}/"
    cared_for = Person.objects.get(given_name="Idris")
    assert cared_for.date_of_birth == date(1940, 9, 3)
    assert cared_for.created_by == front_door.user
    caring = CaringRelationship.objects.get(carer=carer)
    assert caring.cared_for == cared_for
    assert caring.relationship == "parent"
    assert caring.hours_per_week == 35
    assert caring.lives_with_carer is True


def test_adding_a_new_cared_for_person_writes_created_and_caring_events(front_door, carer):
    front_door.post(url(carer), formdata.cared_for())

    cared_for = Person.objects.get(given_name="Idris")
    created = Event.objects.get(kind="person.created")
    assert created.person == cared_for
    assert created.actor == front_door.user
    caring = Event.objects.get(kind="caring.added")
    assert caring.person == carer
    assert caring.data == {"hours_band": "35_to_49", "relationship": "parent"}


def test_the_carer_record_shows_who_they_care_for_and_how(front_door, carer):
    front_door.post(url(carer), formdata.cared_for(**{"caring-relationship": "spouse_partner"}))

    text = Page(front_door.get(f"/people/{carer.pk}/")).text
    assert "Idris Testfield" in text
    assert "Who they are to the carer Husband, wife or partner" in text
    assert "Hours of care a week 35" in text


def test_the_cared_for_person_can_share_the_carers_address(front_door, carer):
    front_door.post(url(carer), formdata.cared_for(**{"person-same_address": "on"}))

    cared_for = Person.objects.get(given_name="Idris")
    assert (cared_for.address_line_1, cared_for.town, cared_for.postcode) == ("1 Test Row", "Aberafon", "AF1 2AB")
    assert cared_for.area == carer.area


@pytest.mark.parametrize(
    ("hours", "message"),
    [
        ("169", "Hours of care a week must be between 0 and 168"),
        ("-1", "Hours of care a week must be between 0 and 168"),
        ("99999999999999999999", "Hours of care a week must be between 0 and 168"),
        ("twenty", "Hours of care a week must be a whole number, like 20"),
    ],
)
def test_impossible_hours_of_care_are_refused_and_nothing_is_saved(front_door, carer, hours, message):
    response = front_door.post(url(carer), formdata.cared_for(**{"caring-hours_per_week": hours}))

    assert response.status_code == 200
    page = Page(response)
    assert message in page.error_for("caring-hours_per_week")
    assert page.value_of("caring-hours_per_week") == hours
    assert page.value_of("person-given_name") == "Idris"
    assert not CaringRelationship.objects.exists()
    assert not Person.objects.filter(given_name="Idris").exists()


def test_several_main_conditions_can_be_recorded(front_door, carer):
    page = Page(front_door.get(url(carer)))
    inputs = [n for n in page.find_all("input") if n.attrs.get("name") == "caring-condition_groups"]
    assert inputs and {n.attrs.get("type") for n in inputs} == {"checkbox"}

    front_door.post(url(carer), formdata.cared_for(**{"caring-condition_groups": ["dementia", "frailty"]}))

    assert CaringRelationship.objects.get().condition_groups == ["dementia", "frailty"]


def test_ticked_conditions_are_kept_when_another_answer_has_an_error(front_door, carer):
    data = formdata.cared_for(**{"caring-condition_groups": ["dementia", "sensory"], "caring-hours_per_week": "200"})

    page = Page(front_door.post(url(carer), data))

    assert sorted(page.value_of("caring-condition_groups")) == ["dementia", "sensory"]


def test_168_hours_a_week_is_accepted(front_door, carer):
    response = front_door.post(url(carer), formdata.cared_for(**{"caring-hours_per_week": "168"}))

    assert response.status_code == 302
    assert CaringRelationship.objects.get().hours_per_week == 168


def test_the_relationship_must_be_chosen(front_door, carer):
    response = front_door.post(url(carer), formdata.cared_for(**{"caring-relationship": ""}))

    assert response.status_code == 200
    assert "Select who they are to the carer" in Page(response).error_for("caring-relationship")


def test_a_cared_for_person_who_may_already_have_a_record_is_offered_and_nothing_saved(front_door, carer, make_carer):
    existing = make_carer(given="Idris", family="Testfield", dob=date(1940, 9, 3), postcode="AF1 2AB")

    response = front_door.post(url(carer), formdata.cared_for())

    assert response.status_code == 200
    page = Page(response)
    assert "This person may already have a record" in page.text
    radios = [n.attrs.get("value") for n in page.find_all("input") if n.attrs.get("name") == "match_choice"]
    assert radios == [str(existing.pk), "new"]
    assert Person.objects.count() == 2
    assert not CaringRelationship.objects.exists()


def test_choosing_the_existing_record_links_it_without_a_new_person(front_door, carer, make_carer):
    existing = make_carer(given="Idris", family="Testfield", dob=date(1940, 9, 3))

    response = front_door.post(url(carer), formdata.cared_for(match_choice=str(existing.pk)))

    assert response.status_code == 302
    assert Person.objects.count() == 2
    caring = CaringRelationship.objects.get(carer=carer)
    assert caring.cared_for == existing
    assert not Event.objects.filter(kind="person.created").exists()
    assert Event.objects.filter(kind="caring.added", person=carer).count() == 1


def test_saying_none_of_the_matches_is_them_adds_a_new_record(front_door, carer, make_carer):
    make_carer(given="Idris", family="Testfield", dob=date(1940, 9, 3))

    response = front_door.post(url(carer), formdata.cared_for(match_choice="new"))

    assert response.status_code == 302
    assert Person.objects.filter(given_name="Idris").count() == 2


def test_saving_again_without_choosing_from_the_matches_asks_for_a_choice(front_door, carer, make_carer):
    make_carer(given="Idris", family="Testfield", dob=date(1940, 9, 3))

    response = front_door.post(url(carer), formdata.cared_for(matches_shown="1"))

    assert response.status_code == 200
    assert "Select the person, or that none of these is them" in " ".join(Page(response).error_summary)
    assert not CaringRelationship.objects.exists()


def test_choosing_a_record_that_was_not_offered_is_refused(front_door, carer, make_carer):
    make_carer(given="Idris", family="Testfield", dob=date(1940, 9, 3))
    unrelated = make_carer(given="Someone", family="Unrelated", dob=date(1950, 1, 1))

    response = front_door.post(url(carer), formdata.cared_for(match_choice=str(unrelated.pk)))

    assert response.status_code == 200
    assert "Select the person, or that none of these is them" in " ".join(Page(response).error_summary)
    assert not CaringRelationship.objects.exists()


def test_the_same_cared_for_person_cannot_be_added_twice(front_door, carer, make_carer):
    existing = make_carer(given="Idris", family="Testfield", dob=date(1940, 9, 3))
    front_door.post(url(carer), formdata.cared_for(match_choice=str(existing.pk)))

    response = front_door.post(url(carer), formdata.cared_for(match_choice=str(existing.pk)))

    assert response.status_code == 200
    assert "already recorded as cared for by this carer" in " ".join(Page(response).error_summary)
    assert CaringRelationship.objects.count() == 1


def test_the_carer_is_never_offered_as_their_own_cared_for_person(front_door, carer):
    data = formdata.cared_for(
        **{"person-given_name": "Bronwen", "person-family_name": "Testfield", "person-postcode": "AF1 2AB"}
    )

    response = front_door.post(url(carer), {**data, "match_choice": str(carer.pk)})

    assert response.status_code == 200
    assert not CaringRelationship.objects.exists()
