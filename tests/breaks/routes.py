"""The breaks pages in the route matrix (tests/accounts/test_route_matrix.py)."""

ROUTES: dict = {}


def records(side: dict, *, worker, council) -> dict:
    """Records of this app for one side of the matrix's world (the carer is side["person"])."""
    return {}


def kwargs(name: str, records: dict) -> dict:
    """URL values for this app's routes, from the records above."""
    return {}
