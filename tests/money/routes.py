"""The money pages in the route matrix (tests/accounts/test_route_matrix.py).

Commissioners and team managers see budgets and spend, and the contracts of their organisation (as
commissioner or provider), of its area, or of the whole region. Each side's council commissions a contract
for its own area and enters a quarter's spend: inside, the provider is the carers centre (where the
commissioner works), so both see it and the Afon council's team manager may change it; outside, the
Marches council's contract with a Marches provider is seen by neither. The commissioner may enter their
own organisation's money but not change the council's. No person is involved.
"""

import datetime

from carershub.partnership.models import Organisation
from carershub.reporting.money import services
from tests.routes import CO, TM

KEEPERS = {CO, TM}

ROUTES: dict = {
    "money:index": ("get", KEEPERS),
    "money:index_csv": ("get", KEEPERS),
    "money:index_xlsx": ("get", KEEPERS),
    "money:new_budget": ("get", KEEPERS),
    "money:new_spend": ("get", KEEPERS),
    "money:change_line": ("get", {TM}),
    "money:contracts": ("get", KEEPERS),
    "money:contracts_csv": ("get", KEEPERS),
    "money:contracts_xlsx": ("get", KEEPERS),
    "money:new_contract": ("get", KEEPERS),
    "money:contract": ("get", KEEPERS),
    "money:contract_download": ("get", KEEPERS),
    "money:edit_contract": ("get", {TM}),
    "money:new_term": ("get", {TM}),
}


def records(side: dict, *, worker, council) -> dict:
    inside = council.name == "Test Council"
    provider = Organisation.objects.get(name="Test Carers Centre" if inside else "Test Befriending")
    contract = services.create_contract(
        actor=worker, areas=[council.area], commissioner=council, provider=provider, title=f"Matrix contract {council.name}",
        reference="", service_line="assessment", starts_on=datetime.date(2025, 4, 1),
        ends_on=datetime.date(2028, 3, 31), annual_value_pence=10_000_00,
    )
    line = services.enter_line(actor=worker, organisation=council, kind="spend", area=None, year=2025, quarter=1,
                               service_line="assessment", funder="council", amount_pence=500_00, note="")
    return {"money_contract": contract, "money_line": line}


def kwargs(name: str, records: dict) -> dict:
    if not name.startswith("money:"):
        return {}
    values = {"fmt": "csv"}
    if name == "money:change_line":
        values["pk"] = records["money_line"].pk
    elif name in {"money:contract", "money:contract_download", "money:edit_contract", "money:new_term"}:
        values["pk"] = records["money_contract"].pk
        if name == "money:new_term":
            values["kind"] = "reduction"
    return values
