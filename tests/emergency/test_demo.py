"""The demo region's contingency plans and cards, made through the services."""

import pytest

from carershub.activity.models import Event, EventKind
from carershub.demo import breaks, groups, payments, region
from carershub.support.emergency.models import ContingencyPlan, EmergencyCard, EmergencyEpisode, ResponseLine


@pytest.mark.django_db
def test_the_demo_has_lines_plans_cards_a_reissued_card_and_a_closed_response(monkeypatch):
    for other in (breaks, payments, groups):  # the other parts of issue 10 have demos of their own
        monkeypatch.setattr(other, "make", lambda **kwargs: None)

    region.load(carers=120)

    assert ResponseLine.objects.filter(area__isnull=True).count() == 1
    assert ResponseLine.objects.filter(area__isnull=False).count() == 2
    assert ContingencyPlan.objects.count() >= 4
    assert EmergencyCard.objects.filter(status="cancelled").count() == 1
    reissued = EmergencyCard.objects.get(replaces__isnull=False)
    assert reissued.status == "live"
    closed = EmergencyEpisode.objects.get(closed_at__isnull=False)
    assert closed.minutes == 660
    assert EmergencyEpisode.objects.filter(closed_at__isnull=True).count() == 1
    assert Event.objects.get(kind=EventKind.EMERGENCY_CLOSED).data == {"minutes": 660}
    assert ContingencyPlan.objects.filter(cards__isnull=True).exists()  # a plan still waiting for its card
