"""The action plan pages in the route matrix (tests/accounts/test_route_matrix.py).

Commissioners and team managers see the list and start plans; a plan is seen and changed only by its
own organisation's: the side's worker (the Afon council's practitioner on the inside) made it for the
council, so the council's team manager may open it and the centre's commissioner may not (404).
No person is involved.
"""

from carershub.reporting.actionplans import services
from tests.routes import CO, TM

KEEPERS = {CO, TM}
OWN = {TM}

ROUTES: dict = {
    "actionplans:index": ("get", KEEPERS),
    "actionplans:new": ("get", KEEPERS),
    "actionplans:detail": ("get", OWN),
    "actionplans:change": ("get", OWN),
    "actionplans:new_priority": ("get", OWN),
    "actionplans:new_workstream": ("get", OWN),
    "actionplans:new_action": ("get", OWN),
    "actionplans:change_action": ("get", OWN),
    "actionplans:highlight": ("get", OWN),
    "actionplans:highlight_download": ("get", OWN),
}


def records(side: dict, *, worker, council) -> dict:
    plan = services.create_plan(actor=worker, organisation=council, title=f"Matrix {council.name}")
    workstream = services.add_workstream(services.add_priority(plan, title="Matrix priority"), title="Matrix stream")
    action = services.add_action(workstream, actor=worker, title="Matrix action")
    return {"action_plan": plan, "action_plan_action": action}


def kwargs(name: str, records: dict) -> dict:
    if not name.startswith("actionplans:") or name in {"actionplans:index", "actionplans:new"}:
        return {}
    values = {"pk": records["action_plan"].pk}
    if name == "actionplans:highlight_download":
        values["fmt"] = "xlsx"
    if name == "actionplans:change_action":
        values["action_pk"] = records["action_plan_action"].pk
    return values
