"""Contracts through the pages: entered, extended, reduced and funded, their value worked out, never re-keyed."""

import csv
import io

import pytest

from carershub.reporting.money.models import Contract, ContractReduction
from tests.money import build
from tests.pages import Page


def _dates(name, day, month, year):
    return {f"{name}_day": str(day), f"{name}_month": str(month), f"{name}_year": str(year)}


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def _new_contract(client, region, **typed):
    page = Page(client.get("/figures/money/contracts/new/"))
    data = {**page.form_data(), "title": "Coventry Carers Support Service", "provider": str(region["orgs"]["centre"].pk),
            "service_line": "information", **_dates("starts_on", 1, 4, 2025), **_dates("ends_on", 31, 3, 2028),
            "annual_value": "£774,731", **typed}
    return client.post("/figures/money/contracts/new/", data)


def _term(client, contract, kind, typed):
    url = f"/figures/money/contracts/{contract.pk}/{kind}/new/"
    return client.post(url, {**Page(client.get(url)).form_data(), **typed})


def test_coventrys_published_figures_are_reproduced_to_the_penny(manager_client, region):
    """Coventry City Council's Cabinet report on recommissioning carers support services (seed 002):
    "Total Contract / Grant Expenditure £774,731" (2.2), "An annual reduction of £41,870" from 2025 (2.3,
    5.2), "the CWICB contributing £134,096 per annum" (1.23), a term of 3 years with an option to extend
    for 2 more, the council's commitment "approximately £2,993,825 (£598,765 per annum)" (5.1) and the
    reduction "£209,350 over the lifespan of the contract (inclusive of extensions)" (5.2)."""
    response = _new_contract(manager_client, region)
    assert response.status_code == 302, Page(response).error_summary
    contract = Contract.objects.get()
    assert contract.annual_value_pence == 77_473_100
    assert contract.commissioner == region["orgs"]["council"]

    assert _term(manager_client, contract, "extension", {**_dates("ends_on", 31, 3, 2030),
                                                          "annual_value": "774,731"}).status_code == 302
    assert _term(manager_client, contract, "reduction", {**_dates("starts_on", 1, 4, 2025),
                                                          "annual_pence": "41,870"}).status_code == 302
    assert _term(manager_client, contract, "contribution", {"funder": "icb", "funder_name": "CWICB",
                                                             "annual_pence": "134,096"}).status_code == 302

    page = Page(manager_client.get(f"/figures/money/contracts/{contract.pk}/"))
    rows = {row[0]: row for row in page.table_rows()}
    assert rows["2026-27"][1:] == ["365", "£732,861.00", "£41,870.00", "£134,096.00", "£598,765.00"]
    assert rows["Whole life"][1:] == ["1,826", "£3,664,305.00", "£209,350.00", "£670,480.00", "£2,993,825.00"]

    download = _csv(manager_client.get(f"/figures/money/contracts/{contract.pk}/download.csv"))
    whole = next(row for row in download if row and row[0] == "Whole life")
    assert whole[2:] == ["3664305.00", "209350.00", "670480.00", "2993825.00"]
    xlsx = manager_client.get(f"/figures/money/contracts/{contract.pk}/download.xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


def test_the_year_figures_show_the_contracts_value_in_the_year_chosen(manager_client, region, afon):
    contract = build.contract(commissioner=region["orgs"]["council"], provider=region["orgs"]["centre"], areas=[afon])
    _term(manager_client, contract, "reduction", {**_dates("starts_on", 1, 10, 2025), "annual_pence": "41870"})

    page = Page(manager_client.get(f"/figures/money/?year=2025&area={afon.pk}"))

    row = next(r for r in page.table_rows() if r and r[0] == "Test Carers Contract")
    # £774,731 less £41,870 x 182/365 for 1 October 2025 to 31 March 2026.
    assert row[6:8] == ["£753,853.36", "£20,877.64"]


@pytest.mark.parametrize(("typed", "field", "message"), [
    ({"annual_value": "lots"}, "annual_value", "Value a year, in pounds must be an amount of money, like 25 or 25.50"),
    ({"annual_value": ""}, "annual_value", "Enter the contract's value a year, in pounds"),
    ({**_dates("ends_on", 31, 3, 2024)}, "ends_on", "The end date must be the same as or after the start date"),
    ({"title": ""}, "title", "Enter the contract's name"),
])
def test_bad_input_is_said_at_the_field_and_nothing_is_saved(manager_client, region, typed, field, message):
    response = _new_contract(manager_client, region, **typed)

    assert response.status_code == 200
    assert Page(response).error_for(field) == message
    assert message in Page(response).error_summary
    assert not Contract.objects.exists()


def test_a_reduction_outside_the_contract_or_below_nothing_is_refused(manager_client, region):
    contract = build.contract(commissioner=region["orgs"]["council"], provider=region["orgs"]["centre"])

    early = _term(manager_client, contract, "reduction", {**_dates("starts_on", 1, 1, 2020), "annual_pence": "10"})
    too_much = _term(manager_client, contract, "reduction", {**_dates("starts_on", 1, 4, 2026),
                                                             "annual_pence": "900,000"})

    assert Page(early).error_for("starts_on") == "The reduction must start on a day the contract runs"
    assert Page(too_much).error_for("annual_pence") == "The reduction would take the contract below £0 a year"
    assert not ContractReduction.objects.exists()


def test_an_extension_must_end_later_than_the_contract(manager_client, region):
    contract = build.contract(commissioner=region["orgs"]["council"], provider=region["orgs"]["centre"])

    response = _term(manager_client, contract, "extension", {**_dates("ends_on", 1, 3, 2028), "annual_value": "1"})

    assert "must be after the contract's end date" in Page(response).error_for("ends_on")


def test_an_edit_made_on_a_stale_page_is_refused_and_nothing_is_lost(manager_client, region):
    contract = build.contract(commissioner=region["orgs"]["council"], provider=region["orgs"]["centre"])
    url = f"/figures/money/contracts/{contract.pk}/change/"
    first = Page(manager_client.get(url)).form_data()
    second = dict(first)

    assert manager_client.post(url, {**first, "title": "First title"}).status_code == 302
    stale = manager_client.post(url, {**second, "title": "Second title"}, follow=True)

    assert "Somebody else changed this contract" in Page(stale).text
    contract.refresh_from_db()
    assert contract.title == "First title" and contract.version == 2


def test_only_the_commissioning_organisation_changes_a_contract(commissioner_client, manager_client, region):
    contract = build.contract(commissioner=region["orgs"]["council"], provider=region["orgs"]["centre"])

    assert commissioner_client.get(f"/figures/money/contracts/{contract.pk}/").status_code == 200
    assert commissioner_client.get(f"/figures/money/contracts/{contract.pk}/change/").status_code == 403
    assert commissioner_client.get(f"/figures/money/contracts/{contract.pk}/reduction/new/").status_code == 403
    assert manager_client.get(f"/figures/money/contracts/{contract.pk}/change/").status_code == 200


def test_a_commissioner_enters_contracts_for_their_own_organisation(commissioner_client, commissioner, region):
    response = _new_contract(commissioner_client, region)

    assert response.status_code == 302
    assert Contract.objects.get().commissioner == commissioner.organisation


def test_the_list_of_contracts_downloads(manager_client, region):
    build.contract(commissioner=region["orgs"]["council"], provider=region["orgs"]["centre"])

    page = Page(manager_client.get("/figures/money/contracts/"))
    rows = _csv(manager_client.get("/figures/money/contracts/download.csv"))

    assert "Test Carers Contract" in page.text
    assert ["Test Carers Contract", "Test Council", "Test Carers Centre"] == rows[3][:3]
    assert manager_client.get("/figures/money/contracts/download.pdf").status_code == 404
