"""Partner workers work in Carers Hub: the carers shared with them, their own contacts and sessions,
the plan actions for their organisation, and "Make the referral" from a contact."""

import pytest
from django.urls import reverse

from carershub.accounts.models import Role
from carershub.activity.models import Event, EventKind
from carershub.activity.services import record_event
from carershub.contacts.models import Contact
from carershub.core import workqueues
from carershub.support.models import PlanAction
from tests import builders
from tests.pages import Page
from tests.builders import shared_with_partner

pytestmark = pytest.mark.django_db


def _contact_post(**extra):
    from django.utils import timezone

    now = timezone.localtime()
    data = {
        "received_on_day": str(now.day), "received_on_month": str(now.month), "received_on_year": str(now.year),
        "received_time": now.strftime("%H:%M"), "channel": "session", "caller_role": "carer",
        "what_matters": "Talked about school and sleep", "outcomes": ["information_only"],
    }
    data.update(extra)
    return data


def test_a_partner_logs_a_session_with_a_carer_shared_with_them_and_it_counts(client_for, region, make_carer, make_user):
    carer = make_carer()
    other = make_carer(given="Notshared")
    shared_with_partner(carer, region["orgs"]["partner"], make_user(Role.FRONT_DOOR))
    partner = client_for(Role.PARTNER_WORKER, organisation="partner")

    assert partner.get(reverse("contacts:new")).status_code == 403  # never an unknown caller's contact
    assert partner.get(reverse("contacts:new") + f"?person={other.pk}").status_code == 404
    page = partner.get(reverse("contacts:new") + f"?person={carer.pk}")
    assert page.status_code == 200
    response = partner.post(reverse("contacts:new") + f"?person={carer.pk}", {**Page(page).form_data(), **_contact_post()})

    assert response.status_code == 302, Page(response).error_summary
    contact = Contact.objects.get(person=carer)
    assert contact.channel == "session" and contact.organisation == region["orgs"]["partner"]
    assert Event.objects.filter(kind=EventKind.CONTACT_LOGGED, person=carer, organisation=region["orgs"]["partner"]).exists()


def test_a_partner_opens_its_own_contacts_about_a_shared_carer_but_not_what_the_carer_told_others(
    client_for, region, make_carer, make_user, make_contact
):
    carer = make_carer()
    shared_with_partner(carer, region["orgs"]["partner"], make_user(Role.FRONT_DOOR))
    told_the_front_door = make_contact(carer, what_matters="Worried about money since the redundancy")
    partner = client_for(Role.PARTNER_WORKER, organisation="partner")
    own = make_contact(carer, recorded_by=partner.user, organisation=region["orgs"]["partner"], channel="session",
                       what_matters="Talked about school")
    for contact in (told_the_front_door, own):  # as the front door's operations leave them
        record_event(EventKind.CONTACT_LOGGED, actor=contact.recorded_by, person=carer, obj=contact)

    assert partner.get(reverse("contacts:detail", args=[own.pk])).status_code == 200
    assert partner.get(reverse("contacts:detail", args=[told_the_front_door.pk])).status_code == 404
    timeline = Page(partner.get(reverse("people:timeline", args=[carer.pk])))
    assert reverse("contacts:detail", args=[own.pk]) in timeline.html
    assert reverse("contacts:detail", args=[told_the_front_door.pk]) not in timeline.html
    assert "redundancy" not in timeline.text


def test_the_partners_plan_actions_queue_counts_what_the_list_shows(client_for, region, make_carer, make_user):
    council = region["orgs"]["council"]
    worker = make_user(Role.PRACTITIONER, organisation="council")
    shared, unshared = make_carer(given="Shared"), make_carer(given="Unshared")
    for carer in (shared, unshared):
        plan = builders.agreed_plan(builders.completed_assessment(carer, actor=worker, organisation=council), actor=worker)
        PlanAction.objects.create(plan=plan, description=f"Young carers club for {carer.given_name}", who="partner",
                                  organisation=region["orgs"]["partner"])
        PlanAction.objects.create(plan=plan, description="Council sitting service", who="council", organisation=council)
    shared_with_partner(shared, region["orgs"]["partner"], make_user(Role.FRONT_DOOR))
    partner = client_for(Role.PARTNER_WORKER, organisation="partner")

    queues = {q.text: q for q in workqueues.items_for(partner.user) if isinstance(q, workqueues.WorkQueue)}
    page = Page(partner.get(reverse("referrals:shared"))).text

    assert queues["Support plan actions for our organisation"].count == 1
    assert "Young carers club for Shared" in page
    assert "Unshared" not in page and "Council sitting service" not in page


def test_make_the_referral_from_a_contact_that_referred(client_for, region, make_carer, make_contact, make_consent):
    carer = make_carer()
    make_consent(carer, "partner")
    contact = make_contact(carer, outcomes=["referral"], referred_to=region["orgs"]["partner"],
                           what_matters="Wants to meet other young carers")
    other = make_contact(carer)
    front_door = client_for(Role.FRONT_DOOR)

    page = Page(front_door.get(reverse("contacts:detail", args=[contact.pk])))
    href = f"/referrals/new/?person={carer.pk}&contact={contact.pk}"
    assert href in page.links()
    assert href.replace(str(contact.pk), str(other.pk)) not in Page(front_door.get(reverse("contacts:detail", args=[other.pk]))).links()

    form = Page(front_door.get(href))
    data = form.form_data()
    assert data["to_organisation"] == str(region["orgs"]["partner"].pk)
    assert "Wants to meet other young carers" in form.text
    data.update({"shared": ["what_matters"], "urgency": "routine", "purpose": "support_and_referral"})
    response = front_door.post(href, data)

    assert response.status_code == 302, Page(response).error_summary
    from carershub.referrals.models import Referral

    referral = Referral.objects.get()
    assert (referral.source, referral.source_id) == ("contact", str(contact.pk))
