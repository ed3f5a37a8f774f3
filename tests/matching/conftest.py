import datetime

import pytest
from django.utils import timezone

from carershub.accounts.models import Role
from carershub.providers.arrangements.models import Arrangement
from tests.providers.build import make_provider


@pytest.fixture
def practitioner(client_for):
    """A practitioner of the Afon council, where make_carer's people live."""
    return client_for(Role.PRACTITIONER, organisation="council")


@pytest.fixture
def afon(region):
    return region["areas"]["afon"]


@pytest.fixture
def provider(afon, practitioner):
    """provider(name, **make_provider options) -> an active provider of Afon, able to take people."""

    def _make(name, **options):
        return make_provider(name=name, area=afon, actor=practitioner.user, **options)

    return _make


@pytest.fixture
def fill(make_carer):
    """fill(provider, n): n people cared for at home by the provider from ten days ago."""

    def _fill(provider, n):
        start = timezone.localdate() - datetime.timedelta(days=10)
        for i in range(n):
            person = make_carer(given=f"Cared{i}", family=f"Full{provider.pk}")
            Arrangement.objects.create(provider=provider, person=person, setting="in_home", starts_on=start)

    return _fill


def request_data(**overrides) -> dict:
    return {"services": ["personal_care", "meals"], "times_mon": ["morning"], "times_tue": ["evening"],
            "hours_per_week": "6", "other_language": "", "preferences": "Likes an early start",
            "direct_payment": "on", **overrides}
