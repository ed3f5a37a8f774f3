"""Demo referrals for the synthetic region (to be called from demo/region.py's load(), like groups).

Young carers who consented to share with the Valleys Young Carers Project are referred to it by the
carers centre's front door: one accepted (its partner worker sees the shared summary), one completed,
one waiting to be opened, one received, one declined, one withdrawn, and one overdue (sent two weeks
ago, never accepted). A carer consents to Marchester Befriending Social Enterprise and is referred
there; a safeguarding referral under a recorded exception goes to Riverside Dementia Support. Never to
a health board or integrated care board. At least one consented young carer is left without a referral,
for the demo walk to refer (``walk_carer``). Two information-sharing agreements: one in force, one due
for review. All made through the referrals services, so statuses, versions and events are the product's.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from carershub.activity.models import Event
from carershub.people import choices
from carershub.people.models import Consent, Person
from carershub.referrals import flow, services
from carershub.referrals.models import Referral, SharedPart

VALLEYS = "Valleys Young Carers Project"
BEFRIENDING = "Marchester Befriending Social Enterprise"
DEMENTIA = "Riverside Dementia Support"

STORY = [
    ("Would like to meet other young carers; finds evenings hard since mum's stroke.", flow.ACCEPTED),
    ("Wants a break at weekends and someone to talk to about school.", flow.COMPLETED),
    ("Asked about the Saturday club for young carers.", flow.SENT),
    ("Struggling with exams and caring for dad; would like mentoring.", flow.RECEIVED),
    ("Wanted a group in Welsh near Pontafon.", flow.DECLINED),
    ("Family moving out of the area.", flow.WITHDRAWN),
    ("Not sleeping; looking for peer support as soon as possible.", "overdue"),
]


def _back(referral, days):
    """The referral was sent ``days`` ago: its times, due day and events say so."""
    when = timezone.make_aware(datetime.combine(timezone.localdate() - timedelta(days=days), time(11)))
    due = services.due_on(when.date(), referral.urgency, referral.to_organisation)
    Referral.objects.filter(pk=referral.pk).update(sent_at=when, due_on=due)
    Event.objects.filter(object_type="referrals.referral", object_id=referral.pk).update(occurred_at=when)


def _consented(org):
    ids = Consent.objects.active().filter(organisation=org, purpose=choices.ConsentPurpose.SUPPORT_AND_REFERRAL)
    return list(Person.objects.filter(pk__in=ids.values("person_id"), carer__isnull=False).order_by("pk"))


def make(*, today, staff, orgs) -> dict:
    """staff: {username: User}; orgs: {name: Organisation}. Returns {"walk_carer": the carer left to refer}."""
    frontdoor, partner, manager = staff["frontdoor"], staff.get("partner"), staff["manager"]
    valleys, centre = orgs[VALLEYS], frontdoor.organisation
    consented = _consented(valleys)
    if len(consented) < len(STORY) + 1 or partner is None:
        return {"walk_carer": consented[-1] if consented else None}

    shared = [SharedPart.CONTACT_DETAILS, SharedPart.CARING_SITUATION, SharedPart.WHAT_MATTERS]
    for carer, (reason, end) in zip(consented, STORY):
        urgency = "soon" if end == "overdue" else "routine"
        referral = services.send(
            carer, actor=frontdoor, to_organisation=valleys, reason=reason, urgency=urgency,
            purpose=choices.ConsentPurpose.SUPPORT_AND_REFERRAL, shared=shared,
        )
        if end == "overdue":
            _back(referral, 14)
            continue
        _back(referral, 3 if end in (flow.SENT, flow.RECEIVED) else 10)
        referral.refresh_from_db()
        steps = {
            flow.ACCEPTED: [(flow.RECEIVED, partner, ""), (flow.ACCEPTED, partner, "")],
            flow.COMPLETED: [(flow.ACCEPTED, partner, ""), (flow.COMPLETED, partner, "Joined the Saturday club; comes most weeks.")],
            flow.SENT: [],
            flow.RECEIVED: [(flow.RECEIVED, partner, "")],
            flow.DECLINED: [(flow.DECLINED, partner, "Our Welsh-language group is full until spring; we suggested Paned a Sgwrs.")],
            flow.WITHDRAWN: [(flow.WITHDRAWN, frontdoor, "")],
        }[end]
        for to, actor, words in steps:
            services.move(referral, to, actor=actor, expected_version=referral.version, words=words)

    # Further afield: befriending under consent, and a safeguarding referral under a recorded exception.
    others = list(
        Person.objects.filter(carer__isnull=False, area=orgs[BEFRIENDING].area).exclude(pk__in=[c.pk for c in consented]).order_by("pk")[:2]
    )
    if len(others) == 2:
        befriended, at_risk = others
        Consent.objects.create(
            person=befriended, organisation=orgs[BEFRIENDING], purpose=choices.ConsentPurpose.SUPPORT_AND_REFERRAL,
            given_on=today - timedelta(days=20), method="verbal", recorded_by=frontdoor,
        )
        services.send(
            befriended, actor=frontdoor, to_organisation=orgs[BEFRIENDING], reason="Lonely since retiring to care for his wife.",
            urgency="routine", purpose=choices.ConsentPurpose.SUPPORT_AND_REFERRAL,
            shared=[SharedPart.CONTACT_DETAILS, SharedPart.WHAT_MATTERS],
        )
        services.send(
            at_risk, actor=frontdoor, to_organisation=orgs[DEMENTIA], reason="Cared-for person wandering at night; carer exhausted.",
            urgency="urgent", purpose=choices.ConsentPurpose.SUPPORT_AND_REFERRAL,
            shared=[SharedPart.CARING_SITUATION, SharedPart.CARED_FOR_HEALTH], lawful_basis="safeguarding",
            exception_reason="Risk of harm to an adult at risk at night; the carer could not be reached to consent.",
        )

    services.create_agreement(
        actor=manager, parties=[orgs["Afon Valley County Borough Council"], centre, valleys],
        title="Afon Valley young carers information-sharing agreement", purposes=["support_and_referral", "assessment"],
        signed_on=today - timedelta(days=400), review_on=today + timedelta(days=330), reference="AV-ISA-2025-03",
    )
    services.create_agreement(
        actor=manager, parties=[centre, orgs[BEFRIENDING], orgs[DEMENTIA], orgs["Marchester City Council"]],
        title="Marchester carers partnership information-sharing agreement",
        purposes=["support_and_referral", "contact_about_services"],
        signed_on=today - timedelta(days=760), review_on=today - timedelta(days=30), reference="MCP-ISA-2024-01",
    )
    return {"walk_carer": consented[len(STORY)]}
