"""The person page's section, glance and button, the timeline's entries, subject access and erasure."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from carershub.accounts.models import Role
from carershub.support.emergency import cardnumber, services
from carershub.support.emergency.models import ContingencyPlan, EmergencyCard, EmergencyEpisode
from tests.builders import share_consented


def test_the_person_page_shows_the_plan_card_and_last_response(client_for, planned, make_user):
    plan, card = planned()
    services.record_call_out(
        plan,
        data={"called_out_at": timezone.now(), "called_by": "x", "what_happened": "y"},
        actor=make_user(Role.PRACTITIONER),
    )
    client = client_for(Role.PRACTITIONER)

    page = client.get(f"/people/{plan.carer_id}/").content.decode()

    assert "Contingency plan and emergency card" in page
    assert cardnumber.grouped(card.number) in page
    assert "Last emergency response" in page
    assert f"/emergency/carer/{plan.carer_id}/plan/" in page


def test_a_partner_does_not_see_the_plan_on_the_person_page(client_for, planned, make_consent):
    plan, card = planned()
    share_consented(make_consent(plan.carer, "partner"))
    client = client_for(Role.PARTNER_WORKER, organisation="partner")

    response = client.get(f"/people/{plan.carer_id}/")

    assert response.status_code == 200
    assert "Contingency plan and emergency card" not in response.content.decode()
    assert cardnumber.grouped(card.number) not in response.content.decode()


def test_the_timeline_tells_the_story(client_for, planned):
    plan, card = planned()
    services.cancel_card(card, reason="Lost on the bus", actor=None, expected_version=1, reissue=True)
    responder = client_for(Role.EMERGENCY_RESPONDER)
    new = EmergencyCard.objects.get(status="live")
    responder.post("/emergency/look-up/", {"card_number": new.number, "reason": "Call"})
    episode = services.record_call_out(
        plan, data={"called_out_at": timezone.now(), "called_by": "x", "what_happened": "y"}, actor=responder.user
    )
    services.close_episode(episode, data={"minutes": 90, "outcome": "family"}, actor=responder.user, expected_version=1)
    client_for_worker = client_for(Role.PRACTITIONER)

    page = client_for_worker.get(f"/people/{plan.carer_id}/timeline/").content.decode()

    for text in (
        "Contingency plan written",
        "Emergency card issued",
        "Emergency card cancelled",
        "Lost on the bus",
        "Contingency plan looked up by emergency card",
        "Emergency response service called out",
        "Emergency response closed",
        "1 hour 30 minutes of emergency support",
    ):
        assert text in page, text


def test_the_timeline_costs_the_same_however_many_entries(client_for, planned, make_user):
    plan, card = planned()
    worker = make_user(Role.PRACTITIONER)
    client = client_for(Role.PRACTITIONER)
    url = f"/people/{plan.carer_id}/timeline/"
    services.record_call_out(
        plan, data={"called_out_at": timezone.now(), "called_by": "x", "what_happened": "y"}, actor=worker
    )

    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(5):
        services.record_call_out(
            plan, data={"called_out_at": timezone.now(), "called_by": "x", "what_happened": "y"}, actor=worker
        )
    with CaptureQueriesContext(connection) as many:
        client.get(url)

    assert len(many) == len(few)


def test_subject_access_holds_the_plan_cards_and_responses(planned, make_user):
    plan, card = planned()
    services.record_call_out(
        plan,
        data={"called_out_at": timezone.now(), "called_by": "x", "what_happened": "y"},
        actor=make_user(Role.PRACTITIONER),
    )

    held = services.for_subject_access(plan.carer)

    assert list(held["contingency_plans"]) == [plan]
    assert list(held["emergency_cards"]) == [card]
    assert held["emergency_responses"].count() == 1
    assert [c.name for c in held["contingency_plans"][0].contacts.all()] == ["Sian"]


def test_erasure_blanks_the_words_and_cancels_the_card(planned, make_user):
    plan, card = planned()
    services.record_call_out(
        plan,
        data={"called_out_at": timezone.now(), "called_by": "Neighbour", "what_happened": "Fell"},
        actor=make_user(Role.PRACTITIONER),
    )

    changed = services.erase_of(plan.carer)

    plan.refresh_from_db()
    card.refresh_from_db()
    episode = EmergencyEpisode.objects.get()
    assert changed == {"contingency_plans": 1, "emergency_contacts": 1, "emergency_cards": 1, "emergency_responses": 1}
    assert plan.needs_and_routines == "" and plan.keys == "" and not plan.contacts.exists()
    assert card.status == "cancelled"
    assert episode.what_happened == "" and episode.called_by == ""
    assert ContingencyPlan.objects.count() == 1  # the row, its dates and the events stay


def test_the_default_review_date_is_a_year_on():
    assert services.default_review_by(datetime.date(2026, 12, 1)) == datetime.date(2027, 12, 1)
    assert services.default_review_by(datetime.date(2028, 2, 29)) == datetime.date(2029, 2, 28)
