"""Budgets and spend entered, spend per head against the Census, and actual spend from the ledgers."""

import csv
import datetime
import io

import pytest

from carershub.people.models import CarerProfile, Person
from carershub.reporting.money.models import MoneyLine
from tests.money import build
from tests.pages import Page


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def _enter(client, kind, **typed):
    url = "/figures/money/budgets/new/" if kind == "budget" else "/figures/money/spend/new/"
    data = {**Page(client.get(url)).form_data(), "year": "2025", "service_line": "breaks", "funder": "council", **typed}
    return client.post(url, data)


def _known_carers(area, count, ended=0):
    people = Person.objects.bulk_create([
        Person(given_name="Known", family_name=f"Moneytest{n}", area=area) for n in range(count + ended)
    ])
    CarerProfile.objects.bulk_create([
        CarerProfile(person=p, caring_ended_on=datetime.date(2020, 1, 1) if n >= count else None)
        for n, p in enumerate(people)
    ])


def test_cwm_tafs_spend_per_head_table_is_reproduced_to_the_penny(commissioner_client):
    """Cwm Taf carers' services options appraisal (seed 000), "Financial information regarding carers - for
    RCT and MT": discrete spend on carers RCT £3,859,773 (adults £2,184,332 + children £1,675,441), MT
    £756,120 (£550,370 + £205,750), CT £4,615,893; carers population (based on number in Census) RCT 29640,
    MT 7427, CT 37067; population RCT 234410, MT 63546; "RCT spend per capita (based on number in Census)
    £130.22", "MT ... £101.81", "CT ... £124.53"; "RCT registered with the project 3101" and "RCT actual
    spend per capita on known carers £1,244.69"."""
    rct = build.area("Rhondda Cynon Taf", "W06000016")
    mt = build.area("Merthyr Tydfil", "W06000024")
    build.census(rct, population=234410, carers=29640)
    build.census(mt, population=63546, carers=7427)
    _known_carers(rct, 3101, ended=7)  # carers whose caring has ended are not known carers any more
    for area, adults, children in ((rct, "2,184,332", "1,675,441"), (mt, "550,370", "205,750")):
        for line, amount in (("assessment", adults), ("young_carers", children)):
            response = _enter(commissioner_client, "spend", area=str(area.pk), quarter="4", service_line=line,
                              amount=amount)
            assert response.status_code == 302, Page(response).error_summary

    page = Page(commissioner_client.get("/figures/money/?year=2025"))
    rows = {row[0]: row for row in page.table_rows() if len(row) == 8}

    assert rows["Rhondda Cynon Taf"][1:] == ["£3,859,773.00", "234,410", "£16.47", "29,640", "£130.22", "3,101",
                                             "£1,244.69"]
    assert rows["Merthyr Tydfil"][1] == "£756,120.00" and rows["Merthyr Tydfil"][5] == "£101.81"
    assert rows["All these areas"][1] == "£4,615,893.00"
    assert rows["All these areas"][4:6] == ["37,067", "£124.53"]
    # Merthyr Tydfil has no carers known here (no project, as in the report): nothing to divide by.
    assert rows["Merthyr Tydfil"][6:] == ["0", ""]

    download = _csv(commissioner_client.get("/figures/money/download.csv?year=2025"))
    rct_row = next(r for r in download if r and r[0] == "Rhondda Cynon Taf" and len(r) == 8)
    assert rct_row[5] == "130.22" and rct_row[7] == "1244.69"


def test_without_the_census_import_population_reads_not_imported(manager_client, afon):
    page = Page(manager_client.get(f"/figures/money/?year=2025&area={afon.pk}"))

    row = next(r for r in page.table_rows() if r and r[0] == afon.name and len(r) == 8)
    assert row[2] == "not imported" and row[3] == ""


def test_a_small_number_of_known_carers_is_not_shown_nor_the_spend_per_carer(manager_client, region, afon):
    build.line(organisation=region["orgs"]["council"], area=afon, amount_pence=1_000_00)
    _known_carers(afon, 3)

    page = Page(manager_client.get(f"/figures/money/?year=2025&area={afon.pk}"))

    row = next(r for r in page.table_rows() if r and r[0] == afon.name and len(r) == 8)
    assert row[6:] == ["fewer than 5", ""]


def test_budget_and_spend_add_up_by_service_line_and_funder(manager_client, region, afon):
    council = region["orgs"]["council"]
    build.line(organisation=council, kind="budget", area=afon, service_line="breaks", amount_pence=10_000_00)
    build.line(organisation=council, kind="budget", area=afon, service_line="breaks", funder="icb", amount_pence=5_000_00)
    build.line(organisation=council, area=afon, quarter=1, service_line="breaks", amount_pence=2_000_10)
    build.line(organisation=council, area=afon, quarter=3, service_line="breaks", amount_pence=1_000_00)
    build.line(organisation=council, area=None, quarter=3, service_line="breaks", amount_pence=999_00)

    afon_page = Page(manager_client.get(f"/figures/money/?year=2025&area={afon.pk}"))
    region_page = Page(manager_client.get("/figures/money/?year=2025"))

    rows = [r for r in afon_page.table_rows() if len(r) == 9]
    assert rows[0] == ["Short breaks and replacement care", "Council", "£10,000.00", "£2,000.10", "£0.00", "£1,000.00",
                       "£0.00", "£3,000.10", "£6,999.90"]
    assert rows[-1][0] == "Total" and rows[-1][2] == "£15,000.00"
    total = [r for r in region_page.table_rows() if len(r) == 9][-1]
    assert total[7] == "£3,999.10"  # the whole-region spend counts in "all areas" only
    assert afon_page.by_id("spend-chart-title") is not None


