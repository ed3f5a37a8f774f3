"""Builders for the money app's states: areas with Census figures, contracts, budgets and spend."""

import datetime

from carershub.partnership.models import Area, Nation, Organisation
from carershub.reporting.coverage.models import CensusUnpaidCare
from carershub.reporting.money import services
from carershub.reporting.money.models import Contract


def census(area: Area, *, population: int, carers: int) -> CensusUnpaidCare:
    """Census 2021 figures for the area, as reporting.coverage's import keeps them (carers all in one band)."""
    return CensusUnpaidCare.objects.create(
        area=area, population=population, no_care=population - carers, band_9_or_less=carers, band_10_to_19=0,
        band_20_to_34=0, band_35_to_49=0, band_50_or_more=0, source="test",
    )


def area(name: str, code: str, nation=Nation.WALES) -> Area:
    return Area.objects.create(name=name, code=code, nation=nation)


def organisation(name: str, kind=Organisation.Kind.COUNCIL, area=None) -> Organisation:
    return Organisation.objects.create(name=name, kind=kind, sector=Organisation.Sector.STATUTORY, area=area)


def contract(*, commissioner, provider, title="Test Carers Contract", starts_on=datetime.date(2025, 4, 1),
             ends_on=datetime.date(2028, 3, 31), annual_value_pence=77_473_100, areas=(), actor=None) -> Contract:
    return services.create_contract(
        actor=actor, areas=list(areas), commissioner=commissioner, provider=provider, title=title, reference="",
        service_line="assessment", starts_on=starts_on, ends_on=ends_on, annual_value_pence=annual_value_pence,
    )


def line(*, organisation, kind="spend", area=None, year=2025, quarter=1, service_line="assessment", funder="council",
         amount_pence=100_00, actor=None):
    return services.enter_line(
        actor=actor, organisation=organisation, kind=kind, area=area, year=year,
        quarter=quarter if kind == "spend" else None, service_line=service_line, funder=funder,
        amount_pence=amount_pence, note="",
    )
