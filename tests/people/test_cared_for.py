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


# ---------------------------------------------------------------------------
# What the caller said, carried into "Add a cared-for person"
# ---------------------------------------------------------------------------


def said(carer, user, summary, *, days_ago=0):
    from datetime import datetime, timedelta

    from django.utils import timezone

    from carershub.contacts.models import Contact

    when = timezone.make_aware(datetime(2026, 3, 3, 10, 0)) - timedelta(days=days_ago)
    return Contact.objects.create(
        channel="phone", caller_role="carer", person=carer, cared_for_summary=summary, recorded_by=user, received_at=when
    )


def chosen_relationship(page) -> str | None:
    checked = [n for n in page.find_all("input") if n.attrs.get("name") == "caring-relationship" and "checked" in n.attrs]
    return checked[0].attrs["value"] if checked else None


def test_what_the_caller_said_is_shown_with_the_date_of_the_contact(front_door, carer):
    said(carer, front_door.user, "her husband, who has dementia")

    page = Page(front_door.get(url(carer)))

    inset = page.find_all("div", "govuk-inset-text")
    assert inset and "From the contact on 3 March 2026: “her husband, who has dementia”" in inset[0].text()


def test_a_plainly_stated_relationship_is_filled_in_to_be_checked(front_door, carer):
    said(carer, front_door.user, "her husband, who has dementia")

    page = Page(front_door.get(url(carer)))

    assert chosen_relationship(page) == "spouse_partner"
    assert "“Who are they to the carer?” has been filled in from this. Check it." in page.text


@pytest.mark.parametrize(
    "summaries",
    [
        pytest.param(["her son and her mother"], id="two kinds in one contact"),
        pytest.param(["her husband", "her mum, who has had a stroke"], id="two contacts, two people"),
        pytest.param(["someone she looks after, with MS"], id="none stated"),
    ],
)
def test_nothing_is_filled_in_when_the_words_do_not_name_one_relationship(front_door, carer, summaries):
    for n, summary in enumerate(summaries):
        said(carer, front_door.user, summary, days_ago=n)

    page = Page(front_door.get(url(carer)))

    assert chosen_relationship(page) is None
    assert "has been filled in from this" not in page.text
    for summary in summaries:
        assert summary in page.text, "the words are shown all the same"


def test_the_latest_three_different_things_said_are_shown_newest_first(front_door, carer):
    for n, summary in enumerate(["fifth", "fourth", "third", "third", "second", "first"]):
        said(carer, front_door.user, f"{summary} summary", days_ago=10 - n)

    text = Page(front_door.get(url(carer))).find_all("div", "govuk-inset-text")[0].text()

    assert [w for w in ("first", "second", "third", "fourth") if f"{w} summary" in text] == ["first", "second", "third"]
    assert text.index("first summary") < text.index("second summary")
    assert text.count("third summary") == 1


def test_what_was_said_about_another_carer_is_not_shown(front_door, carer, make_carer):
    other = make_carer(given="Other", family="Carer")
    said(other, front_door.user, "his wife")

    page = Page(front_door.get(url(carer)))

    assert not page.find_all("div", "govuk-inset-text")
    assert chosen_relationship(page) is None


def test_showing_what_was_said_is_in_the_access_log(front_door, carer):
    from carershub.audit.models import AccessEvent, AccessPart

    front_door.get(url(carer))
    assert not AccessEvent.objects.exists(), "nothing from the record shown, nothing logged"

    said(carer, front_door.user, "her husband")
    front_door.get(url(carer))

    event = AccessEvent.objects.get()
    assert (event.person_ref, event.part, event.actor) == (carer.pk, AccessPart.CONTACT, front_door.user)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("her husband, who has dementia", "spouse_partner"),
        ("Looks after a parent who has had a stroke", "parent"),
        ("my mam has COPD", "parent"),
        ("his nain", "grandparent"),
        ("Mam-gu", "grandparent"),
        ("her son-in-law", "other_relative"),
        ("the neighbour next door", "friend_neighbour"),
        ("twin brother", "sibling"),
        ("her daughter (autism)", "child"),
        ("his wife's mother", None),
        ("a friend of her mum", None),
        ("ei gŵr", None),
        ("", None),
    ],
)
def test_relationship_words(text, code):
    from carershub.people.relationship_words import relationship_from_words

    assert relationship_from_words(text) == code


