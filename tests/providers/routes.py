"""The register's pages in the route matrix (tests/accounts/test_route_matrix.py).

The register holds no carer: service workers and commissioners see every provider; it is kept by
commissioners, team managers and the support service's partner workers (providers/rules.py). The
matrix's commissioner (at the carers centre) keeps the register but records no advice, which is the
support service's or a council's. The matrix's partner works for no provider, so sees nothing here.
The other side of the world gets ids that do not exist: its pages answer 404 to everyone.
"""

import datetime

from django.utils import timezone

from carershub.providers import services

from tests.providers.build import make_provider
from tests.routes import CO, FD, PR, TM

READERS = {FD, PR, TM, CO}
KEEPERS = {TM, CO}

ROUTES: dict = {
    "providers:register": ("get", READERS),
    "providers:new": ("get", KEEPERS),
    "providers:reminders": ("get", KEEPERS),
    "providers:provider": ("get", READERS),
    "providers:edit": ("get", KEEPERS),
    "providers:status": ("get", KEEPERS),
    "providers:new_worker": ("get", KEEPERS),
    "providers:worker_left": ("get", KEEPERS),
    "providers:checklist": ("get", KEEPERS),
    "providers:record_check": ("get", KEEPERS),
    "providers:new_registration": ("get", KEEPERS),
    "providers:decide_registration": ("get", KEEPERS),
    "providers:new_advice": ("get", {TM}),
}


def records(side: dict, *, worker, council) -> dict:
    if council.name != "Test Council":  # the matrix's other side
        return {"provider": None, "provider_worker": None, "provider_registration": None}
    provider = make_provider(name="Matrix Care at Home", area=council.area, actor=worker, status="developing")
    application = services.submit_registration(provider, actor=worker,
                                               submitted_on=timezone.localdate() - datetime.timedelta(days=7))
    return {"provider": provider, "provider_worker": provider.workers.get(), "provider_registration": application}


def kwargs(name: str, records: dict) -> dict:
    if not name.startswith("providers:"):
        return {}
    provider = records.get("provider")
    missing = 987654321
    if name == "providers:decide_registration":
        application = records.get("provider_registration")
        return {"pk": application.pk if application else missing}
    values = {"pk": provider.pk if provider else missing}
    if name == "providers:worker_left":
        values["worker_pk"] = records["provider_worker"].pk if provider else missing
    if name == "providers:record_check":
        values["item"] = "insurance"
    return values


