"""Consent to share: recording it opens a record to a partner organisation; withdrawing it closes it at once."""

from datetime import timedelta

import pytest
from django.utils import timezone

from carershub.accounts.models import Role
from carershub.activity.models import Event
from carershub.people.models import Consent
from tests import formdata
from tests.builders import share_consented
from tests.pages import Page


@pytest.fixture
def person(make_carer):
    return make_carer(given="Ann", family="Consentrecord")


@pytest.fixture
def partner(new_client, make_user):
    return new_client(make_user(Role.PARTNER_WORKER, organisation="partner"))


def today():
    return timezone.localdate()


def test_recording_consent_lets_the_partner_organisation_see_the_record(front_door, partner, person, region):
    """Consent, then an accepted referral to the organisation, opens the record (decision 36)."""
    assert partner.get(f"/people/{person.pk}/").status_code == 404
    data = formdata.consent(region["orgs"]["partner"], today(), today() + timedelta(days=365))

    response = front_door.post(f"/people/{person.pk}/consents/new/", data)

    assert response.status_code == 302
    consent = Consent.objects.get(person=person)
    assert consent.organisation == region["orgs"]["partner"]
    assert (consent.purpose, consent.method) == ("support_and_referral", "verbal")
    assert consent.expires_on == today() + timedelta(days=365)
    assert consent.recorded_by == front_door.user
    assert partner.get(f"/people/{person.pk}/").status_code == 404  # consent alone opens nothing
    share_consented(consent, front_door.user)
    assert partner.get(f"/people/{person.pk}/").status_code == 200


def test_recording_consent_writes_an_event(front_door, person, region):
    front_door.post(f"/people/{person.pk}/consents/new/", formdata.consent(region["orgs"]["partner"], today()))

    event = Event.objects.get(kind="consent.given")
    assert (event.person, event.actor) == (person, front_door.user)
    assert event.data == {"organisation_id": region["orgs"]["partner"].pk, "purpose": "support_and_referral"}


def test_the_end_date_must_be_after_the_date_consent_was_given(front_door, person, region):
    data = formdata.consent(region["orgs"]["partner"], today(), today())

    response = front_door.post(f"/people/{person.pk}/consents/new/", data)

    assert response.status_code == 200
    assert "The date consent ends must be after the date it was given" in Page(response).error_for("expires_on")
    assert not Consent.objects.exists()


def test_an_end_date_already_past_is_refused(front_door, person, region):
    data = formdata.consent(region["orgs"]["partner"], today() - timedelta(days=30), today() - timedelta(days=1))

    response = front_door.post(f"/people/{person.pk}/consents/new/", data)

    assert response.status_code == 200
    assert Page(response).error_for("expires_on")
    assert not Consent.objects.exists()


def test_consent_cannot_be_recorded_as_given_in_the_future(front_door, person, region):
    data = formdata.consent(region["orgs"]["partner"], today() + timedelta(days=1))

    response = front_door.post(f"/people/{person.pk}/consents/new/", data)

    assert response.status_code == 200
    assert "Date consent was given must be today or in the past" in Page(response).error_for("given_on")
    assert not Consent.objects.exists()


def test_organisation_purpose_and_method_are_all_needed(front_door, person, region):
    data = formdata.consent(region["orgs"]["partner"], today(), organisation="", purpose="", method="")

    page = Page(front_door.post(f"/people/{person.pk}/consents/new/", data))

    assert page.error_for("organisation") == "Choose the organisation"
    assert page.error_for("purpose") == "Select what the information may be used for"
    assert page.error_for("method") == "Select how consent was given"
    assert not Consent.objects.exists()


def test_withdrawing_consent_closes_the_record_to_the_partner_at_once(front_door, partner, person, make_consent):
    consent = make_consent(person, "partner", given_on=today() - timedelta(days=10))
    share_consented(consent, front_door.user)
    assert partner.get(f"/people/{person.pk}/").status_code == 200

    response = front_door.post(f"/people/{person.pk}/consents/{consent.pk}/withdraw/")

    assert response.status_code == 302
    assert partner.get(f"/people/{person.pk}/").status_code == 404
    assert Page(partner.get("/people/", {"q": "Consentrecord"})).table_rows() == []


def test_a_consent_for_another_purpose_does_not_keep_a_referral_open(front_door, partner, person, make_consent):
    consent = make_consent(person, "partner", given_on=today() - timedelta(days=10))
    share_consented(consent, front_door.user)
    make_consent(person, "partner", purpose="emergency_planning")

    front_door.post(f"/people/{person.pk}/consents/{consent.pk}/withdraw/")

    assert partner.get(f"/people/{person.pk}/").status_code == 404


def test_withdrawing_consent_records_when_and_by_whom(front_door, person, make_consent):
    consent = make_consent(person, "partner", given_on=today() - timedelta(days=10))

    front_door.post(f"/people/{person.pk}/consents/{consent.pk}/withdraw/")

    consent.refresh_from_db()
    assert consent.withdrawn_on == today()
    assert consent.withdrawn_recorded_by == front_door.user
    event = Event.objects.get(kind="consent.withdrawn")
    assert (event.person, event.actor, event.object_id) == (person, front_door.user, consent.pk)


def test_the_record_shows_withdrawn_consent_as_withdrawn(front_door, person, make_consent):
    consent = make_consent(person, "partner", given_on=today() - timedelta(days=10))

    response = front_door.post(f"/people/{person.pk}/consents/{consent.pk}/withdraw/", follow=True)

    page = Page(response)
    assert f"Consent withdrawn: Test Young Carers can no longer see {person.full_name}’s record" in page.text
    assert "Withdrawn" in page.table_rows()[0][3]
    assert f"/people/{person.pk}/consents/{consent.pk}/withdraw/" not in [
        f.attrs.get("action") for f in page.find_all("form")
    ]


def test_withdrawing_twice_changes_nothing_the_second_time(front_door, person, make_consent):
    two_days_ago = today() - timedelta(days=2)
    consent = make_consent(person, "partner", given_on=today() - timedelta(days=10), withdrawn_on=two_days_ago)

    front_door.post(f"/people/{person.pk}/consents/{consent.pk}/withdraw/")

    consent.refresh_from_db()
    assert consent.withdrawn_on == two_days_ago
    assert not Event.objects.filter(kind="consent.withdrawn").exists()


def test_withdrawing_needs_a_post(front_door, person, make_consent):
    consent = make_consent(person, "partner")

    assert front_door.get(f"/people/{person.pk}/consents/{consent.pk}/withdraw/").status_code == 405
    consent.refresh_from_db()
    assert consent.withdrawn_on is None


def test_a_consent_of_another_person_cannot_be_withdrawn_through_this_record(
    front_door, person, make_carer, make_consent
):
    other_consent = make_consent(make_carer(family="Otherperson"), "partner")

    response = front_door.post(f"/people/{person.pk}/consents/{other_consent.pk}/withdraw/")

    assert response.status_code == 404
    other_consent.refresh_from_db()
    assert other_consent.withdrawn_on is None
