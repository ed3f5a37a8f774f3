"""The dashboard, a contract's page, its downloads and the KPI form: scoped, worded and downloadable."""

import datetime
import io

import pytest
from django.test import Client
from django.utils import timezone

from carershub.accounts.models import Role
from carershub.activity.models import Event, EventKind
from carershub.partnership.models import Organisation
from carershub.reporting.monitoring import quarters as q
from carershub.reporting.monitoring.models import Kpi
from tests.monitoring.build import counted_kpi, make_contract, reported_kpi
from tests.pages import Page


def signed_in(make_user, role, organisation):
    client = Client()
    user = make_user(role, organisation=organisation)
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def contracts(region):
    marches_council = Organisation.objects.create(name="Test Marches Council", kind=Organisation.Kind.COUNCIL,
                                                  sector=Organisation.Sector.STATUTORY, area=region["areas"]["marches"])
    afon = make_contract(commissioner=region["orgs"]["council"], provider=region["orgs"]["partner"],
                         areas=[region["areas"]["afon"]], title="Afon Carers Contract")
    marches = make_contract(commissioner=marches_council, provider=region["orgs"]["other_partner"],
                            areas=[region["areas"]["marches"]], title="Marches Carers Contract")
    return {"afon": afon, "marches": marches}


def latest_quarter():
    return q.last_complete(timezone.localdate())


def test_a_commissioner_sees_every_contract_and_can_pick_an_area(make_user, region, contracts):
    client = signed_in(make_user, Role.COMMISSIONER, "centre")

    everything = client.get("/figures/contracts/").content.decode()
    afon_only = client.get("/figures/contracts/", {"area": region["areas"]["afon"].pk}).content.decode()

    assert "Afon Carers Contract" in everything and "Marches Carers Contract" in everything
    assert "Afon Carers Contract" in afon_only and "Marches Carers Contract" not in afon_only


def test_a_provider_sees_only_its_own_contracts(make_user, contracts):
    client = signed_in(make_user, Role.PARTNER_WORKER, "partner")

    page = client.get("/figures/contracts/").content.decode()

    assert "Afon Carers Contract" in page and "Marches Carers Contract" not in page
    assert client.get(f"/figures/contracts/{contracts['marches'].pk}/").status_code == 404
    download = client.get("/figures/contracts/contract-kpis.csv").content.decode("utf-8-sig")
    assert "Afon Carers Contract" in download and "Marches Carers Contract" not in download


def test_a_team_manager_sees_the_contracts_of_their_organisation(make_user, contracts):
    client = signed_in(make_user, Role.TEAM_MANAGER, "council")

    page = client.get("/figures/contracts/").content.decode()

    assert "Afon Carers Contract" in page and "Marches Carers Contract" not in page


def test_the_dashboard_shows_each_kpi_by_quarter_with_its_status_in_words(make_user, region, contracts):
    contract = contracts["afon"]
    counted_kpi(contract, name="Carers identified", target=5, tolerance=1)
    reported_kpi(contract, name="Carers saying the service helped")
    latest = latest_quarter()
    for _ in range(6):
        Event.objects.create(kind=EventKind.CARER_IDENTIFIED, organisation=region["orgs"]["partner"],
                             occurred_at=timezone.make_aware(datetime.datetime.combine(latest.start,
                                                                                       datetime.time(12))))
    client = signed_in(make_user, Role.COMMISSIONER, "centre")

    page = Page(client.get("/figures/contracts/"))

    rows = page.table_rows()
    identified = next(row for row in rows if row and row[0].startswith("Carers identified"))
    assert identified[-1] == "6 Green"
    helped = next(row for row in rows if row and row[0].startswith("Carers saying the service helped"))
    assert helped[-1] == "Not yet reported Not yet reported"
    assert page.find_all("svg")  # the chart, with the same figures in the table beside it
    summary = next(row for row in rows if row and row[0] == "Afon Carers Contract")
    assert summary[1:] == ["1", "0", "0", "1"]  # green, amber, red, not yet reported


def test_the_contract_page_and_its_downloads(make_user, region, contracts):
    contract = contracts["afon"]
    counted_kpi(contract, name="Carers identified", target=5, tolerance=1)
    client = signed_in(make_user, Role.TEAM_MANAGER, "council")

    page = client.get(f"/figures/contracts/{contract.pk}/").content.decode()
    csv_text = client.get(f"/figures/contracts/{contract.pk}/contract-kpis.csv").content.decode("utf-8-sig")
    workbook = client.get(f"/figures/contracts/{contract.pk}/contract-kpis.xlsx")

    assert "Carers identified" in page and "£774,731.00" in page and "Add a KPI" in page
    assert "Carers identified" in csv_text and "Not yet reported" not in csv_text.split("Carers identified")[0]
    assert f"{q.Quarter(latest_quarter().year, latest_quarter().number).year_label}" in csv_text
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(workbook.content))
    assert any("Carers identified" in str(c.value) for sheet in book for r in sheet.iter_rows() for c in r)


def test_a_kpi_is_added_by_the_commissioning_organisation(make_user, contracts):
    contract = contracts["afon"]
    client = signed_in(make_user, Role.TEAM_MANAGER, "council")
    url = f"/figures/contracts/{contract.pk}/kpis/new/"
    blank = Page(client.get(url)).form_data()

    wrong = client.post(url, {**blank, "name": "Carers identified", "description": "New carers",
                              "source": "counted", "unit": "percent", "target": "abc", "direction": "higher"})
    page = Page(wrong)
    assert wrong.status_code == 200
    assert page.error_for("measure") == "Choose what to count"
    assert page.error_for("scope") == "Choose whose events to count"
    assert page.error_for("target") == "Target per quarter must be a number, like 120 or 12.5"
    assert not Kpi.objects.exists()

    right = client.post(url, {**page.form_data(), "name": "Carers identified", "description": "New carers",
                              "source": "counted", "measure": "carers_identified", "scope": "provider",
                              "unit": "number", "target": "150", "direction": "higher", "tolerance": "15"})
    assert right.status_code == 302
    kpi = Kpi.objects.get()
    assert (kpi.measure, kpi.scope, kpi.target, kpi.tolerance) == ("carers_identified", "provider", 150, 15)


def test_the_same_kpi_name_twice_is_refused(make_user, contracts):
    contract = contracts["afon"]
    reported_kpi(contract, name="Carers saying the service helped")
    client = signed_in(make_user, Role.TEAM_MANAGER, "council")
    url = f"/figures/contracts/{contract.pk}/kpis/new/"

    response = client.post(url, {**Page(client.get(url)).form_data(), "name": "carers saying the service helped",
                                 "description": "x", "source": "reported", "unit": "percent", "target": "80",
                                 "direction": "higher"})

    assert Page(response).error_for("name").startswith("This contract already has a KPI called")


def test_a_bad_quarter_in_the_address_is_a_message_not_an_error(make_user, contracts):
    client = signed_in(make_user, Role.COMMISSIONER, "centre")

    response = client.get("/figures/contracts/", {"quarter": "1999-q9"})

    assert response.status_code == 200
    assert Page(response).error_for("quarter") == "Choose a quarter from the list"
