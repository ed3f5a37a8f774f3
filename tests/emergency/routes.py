"""The emergency pages in the route matrix (tests/accounts/test_route_matrix.py).

The emergency responder reaches one page of their own, the look-up, which opens a plan only in its
answer to a card number and a reason (tests/emergency/test_lookup.py); every other page that holds
personal data is the service workers'. A call-out page opens to a responder only for a plan they
looked up in the last hours, which the matrix's responder has not. The carer's phone page is public
through its signed link and shows only the card number and the line.
"""

import datetime

from django.utils import timezone

from carershub.people.models import CaringRelationship, Person
from carershub.support.emergency import services
from carershub.support.emergency.models import ResponseLine

from tests.routes import ER, PUBLIC, SERVICE

ROUTES: dict = {
    "emergency:queue": ("get", SERVICE),
    "emergency:lookup": ("get", {ER}),
    "emergency:plan": ("get", SERVICE),
    "emergency:new_plan": ("get", SERVICE),
    "emergency:edit_plan": ("get", SERVICE),
    "emergency:issue_card": ("get", SERVICE),
    "emergency:card": ("get", SERVICE),
    "emergency:cancel_card": ("get", SERVICE),
    "emergency:card_pdf": ("get", SERVICE),
    "emergency:phone_card": ("get", PUBLIC),
    "emergency:new_episode": ("get", SERVICE),
    "emergency:episode": ("get", SERVICE),
    "emergency:close_episode": ("get", SERVICE),
}


def records(side: dict, *, worker, council) -> dict:
    """Records of this app for one side of the matrix's world (the carer is side["person"])."""
    ResponseLine.objects.get_or_create(area=None, defaults={"name": "Matrix line", "phone": "+441632960000"})
    carer = side["person"]
    cared_for = Person.objects.create(given_name="Cared", family_name="Matrixtest", area=carer.area)
    relationship = CaringRelationship.objects.create(carer=carer, cared_for=cared_for, relationship="parent")
    plan = services.write_plan(
        carer,
        data={
            "cared_for": relationship,
            "needs_and_routines": "Matrix needs",
            "safe_alone": "Not at all",
            "review_by": datetime.date.today() + datetime.timedelta(days=10),
        },
        contacts=[],
        actor=worker,
    )
    card = services.issue_card(plan, actor=worker)
    episode = services.record_call_out(
        plan,
        data={"called_out_at": timezone.now(), "called_by": "Neighbour", "what_happened": "Matrix call-out"},
        actor=worker,
    )
    return {"emergency_plan": plan, "emergency_card": card, "emergency_episode": episode}


def kwargs(name: str, records: dict) -> dict:
    """URL values for this app's routes, from the records above."""
    if not name.startswith("emergency:"):
        return {}
    if name in {"emergency:card", "emergency:cancel_card", "emergency:card_pdf"}:
        return {"pk": records["emergency_card"].pk}
    if name in {"emergency:episode", "emergency:close_episode"}:
        return {"pk": records["emergency_episode"].pk}
    if name == "emergency:new_episode":
        return {"plan_pk": records["emergency_plan"].pk}
    if name == "emergency:phone_card":
        return {"token": services.card_link(records["emergency_card"]).rstrip("/").rsplit("/", 1)[-1]}
    return {}
