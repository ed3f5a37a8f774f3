import datetime

import pytest
from django.utils import timezone

from carershub.accounts.models import Role
from carershub.grants import services
from carershub.grants.services import CriterionSpec


@pytest.fixture
def manager(make_user):
    """A team manager of the Afon council, which funds the rounds below."""
    return make_user(Role.TEAM_MANAGER, organisation="council")


@pytest.fixture
def scorers(make_user):
    """Two panel members: a front door worker of the carers centre and a partner worker."""
    return [make_user(Role.FRONT_DOOR), make_user(Role.PARTNER_WORKER, organisation="partner")]


@pytest.fixture
def make_round(manager, scorers):
    """make_round(status="scoring", budget=500000, ...) -> a round of the council, moved on to ``status``."""

    def _make(status="scoring", *, budget=500000, maximum=250000, panel=None, criteria=None, **fields):
        today = timezone.localdate()
        values = {"name": "Test grants round", "budget_pence": budget, "max_award_pence": maximum,
                  "opens_on": today - datetime.timedelta(days=30), "closes_on": today,
                  "decision_on": today + datetime.timedelta(days=14), **fields}
        round_ = services.create_round(
            actor=manager, panel=panel if panel is not None else [manager, *scorers],
            criteria=criteria or [CriterionSpec("Co-production", 3), CriterionSpec("Reach", 1)], **values,
        )
        for wanted in ("open", "closed", "scoring", "decided"):
            if round_.status == status:
                break
            services.move_on(round_, expected_version=round_.version, actor=manager)
        return round_

    return _make


@pytest.fixture
def make_application(manager):
    counter = iter(range(1, 10_000))

    def _make(round_, *, asked=100000, name=None, **fields):
        values = {"section16_type": "user_led", "contact_name": "Test Contact", "contact_email": "", "contact_phone": "",
                  "purpose": "A carers' drop-in", "requested_pence": asked, "coproduction": "Carers planned it",
                  "carers_expected": 20, "received_on": round_.opens_on, "late_reason": "", **fields}
        return services.record_application(round_, actor=manager, new_group_name=name or f"Test Group {next(counter)}",
                                           **values)

    return _make


@pytest.fixture
def award(manager):
    def _award(application, amount):
        application.refresh_from_db()
        return services.award(application, amount_pence=amount, expected_version=application.version, actor=manager)

    return _award
