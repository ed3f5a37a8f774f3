"""Emergency response episodes: recorded by service workers, or by a responder for a plan they
looked up; closed with hours in minutes; events carry the minutes."""

import datetime

import pytest
from django.utils import timezone

from carershub.accounts.models import Role
from carershub.activity.models import Event, EventKind
from carershub.audit.models import AccessEvent, AccessPart
from carershub.support.emergency import services
from carershub.support.emergency.models import EmergencyEpisode
from tests import formdata


def _call_out(**changes):
    now = timezone.localtime() - datetime.timedelta(minutes=30)
    data = {
        **formdata.date_parts("called_out_on", now.date()),
        "called_out_time": now.strftime("%H:%M"),
        "called_by": "The carer's neighbour",
        "what_happened": "The carer fell and was taken to hospital.",
        "arranged": ["responder_stayed", "family"],
    }
    data.update(changes)
    return data


def _close(**changes):
    data = {
        "version": 1,
        "hours": "3.5",
        "outcome": "family",
        "arranged": ["family"],
        **formdata.date_parts("follow_up_on", timezone.localdate() + datetime.timedelta(days=3)),
        "follow_up": "Ring the carer to review the plan",
    }
    data.update(changes)
    return data


def test_a_worker_records_and_closes_a_call_out(client_for, planned):
    plan, card = planned()
    client = client_for(Role.FRONT_DOOR)

    response = client.post(f"/emergency/plans/{plan.pk}/call-out/", _call_out())

    episode = EmergencyEpisode.objects.get()
    assert response.url == f"/emergency/responses/{episode.pk}/"
    assert episode.arranged == ["responder_stayed", "family"] and episode.is_open
    client.post(f"/emergency/responses/{episode.pk}/close/", _close())
    episode.refresh_from_db()
    assert episode.minutes == 210 and episode.outcome == "family" and not episode.is_open
    closed = Event.objects.get(kind=EventKind.EMERGENCY_CLOSED)
    assert closed.data == {"minutes": 210} and closed.person_id == plan.carer_id
    assert Event.objects.get(kind=EventKind.EMERGENCY_CALL_OUT).data == {"minutes": 0}
    page = client.get(f"/emergency/responses/{episode.pk}/").content.decode()
    assert "3 hours 30 minutes" in page
    assert AccessEvent.objects.filter(person_ref=plan.carer_id, part=AccessPart.EMERGENCY_RESPONSE).exists()


@pytest.mark.parametrize(
    ("hours", "message"),
    [
        ("-1", "cannot be less than 0"),
        ("lots", "Enter the hours as a number"),
        ("400", "must be 336 or fewer"),
        ("NaN", "Enter the hours as a number"),
        ("", "Enter the hours"),
    ],
)
def test_bad_hours_are_told_on_the_field(client_for, planned, hours, message):
    plan, card = planned()
    client = client_for(Role.PRACTITIONER)
    episode = services.record_call_out(
        plan, data={"called_out_at": timezone.now(), "called_by": "x", "what_happened": "y"}, actor=client.user
    )

    response = client.post(f"/emergency/responses/{episode.pk}/close/", _close(hours=hours))

    assert response.status_code == 200 and message in response.content.decode()
    episode.refresh_from_db()
    assert episode.is_open
    assert not Event.objects.filter(kind=EventKind.EMERGENCY_CLOSED).exists()


def test_a_call_out_cannot_be_in_the_future(client_for, planned):
    plan, card = planned()
    client = client_for(Role.PRACTITIONER)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    response = client.post(
        f"/emergency/plans/{plan.pk}/call-out/", _call_out(**formdata.date_parts("called_out_on", tomorrow))
    )

    assert response.status_code == 200
    assert not EmergencyEpisode.objects.exists()


