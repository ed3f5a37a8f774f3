"""The grants pages in the route matrix (tests/accounts/test_route_matrix.py).

A round is run by its funding organisation: here the Afon council, so its team manager reaches every
page but the scoring sheet and the interest form, which are for the round's panel (the side's worker,
whom the matrix does not sign in as). The matrix's commissioner works for the carers centre, which
funds nothing: it sees the list (empty) and no round. Another council's round answers 404 to everyone
here. No carer is involved.
"""

import datetime

from django.utils import timezone

from carershub.grants import services
from carershub.grants.services import CriterionSpec
from tests.routes import CO, TM

MANAGERS = {CO, TM}

ROUTES: dict = {
    "grants:rounds": ("get", MANAGERS),
    "grants:new_round": ("get", MANAGERS),
    "grants:scoring": ("get", MANAGERS),
    "grants:round": ("get", {TM}),
    "grants:move_on": ("post", {TM}),
    "grants:change_panel": ("get", {TM}),
    "grants:ranking": ("get", {TM}),
    "grants:new_application": ("get", {TM}),
    "grants:application": ("get", {TM}),
    "grants:score": ("get", set()),
    "grants:declare_interest": ("get", set()),
    "grants:decide": ("get", {TM}),
    "grants:new_payment": ("get", {TM}),
    "grants:new_return": ("get", {TM}),
}


def records(side: dict, *, worker, council) -> dict:
    """A round of ``council`` being scored, with the side's worker on its panel: one application
    waiting for a decision and one awarded."""
    today = timezone.localdate()
    round_ = services.create_round(
        actor=worker, name="Matrix grants", budget_pence=100000, max_award_pence=50000,
        opens_on=today - datetime.timedelta(days=10), closes_on=today, decision_on=today + datetime.timedelta(days=10),
        panel=[worker], criteria=[CriterionSpec("Co-production", 1)],
    )  # funded by the worker's organisation: the side's council
    for _n in range(3):
        services.move_on(round_, expected_version=round_.version, actor=worker)
    common = {"section16_type": "user_led", "contact_name": "Matrix Contact", "purpose": "Drop-in",
              "coproduction": "Carers planned it", "carers_expected": 5, "received_on": today}
    waiting = services.record_application(round_, actor=worker, new_group_name=f"Matrix group {council.pk} a",
                                          requested_pence=10000, **common)
    awarded = services.record_application(round_, actor=worker, new_group_name=f"Matrix group {council.pk} b",
                                          requested_pence=10000, **common)
    services.award(awarded, amount_pence=10000, expected_version=awarded.version, actor=worker)
    return {"grant_round": round_, "grant_waiting": waiting, "grant_awarded": awarded}


def kwargs(name: str, records: dict) -> dict:
    if name in {"grants:round", "grants:move_on", "grants:change_panel", "grants:ranking", "grants:new_application"}:
        return {"pk": records["grant_round"].pk}
    if name in {"grants:new_payment", "grants:new_return"}:
        return {"pk": records["grant_awarded"].pk}
    if name in {"grants:application", "grants:score", "grants:declare_interest", "grants:decide"}:
        return {"pk": records["grant_waiting"].pk}
    return {}
