"""Demo payments for the synthetic region (called at the end of demo/region.py's load())."""


def make(*, today, staff, orgs) -> None:
    """staff: {username: User}; orgs: {name: Organisation}. The demo carers are already made."""
