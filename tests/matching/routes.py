"""The matching pages in the route matrix (tests/accounts/test_route_matrix.py).

Finding care at home is the service's work with a person: the front door, practitioners and team
managers, for people they may open. Each side gets a request for its person with one introduction
to a provider of the side's area.
"""

from carershub.providers.matching import services
from tests.providers.build import make_provider
from tests.routes import SERVICE

ROUTES: dict = {
    "matching:queue": ("get", SERVICE),
    "matching:new": ("get", SERVICE),
    "matching:request": ("get", SERVICE),
    "matching:introduce": ("post", SERVICE),
    "matching:close": ("post", SERVICE),
    "matching:outcome": ("post", SERVICE),
}


def records(side: dict, *, worker, council) -> dict:
    person = side["person"]
    provider = make_provider(name=f"Matrix care provider {council.pk}", area=person.area, actor=worker,
                             services=("personal_care",), availability=("mon:morning",))
    found = services.open_request(
        person, actor=worker, services=["personal_care"], times=["mon:morning"], hours_per_week=None,
        welsh_needed=False, other_language="", preferences="", direct_payment=True,
    )
    introduction = services.introduce(found, provider, actor=worker)
    return {"care_request": found, "introduction": introduction}


def kwargs(name: str, records: dict) -> dict:
    if name in {"matching:request", "matching:introduce", "matching:close"}:
        return {"pk": records["care_request"].pk}
    if name == "matching:outcome":
        return {"pk": records["introduction"].pk}
    return {}
