"""Demo signposting for the synthetic region (wired into demo/region.py's load(), after the directory's
demo): carers pointed to services of the demo directory from front-door contacts, from not-eligible
assessments (so their letters list them under information and advice) and from plans, and one pick of
something the directory does not list. Made through signposting's services, so each pick has its
``signposted`` event and the figures count them by service. Services are only ever read from the
directory here, never made; without any, nothing is made.
"""

from django.db.models import Q

from carershub.activity.models import Event, EventKind
from carershub.assessments.models import Assessment, AssessmentStatus
from carershub.contacts.models import Contact
from carershub.directory.models import Service, ServiceStatus
from carershub.signposting import services
from carershub.signposting.models import Signpost, Source
from carershub.support.models import SupportPlan

CONTACTS, ASSESSMENTS, PLANS = 16, 6, 4


def _at(pick, when) -> None:
    """The pick was made ``when`` (as the contact, decision or plan it came from): it and its event say so."""
    if when is None:
        return
    Signpost.objects.filter(pk=pick.pk).update(signposted_at=when)
    Event.objects.filter(kind=EventKind.SIGNPOSTED, object_type=Signpost._meta.label_lower, object_id=pick.pk).update(
        occurred_at=when
    )


def make(*, today, staff, orgs) -> None:
    """staff: {username: User}; orgs: {name: Organisation}. The demo carers and the directory are made."""
    if Signpost.objects.exists():
        return
    listed = list(Service.objects.filter(status=ServiceStatus.ACTIVE).order_by("name", "id")[:12])
    if not listed:
        return
    frontdoor = staff["frontdoor"]
    fallback = staff.get("manager") or frontdoor

    # The front door points callers to a few popular services more than the rest, as happens.
    popular = listed[:3] * 3 + listed
    contacts = Contact.objects.filter(person__isnull=False).select_related("person").order_by("pk")[:CONTACTS]
    for n, contact in enumerate(contacts):
        origin = services.Origin(Source.CONTACT, person=contact.person, contact=contact)
        _at(services.signpost(origin, actor=frontdoor, service=popular[n % len(popular)]), contact.received_at)
        if n == 2:
            pick = services.signpost(
                origin, actor=frontdoor, not_listed="Lunch club at the chapel vestry, Thursdays",
                note="Not in the directory yet: suggested to the centre for adding",
            )
            _at(pick, contact.received_at)

    # The information and advice of a not-eligible decision letter.
    not_eligible = (
        Assessment.objects.filter(eligible=False, status=AssessmentStatus.COMPLETED)
        .select_related("carer", "decided_by")
        .order_by("pk")[:ASSESSMENTS]
    )
    for n, assessment in enumerate(not_eligible):
        origin = services.Origin(Source.ASSESSMENT, person=assessment.carer, assessment=assessment)
        actor = assessment.decided_by or fallback
        for service in (listed[n % len(listed)], listed[(n + 4) % len(listed)]):
            _at(services.signpost(origin, actor=actor, service=service), assessment.decided_at)

    # The referrals part of plans in force.
    plans = (
        SupportPlan.objects.filter(Q(status=SupportPlan.Status.AGREED))
        .select_related("carer", "agreed_by")
        .order_by("pk")[:PLANS]
    )
    for n, plan in enumerate(plans):
        origin = services.Origin(Source.PLAN, person=plan.carer, plan=plan)
        _at(services.signpost(origin, actor=plan.agreed_by or fallback, service=listed[(n + 1) % len(listed)]), plan.agreed_at)
