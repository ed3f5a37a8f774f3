"""Shared set-up for the short breaks tests: a carer with an agreed plan, the council's staff, a provider."""

import datetime

import pytest
from django.utils import timezone

from carershub.accounts.models import Role
from carershub.partnership.models import Organisation
from carershub.people.models import CaringRelationship
from carershub.support.breaks import services
from tests import builders


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


@pytest.fixture
def practitioner(make_user):
    return make_user(Role.PRACTITIONER, organisation="council")


@pytest.fixture
def manager(make_user):
    return make_user(Role.TEAM_MANAGER, organisation="council")


@pytest.fixture
def provider(region):
    return Organisation.objects.create(
        name="Test Sitting Service", kind=Organisation.Kind.CARE_PROVIDER, sector=Organisation.Sector.PRIVATE,
        area=region["areas"]["afon"],
    )


@pytest.fixture
def carer(make_carer):
    return make_carer(given="Breaks", family="Testcarer")


@pytest.fixture
def plan(carer, practitioner, region):
    assessment = builders.completed_assessment(carer, actor=practitioner, organisation=region["orgs"]["council"])
    return builders.agreed_plan(assessment, actor=practitioner)


@pytest.fixture
def caring(carer, make_carer):
    father = make_carer(given="Father", family="Testcaredfor", dob=datetime.date(1940, 1, 1))
    return CaringRelationship.objects.create(carer=carer, cared_for=father, relationship="parent")


@pytest.fixture
def allowance(carer, plan, practitioner):
    """40 hours for this financial year, from the plan."""
    start, end = services.default_period()
    return services.grant_allowance(
        carer, unit="minutes", amount=40 * 60, starts_on=start, ends_on=end, reason="From the plan", plan=plan,
        actor=practitioner,
    )


@pytest.fixture
def past_day():
    """A day in the current financial year before today (today is within it)."""
    start, _end = services.default_period()
    day = timezone.localdate() - datetime.timedelta(days=7)
    return max(day, start)


@pytest.fixture
def future_day():
    _start, end = services.default_period()
    return min(timezone.localdate() + datetime.timedelta(days=7), end)
