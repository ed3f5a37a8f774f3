"""Who may open what, checked by the server on every request (not only by hiding links)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from carershub.accounts.models import Role
from carershub.contacts.models import Contact
from carershub.people.models import Consent, Person
from tests.pages import Page
from tests.builders import share_consented

FD, PR, TM, CO, PW, AD = (
    Role.FRONT_DOOR,
    Role.PRACTITIONER,
    Role.TEAM_MANAGER,
    Role.COMMISSIONER,
    Role.PARTNER_WORKER,
    Role.ADMINISTRATOR,
)
SERVICE = {FD, PR, TM}

# Every route for every role is in test_route_matrix.py; these are the cases worth a name.


@pytest.fixture
def record(make_carer, make_consent, make_contact):
    person = make_carer(given="Matrixa", family="Permissiontest", nhs_number="9990000026")
    return {
        "person": person,
        # Shared with another partner organisation, never with the partner worker's own.
        "consent": make_consent(person, "other_partner"),
        "contact": make_contact(person),
        "unlinked": make_contact(given_name="Unlinkeda", family_name="Callertest"),
    }


@pytest.mark.parametrize("role", [CO, AD])
def test_commissioners_and_administrators_cannot_search_for_people(client_for, record, role):
    response = client_for(role).get("/people/", {"q": "Permissiontest"})

    assert response.status_code == 403
    assert b"Matrixa" not in response.content


@pytest.mark.parametrize("role", [CO, AD])
def test_commissioners_and_administrators_are_offered_no_personal_data_pages(client_for, record, role):
    home = Page(client_for(role).get("/"))

    assert "/people/" not in home.links()
    assert "/contacts/" not in " ".join(home.links())


# --- Partner workers: only records shared with their organisation under an active consent ---------


@pytest.fixture
def partner(client_for):
    return client_for(PW, organisation="partner")


def _search_names(client, q):
    response = client.get("/people/", {"q": q})
    assert response.status_code == 200
    return [row[0] for row in Page(response).table_rows()]


def test_a_partner_worker_sees_a_record_shared_with_their_organisation(partner, make_carer, make_consent):
    shared = make_carer(given="Sharon", family="Sharedtest")
    share_consented(make_consent(shared, "partner"))

    response = partner.get(f"/people/{shared.pk}/")

    assert response.status_code == 200
    assert "Sharon Sharedtest" in Page(response).text


def test_a_partner_worker_finds_only_shared_records_in_a_search(partner, make_carer, make_consent):
    shared = make_carer(given="Sharon", family="Scopetest")
    make_carer(given="Nadia", family="Scopetest")
    share_consented(make_consent(shared, "partner"))

    assert _search_names(partner, "Scopetest") == ["Sharon Scopetest"]


def test_a_record_shared_with_another_organisation_stays_hidden_from_a_partner(partner, make_carer, make_consent):
    person = make_carer(given="Other", family="Orgtest")
    make_consent(person, "other_partner")

    assert partner.get(f"/people/{person.pk}/").status_code == 404
    assert _search_names(partner, "Orgtest") == []


@pytest.mark.parametrize(
    "consent_dates",
    [
        pytest.param({"given_on": -30, "expires_on": -1}, id="expired yesterday"),
        pytest.param({"given_on": -30, "withdrawn_on": 0}, id="withdrawn"),
        pytest.param({"given_on": 1}, id="starts tomorrow"),
    ],
)
def test_a_consent_that_is_not_active_today_hides_the_record_from_a_partner(
    partner, make_carer, make_consent, consent_dates
):
    today = timezone.localdate()
    person = make_carer(given="Inactive", family="Consenttest")
    # A referral was accepted under the consent while it was active; today it is not.
    consent = make_consent(person, "partner", given_on=today - timedelta(days=60))
    share_consented(consent)
    Consent.objects.filter(pk=consent.pk).update(**{k: today + timedelta(days=v) for k, v in consent_dates.items()})

    assert partner.get(f"/people/{person.pk}/").status_code == 404
    assert _search_names(partner, "Consenttest") == []
    assert not Person.objects.visible_to(partner.user).filter(pk=person.pk).exists()


def test_a_consent_ending_today_still_lets_the_partner_see_the_record_today(partner, make_carer, make_consent):
    today = timezone.localdate()
    person = make_carer(given="Lastday", family="Consenttest")
    share_consented(make_consent(person, "partner", given_on=today - timedelta(days=30), expires_on=today))

    assert partner.get(f"/people/{person.pk}/").status_code == 200


def test_the_partner_queryset_holds_only_records_with_an_active_consent(partner, make_carer, make_consent):
    today = timezone.localdate()
    shared = make_carer(given="Listed", family="Querysettest")
    expired = make_carer(given="Expired", family="Querysettest")
    make_carer(given="Private", family="Querysettest")
    share_consented(make_consent(shared, "partner"))
    consent = make_consent(expired, "partner", given_on=today - timedelta(days=60))
    share_consented(consent)
    Consent.objects.filter(pk=consent.pk).update(expires_on=today - timedelta(days=1))

    assert list(Person.objects.visible_to(partner.user)) == [shared]


def test_a_partner_sees_only_its_own_contacts_about_people_shared_with_them(
    partner, make_carer, make_consent, make_contact
):
    shared, private = make_carer(family="Sharedcontact"), make_carer(family="Privatecontact")
    share_consented(make_consent(shared, "partner"))
    own = {"recorded_by": partner.user, "organisation": partner.user.organisation}
    logged_by_partner = make_contact(shared, **own)
    front_doors, about_private, unlinked = make_contact(shared), make_contact(private, **own), make_contact()

    # Of the contacts about a shared carer, only those its own organisation logged (decision 36).
    assert list(Contact.objects.visible_to(partner.user)) == [logged_by_partner]
    assert partner.get(f"/contacts/{logged_by_partner.pk}/").status_code == 200
    for hidden in (front_doors, about_private, unlinked):
        assert partner.get(f"/contacts/{hidden.pk}/").status_code == 404


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/people/{pk}/edit/details/"),
        ("post", "/people/{pk}/edit/details/"),
        ("get", "/people/{pk}/edit/carer/"),
        ("get", "/people/{pk}/cared-for/new/"),
        ("get", "/people/{pk}/consents/new/"),
        ("get", "/people/{pk}/download/"),
        ("get", "/people/{pk}/access-history/"),
    ],
)
def test_a_partner_can_read_a_shared_record_but_not_change_export_or_audit_it(
    partner, make_carer, make_consent, method, path
):
    person = make_carer(given="Readonly", family="Partnertest")
    share_consented(make_consent(person, "partner"))

    response = getattr(partner, method)(path.format(pk=person.pk), {"given_name": "Changed", "version": 1})

    assert response.status_code == 403
    person.refresh_from_db()
    assert person.given_name == "Readonly"


def test_a_partner_cannot_withdraw_the_consent_that_shares_the_record(partner, make_carer, make_consent):
    person = make_carer()
    consent = make_consent(person, "partner")
    share_consented(consent)

    response = partner.post(f"/people/{person.pk}/consents/{consent.pk}/withdraw/")

    assert response.status_code == 403
    consent.refresh_from_db()
    assert consent.withdrawn_on is None


# --- Team managers: access history and the record download ----------------------------------------


def test_only_a_team_manager_is_offered_access_history_and_download(client_for, new_client, make_user, make_carer):
    person = make_carer()
    manager = Page(client_for(TM).get(f"/people/{person.pk}/"))
    worker = Page(new_client(make_user(PR)).get(f"/people/{person.pk}/"))

    assert f"/people/{person.pk}/access-history/" in manager.links()
    assert f"/people/{person.pk}/download/" in manager.links()
    assert f"/people/{person.pk}/access-history/" not in worker.links()
    assert f"/people/{person.pk}/download/" not in worker.links()