def test_relationship_words_name_only_relationships_the_form_offers():
    from carershub.people import relationship_words
    from carershub.people.choices import Relationship
    from tests.conftest import imported_packages

    assert set(relationship_words.WORDS.values()) <= set(Relationship.values)
    assert "django" not in imported_packages(relationship_words)


# ---------------------------------------------------------------------------
# Hours of care: the exact hours, or a Census band where they are not known
# ---------------------------------------------------------------------------


def test_a_census_band_can_be_chosen_when_the_exact_hours_are_not_known(front_door, carer):
    response = front_door.post(url(carer), formdata.cared_for(**{"caring-hours_per_week": "", "caring-census_band": "20_to_34"}))

    assert response.status_code == 302
    caring = CaringRelationship.objects.get()
    assert (caring.hours_per_week, caring.census_band, caring.hours_band) == (None, "20_to_34", "20_to_34")
    assert Event.objects.get(kind="caring.added").data["hours_band"] == "20_to_34"


def test_the_band_is_worked_out_from_exact_hours(front_door, carer):
    front_door.post(url(carer), formdata.cared_for(**{"caring-hours_per_week": "12"}))

    assert CaringRelationship.objects.get().census_band == "10_to_19"


def test_hours_and_a_band_that_disagree_are_an_error_on_the_band(front_door, carer):
    response = front_door.post(url(carer), formdata.cared_for(**{"caring-hours_per_week": "40", "caring-census_band": "9_or_less"}))

    assert response.status_code == 200
    page = Page(response)
    assert page.error_for("caring-census_band") == (
        "40 hours a week is in the band “35 to 49 hours a week”. Choose that band, or “Not known”"
    )
    assert not CaringRelationship.objects.exists()


def test_hours_and_the_band_they_are_in_are_accepted_together(front_door, carer):
    response = front_door.post(url(carer), formdata.cared_for(**{"caring-hours_per_week": "40", "caring-census_band": "35_to_49"}))

    assert response.status_code == 302


def test_neither_hours_nor_band_is_not_known(front_door, carer):
    front_door.post(url(carer), formdata.cared_for(**{"caring-hours_per_week": "", "caring-census_band": ""}))

    caring = CaringRelationship.objects.get()
    assert (caring.hours_per_week, caring.census_band, caring.hours_band) == (None, "", None)
    assert Event.objects.get(kind="caring.added").data["hours_band"] is None


def test_the_bands_are_radios_with_not_known_chosen_at_first(front_door, carer):
    page = Page(front_door.get(url(carer)))
    radios = [n for n in page.find_all("input") if n.attrs.get("name") == "caring-census_band"]

    assert [r.attrs["value"] for r in radios] == ["9_or_less", "10_to_19", "20_to_34", "35_to_49", "50_or_more", ""]
    assert [r.attrs["value"] for r in radios if "checked" in r.attrs] == [""]


def test_an_imported_relationship_with_only_hours_still_has_its_band(carer, make_carer):
    """An import writes rows with COPY, naming only the columns it knows (imports/kinds.py): the database
    fills the band column in blank, and the band is read from the hours."""
    from django.db import connection
    from django.utils import timezone

    cared_for = make_carer(given="Imported", family="Caredfor")
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO people_caringrelationship (carer_id, cared_for_id, relationship, lives_with_carer,"
            " hours_per_week, condition_groups, conditions_detail, created_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
            [carer.pk, cared_for.pk, "parent", False, 55, "[]", "", timezone.now()],
        )

    caring = CaringRelationship.objects.get()
    assert (caring.census_band, caring.hours_band) == ("", "50_or_more")


def test_the_migration_bands_hours_as_the_rules_do():
    import importlib

    from carershub.people import caring

    migration = importlib.import_module("carershub.people.migrations.0006_caringrelationship_census_band")
    for hours in range(0, 169):
        expected = caring.census_hours_band(hours)
        given = next((code for limit, code in migration.BANDS if hours < limit), "50_or_more")
        assert given == expected, hours


def test_the_success_message_names_both_people(front_door, carer):
    response = front_door.post(url(carer), formdata.cared_for(), follow=True)

    assert "Idris Testfield added as cared for by Bronwen Testfield" in Page(response).text
