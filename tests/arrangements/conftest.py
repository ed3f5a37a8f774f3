import datetime

import pytest
from django.utils import timezone

from carershub.accounts.models import Role
from carershub.providers.arrangements import services
from tests.providers.build import make_provider


@pytest.fixture
def practitioner(make_user):
    """A council practitioner: works with make_carer's people in Afon."""
    return make_user(Role.PRACTITIONER)


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def a_provider(region, practitioner):
    counter = iter(range(1, 1000))

    def _make(**fields):
        fields.setdefault("name", f"Test Micro Care {next(counter)}")
        return make_provider(area=region["areas"]["afon"], actor=practitioner, **fields)

    return _make


@pytest.fixture
def provider(a_provider):
    return a_provider()


@pytest.fixture
def person(another_carer):
    """another_carer() -> a new person in Afon (the practitioner works with them)."""
    return another_carer


@pytest.fixture
def arrange(practitioner, today):
    """arrange(provider, person, starts_on=today, ...) -> an arrangement made through the service."""

    def _arrange(provider, person, *, starts_on=None, ends_on=None, setting="in_home", kind="regular",
                 covering_for=None, confirmed_limit=True):
        return services.start_arrangement(
            provider=provider, person=person, kind=kind, covering_for=covering_for, setting=setting,
            starts_on=starts_on or today, ends_on=ends_on, hours_per_week=None, funded_by="direct_payment",
            actor=practitioner, confirmed_limit=confirmed_limit,
        )

    return _arrange


def days(n):
    return datetime.timedelta(days=n)
