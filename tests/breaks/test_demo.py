"""The demo region's short breaks, made through the services: ledgers that add up, every state."""

import pytest

from carershub.demo import emergency, groups, payments, region
from carershub.support.breaks import services
from carershub.support.breaks.models import Allowance, Booking, BookingStatus, LedgerEntry
from carershub.support.models import SupportPlan


@pytest.mark.django_db
def test_the_demo_has_40_hour_allowances_with_bookings_in_every_state_and_a_preventative_one(monkeypatch):
    for other in (payments, emergency, groups):  # the other parts of issue 10 have demos of their own
        monkeypatch.setattr(other, "make", lambda **kwargs: None)

    region.load(carers=120)

    hours = Allowance.objects.filter(unit="minutes")
    assert hours.count() == 3 and {a.amount for a in hours} == {2400}
    assert all(a.plan.status == "agreed" for a in hours)
    money = Allowance.objects.get(unit="pence")
    assert money.preventative and money.reason and money.plan is None
    assert set(Booking.objects.values_list("status", flat=True)) == set(BookingStatus.values)
    for allowance in Allowance.objects.all():
        total = sum(LedgerEntry.objects.filter(allowance=allowance).values_list("amount", flat=True))
        assert services.balance_of(allowance) == total >= 0
    assert services.balance_of(money) == 25000 - 8550
    # Carers with agreed plans are still waiting for an allowance, for a worker to grant one.
    assert SupportPlan.objects.filter(status="agreed").exclude(carer__break_allowances__isnull=False).exists()
