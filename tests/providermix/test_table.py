"""The report's Table 2, loaded and shown again exactly; the table page's chart and CSV download."""

import csv
import io
from decimal import Decimal as D

import pytest
from django.core.management import call_command

from carershub.activity.models import Event, EventKind
from carershub.providers.mix import services, shares
from carershub.providers.mix.models import MixReturn
from tests.pages import Page

# ADSS Cymru/Data Cymru 2019, Table 2 (the seed report, lines 290-313), typed again here for the test.
TABLE_2 = {
    "Isle of Anglesey": (24, 76, 0), "Gwynedd": (45, 49, 6), "Conwy": (0, 99, 1), "Denbighshire": (1, 99, 0),
    "Flintshire": (81, 19, 0), "Wrexham": (5, 95, 0), "Powys": (10, 90, 0), "Ceredigion": (1, 99, 0),
    "Pembrokeshire": (2, 98, 0), "Carmarthenshire": (23, 73, 4), "Swansea": (14, 76, 9),
    "Neath Port Talbot": (16, 84, 0), "Cardiff": (0, 100, 0), "The Vale of Glamorgan": (0, 98, 2),
    "Bridgend": (19, 68, 14), "Rhondda Cynon Taf": (16, 84, 0), "Merthyr Tydfil": (0, 100, 0),
    "Caerphilly": (28, 69, 3), "Blaenau Gwent": (5, 95, 0), "Torfaen": (10, 87, 4), "Monmouthshire": (19, 68, 13),
    "Newport": (0, 100, 0), "Wales": (12, 86, 3),
}


@pytest.fixture
def loaded(db):
    call_command("load_provider_mix_report", stdout=io.StringIO(), stderr=io.StringIO())


def test_the_loader_makes_one_percent_return_for_each_council_and_the_wales_total(loaded):
    assert MixReturn.objects.count() == 23
    assert set(MixReturn.objects.values_list("period_start", "period_end")) == {shares.financial_year(2018)}
    assert set(MixReturn.objects.values_list("basis", "source")) == {("percent", "ADSS Cymru/Data Cymru 2019, Table 2")}
    assert Event.objects.filter(kind=EventKind.MIX_RETURN).count() == 23


def test_loading_again_changes_nothing(loaded):
    before = list(MixReturn.objects.order_by("pk").values())
    lines = sorted(services.amounts_of(r).items() for r in MixReturn.objects.all())
    out = io.StringIO()

    call_command("load_provider_mix_report", stdout=out, stderr=io.StringIO())

    assert list(MixReturn.objects.order_by("pk").values()) == before
    assert sorted(services.amounts_of(r).items() for r in MixReturn.objects.all()) == lines
    assert "0 returns added, 23 already there" in out.getvalue()
    assert Event.objects.filter(kind=EventKind.MIX_RETURN).count() == 23


def test_the_table_page_reproduces_every_row_of_table_2(loaded, manager_client):
    page = Page(manager_client.get("/provider-mix/table/"))

    rows = {row[0]: tuple(row[1:]) for row in page.table_rows()}
    expected = {name: (*(str(n) for n in figures), "100") for name, figures in TABLE_2.items()}
    assert rows == expected
    assert rows["Flintshire"] == ("81", "19", "0", "100")
    assert rows["Bridgend"] == ("19", "68", "14", "100")
    assert page.table_rows()[-1] == ["Wales", "12", "86", "3", "100"]  # the published total, last
    assert "The published total" in page.text
    assert "ADSS Cymru/Data Cymru 2019, Table 2" in page.text


def test_the_table_page_draws_the_same_figures_as_a_chart(loaded, manager_client):
    body = manager_client.get("/provider-mix/table/").content.decode()
    svg = body[body.index("<svg"):body.index("</svg>")]

    assert 'role="img"' in svg and 'aria-labelledby="table-chart-title table-chart-desc"' in svg
    assert "<title id=\"table-chart-title\">" in svg and "<desc id=\"table-chart-desc\">" in svg
    assert 'viewBox="0 0 640' in svg and 'width="100%"' in svg
    assert "Flintshire, In house: 81%" in svg
    assert "Bridgend, 3rd sector (the Section 16 types): 14%" in svg
    assert "<script" not in body.split("<main", 1)[1].split("</main>", 1)[0]
    assert "Private sector (with micro-enterprises)" in Page(body).text  # the legend


def test_the_table_downloads_as_csv(loaded, manager_client):
    response = manager_client.get("/provider-mix/table/download/?period=2018-04-01_2019-03-31")

    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Period", "2018-19"]
    assert rows[1][0] == "Council" and rows[1][-1] == "Total %"
    assert ["Swansea", "14", "76", "9", "100"] in rows
    assert ["Wales", "12", "86", "3", "100"] in rows
    assert rows[-1] == ["Total row", "The published total"]


def test_without_a_published_total_the_councils_hours_are_added(manager_client, manager, afon):
    q1 = shares.quarter(2025, 1)
    for name, amounts in (("Big", {"in_house": D(900), "private": D(100)}), ("Small", {"third_sector": D(100)})):
        services.enter_return(actor=manager, council_name=name, period=q1, basis="hours", amounts=amounts)

    rows = Page(manager_client.get("/provider-mix/table/")).table_rows()

    assert rows[-1] == ["Total", "81.8", "9.1", "9.1", "100"]
    assert "All councils' hours added together" in Page(manager_client.get("/provider-mix/table/")).text


def test_with_percentages_only_the_total_is_an_unweighted_mean(manager_client, manager):
    fy = shares.financial_year(2024)
    returns = (("A", {"in_house": D(20), "private": D(80)}), ("B", {"private": D(90), "third_sector": D(10)}))
    for name, amounts in returns:
        services.enter_return(actor=manager, council_name=name, period=fy, basis="percent", amounts=amounts)

    page = Page(manager_client.get("/provider-mix/table/"))

    assert page.table_rows()[-1] == ["Total", "10", "85", "5", "100"]
    assert "not weighted by hours" in page.text


def test_a_council_over_time_from_returns_with_its_csv(manager_client, manager, afon):
    for number, (inhouse, coop) in enumerate([(D(80), D(20)), (D(60), D(40))], start=1):
        services.enter_return(actor=manager, council_name=afon.name, area=afon, period=shares.quarter(2025, number),
                              basis="hours", amounts={"in_house": inhouse, "cooperative": coop})
    query = f"?council={afon.name}&source=returns"

    page = Page(manager_client.get("/provider-mix/" + query))

    rows = page.table_rows()
    assert [r[0].split(" Change")[0] for r in rows] == ["2025-26 quarter 1", "2025-26 quarter 2"]
    assert [r[-1] for r in rows] == ["20%", "40%"]  # the Section 16 share over time
    assert "<svg" in manager_client.get("/provider-mix/" + query).content.decode()
    download = manager_client.get("/provider-mix/download/" + query)
    lines = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
    assert lines[0] == ["Council", afon.name]
    assert lines[2][:3] == ["2025-26 quarter 1", "hours", "80"]
    assert lines[2][-2:] == ["100", "20"]
    assert lines[3][-1] == "40"
