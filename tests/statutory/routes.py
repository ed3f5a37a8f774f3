"""The statutory returns in the route matrix (tests/accounts/test_route_matrix.py).

Commissioners and team managers see the returns' tables. The Client Level Data file (personal data)
is downloaded only by a team manager of a council in England; the matrix's team manager works for
the Afon council, in Wales, so nobody here may (tests/statutory/test_pages.py tests the English one).
"""

from tests.routes import CO, TM

KEEPERS = {CO, TM}

ROUTES: dict = {
    "statutory:index": ("get", KEEPERS),
    "statutory:lts003_csv": ("get", KEEPERS),
    "statutory:lts003_xlsx": ("get", KEEPERS),
    "statutory:welsh_csv": ("get", KEEPERS),
    "statutory:welsh_xlsx": ("get", KEEPERS),
    "statutory:cld_csv": ("get", set()),
    "statutory:problems_csv": ("get", set()),
}


def records(side: dict, *, worker, council) -> dict:
    return {}


def kwargs(name: str, records: dict) -> dict:
    return {}
