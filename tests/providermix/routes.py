"""The provider mix pages in the route matrix (tests/accounts/test_route_matrix.py).

Commissioners and team managers see the mix and enter returns; a return is changed by staff of the
organisation whose worker entered it: the side's worker (the Afon council's practitioner on the
inside) entered it, so the council's team manager may change it and the centre's commissioner may
not; the other council's return answers 403 to everyone here. No person is involved.
"""

from decimal import Decimal

from carershub.providers.mix import services, shares
from tests.routes import CO, TM

KEEPERS = {CO, TM}

ROUTES: dict = {
    "providermix:overview": ("get", KEEPERS),
    "providermix:overview_csv": ("get", KEEPERS),
    "providermix:table": ("get", KEEPERS),
    "providermix:table_csv": ("get", KEEPERS),
    "providermix:new_return": ("get", KEEPERS),
    "providermix:change_return": ("get", {TM}),
}


def records(side: dict, *, worker, council) -> dict:
    made = services.enter_return(actor=worker, council_name=f"Matrix {council.name}", period=shares.quarter(2025, 1),
                                 basis="hours", amounts={"private": Decimal(10)})
    return {"mix_return": made}


def kwargs(name: str, records: dict) -> dict:
    if name == "providermix:change_return":
        return {"pk": records["mix_return"].pk}
    return {}
