"""The demo's signposting: picks from the demo directory on contacts, not-eligible assessments and
plans, through the services (each with its event); nothing without a directory."""

from django.utils import timezone

from carershub.accounts.models import Role
from carershub.activity.models import Event, EventKind
from carershub.demo import signposting as demo_signposting
from carershub.signposting.models import Signpost
from tests import builders


def _staff(make_user):
    return {"manager": make_user(Role.TEAM_MANAGER, Role.PRACTITIONER, organisation="council"),
            "frontdoor": make_user(Role.FRONT_DOOR)}


def test_without_a_directory_the_demo_makes_no_picks(region, make_user, make_carer, make_contact):
    make_contact(make_carer())

    demo_signposting.make(today=timezone.localdate(), staff=_staff(make_user), orgs={})

    assert not Signpost.objects.exists()


def test_the_demo_signposting(region, make_user, make_carer, make_contact, make_service, not_eligible, practitioner):
    for n in range(3):
        make_contact(make_carer(given=f"Demo{n}"))
    plan = builders.agreed_plan(not_eligible, actor=practitioner, support_options=("referrals",))
    for n in range(5):
        make_service(f"Demo service {n}", organisation=f"Provider {n}")
    staff = _staff(make_user)

    demo_signposting.make(today=timezone.localdate(), staff=staff, orgs={})
    demo_signposting.make(today=timezone.localdate(), staff=staff, orgs={})  # a second load adds nothing

    picks = Signpost.objects.all()
    assert picks.filter(contact__isnull=False).count() == 4  # three contacts, one also not listed
    assert picks.filter(assessment=not_eligible).count() == 2
    assert picks.filter(plan=plan).count() == 1
    assert picks.filter(service__isnull=True).count() == 1
    assert Event.objects.filter(kind=EventKind.SIGNPOSTED).count() == picks.count() == 7
