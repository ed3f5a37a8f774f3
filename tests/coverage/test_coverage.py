"""Known carers against the Census: who counts and in which band, small numbers hidden, the page, the
downloads, and what other apps read."""

import datetime
import io

import pytest
from openpyxl import load_workbook

from carershub.accounts.models import Role
from carershub.reporting.coverage import services
from tests.coverage.build import census_figures, known_carer
from tests.pages import Page

ON = datetime.date(2025, 6, 30)


@pytest.fixture
def afon(region):
    return region["areas"]["afon"]


def test_known_carers_count_once_in_the_highest_band_of_who_they_care_for_now(afon):
    known_carer(afon, 5, 60)  # 50 or more
    known_carer(afon, 12, 25)  # 20 to 34 (37 in all: bands are not added)
    known_carer(afon, bands=["35_to_49"])  # band chosen, hours not known
    known_carer(afon)  # cares for nobody recorded
    known_carer(afon, 55, ended_on=datetime.date(2025, 3, 1))  # that caring had ended: hours not recorded now
    known_carer(afon, 60, caring_ended=datetime.date(2025, 5, 1))  # no longer a carer on the day
    known_carer(afon, 60, identified_on=datetime.date(2025, 7, 1))  # not yet known on the day

    counted = services.known_carers(ON)[afon.pk]

    assert counted == {"50_or_more": 1, "20_to_34": 1, "35_to_49": 1, "not_recorded": 2}
    assert services.known_carers(datetime.date(2025, 4, 30))[afon.pk]["not_recorded"] == 2  # the ended carer counts


def test_shares_of_census_carers_per_band_and_of_those_caring_50_hours_or_more(afon):
    census_figures(afon, bands=(400, 150, 100, 90, 20))  # 760 carers, 20 of them 50 hours or more
    for hours, carers in ((50, 6), (5, 12), (12, 5)):
        for _ in range(carers):
            known_carer(afon, hours)

    (row,) = services.coverage(ON, [afon])

    lines = {line.code: line for line in row.lines}
    assert (lines["50_or_more"].census, lines["50_or_more"].known, lines["50_or_more"].share) == (20, 6, "30.0%")
    assert (row.high.known, row.high.share) == (6, "30.0%")
    assert (lines["9_or_less"].known, lines["9_or_less"].share) == (12, "3.0%")  # 12 / 400
    assert (lines["10_to_19"].known, lines["10_to_19"].share) == (5, "3.3%")  # 5 / 150 = 3.33
    assert (lines["20_to_34"].known, lines["20_to_34"].share) == (0, "0.0%")
    assert (lines["not_recorded"].census, lines["not_recorded"].share) == (None, "")
    assert (row.all_carers.census, row.all_carers.known, row.all_carers.share) == (760, 23, "3.0%")  # 23 / 760 = 3.03
    assert not row.hid_something


def test_a_small_count_is_hidden_with_the_next_smallest_and_their_shares(afon):
    census_figures(afon, bands=(400, 150, 100, 90, 20))
    for hours, carers in ((50, 6), (5, 12), (12, 1)):
        for _ in range(carers):
            known_carer(afon, hours)

    (row,) = services.coverage(ON, [afon])

    lines = {line.code: line for line in row.lines}
    # The 1 would follow from the published total of 19, so the next smallest (6) is hidden as well, and both
    # read "not shown"; so do their shares.
    assert (lines["10_to_19"].known, lines["10_to_19"].share) == ("not shown", "not shown")
    assert (lines["50_or_more"].known, lines["50_or_more"].share) == ("not shown", "not shown")
    assert (lines["9_or_less"].known, lines["9_or_less"].share) == (12, "3.0%")
    assert (row.all_carers.known, row.all_carers.share) == (19, "2.5%")  # 19 / 760
    assert row.hid_something


