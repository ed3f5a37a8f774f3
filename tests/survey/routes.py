"""The carers survey in the route matrix (tests/accounts/test_route_matrix.py).

Commissioners and team managers see the measures and enter or load returns; returns are anonymous.
"""

from tests.routes import CO, TM

KEEPERS = {CO, TM}

ROUTES: dict = {
    "survey:index": ("get", KEEPERS),
    "survey:csv": ("get", KEEPERS),
    "survey:xlsx": ("get", KEEPERS),
    "survey:new_return": ("get", KEEPERS),
    "survey:upload": ("get", KEEPERS),
}


def records(side: dict, *, worker, council) -> dict:
    return {}


def kwargs(name: str, records: dict) -> dict:
    return {}
