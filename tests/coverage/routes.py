"""Coverage against the Census in the route matrix (tests/accounts/test_route_matrix.py).

Commissioners and team managers see coverage and import the Census table; nobody else. The pages
hold counts about areas only, no person.
"""

from tests.routes import CO, TM

KEEPERS = {CO, TM}

ROUTES: dict = {
    "coverage:index": ("get", KEEPERS),
    "coverage:csv": ("get", KEEPERS),
    "coverage:xlsx": ("get", KEEPERS),
    "coverage:upload": ("get", KEEPERS),
}


def records(side: dict, *, worker, council) -> dict:
    return {}


def kwargs(name: str, records: dict) -> dict:
    return {}
