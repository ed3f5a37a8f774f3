"""Referrals through their pages: the consent rule, the statuses, what the receiver sees, overdue."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from carershub.accounts.models import Role
from carershub.activity.models import Event, EventKind
from carershub.audit.models import AccessEvent, AccessPart
from carershub.partnership.models import Organisation
from carershub.people import choices
from carershub.people.models import CaringRelationship, Person
from carershub.referrals import flow
from carershub.referrals import services as referral_services
from carershub.referrals.models import Referral, SharedPart
from tests.builders import shared_with_partner
from tests.pages import Page

pytestmark = pytest.mark.django_db


def _post(carer, org, **extra):
    data = {
        "person": carer.pk,
        "to_organisation": org.pk,
        "reason": "Wants to meet other young carers",
        "urgency": "routine",
        "purpose": "support_and_referral",
        "shared": ["contact_details", "caring_situation"],
        "lawful_basis": "consent",
    }
    data.update(extra)
    return data


@pytest.fixture
def sender(client_for):
    return client_for(Role.FRONT_DOOR)


@pytest.fixture
def partner_client(new_client, make_user):
    def _make(organisation="partner"):
        return new_client(make_user(Role.PARTNER_WORKER, organisation=organisation))

    return _make


def test_a_referral_is_sent_under_an_active_consent_and_writes_its_event(sender, region, make_carer, make_consent):
    carer = make_carer()
    consent = make_consent(carer, "partner")
    org = region["orgs"]["partner"]

    response = sender.post(reverse("referrals:new") + f"?person={carer.pk}", _post(carer, org))

    referral = Referral.objects.get()
    assert response.status_code == 302 and response.url == reverse("referrals:detail", args=[referral.pk])
    assert referral.consent == consent and referral.lawful_basis == "consent" and referral.status == flow.SENT
    assert referral.shared == ["contact_details", "caring_situation"]
    event = Event.objects.get(kind=EventKind.REFERRAL_SENT)
    assert event.person == carer and event.organisation_id == sender.user.organisation_id
    assert event.data == {"referral_id": referral.pk, "to_organisation_id": org.pk, "service_id": None}


@pytest.mark.parametrize(
    ("consent_kwargs", "words"),
    [
        (None, "has no consent to share with Test Young Carers"),
        ({"organisation": "other_partner"}, "has no consent to share with Test Young Carers"),
        ({"purpose": choices.ConsentPurpose.ASSESSMENT}, "has no consent to share with Test Young Carers"),
        ({"withdrawn_on": "today"}, "withdrew their consent to share with Test Young Carers"),
        ({"given_on": datetime.date(2020, 1, 1), "expires_on": datetime.date(2021, 1, 1)}, "consent to share with Test Young Carers"),
    ],
)
def test_without_a_covering_consent_the_organisation_field_says_which_consent_is_missing(
    sender, region, make_carer, make_consent, consent_kwargs, words
):
    carer = make_carer()
    if consent_kwargs is not None:
        kwargs = dict(consent_kwargs)
        if kwargs.get("withdrawn_on") == "today":
            kwargs["withdrawn_on"] = timezone.localdate()
        make_consent(carer, kwargs.pop("organisation", "partner"), **kwargs)

    response = sender.post(reverse("referrals:new") + f"?person={carer.pk}", _post(carer, region["orgs"]["partner"]))

    assert response.status_code == 200
    assert not Referral.objects.exists()
    page = response.content.decode()
    assert words in page.replace("’", "'").replace("&#39;", "'")
    assert "“Referral and support from this organisation”" in page
    # The exception's fields are offered once consent is missing.
    assert page.count('name="exception_reason"') == 1 and 'value="safeguarding"' in page


def test_a_recorded_exception_with_its_reason_sends_without_consent(sender, region, make_carer):
    carer = make_carer()
    org = region["orgs"]["partner"]

    refused = sender.post(reverse("referrals:new") + f"?person={carer.pk}", _post(carer, org, lawful_basis="safeguarding"))
    assert refused.status_code == 200 and "Enter why the referral is made without consent" in refused.content.decode()
    duty = sender.post(
        reverse("referrals:new") + f"?person={carer.pk}",
        _post(carer, org, lawful_basis="legal_duty", exception_reason="Duty to co-operate"),
    )
    assert duty.status_code == 200 and "Enter the legal duty" in duty.content.decode()
    assert not Referral.objects.exists()

    sent = sender.post(
        reverse("referrals:new") + f"?person={carer.pk}",
        _post(carer, org, lawful_basis="safeguarding", exception_reason="Carer at risk of harm at home"),
    )

    assert sent.status_code == 302
    referral = Referral.objects.get()
    assert referral.lawful_basis == "safeguarding" and referral.consent is None
    assert referral.exception_reason == "Carer at risk of harm at home"


def test_a_health_board_and_inactive_organisations_are_never_offered(sender, region, make_carer, make_consent):
    carer = make_carer()
    icb = Organisation.objects.create(name="Test ICB", kind=Organisation.Kind.HEALTH_BOARD, sector="statutory")
    closed = Organisation.objects.create(name="Test Closed", kind="third_sector", sector="user_led", is_active=False)
    for org in (icb, closed):
        Organisation.objects.filter(pk=org.pk)  # consent would not help
    page = sender.get(reverse("referrals:new") + f"?person={carer.pk}").content.decode()
    assert "Test Young Carers" in page and "Test ICB" not in page and "Test Closed" not in page

    response = sender.post(
        reverse("referrals:new") + f"?person={carer.pk}",
        _post(carer, icb, lawful_basis="safeguarding", exception_reason="At risk"),
    )

    assert response.status_code == 200 and "Select an organisation from the list" in response.content.decode()
    assert not Referral.objects.exists()
    with pytest.raises(referral_services.Refused):
        referral_services.send(
            carer, actor=sender.user, to_organisation=icb, reason="x", urgency="routine",
            purpose="support_and_referral", shared=[], lawful_basis="safeguarding", exception_reason="At risk",
        )


def test_the_create_form_sent_twice_makes_one_referral(region, make_user, make_carer, make_consent):
    from django.test import Client

    from tests.pages import Page

    user = make_user(Role.FRONT_DOOR)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)
    carer = make_carer()
    make_consent(carer, "partner")
    url = reverse("referrals:new") + f"?person={carer.pk}"
    page = Page(browser.get(url))
    data = {**page.form_data(), **_post(carer, region["orgs"]["partner"])}

    first = browser.post(url, data)
    second = browser.post(url, data)

    assert first.status_code == 302 and second.status_code == 302
    assert Referral.objects.count() == 1


def test_before_acceptance_the_receiver_sees_the_referral_page_only(sender, region, make_carer, make_consent, partner_client):
    carer = make_carer(nhs_number="9990000018")
    make_consent(carer, "partner")
    sender.post(reverse("referrals:new") + f"?person={carer.pk}", _post(carer, region["orgs"]["partner"]))
    referral = Referral.objects.get()
    partner = partner_client()

    assert partner.get(reverse("people:detail", args=[carer.pk])).status_code == 404
    page = partner.get(reverse("referrals:detail", args=[referral.pk]))

    assert page.status_code == 200
    body = page.content.decode()
    assert "Wants to meet other young carers" in body and "Contact details" in body
    assert "999 000 0018" not in body and "9990000018" not in body
    referral.refresh_from_db()
    assert referral.status == flow.RECEIVED
    assert Event.objects.filter(kind=EventKind.REFERRAL_RECEIVED, organisation=region["orgs"]["partner"]).count() == 1
    assert AccessEvent.objects.filter(person_ref=carer.pk, part=AccessPart.REFERRAL, actor=partner.user).exists()
    # Opening it again is not a second "received".
    partner.get(reverse("referrals:detail", args=[referral.pk]))
    assert Event.objects.filter(kind=EventKind.REFERRAL_RECEIVED).count() == 1


def test_accepting_opens_the_shared_summary_and_withdrawing_consent_ends_it(sender, region, make_carer, make_consent, partner_client):
    carer = make_carer(phone="+447700900123")
    cared = Person.objects.create(given_name="Dai", family_name="Caredfor", area=region["areas"]["afon"])
    CaringRelationship.objects.create(carer=carer, cared_for=cared, relationship="parent", condition_groups=["dementia"])
    consent = make_consent(carer, "partner")
    sender.post(reverse("referrals:new") + f"?person={carer.pk}", _post(carer, region["orgs"]["partner"]))
    referral = Referral.objects.get()
    partner = partner_client()
    partner.get(reverse("referrals:detail", args=[referral.pk]))

    accepted = partner.post(reverse("referrals:move", args=[referral.pk]), {"to": "accepted", "accepted-version": 2})

    assert accepted.status_code == 302
    referral.refresh_from_db()
    assert referral.status == flow.ACCEPTED
    person_page = partner.get(reverse("people:detail", args=[carer.pk]))
    assert person_page.status_code == 200
    summary = partner.get(reverse("referrals:summary", args=[carer.pk])).content.decode()
    assert "What" in summary and ("07700 900123" in summary or "+447700900123" in summary)
    assert "Dai Caredfor" in summary and "Dementia" not in summary  # the cared-for person's health was not shared
    assert AccessEvent.objects.filter(person_ref=carer.pk, part=AccessPart.SHARED_SUMMARY).exists()
    shared_list = partner.get(reverse("referrals:shared")).content.decode()
    assert carer.full_name in shared_list

    sender.post(reverse("people:withdraw_consent", args=[carer.pk, consent.pk]))

    assert partner.get(reverse("people:detail", args=[carer.pk])).status_code == 404
    assert partner.get(reverse("referrals:summary", args=[carer.pk])).status_code == 404
    assert carer.full_name not in partner.get(reverse("referrals:shared")).content.decode()


def test_a_referral_cannot_be_accepted_once_the_consent_it_was_sent_under_is_withdrawn(
    sender, region, make_carer, make_consent, partner_client
):
    carer = make_carer()
    consent = make_consent(carer, "partner")
    sender.post(reverse("referrals:new") + f"?person={carer.pk}", _post(carer, region["orgs"]["partner"]))
    referral = Referral.objects.get()
    partner = partner_client()
    partner.get(reverse("referrals:detail", args=[referral.pk]))
    sender.post(reverse("people:withdraw_consent", args=[carer.pk, consent.pk]))

    page = partner.post(reverse("referrals:move", args=[referral.pk]), {"to": "accepted", "accepted-version": 2})

    assert page.status_code == 200 and "consent to share with your organisation has ended" in Page(page).text, Page(page).text[:3000]
    referral.refresh_from_db()
    assert referral.status == flow.RECEIVED
    assert partner.get(reverse("people:detail", args=[carer.pk])).status_code == 404


def test_the_cared_for_persons_health_is_shown_only_when_it_was_shared(front_door, region, make_carer, partner_client):
    carer = make_carer()
    cared = Person.objects.create(given_name="Dai", family_name="Caredfor", area=region["areas"]["afon"])
    CaringRelationship.objects.create(carer=carer, cared_for=cared, relationship="parent", condition_groups=["dementia"])
    shared_with_partner(carer, region["orgs"]["partner"], front_door.user, shared=[SharedPart.CARED_FOR_HEALTH])
    partner = partner_client()

    summary = partner.get(reverse("referrals:summary", args=[carer.pk])).content.decode()

    assert "Dementia" in summary or "dementia" in summary.lower()


def test_decline_needs_a_reason_and_concurrent_decisions_tell_the_second(front_door, region, make_carer, make_consent, partner_client):
    carer = make_carer()
    make_consent(carer, "partner")
    referral = referral_services.send(
        carer, actor=front_door.user, to_organisation=region["orgs"]["partner"], reason="x", urgency="soon",
        purpose="support_and_referral", shared=[],
    )
    one, two = partner_client(), partner_client()

    empty = one.post(reverse("referrals:move", args=[referral.pk]), {"to": "declined", "declined-version": 1, "declined-words": ""})
    assert empty.status_code == 200 and "Enter why the referral is declined" in empty.content.decode()

    first = one.post(reverse("referrals:move", args=[referral.pk]), {"to": "accepted", "accepted-version": 1})
    second = two.post(
        reverse("referrals:move", args=[referral.pk]), {"to": "declined", "declined-version": 1, "declined-words": "Full"}
    )

    referral.refresh_from_db()
    assert first.status_code == 302 and referral.status == flow.ACCEPTED
    assert second.status_code == 302
    assert Event.objects.filter(kind=EventKind.REFERRAL_DECLINED).count() == 0
    messages = [str(m) for m in second.wsgi_request._messages]
    assert any("Somebody else changed this referral" in m for m in messages)


def test_only_the_sender_withdraws_and_only_before_acceptance(front_door, region, make_carer, make_consent, partner_client):
    carer = make_carer()
    make_consent(carer, "partner")
    referral = referral_services.send(
        carer, actor=front_door.user, to_organisation=region["orgs"]["partner"], reason="x", urgency="routine",
        purpose="support_and_referral", shared=[],
    )
    partner = partner_client()
    assert partner.post(reverse("referrals:move", args=[referral.pk]), {"to": "withdrawn", "withdrawn-version": 1}).status_code == 302
    referral.refresh_from_db()
    assert referral.status == flow.SENT

    front_door.post(reverse("referrals:move", args=[referral.pk]), {"to": "withdrawn", "withdrawn-version": 1})

    referral.refresh_from_db()
    assert referral.status == flow.WITHDRAWN
    assert Event.objects.filter(kind=EventKind.REFERRAL_WITHDRAWN, organisation=front_door.user.organisation).count() == 1


def test_completing_needs_the_outcome(front_door, region, make_carer, partner_client):
    carer = make_carer()
    referral = shared_with_partner(carer, region["orgs"]["partner"], front_door.user)
    partner = partner_client()

    partner.post(reverse("referrals:move", args=[referral.pk]), {"to": "completed", "completed-version": referral.version})
    referral.refresh_from_db()
    assert referral.status == flow.ACCEPTED
    partner.post(
        reverse("referrals:move", args=[referral.pk]),
        {"to": "completed", "completed-version": referral.version, "completed-words": "Joined the Tuesday group"},
    )

    referral.refresh_from_db()
    assert referral.status == flow.COMPLETED and referral.outcome == "Joined the Tuesday group"
    # Completed under consent: the organisation keeps the shared summary while consent lasts.
    assert partner.get(reverse("people:detail", args=[carer.pk])).status_code == 200


def test_an_exception_gives_access_while_accepted_and_not_after_completion(front_door, region, make_carer, partner_client):
    carer = make_carer()
    referral = referral_services.send(
        carer, actor=front_door.user, to_organisation=region["orgs"]["partner"], reason="x", urgency="urgent",
        purpose="support_and_referral", shared=[], lawful_basis="vital_interests", exception_reason="Collapsed at home",
    )
    partner = partner_client()
    assert partner.get(reverse("people:detail", args=[carer.pk])).status_code == 404
    referral_services.move(referral, flow.ACCEPTED, actor=partner.user, expected_version=referral.version)
    assert partner.get(reverse("people:detail", args=[carer.pk])).status_code == 200

    referral_services.move(referral, flow.COMPLETED, actor=partner.user, expected_version=referral.version, words="Done")

    assert partner.get(reverse("people:detail", args=[carer.pk])).status_code == 404


def test_overdue_referrals_show_to_both_sides_in_a_queue(front_door, region, make_carer, make_consent, partner_client):
    carer = make_carer()
    make_consent(carer, "partner")
    referral = referral_services.send(
        carer, actor=front_door.user, to_organisation=region["orgs"]["partner"], reason="x", urgency="urgent",
        purpose="support_and_referral", shared=[],
    )
    partner = partner_client()
    assert carer.full_name not in partner.get(reverse("referrals:overdue")).content.decode()
    Referral.objects.filter(pk=referral.pk).update(due_on=timezone.localdate() - datetime.timedelta(days=1))

    for client in (partner, front_door):
        page = client.get(reverse("referrals:overdue")).content.decode()
        assert carer.full_name in page and "Overdue" in page
    home = partner.get(reverse("home")).content.decode()
    assert "Referrals overdue" in home


def test_the_lists_are_scoped_to_the_organisation(front_door, region, make_carer, make_consent, partner_client):
    carer = make_carer()
    make_consent(carer, "partner")
    referral_services.send(
        carer, actor=front_door.user, to_organisation=region["orgs"]["partner"], reason="x", urgency="routine",
        purpose="support_and_referral", shared=[],
    )
    other = partner_client("other_partner")

    assert carer.full_name in partner_client().get(reverse("referrals:received")).content.decode()
    assert carer.full_name in front_door.get(reverse("referrals:sent")).content.decode()
    assert carer.full_name not in other.get(reverse("referrals:received")).content.decode()
    referral = Referral.objects.get()
    assert other.get(reverse("referrals:detail", args=[referral.pk])).status_code == 404
    accepted = partner_client().get(reverse("referrals:received") + "?status=accepted").content.decode()
    assert carer.full_name not in accepted


def test_a_referral_from_a_directory_result_goes_to_the_organisation_that_runs_the_service(
    sender, region, make_carer, make_consent
):
    from carershub.directory.models import DirectoryOrganisation, Service

    carer = make_carer()
    make_consent(carer, "partner")
    runs = DirectoryOrganisation.objects.create(name="Test Young Carers", description="Peer groups", partner=region["orgs"]["partner"])
    group = Service.objects.create(organization=runs, name="Saturday young carers club")
    elsewhere = Service.objects.create(
        organization=DirectoryOrganisation.objects.create(name="Not a partner", description="x"), name="Drop-in"
    )
    url = reverse("referrals:new") + f"?person={carer.pk}&service={group.pk}"
    page = sender.get(url).content.decode()
    assert "Saturday young carers club" in page
    assert sender.get(reverse("referrals:new") + f"?person={carer.pk}&service=not-a-uuid").status_code == 200

    refused = sender.post(url, _post(carer, region["orgs"]["partner"], service=str(elsewhere.pk)))
    assert refused.status_code == 200 and "Drop-in does not take referrals" in refused.content.decode()
    response = sender.post(url, _post(carer, region["orgs"]["partner"], service=str(group.pk)))

    assert response.status_code == 302
    referral = Referral.objects.get()
    assert referral.service == group and (referral.source, referral.source_id) == ("directory", str(group.pk))
    assert Event.objects.get(kind=EventKind.REFERRAL_SENT).data["service_id"] == str(group.pk)


def test_the_front_door_sees_any_referral_and_a_council_those_of_the_carers_it_works_with(
    front_door, new_client, region, make_carer, marches_carer, make_consent, make_user
):
    afon, marches = make_carer(), marches_carer()
    council_worker = make_user(Role.PRACTITIONER, organisation="council")
    referrals = {}
    for carer in (afon, marches):
        make_consent(carer, "other_partner")
        referrals[carer.pk] = referral_services.send(
            carer, actor=make_user(Role.FRONT_DOOR), to_organisation=region["orgs"]["other_partner"], reason="x",
            urgency="routine", purpose="support_and_referral", shared=[],
        )
    council = new_client(council_worker)

    assert front_door.get(reverse("referrals:detail", args=[referrals[marches.pk].pk])).status_code == 200
    assert council.get(reverse("referrals:detail", args=[referrals[afon.pk].pk])).status_code == 200
    assert council.get(reverse("referrals:detail", args=[referrals[marches.pk].pk])).status_code == 404


def test_the_timeline_shows_each_referral_to_whoever_may_see_it(client_for, partner_client, region, make_carer):
    carer = make_carer()
    ours = shared_with_partner(carer, region["orgs"]["partner"])
    theirs = shared_with_partner(carer, region["orgs"]["other_partner"])
    timeline = reverse("people:timeline", args=[carer.pk])

    # The council's practitioner works with the carer: every referral of theirs, on both pages.
    practitioner = client_for(Role.PRACTITIONER)
    for path in (timeline, reverse("people:detail", args=[carer.pk])):
        page = Page(practitioner.get(path))
        assert "Referred to Test Young Carers" in page.text and "Referred to Test Befriending" in page.text
        for referral in (ours, theirs):
            assert reverse("referrals:detail", args=[referral.pk]) in page.html

    # A partner organisation sees its own referral, and nothing of the one to another organisation.
    page = Page(partner_client().get(timeline))
    assert reverse("referrals:detail", args=[ours.pk]) in page.html
    assert reverse("referrals:detail", args=[theirs.pk]) not in page.html
    assert "Test Befriending" not in page.text