def test_an_area_without_census_figures_shows_known_carers_and_no_share(afon):
    for _ in range(5):
        known_carer(afon, 60)
    (row,) = services.coverage(ON, [afon])
    assert row.figures is None and row.all_carers.known == 5 and row.all_carers.share == ""


def test_other_apps_read_population_and_census_carers(afon, region):
    assert services.population(afon) is None and services.census_carers(afon) is None
    census_figures(afon, no_care=9_000, bands=(400, 150, 100, 90, 260))
    assert services.population(afon) == 10_000
    assert services.census_carers(afon) == 1_000
    assert services.census_carers(afon, "50_or_more") == 260
    assert services.census_carers(region["areas"]["marches"]) is None


@pytest.fixture
def commissioner(client_for):
    return client_for(Role.COMMISSIONER)


def test_the_page_shows_chart_and_tables_for_a_day_and_area(commissioner, afon, region):
    census_figures(afon, bands=(400, 150, 100, 90, 20))
    for hours, carers in ((50, 6), (5, 12), (12, 5)):
        for _ in range(carers):
            known_carer(afon, hours)

    response = commissioner.get("/figures/coverage/", {"as_of_day": "30", "as_of_month": "6", "as_of_year": "2025",
                                                      "area": afon.pk})

    assert response.status_code == 200
    page = Page(response)
    assert "Known carers on 30 June 2025" in page.text
    assert page.find_all("svg") and "Test Afon: 50 or more hours" in page.html
    rows = page.table_rows()
    assert rows[0] == ["Test Afon", "9,760", "760", "23", "3.0%", "20", "6", "30.0%"]
    assert ["50 or more hours a week", "20", "6", "30.0%"] in rows
    assert ["All carers", "760", "23", "3.0%"] in rows
    assert ["Hours not recorded", "no Census line", "0", ""] in rows
    assert any("download.xlsx" in link for link in page.links())


def test_bad_dates_give_an_error_not_a_500(commissioner):
    response = commissioner.get("/figures/coverage/", {"as_of_day": "31", "as_of_month": "2", "as_of_year": "2025"})
    assert response.status_code == 200
    assert Page(response).error_summary == ["Known carers on must be a real date"]
    assert commissioner.get("/figures/coverage/download.csv", {"as_of_day": "x"}).status_code == 200


def test_downloads_hold_the_same_figures_as_csv_and_xlsx(commissioner, afon):
    census_figures(afon, bands=(400, 150, 100, 90, 20))
    for _ in range(6):
        known_carer(afon, 50)
    query = {"as_of_day": "30", "as_of_month": "6", "as_of_year": "2025", "area": afon.pk}

    csv_response = commissioner.get("/figures/coverage/download.csv", query)
    assert csv_response["Content-Disposition"] == 'attachment; filename="coverage-2025-06-30.csv"'
    text = csv_response.content.decode("utf-8-sig")
    assert "Test Afon,W06999801,9760,760,6,0.8%,20,6,30.0%" in text
    assert "50 or more hours a week,20,6,30.0%" in text

    book = load_workbook(io.BytesIO(commissioner.get("/figures/coverage/download.xlsx", query).content))
    sheet = book.worksheets[0]
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert ["Test Afon", "W06999801", 9760, 760, 6, "0.8%", 20, 6, "30.0%"] in values
    assert commissioner.get("/figures/coverage/download.pdf", query).status_code == 404


@pytest.mark.parametrize("role", [Role.PRACTITIONER, Role.FRONT_DOOR, Role.PARTNER_WORKER])
def test_only_commissioners_and_team_managers_see_coverage(client_for, role):
    client = client_for(role)
    assert client.get("/figures/coverage/").status_code == 403
    assert client.get("/figures/coverage/import/").status_code == 403


def test_commissioners_find_coverage_from_the_home_page(commissioner, client_for):
    assert "/figures/coverage/" in Page(commissioner.get("/")).links()
    assert "/figures/coverage/" not in Page(client_for(Role.PRACTITIONER).get("/")).links()
