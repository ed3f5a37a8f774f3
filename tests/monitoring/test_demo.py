"""The demo's contract monitoring: KPIs and returns in every state for the agreed demo contracts."""

import datetime

from carershub.accounts.models import Role
from carershub.demo import monitoring as demo
from carershub.partnership.models import Organisation
from carershub.reporting.money.models import Contract
from carershub.reporting.monitoring import quarters as q
from carershub.reporting.monitoring.models import Kpi, MonitoringReturn, ReturnStatus
from tests.monitoring.build import make_contract


def test_make_fills_the_agreed_contracts_once_and_makes_none(region, make_user):
    K, S = Organisation.Kind, Organisation.Sector
    council = Organisation.objects.create(name="Afon Valley County Borough Council", kind=K.COUNCIL, sector=S.STATUTORY)
    centre = Organisation.objects.create(name="Afon and Marches Carers Centre", kind=K.CARERS_CENTRE,
                                         sector=S.OTHER_THIRD_SECTOR)
    contract = make_contract(commissioner=council, provider=centre, title="Afon Valley Carers Support Service",
                             starts_on=datetime.date(2024, 4, 1), ends_on=datetime.date(2028, 3, 31))
    staff = {"manager": make_user(Role.TEAM_MANAGER, organisation=council),
             "provider": make_user(Role.PARTNER_WORKER, organisation=centre)}
    today = datetime.date(2026, 12, 2)

    made = demo.make(today=today, staff=staff, orgs={})
    again = demo.make(today=today, staff=staff, orgs={})

    assert list(made) == ["Afon Valley Carers Support Service"] and again == {}
    assert Kpi.objects.filter(contract=contract).count() == len(demo.KPIS)
    statuses = {q.Quarter(year, number): status for year, number, status in
                MonitoringReturn.objects.filter(contract=contract).values_list("year", "quarter", "status")}
    latest = q.last_complete(today)
    assert statuses[latest] == ReturnStatus.SUBMITTED
    assert statuses[latest.next()] == ReturnStatus.DRAFT
    assert list(statuses.values()).count(ReturnStatus.ACCEPTED) == 3
    assert MonitoringReturn.objects.filter(contract=contract).exclude(sent_back_reason="").count() == 1
    assert Contract.objects.count() == 1  # it made no contract of its own
