"""Demo contingency plans, emergency cards and emergency responses for the synthetic region
(called at the end of demo/region.py's load()).

A response line for each demo area and a region-wide default (Ofcom's numbers for drama, 01632 960xxx,
so nobody real is rung); contingency plans with cards for a few carers in each area, one card lost,
cancelled and reissued; a call-out closed with its hours, and one still open. Everything goes through
the emergency services, so every step leaves its event. Synthetic data only.
"""

import datetime

from django.utils import timezone

from carershub.partnership.models import Area
from carershub.people.models import CaringRelationship
from carershub.support.emergency import services
from carershub.support.emergency.models import ResponseLine

LINES = [
    (None, "Afon and Marches Carers Emergency Response", "+441632960100", "24 hours, every day"),
    (
        "AF",
        "Gwasanaeth Argyfwng Gofalwyr Afon / Afon Carers Emergency Response",
        "+441632960101",
        "24 hours, every day",
    ),
    ("MR", "Marchester Carers Emergency Response Service", "+441632960102", "24 hours, every day"),
]
PLANS = [
    {
        "needs_and_routines": "Has dementia. Up at 7, breakfast and tablets at 8; lunch at 12:30; likes the radio "
        "on in the afternoon; bed at 9 after a warm drink. Needs help to wash and dress.",
        "safe_alone": "Up to an hour in the day; never at night",
        "keys": "Key safe by the back door (the line has the code)",
        "medication": "Blister pack from the pharmacy, in the kitchen cupboard above the kettle",
        "allergies": "Penicillin",
        "gp_and_pharmacy": "Heol Fach Surgery; Afon Pharmacy, High Street",
        "care_services": "Day centre on Tuesdays and Thursdays",
        "aids": "Walking frame; continence pads in the bathroom cabinet",
        "communication": "Hard of hearing: speak on the left side. Calmed by talk of the farm he grew up on.",
        "pets": "A cat, Smwt (food under the sink)",
        "carers_wishes": "Ring my sister first. I would rather he stayed at home than went into a home.",
    },
    {
        "needs_and_routines": "Uses a wheelchair after a stroke. Needs help to move from bed to chair and with meals.",
        "safe_alone": "Not at all",
        "keys": "Neighbour at number 12 has a spare",
        "medication": "Warfarin and blood pressure tablets, in the dosette box on the bedroom shelf",
        "allergies": "",
        "gp_and_pharmacy": "Canal Street Practice; Northgate Pharmacy",
        "care_services": "Carers visit mornings and evenings (Cwm Care Co-operative)",
        "aids": "Hoist in the bedroom; wheelchair; commode",
        "communication": "Speech is slow since the stroke: give him time to answer.",
        "pets": "",
        "carers_wishes": "Call our son in Marchester; he can come within the hour in the evenings.",
    },
]
CONTACTS = [
    [
        {
            "name": "Siân Pritchard",
            "relationship": "Sister",
            "phone": "+447700900501",
            "availability": "Any time; 20 minutes away",
        },
        {
            "name": "Gwyn Rees",
            "relationship": "Neighbour",
            "phone": "+447700900502",
            "availability": "Evenings and weekends",
        },
    ],
    [
        {
            "name": "Daniel Walker",
            "relationship": "Son",
            "phone": "+447700900503",
            "availability": "Evenings, within the hour",
        }
    ],
]


def _at(day, hour, minute=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def make(*, today, staff, orgs) -> None:
    """staff: {username: User}; orgs: {name: Organisation}. The demo carers are already made."""
    areas = {
        prefix: Area.objects.filter(code=code).first() for prefix, code in (("AF", "W06999901"), ("MR", "E06999901"))
    }
    for prefix, name, phone, hours in LINES:
        ResponseLine.objects.get_or_create(
            area=areas.get(prefix) if prefix else None, defaults={"name": name, "phone": phone, "hours": hours}
        )
    writer, responder = staff["frontdoor"], staff["responder"]
    plans = []
    for prefix in ("AF", "MR"):
        relationships = list(
            CaringRelationship.objects.filter(
                carer__area=areas[prefix], ended_on__isnull=True, carer__carer__isnull=False
            )
            .select_related("carer")
            .order_by("carer_id")[:3]
        )
        for i, relationship in enumerate(relationships):
            if hasattr(relationship.carer, "contingency_plan") or any(
                p.carer_id == relationship.carer_id for p in plans
            ):
                continue
            content = PLANS[i % len(PLANS)]
            review_by = today - datetime.timedelta(days=10) if i == 2 else services.default_review_by(today)
            plan = services.write_plan(
                relationship.carer,
                data={"cared_for": relationship, "review_by": review_by, **content},
                contacts=CONTACTS[i % len(CONTACTS)],
                actor=writer,
            )
            plans.append(plan)
            if i < 2:
                services.issue_card(plan, actor=writer)
    if not plans:
        return
    # A card lost in town: cancelled and reissued under a new number.
    first = plans[0]
    lost = services.live_card(first.carer)
    if lost is not None:
        services.cancel_card(
            lost, reason="Lost with her purse in town", actor=writer, expected_version=lost.version, reissue=True
        )
    # The service was called out for the first carer last month: closed with its hours and a follow-up.
    called = today - datetime.timedelta(days=24)
    episode = services.record_call_out(
        first,
        data={
            "called_out_at": _at(called, 22, 40),
            "called_by": "The carer, from the hospital",
            "what_happened": "The carer was taken into hospital with chest pains; her father was at home alone.",
            "arranged": ["responder_stayed", "family"],
            "arranged_detail": "A responder sat with him overnight; his sister came at 9 the next morning.",
        },
        actor=responder,
    )
    services.close_episode(
        episode,
        data={
            "minutes": 11 * 60,
            "outcome": "family",
            "follow_up_on": called + datetime.timedelta(days=7),
            "follow_up": "Ring the carer once she is home to review the contingency plan",
        },
        actor=responder,
        expected_version=episode.version,
    )
    # And one still open, from last night.
    if len(plans) > 1:
        services.record_call_out(
            plans[1],
            data={
                "called_out_at": _at(today - datetime.timedelta(days=1), 19, 5),
                "called_by": "A neighbour",
                "what_happened": "The carer fell on the stairs and is waiting for an ambulance.",
                "arranged": ["replacement_care"],
            },
            actor=responder,
        )