def test_a_budget_entered_twice_for_the_same_line_is_refused_with_a_link_back(manager_client, afon):
    first = _enter(manager_client, "budget", area=str(afon.pk), amount="100")
    again = _enter(manager_client, "budget", area=str(afon.pk), amount="200")

    assert first.status_code == 302
    assert "already entered" in Page(again).error_for("service_line")
    assert MoneyLine.objects.count() == 1


@pytest.mark.parametrize(("typed", "field", "message"), [
    ({"amount": "-5"}, "amount", "Spent in the quarter, in pounds must be £0 or more"),
    ({"amount": "1.234"}, "amount", "Spent in the quarter, in pounds must be in pounds and pence, like 25.50"),
    ({"quarter": ""}, "quarter", "Choose the quarter the money was spent in"),
    ({"year": "twenty"}, "year", "The year must be a whole number, like 2025"),
    ({"funder": "bank"}, "funder", "Choose who funds it"),
])
def test_bad_spend_is_said_at_the_field(manager_client, typed, field, message):
    response = _enter(manager_client, "spend", **{"quarter": "2", "amount": "10", **typed})

    assert response.status_code == 200
    assert Page(response).error_for(field)
    if message:
        assert Page(response).error_for(field) == message
    assert not MoneyLine.objects.exists()


def test_a_change_on_a_stale_page_is_refused(manager_client, region):
    line = build.line(organisation=region["orgs"]["council"])
    url = f"/figures/money/entered/{line.pk}/"
    data = Page(manager_client.get(url)).form_data()

    assert manager_client.post(url, {**data, "amount": "150"}).status_code == 302
    stale = manager_client.post(url, {**data, "amount": "175"}, follow=True)

    assert "Somebody else changed this" in Page(stale).text
    line.refresh_from_db()
    assert line.amount_pence == 150_00


def test_another_organisations_rows_are_seen_but_not_changed(commissioner_client, region):
    line = build.line(organisation=region["orgs"]["council"])

    page = Page(commissioner_client.get("/figures/money/?year=2025"))

    assert "£100.00" in page.text
    assert f"/figures/money/entered/{line.pk}/" not in page.links()
    assert commissioner_client.get(f"/figures/money/entered/{line.pk}/").status_code == 403


def test_a_team_manager_of_a_provider_enters_nothing(new_client, make_user):
    from carershub.accounts.models import Role

    outside = new_client(make_user(Role.TEAM_MANAGER, organisation="partner"))

    assert outside.get("/figures/money/").status_code == 200
    assert outside.get("/figures/money/budgets/new/").status_code == 403


def test_workers_who_are_not_commissioners_or_managers_see_nothing(client_for):
    from carershub.accounts.models import Role

    assert client_for(Role.PRACTITIONER).get("/figures/money/").status_code == 403


def test_every_table_downloads_as_csv_and_xlsx(manager_client, region, afon):
    build.line(organisation=region["orgs"]["council"], area=afon)
    titles = [row[0] for row in _csv(manager_client.get("/figures/money/download.csv?year=2025"))
              if row and row[0].endswith(", 2025-26, all areas")]

    assert [t.split(",")[0] for t in titles] == [
        "Budget and spend by service line and funder", "Budget and spend by service line", "Budget and spend by funder",
        "Actual spend from the ledgers", "Spend per head", "Contracts", "Budgets and spend entered",
    ]
    xlsx = manager_client.get("/figures/money/download.xlsx?year=2025")
    assert xlsx["Content-Disposition"] == 'attachment; filename="money-2025.xlsx"'


def test_a_bad_year_shows_the_error_and_no_figures(manager_client):
    response = manager_client.get("/figures/money/?year=1850")

    assert Page(response).error_for("year") == "The year must be 2000 or later"
    assert manager_client.get("/figures/money/download.csv?year=1850").status_code == 200


def test_the_home_page_of_a_commissioner_links_to_the_money(commissioner_client, client_for):
    from carershub.accounts.models import Role

    assert "/figures/money/" in Page(commissioner_client.get("/")).links()
    assert "/figures/money/" not in Page(client_for(Role.PRACTITIONER).get("/")).links()


def test_the_spend_per_head_table_reads_the_census_in_one_query_however_many_areas(commissioner_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def statements() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert commissioner_client.get("/figures/money/?year=2025").status_code == 200
        return len(captured)

    for n in range(2):
        build.census(build.area(f"Area {n}", f"W0699990{n}"), population=1000, carers=100)
    commissioner_client.get("/figures/money/?year=2025")  # the known carers are counted and kept once
    two = statements()
    for n in range(2, 6):
        build.census(build.area(f"Area {n}", f"W0699990{n}"), population=1000, carers=100)
    commissioner_client.get("/figures/money/?year=2025")
    six = statements()

    assert six == two, f"{two} statements for two areas with Census figures, {six} for six"
