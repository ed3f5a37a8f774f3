"""Two workers pressing "issue the card" or "save the plan" for the same carer at the same moment."""

import pytest

from carershub.accounts.models import Role
from carershub.support.emergency import services
from carershub.support.emergency.models import ContingencyPlan, EmergencyCard
from tests.concurrency import ONLY_POSTGRESQL, at_the_same_moment
from tests.emergency.conftest import plan_post, write_plan

pytestmark = [ONLY_POSTGRESQL, pytest.mark.django_db(transaction=True)]


def test_two_cards_issued_at_the_same_moment_make_one_live_card(caring, make_user, new_client, lines, monkeypatch):
    relationship = caring()
    plan = write_plan(relationship, actor=make_user(Role.PRACTITIONER))
    first, second = new_client(make_user(Role.PRACTITIONER)), new_client(make_user(Role.FRONT_DOOR))
    url = f"/emergency/carer/{plan.carer_id}/card/new/"

    responses = at_the_same_moment(
        {"first": lambda: first.post(url, {}), "second": lambda: second.post(url, {})},
        (services, "live_card"),
        monkeypatch,
    )

    assert all(r.status_code == 302 for r in responses.values())
    assert EmergencyCard.objects.filter(carer=plan.carer, status="live").count() == 1


def test_two_first_plans_at_the_same_moment_make_one_plan(caring, make_user, new_client, lines, monkeypatch):
    relationship = caring()
    first, second = new_client(make_user(Role.PRACTITIONER)), new_client(make_user(Role.FRONT_DOOR))
    url = f"/emergency/carer/{relationship.carer_id}/plan/new/"

    responses = at_the_same_moment(
        {
            "first": lambda: first.post(url, plan_post(relationship)),
            "second": lambda: second.post(url, plan_post(relationship, pets="A dog")),
        },
        (services, "_write_contacts"),
        monkeypatch,
    )

    assert all(r.status_code == 302 for r in responses.values())
    assert ContingencyPlan.objects.filter(carer=relationship.carer).count() == 1
