"""Demo money for the synthetic region (issue 12): budgets, quarterly spend and two contracts.

- Budgets for last financial year and this one, by service line and funder, for Afon Valley (entered by
  its council) and Marchester (entered by the Marchester Integrated Care Board), and actual spend for
  every quarter of last year and each quarter of this year begun so far.
- Exactly two contracts, which contract monitoring (reporting.monitoring) finds by title:
  "Afon Valley Carers Support Service" (Afon Valley County Borough Council with the Afon and Marches
  Carers Centre, for Afon Valley), with an agreed reduction from this year and the health board's
  contribution; "Marchester Carers Hub Contract" (Marchester Integrated Care Board with the same centre,
  for Marchester), extended by a year at a new value, with the city council's contribution.

All figures are invented. Everything is made through the money services, as the pages make it.
"""

from datetime import date

from carershub.partnership.models import Area
from carershub.reporting.money import contractvalue, services
from carershub.reporting.money.models import Contract

AFON_CONTRACT = "Afon Valley Carers Support Service"
MARCHESTER_CONTRACT = "Marchester Carers Hub Contract"
CENTRE = "Afon and Marches Carers Centre"

# service line, funder, budget a year in pounds; spend is a share of it each quarter.
BUDGETS = {
    "Afon Valley": [
        ("information", "council", 180_000), ("assessment", "council", 240_000), ("breaks", "council", 150_000),
        ("breaks", "health_board", 60_000), ("young_carers", "grant", 45_000), ("direct_payments", "council", 90_000),
    ],
    "Marchester": [
        ("information", "icb", 120_000), ("assessment", "council", 210_000), ("hospital", "icb", 95_000),
        ("breaks", "council", 130_000), ("groups", "grant", 30_000),
    ],
}
# Per cent of a quarter's share of the budget actually spent, quarter by quarter.
SPEND_PERCENT = (92, 101, 97, 108)


def make(*, today, staff, orgs):
    this_year = contractvalue.financial_year_of(today)
    enterers = {"Afon Valley": staff["manager"], "Marchester": staff["commissioner"]}
    for area_name, lines in BUDGETS.items():
        area = Area.objects.get(name=area_name)
        actor = enterers[area_name]
        for year in (this_year - 1, this_year):
            for line, funder, pounds in lines:
                services.enter_line(actor=actor, organisation=actor.organisation, kind="budget", area=area,
                                    year=year, quarter=None, service_line=line, funder=funder,
                                    amount_pence=pounds * 100, note="")
                for quarter, percent in zip(services.QUARTERS, SPEND_PERCENT, strict=True):
                    if services.quarter_bounds(year, quarter)[0] > today:
                        break
                    services.enter_line(actor=actor, organisation=actor.organisation, kind="spend", area=area,
                                        year=year, quarter=quarter, service_line=line, funder=funder,
                                        amount_pence=pounds * percent // 4, note="")
    _contracts(this_year, staff, orgs)


def _contracts(this_year, staff, orgs):
    centre = orgs[CENTRE]
    if not Contract.objects.filter(title=AFON_CONTRACT).exists():
        afon = services.create_contract(
            actor=staff["manager"], areas=[Area.objects.get(name="Afon Valley")],
            commissioner=orgs["Afon Valley County Borough Council"], provider=centre, title=AFON_CONTRACT,
            reference="AVCBC-CAR-001", service_line="information", starts_on=date(this_year - 1, 4, 1),
            ends_on=date(this_year + 2, 3, 31), annual_value_pence=420_000_00,
        )
        services.reduce(afon, starts_on=date(this_year, 4, 1), annual_pence=20_000_00,
                        note="Information and advice moved in-house", actor=staff["manager"])
        services.contribute(afon, funder="health_board", funder_name="Afon and Marches University Health Board",
                            annual_pence=60_000_00, actor=staff["manager"])
    if not Contract.objects.filter(title=MARCHESTER_CONTRACT).exists():
        marchester = services.create_contract(
            actor=staff["commissioner"], areas=[Area.objects.get(name="Marchester")],
            commissioner=orgs["Marchester Integrated Care Board"], provider=centre, title=MARCHESTER_CONTRACT,
            reference="MICB-2024-117", service_line="assessment", starts_on=date(this_year - 1, 10, 1),
            ends_on=date(this_year + 1, 9, 30), annual_value_pence=310_000_00,
        )
        services.extend(marchester, ends_on=date(this_year + 2, 9, 30), annual_value_pence=320_000_00,
                        note="One-year extension agreed", actor=staff["commissioner"])
        services.contribute(marchester, funder="council", funder_name="Marchester City Council",
                            annual_pence=90_000_00, actor=staff["commissioner"])
