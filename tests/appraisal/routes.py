"""The options appraisal pages in the route matrix (tests/accounts/test_route_matrix.py).

Commissioners and team managers see the list and start appraisals; an appraisal is seen and changed only
by its own organisation's: the side's worker (the Afon council's practitioner on the inside) made it for
the council, so the council's team manager may open it and the centre's commissioner may not (404).
No person is involved.
"""

from carershub.reporting.appraisal import services
from tests.routes import CO, TM

KEEPERS = {CO, TM}
OWN = {TM}

ROUTES: dict = {
    "appraisal:index": ("get", KEEPERS),
    "appraisal:new": ("get", KEEPERS),
    "appraisal:detail": ("get", OWN),
    "appraisal:change": ("get", OWN),
    "appraisal:print": ("get", OWN),
    "appraisal:download": ("get", OWN),
    "appraisal:new_criterion": ("get", OWN),
    "appraisal:change_criterion": ("get", OWN),
    "appraisal:new_option": ("get", OWN),
    "appraisal:change_option": ("get", OWN),
}


def records(side: dict, *, worker, council) -> dict:
    appraisal = services.create_appraisal(actor=worker, organisation=council, title=f"Matrix {council.name}",
                                          section16=True)
    option = services.add_option(appraisal, name="Matrix option")
    return {"appraisal": appraisal, "appraisal_option": option}


def kwargs(name: str, records: dict) -> dict:
    if not name.startswith("appraisal:") or name in {"appraisal:index", "appraisal:new"}:
        return {}
    values = {"pk": records["appraisal"].pk}
    if name == "appraisal:download":
        values["fmt"] = "csv"
    if name == "appraisal:change_criterion":
        values["criterion_pk"] = records["appraisal"].criteria.first().pk
    if name == "appraisal:change_option":
        values["option_pk"] = records["appraisal_option"].pk
    return values
