"""The demo region's direct payments, made through the services."""

import pytest

from carershub.demo import breaks, emergency, groups, region
from carershub.support.models import SupportPlan
from carershub.support.payments import services
from carershub.support.payments.models import Agreement, MonitoringReturn


@pytest.mark.django_db
def test_the_demo_has_recurring_and_one_off_direct_payments_with_a_return_and_a_recovery(monkeypatch):
    for other in (breaks, emergency, groups):  # the other parts of issue 10 have demos of their own
        monkeypatch.setattr(other, "make", lambda **kwargs: None)

    region.load(carers=120)

    assert Agreement.objects.filter(kind="recurring").count() == 2
    assert Agreement.objects.filter(kind="one_off", plan__isnull=True).count() == 1
    monthly = Agreement.objects.get(schedule="monthly")
    assert MonitoringReturn.objects.get(agreement=monthly).unspent_pence == 3_000
    position = services.position_of(monthly)
    assert position.recovered == 1_500 and position.to_recover == 1_500 and position.paid >= 25_000
    # A carer whose plan chose a direct payment is waiting for one to be set up.
    with_agreements = set(Agreement.objects.values_list("carer_id", flat=True))
    waiting = [
        plan.carer for plan in SupportPlan.objects.filter(status="agreed").exclude(carer_id__in=with_agreements)
        if services.plan_for_direct_payment(plan.carer) is not None
    ]
    assert len(waiting) == 1
