"""Shared set-up for the direct payments tests: a carer whose agreed plan chose a direct payment
with a personal budget, the council's practitioner, and helpers to set one up through the services."""

import datetime
from decimal import Decimal

import pytest

from carershub.accounts.models import Role
from carershub.support.models import SupportOption
from carershub.support.payments import services
from tests import builders

TODAY = datetime.date(2026, 12, 1)


def plan_with_direct_payment(carer, *, actor, council, budget=Decimal("1200")):
    assessment = builders.completed_assessment(carer, actor=actor, organisation=council)
    return builders.agreed_plan(
        assessment,
        actor=actor,
        support_options=(SupportOption.DIRECT_PAYMENT, SupportOption.SHORT_BREAKS),
        personal_budget=budget,
    )


def set_up_recurring(carer, plan, *, actor, council, amount=10_000, schedule="monthly", starts_on=None, ends_on=None):
    starts_on = starts_on or datetime.date(2026, 6, 1)
    return services.set_up(
        carer,
        plan=plan,
        kind="recurring",
        schedule_code=schedule,
        amount_pence=amount,
        purpose="Gym membership and a weekly swim",
        starts_on=starts_on,
        ends_on=ends_on or starts_on.replace(year=starts_on.year + 1) - datetime.timedelta(days=1),
        council=council,
        payee_name=carer.full_name,
        payee_reference="SUP-001",
        actor=actor,
    )


@pytest.fixture
def council(region):
    return region["orgs"]["council"]


@pytest.fixture
def practitioner(make_user):
    return make_user(Role.PRACTITIONER, organisation="council")


@pytest.fixture
def carer(make_carer):
    return make_carer(given="Dilys", family="Paymentstest")


@pytest.fixture
def plan(carer, practitioner, council):
    return plan_with_direct_payment(carer, actor=practitioner, council=council)


@pytest.fixture
def agreement(carer, plan, practitioner, council):
    return set_up_recurring(carer, plan, actor=practitioner, council=council)
