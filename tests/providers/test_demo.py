"""The demo region's care at home (issue 13), made through the apps' services: a micro-enterprise at
each status, one at its limit of four with its registration waiting, an expiring DBS check on the
reminders queue, requests matched and introduced, the support service's advice, and the provider
mix for Afon Valley and the report's table."""

import pytest

from carershub.activity.models import Event, EventKind
from carershub.demo import providers as demo_providers
from carershub.demo import region
from carershub.providers import services
from carershub.providers.arrangements import services as arrangements
from carershub.providers.matching.models import CareRequest, Introduction
from carershub.providers.mix.models import MixReturn
from carershub.providers.models import Advice, Provider, RegistrationOutcome, SupportService


@pytest.mark.django_db
def test_the_demo_care_at_home(monkeypatch):
    from carershub.demo import breaks, emergency, grants, groups, identification, payments, signposting

    for other in (breaks, emergency, groups, payments, signposting, identification, grants):  # demos of their own
        monkeypatch.setattr(other, "make", lambda **kwargs: None)
    loaded = region.load(carers=100)

    micro = Provider.objects.filter(provider_type="micro_enterprise")
    assert set(micro.values_list("status", flat=True)) == {"enquiry", "developing", "active", "paused", "closed"}
    at_limit = Provider.objects.get(organisation__name=demo_providers.AT_LIMIT)
    assert at_limit.limit_applies() and arrangements.people_now(at_limit) == 4
    assert at_limit.registrations.get().outcome == RegistrationOutcome.PENDING
    assert services.new_people_problems(at_limit) == []
    due = services.reminders()
    assert [(r.provider.name, r.check.item, r.state) for r in due] == [
        ("Pontlas Home Helpers", "insurance", "expired"), (demo_providers.EXPIRING, "dbs", "due")]
    assert services.new_people_problems(Provider.objects.get(organisation__name="Pontlas Home Helpers"))
    assert SupportService.objects.filter(organisation=loaded["staff"]["support"].organisation).exists()
    assert Advice.objects.count() == 4

    assert sorted(CareRequest.objects.values_list("status", flat=True)) == ["matched", "open", "open"]
    assert Introduction.objects.filter(outcome="agreed", arrangement__isnull=False).count() == 1
    assert CareRequest.objects.filter(status="open", direct_payment=True, introductions__isnull=True).exists()
    assert MixReturn.objects.filter(area__name="Afon Valley").count() == 6
    assert MixReturn.objects.filter(source__contains="Table 2").count() == 23
    # Every change was an event.
    assert Event.objects.filter(kind=EventKind.ARRANGEMENT_STARTED).count() == 10
    assert Event.objects.filter(kind=EventKind.PROVIDER_ADDED).count() == 8

    region.load(carers=100)  # again: nothing more
    assert Provider.objects.count() == 8
