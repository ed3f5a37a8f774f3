"""Contract monitoring pages in the route matrix (tests/accounts/test_route_matrix.py).

The inside contract is commissioned by the matrix's council (its team manager sets KPIs and decides
returns) from the matrix's partner (its partner worker writes the returns); commissioners see every
contract, so the matrix's commissioner (at the carers centre) reads them all but decides nothing.
The other side of the world gets ids that do not exist: its pages answer 404 to everyone.
"""

from carershub.partnership.models import Organisation
from carershub.reporting.monitoring.models import ReturnStatus
from tests.monitoring.build import QUARTER, make_contract, reported_kpi, submitted_return
from tests.routes import CO, PW, TM

READERS = {CO, TM, PW}

ROUTES: dict = {
    "monitoring:index": ("get", READERS),
    "monitoring:index_csv": ("get", READERS),
    "monitoring:index_xlsx": ("get", READERS),
    "monitoring:contract": ("get", READERS),
    "monitoring:contract_csv": ("get", READERS),
    "monitoring:contract_xlsx": ("get", READERS),
    "monitoring:new_kpi": ("get", {TM}),
    "monitoring:new_return": ("get", {PW}),
    "monitoring:return": ("get", READERS),
    # A GET of the decision goes back to the return; only the commissioning organisation gets that far.
    "monitoring:decide_return": ("get", {TM}),
}

MISSING = 987654321


def records(side: dict, *, worker, council) -> dict:
    if council.name != "Test Council":  # the matrix's other side
        return {"monitoring_contract": None, "monitoring_return": None}
    partner = Organisation.objects.get(name="Test Young Carers")
    contract = make_contract(commissioner=council, provider=partner, title="Matrix Contract")
    reported_kpi(contract)
    from carershub.accounts.models import Role
    from carershub.accounts.models import User

    writer = User.objects.create_user(username="matrix-provider-worker", organisation=partner)
    writer.roles.create(role=Role.PARTNER_WORKER)
    found = submitted_return(contract, writer, quarter=QUARTER, values={})
    assert found.status == ReturnStatus.SUBMITTED
    return {"monitoring_contract": contract, "monitoring_return": found}


def kwargs(name: str, records: dict) -> dict:
    if not name.startswith("monitoring:"):
        return {}
    values = {}
    if name in {"monitoring:return", "monitoring:decide_return"}:
        found = records.get("monitoring_return")
        values["pk"] = found.pk if found else MISSING
    elif name not in {"monitoring:index", "monitoring:index_csv", "monitoring:index_xlsx"}:
        contract = records.get("monitoring_contract")
        values["pk"] = contract.pk if contract else MISSING
    return values
