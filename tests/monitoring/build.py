"""Builders for contract monitoring tests: a contract, its KPIs, returns in each state."""

import datetime
from decimal import Decimal

from carershub.reporting.money.models import Contract
from carershub.reporting.monitoring import services
from carershub.reporting.monitoring.quarters import Quarter

QUARTER = Quarter(2025, 1)  # April to June 2025


def make_contract(*, commissioner, provider, areas=(), title="Test Carers Support Contract", value_pence=77_473_100,
                  starts_on=datetime.date(2024, 4, 1), ends_on=datetime.date(2027, 3, 31)):
    contract = Contract.objects.create(
        commissioner=commissioner, provider=provider, title=title, reference="TC-001", service_line="information",
        starts_on=starts_on, ends_on=ends_on, annual_value_pence=value_pence,
    )
    if areas:
        contract.areas.set(areas)
    return contract


def counted_kpi(contract, *, measure="carers_identified", scope="provider", target=10, tolerance=2,
                direction="higher", name=None, actor=None):
    return services.add_kpi(contract, actor=actor, name=name or f"Counted {measure} {scope}",
                            description="Counted from events", source="counted", measure=measure, scope=scope,
                            target=Decimal(target), direction=direction, tolerance=Decimal(tolerance))


def reported_kpi(contract, *, name="Carers saying the service helped", unit="percent", target=80, tolerance=5,
                 direction="higher", actor=None):
    return services.add_kpi(contract, actor=actor, name=name, description="From the provider's survey",
                            source="reported", unit=unit, target=Decimal(target), direction=direction,
                            tolerance=Decimal(tolerance))


def submitted_return(contract, worker, *, quarter=QUARTER, values=None, narrative="All went well"):
    found, _new = services.start_return(contract, quarter, actor=worker)
    return services.submit(found, expected_version=found.version, actor=worker, values=values or {},
                           narrative=narrative)
