"""The emergency responder: a card number and a reason open one plan, once; everything is logged."""

import pytest
from django.utils import timezone

from carershub.accounts.models import Role
from carershub.activity.models import Event, EventKind
from carershub.audit.models import AccessAction, AccessEvent, AccessPart
from carershub.support.emergency import cardnumber, services


def _unknown_number(known):
    while True:
        number = cardnumber.new_number()
        if number not in known:
            return number


def _mistyped(number):
    last = str((int(number[-1]) + 1) % 10)
    return number[:-1] + last


@pytest.fixture
def responder(client_for):
    return client_for(Role.EMERGENCY_RESPONDER)


def test_the_responder_finds_the_plan_by_card_number_with_a_reason(responder, planned, client_for):
    plan, card = planned(given="Gwenllian")

    response = responder.post(
        "/emergency/look-up/", {"card_number": cardnumber.grouped(card.number), "reason": "Carer in A&E, rang the line"}
    )

    text = response.content.decode()
    assert response.status_code == 200
    assert "Gwenllian" in text and "Emrys" in text and "With the neighbour at number 4" in text
    assert "Sian" in text  # the emergency contact
    assert f"/people/{plan.carer_id}/" not in text  # no way into the record
    access = AccessEvent.objects.get(person_ref=plan.carer_id, action=AccessAction.EMERGENCY)
    assert access.part == AccessPart.CONTINGENCY_PLAN and access.purpose == "Carer in A&E, rang the line"
    event = Event.objects.get(kind=EventKind.EMERGENCY_CARD_LOOKED_UP)
    assert event.person_id == plan.carer_id and event.actor == responder.user and event.data == {"found": 1}


def test_the_look_up_is_in_the_records_access_history_for_a_team_manager(responder, planned, client_for):
    plan, card = planned()
    responder.post("/emergency/look-up/", {"card_number": card.number, "reason": "Neighbour called: carer collapsed"})
    manager = client_for(Role.TEAM_MANAGER)

    history = manager.get(f"/people/{plan.carer_id}/access-history/").content.decode()

    assert "Neighbour called: carer collapsed" in history
    assert responder.user.last_name in history


def test_the_reason_is_required(responder, planned):
    plan, card = planned()

    response = responder.post("/emergency/look-up/", {"card_number": card.number, "reason": ""})

    assert "Enter why you need the plan" in response.content.decode()
    assert not AccessEvent.objects.filter(person_ref=plan.carer_id).exists()
    assert not Event.objects.filter(kind=EventKind.EMERGENCY_CARD_LOOKED_UP).exists()


def test_a_mistyped_number_is_told_apart_from_an_unknown_one(responder, planned):
    plan, card = planned()

    mistyped = responder.post("/emergency/look-up/", {"card_number": _mistyped(card.number), "reason": "Call"})
    unknown = responder.post("/emergency/look-up/", {"card_number": _unknown_number({card.number}), "reason": "Call"})

    assert "a digit may have been typed wrongly" in mistyped.content.decode()
    assert "No card in use has this number" in unknown.content.decode()
    events = Event.objects.filter(kind=EventKind.EMERGENCY_CARD_LOOKED_UP).order_by("pk")
    assert [e.data for e in events] == [{"found": 0, "mistyped": 1}, {"found": 0, "mistyped": 0}]
    assert all(e.person_id is None for e in events)
    assert not AccessEvent.objects.filter(person_ref=plan.carer_id).exists()


def test_a_cancelled_number_opens_nothing(responder, planned):
    plan, card = planned()
    services.cancel_card(card, reason="Lost", actor=None, expected_version=1, reissue=True)

    response = responder.post("/emergency/look-up/", {"card_number": card.number, "reason": "Call"})

    assert "No card in use has this number" in response.content.decode()
    assert "With the neighbour" not in response.content.decode()


