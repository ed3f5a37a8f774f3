"""The figures pages in the route matrix (tests/accounts/test_route_matrix.py), beside figures:index and
figures:csv, which the matrix lists itself. Team managers and commissioners see counts; the events
behind a figure name only the people the user works with (commissioners: nobody)."""

from tests.routes import CO, TM

KEEPERS = {CO, TM}

ROUTES: dict = {
    "figures:xlsx": ("get", KEEPERS),
    "figures:activity": ("get", KEEPERS),
    "figures:activity_csv": ("get", KEEPERS),
    "figures:activity_xlsx": ("get", KEEPERS),
    "figures:events": ("get", KEEPERS),
}


def records(side: dict, *, worker, council) -> dict:
    return {}


def kwargs(name: str, records: dict) -> dict:
    return {}
