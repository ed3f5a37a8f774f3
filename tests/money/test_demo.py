"""The demo money (carershub/demo/money.py), made with the demo region's areas, organisations and staff."""

import datetime

from carershub.accounts.models import Role
from carershub.demo import money, region
from carershub.partnership.models import Area, Organisation
from carershub.reporting.money import contractvalue, services
from carershub.reporting.money.models import Contract, MoneyLine


def _demo_world(make_user):
    for name, code, nation, _prefix in region.AREAS:
        Area.objects.create(name=name, code=code, nation=nation)
    orgs = {}
    for name, kind, sector, area in region.ORGANISATIONS:
        orgs[name] = Organisation.objects.create(name=name, kind=kind, sector=sector,
                                                 area=Area.objects.get(name=area) if area else None)
    staff = {
        "manager": make_user(Role.TEAM_MANAGER, organisation=orgs["Afon Valley County Borough Council"]),
        "commissioner": make_user(Role.COMMISSIONER, organisation=orgs["Marchester Integrated Care Board"]),
    }
    return staff, orgs


def test_the_demo_has_the_two_contracts_monitoring_looks_for_and_a_years_money(make_user):
    staff, orgs = _demo_world(make_user)
    today = datetime.date(2026, 12, 2)

    money.make(today=today, staff=staff, orgs=orgs)

    afon = Contract.objects.get(title="Afon Valley Carers Support Service")
    marchester = Contract.objects.get(title="Marchester Carers Hub Contract")
    assert afon.commissioner.name == "Afon Valley County Borough Council"
    assert marchester.commissioner.name == "Marchester Integrated Care Board"
    assert afon.provider.name == marchester.provider.name == "Afon and Marches Carers Centre"
    assert [a.name for a in afon.areas.all()] == ["Afon Valley"]
    assert [a.name for a in marchester.areas.all()] == ["Marchester"]
    assert Contract.objects.count() == 2
    this_year = contractvalue.value_in_year(services.terms_of(afon), 2026)
    assert this_year.value == 400_000_00 and this_year.commissioner_share == 340_000_00
    # Last year's four quarters and this year's three begun by 2 December.
    spend = MoneyLine.objects.filter(kind="spend")
    assert set(spend.filter(year=2025).values_list("quarter", flat=True)) == {1, 2, 3, 4}
    assert set(spend.filter(year=2026).values_list("quarter", flat=True)) == {1, 2, 3}
    assert MoneyLine.objects.filter(kind="budget", year=2026).count() == 11
