"""The signposting pages in the route matrix (tests/accounts/test_route_matrix.py).

Service workers signpost the carers they work with. ``signposting:new`` with nothing to signpost
from sends them to the directory's search (302); everybody else is refused. The list of a carer's
picks is for service workers who may open the record.
"""

from tests.routes import SERVICE

ROUTES: dict = {
    "signposting:new": ("get", SERVICE),
    "signposting:for_person": ("get", SERVICE),
}


def records(side: dict, *, worker, council) -> dict:
    return {}


def kwargs(name: str, records: dict) -> dict:
    return {}
