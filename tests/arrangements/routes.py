"""The arrangement pages in the route matrix (tests/accounts/test_route_matrix.py).

A provider's list is for whoever sees the register (service workers and commissioners; the matrix's
partner works for no provider): the other side of the world gets a provider id that does not exist.
An arrangement is about a person: service workers open it for people they may open (and are asked
why outside their work); nobody else opens it.
"""

from django.utils import timezone

from carershub.providers.arrangements import services
from tests.providers.build import make_provider
from tests.routes import CO, FD, PR, SERVICE, TM

MISSING = 987654320

ROUTES: dict = {
    "arrangements:for_provider": ("get", {FD, PR, TM, CO}),
    "arrangements:new": ("get", SERVICE),
    "arrangements:detail": ("get", SERVICE),
    "arrangements:change": ("get", SERVICE),
    "arrangements:end": ("get", SERVICE),
}


def records(side: dict, *, worker, council) -> dict:
    """An active provider in the side's area caring for the side's person at home."""
    inside = council.name == "Test Council"
    provider = make_provider(name=f"Matrix Arranged Care {council.pk}", area=council.area, actor=worker)
    arrangement = services.start_arrangement(
        provider=provider, person=side["person"], kind="regular", covering_for=None, setting="in_home",
        starts_on=timezone.localdate(), ends_on=None, hours_per_week=None, funded_by="council", actor=worker,
    )
    return {"arrangement_provider": provider if inside else None, "arrangement": arrangement}


def kwargs(name: str, records: dict) -> dict:
    if not name.startswith("arrangements:"):
        return {}
    if name == "arrangements:for_provider":
        provider = records.get("arrangement_provider")
        return {"provider_pk": provider.pk if provider else MISSING}
    if name in {"arrangements:detail", "arrangements:change", "arrangements:end"}:
        return {"pk": records["arrangement"].pk}
    return {}