def test_a_reload_asks_again_and_the_form_grants_nothing(responder, planned):
    plan, card = planned()
    responder.post("/emergency/look-up/", {"card_number": card.number, "reason": "Call"})

    again = responder.get("/emergency/look-up/").content.decode()

    assert "With the neighbour" not in again
    assert responder.get(f"/emergency/carer/{plan.carer_id}/plan/").status_code in (403, 404)
    assert responder.get(f"/people/{plan.carer_id}/").status_code in (403, 404)
    assert responder.get("/people/search/?q=Testcarer").status_code in (403, 404)


def test_wrong_numbers_slow_the_user_down_so_the_numbers_cannot_be_walked(responder, planned, make_user, client):
    plan, card = planned()
    for _ in range(services.FREE_WRONG_NUMBERS):
        response = responder.post(
            "/emergency/look-up/", {"card_number": _unknown_number({card.number}), "reason": "Call"}
        )
        assert "No card in use" in response.content.decode()
    responder.post("/emergency/look-up/", {"card_number": _unknown_number({card.number}), "reason": "Call"})

    # Even the right number now waits, and nothing is opened or logged meanwhile.
    refused = responder.post("/emergency/look-up/", {"card_number": card.number, "reason": "Call"})

    assert "Too many numbers that open no plan" in refused.content.decode()
    assert not AccessEvent.objects.filter(person_ref=plan.carer_id).exists()
    # Another responder is not slowed by this one's mistakes.
    other = make_user(Role.EMERGENCY_RESPONDER)
    client.force_login(other)
    assert (
        "With the neighbour"
        in client.post("/emergency/look-up/", {"card_number": card.number, "reason": "Call"}).content.decode()
    )


def test_the_wait_ends(responder, planned, monkeypatch):
    plan, card = planned()
    for _ in range(services.FREE_WRONG_NUMBERS + 1):
        responder.post("/emergency/look-up/", {"card_number": _unknown_number({card.number}), "reason": "Call"})
    later = timezone.now() + timezone.timedelta(seconds=5)
    monkeypatch.setattr(services.timezone, "now", lambda: later)

    response = responder.post("/emergency/look-up/", {"card_number": card.number, "reason": "Call"})

    assert "With the neighbour" in response.content.decode()


def test_mistyped_numbers_do_not_count_toward_the_wait(responder, planned):
    plan, card = planned()
    for _ in range(services.FREE_WRONG_NUMBERS + 3):
        responder.post("/emergency/look-up/", {"card_number": _mistyped(card.number), "reason": "Call"})

    response = responder.post("/emergency/look-up/", {"card_number": card.number, "reason": "Call"})

    assert "With the neighbour" in response.content.decode()


@pytest.mark.parametrize(
    "role", [Role.FRONT_DOOR, Role.PRACTITIONER, Role.TEAM_MANAGER, Role.PARTNER_WORKER, Role.COMMISSIONER]
)
def test_only_the_responder_looks_up_by_card(client_for, planned, role):
    plan, card = planned()
    client = client_for(role)

    response = client.post("/emergency/look-up/", {"card_number": card.number, "reason": "Curious"})

    assert response.status_code == 403
    assert not Event.objects.filter(kind=EventKind.EMERGENCY_CARD_LOOKED_UP).exists()


def test_the_responders_home_page_offers_the_look_up(responder):
    page = responder.get("/").content.decode()
    assert "/emergency/look-up/" in page
    assert "Look up a plan by emergency card number" in page


def test_the_look_up_shortcut_is_only_the_responders(client_for):
    page = client_for(Role.PRACTITIONER).get("/").content.decode()
    assert "/emergency/look-up/" not in page


def test_once_waits_apply_an_opening_is_used_once(responder, planned, monkeypatch):
    plan, card = planned()
    for _ in range(services.FREE_WRONG_NUMBERS + 1):
        responder.post("/emergency/look-up/", {"card_number": _unknown_number({card.number}), "reason": "Call"})
    later = timezone.now() + timezone.timedelta(seconds=5)
    monkeypatch.setattr(services.timezone, "now", lambda: later)

    # Two look-ups in the same opening (as if sent at the same moment): the second waits.
    assert services.lookup_wait(responder.user) == 0
    assert services.lookup_wait(responder.user) == 1
