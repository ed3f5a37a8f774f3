"""The demo's groups are made through the services: a full course with two waiting, counselling with
a wait of weeks, registers taken on past sessions, packs given."""

from django.utils import timezone

from carershub.accounts.models import Role
from carershub.activity.models import Event, EventKind
from carershub.demo import groups as demo_groups
from carershub.support.groups import services
from carershub.support.groups.models import Activity, Booking


def test_the_demo_groups(region, make_user, make_carer):
    orgs = {"Afon Valley County Borough Council": region["orgs"]["council"],
            "Afon and Marches Carers Centre": region["orgs"]["centre"]}
    staff = {"manager": make_user(Role.TEAM_MANAGER, Role.PRACTITIONER), "frontdoor": make_user(Role.FRONT_DOOR)}
    for n in range(40):
        make_carer(given=f"Demo{n}")

    demo_groups.make(today=timezone.localdate(), staff=staff, orgs=orgs)

    course = Activity.objects.get(kind="training")
    first = course.sessions.order_by("date").first()
    assert services.taken(first) == first.places
    assert [e.person.given_name for e in services.waiting(course)] == ["Demo22", "Demo23"]
    counselling = Activity.objects.get(kind="counselling")
    measured = services.measures(counselling)
    assert measured.waiting == 4 and measured.longest_days == 58
    assert Booking.objects.filter(status="attended").count() == 10
    assert Event.objects.filter(kind=EventKind.SESSION_MISSED).count() == 2
    assert Event.objects.filter(kind=EventKind.INFORMATION_PACK_ISSUED).count() == 8