def test_closing_twice_closes_once(client_for, planned):
    plan, card = planned()
    client = client_for(Role.PRACTITIONER)
    episode = services.record_call_out(
        plan, data={"called_out_at": timezone.now(), "called_by": "x", "what_happened": "y"}, actor=client.user
    )

    client.post(f"/emergency/responses/{episode.pk}/close/", _close())
    client.post(f"/emergency/responses/{episode.pk}/close/", _close(hours="10"))

    episode.refresh_from_db()
    assert episode.minutes == 210
    assert Event.objects.filter(kind=EventKind.EMERGENCY_CLOSED).count() == 1


def test_the_responder_records_a_call_out_only_for_a_plan_they_looked_up(client_for, planned):
    plan, card = planned()
    other_plan, _other_card = planned(given="Other")
    responder = client_for(Role.EMERGENCY_RESPONDER)
    assert responder.get(f"/emergency/plans/{plan.pk}/call-out/").status_code == 404

    responder.post("/emergency/look-up/", {"card_number": card.number, "reason": "Carer in hospital"})
    response = responder.post(f"/emergency/plans/{plan.pk}/call-out/", _call_out())

    episode = EmergencyEpisode.objects.get()
    assert response.url == f"/emergency/responses/{episode.pk}/"
    assert responder.get(f"/emergency/plans/{other_plan.pk}/call-out/").status_code == 404
    assert responder.get(f"/emergency/responses/{episode.pk}/").status_code == 200
    responder.post(f"/emergency/responses/{episode.pk}/close/", _close())
    episode.refresh_from_db()
    assert episode.minutes == 210


def test_the_responders_look_up_lapses(client_for, planned, monkeypatch):
    plan, card = planned()
    responder = client_for(Role.EMERGENCY_RESPONDER)
    responder.post("/emergency/look-up/", {"card_number": card.number, "reason": "Carer in hospital"})
    Event.objects.filter(kind=EventKind.EMERGENCY_CARD_LOOKED_UP).update(
        occurred_at=timezone.now() - services.LOOKED_UP_WITHIN - datetime.timedelta(minutes=1)
    )

    assert responder.get(f"/emergency/plans/{plan.pk}/call-out/").status_code == 404


def test_a_responder_does_not_see_anothers_responses(client_for, planned, make_user):
    plan, card = planned()
    worker = make_user(Role.PRACTITIONER)
    episode = services.record_call_out(
        plan, data={"called_out_at": timezone.now(), "called_by": "x", "what_happened": "y"}, actor=worker
    )

    responder = client_for(Role.EMERGENCY_RESPONDER)

    assert responder.get(f"/emergency/responses/{episode.pk}/").status_code == 404
    assert responder.get(f"/emergency/responses/{episode.pk}/close/").status_code == 404


def test_the_queue_lists_open_responses_and_plans_due(client_for, planned, make_user):
    plan, card = planned(given="Dueforreview")
    plan.review_by = timezone.localdate() + datetime.timedelta(days=3)
    plan.save()
    open_plan, _ = planned(given="Openresponse")
    services.record_call_out(
        open_plan,
        data={"called_out_at": timezone.now(), "called_by": "x", "what_happened": "y"},
        actor=make_user(Role.PRACTITIONER),
    )
    client = client_for(Role.PRACTITIONER)

    page = client.get("/emergency/").content.decode()

    assert "Dueforreview" in page and "Openresponse" in page
    home = client.get("/").content.decode()
    assert "Emergency responses open" in home and "Contingency plans due for review" in home


def test_the_queue_holds_only_the_users_carers(client_for, planned, region):
    from carershub.partnership.models import Organisation

    plan, card = planned(given="Marchescarer", area=region["areas"]["marches"], postcode="MR1 2AB")
    services.record_call_out(
        plan, data={"called_out_at": timezone.now(), "called_by": "x", "what_happened": "y"}, actor=None
    )
    Organisation.objects.create(
        name="Marches Council",
        kind=Organisation.Kind.COUNCIL,
        sector=Organisation.Sector.STATUTORY,
        area=region["areas"]["marches"],
    )
    client = client_for(Role.PRACTITIONER)  # the Afon council

    assert "Marchescarer" not in client.get("/emergency/").content.decode()
