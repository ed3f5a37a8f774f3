"""Shared builders for the statutory returns' tests: one English and one Welsh carer with events."""

import datetime

from django.utils import timezone

from carershub.accounts.models import Role
from carershub.contacts.models import Contact
from carershub.partnership.models import Organisation
from carershub.support import services as support_services
from tests import builders


def english_world(*, make_user, marches_carer, marches_council, region) -> dict:
    """A carer of the Marches (England) with a contact, an eligible assessment, an agreed plan, its review,
    a delivered sitting break and a one-off direct payment, all made through the services today."""
    worker = make_user(Role.PRACTITIONER, organisation=marches_council)
    carer = marches_carer(nhs_number="9434765919", sex="female", ethnic_group="white_british")
    contact = Contact.objects.create(person=carer, channel="phone", caller_role="carer", recorded_by=worker,
                                     organisation=marches_council, outcomes=["information_only"])
    provider = Organisation.objects.create(name="Test Sitters", kind=Organisation.Kind.CARE_PROVIDER,
                                           sector=Organisation.Sector.PRIVATE, area=region["areas"]["marches"])
    delivered = builders.support_delivered(carer, actor=worker, council=marches_council, provider=provider)
    plan = delivered["plan"]
    review, _follow_on = support_services.record_review(
        plan, expected_version=plan.version, reviewed_on=timezone.localdate(), outcome="no_change",
        notes="Going well", next_review_date=timezone.localdate() + datetime.timedelta(days=300), actor=worker)
    return {"worker": worker, "carer": carer, "contact": contact, "review": review, **delivered}


def welsh_world(*, make_user, make_carer, region, young=False) -> dict:
    worker = make_user(Role.PRACTITIONER)  # the Test Council, Afon (Wales)
    carer = make_carer(dob=datetime.date(2012, 1, 1)) if young else make_carer()
    assessment = builders.completed_assessment(carer, actor=worker, organisation=region["orgs"]["council"])
    plan = builders.agreed_plan(assessment, actor=worker)
    return {"worker": worker, "carer": carer, "assessment": assessment, "plan": plan}
