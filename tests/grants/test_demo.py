"""The demo's grants are made through the services: a decided round within budget, paid, with a return in
and one overdue; a round being scored, waiting for the manager's scores."""

from django.utils import timezone

from carershub.accounts.models import Role
from carershub.activity.models import Event, EventKind
from carershub.demo import grants as demo_grants
from carershub.grants import services
from carershub.grants.models import Round


def test_the_demo_grants(region, make_user):
    staff = {"manager": make_user(Role.TEAM_MANAGER, Role.PRACTITIONER, organisation="council"),
             "frontdoor": make_user(Role.FRONT_DOOR), "partner": make_user(Role.PARTNER_WORKER, organisation="partner")}

    demo_grants.make(today=timezone.localdate(), staff=staff, orgs={})
    demo_grants.make(today=timezone.localdate(), staff=staff, orgs={})  # again: nothing more

    decided, scoring = Round.objects.order_by("opens_on")
    assert decided.status == "decided" and scoring.status == "scoring"
    money = services.budget(decided)
    assert (money.awarded, money.paid, money.remaining) == (460000, 460000, 40000)
    assert [a.group.name for a in services.overdue_returns(decided)] == ["Afon Knit and Natter"]
    assert services.waiting_for_scores(staff["manager"]).count() == 3
    assert services.waiting_for_scores(staff["frontdoor"]).count() == 1
    assert services.waiting_for_scores(staff["partner"]).count() == 2
    assert Event.objects.filter(kind=EventKind.GRANT_APPLIED).count() == 7
    assert Event.objects.filter(kind=EventKind.GRANT_MONITORED).count() == 2
