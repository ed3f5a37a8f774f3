"""Entering an appraisal through its pages: the preset, a criterion, an option row with its cells, errors at
the cell, the optimistic lock, who may see what, the downloads and the printable page."""

import io

import pytest
from openpyxl import load_workbook

from carershub.accounts.models import Role
from carershub.reporting.appraisal import services
from carershub.reporting.appraisal.models import Appraisal, Cell, Option
from tests.appraisal import build
from tests.pages import Page

BASE = "/figures/options-appraisals/"


def _scored(commissioner):
    appraisal = services.create_appraisal(actor=commissioner, title="Breaks", method="score", scale_min=0,
                                          scale_max=5, section16=True)
    return appraisal, list(appraisal.criteria.all())


def test_a_commissioner_starts_an_appraisal_with_the_section_16_preset(commissioner_client, commissioner):
    response = commissioner_client.post(f"{BASE}new/", {"title": "Carers' breaks service", "purpose": "Recommission",
                                                        "section16": "on", "method": "score", "scale_min": "0",
                                                        "scale_max": "5"})

    assert response.status_code == 302, Page(response).error_summary
    appraisal = Appraisal.objects.get()
    assert (appraisal.organisation, appraisal.method, appraisal.scale_max) == (commissioner.organisation, "score", 5)
    assert appraisal.criteria.count() == 4
    page = Page(commissioner_client.get(response.url))
    assert "Co-production" in page.text and "Voice and control" in page.text


@pytest.mark.parametrize(("typed", "field", "message"), [
    ({"title": ""}, "title", "Enter a title for the appraisal"),
    ({"scale_max": "0"}, "scale_max", "The highest score must be more than the lowest"),
    ({"scale_max": "five"}, "scale_max", "The highest score must be a whole number, like 5"),
])
def test_a_bad_appraisal_is_shown_again_with_the_message_at_the_field(commissioner_client, typed, field, message):
    data = {"title": "Breaks", "method": "score", "scale_min": "0", "scale_max": "5", **typed}

    page = Page(commissioner_client.post(f"{BASE}new/", data))

    assert page.error_for(field) == message
    assert message in page.error_summary
    assert not Appraisal.objects.exists()


def test_an_option_row_is_scored_and_a_score_off_the_scale_is_refused_at_its_cell(commissioner_client, commissioner):
    appraisal, criteria = _scored(commissioner)
    first, second = criteria[0], criteria[1]
    url = f"{BASE}{appraisal.pk}/options/new/"
    data = {"name": "In-house", "group": "", "description": "",
            f"value_{first.pk}": "7", f"narrative_{first.pk}": "Strong", f"value_{second.pk}": "3"}

    page = Page(commissioner_client.post(url, data))

    message = "Co-production: the score must be a whole number from 0 to 5"
    assert page.error_for(f"value_{first.pk}") == message
    assert page.error_summary == [message]
    assert page.value_of(f"narrative_{first.pk}") == "Strong"  # what was typed is kept
    assert not Option.objects.exists()

    response = commissioner_client.post(url, {**data, f"value_{first.pk}": "4"})

    assert response.status_code == 302
    option = Option.objects.get()
    assert {c.criterion_id: (c.score, c.narrative) for c in option.cells.all()} == {
        first.pk: (4, "Strong"), second.pk: (3, ""), criteria[2].pk: (None, ""), criteria[3].pk: (None, "")}
    result = services.compare(appraisal).results[option.pk]
    assert (result.total, result.missing) == (7, 2)
    page = Page(commissioner_client.get(response.url))
    assert "2 cells not rated: the total may rise" in page.text


def test_a_rag_row_is_changed_and_a_stale_version_saves_nothing(commissioner_client, commissioner):
    appraisal = build.cwm_taf(commissioner)
    option = appraisal.options.get(name__startswith="3.4")
    url = f"{BASE}{appraisal.pk}/options/{option.pk}/"
    data = Page(commissioner_client.get(url)).form_data()
    criterion = appraisal.criteria.get(name=build.CO_PRODUCTION)
    assert data[f"value_{criterion.pk}"] == "G"
    Option.objects.filter(pk=option.pk).update(version=option.version + 1)  # somebody else saved first

    response = commissioner_client.post(url, {**data, f"value_{criterion.pk}": "R"})

    assert response.status_code == 302 and response.url == url
    assert Cell.objects.get(option=option, criterion=criterion).rating == "G"
    page = Page(commissioner_client.get(url))
    assert "Somebody else changed this option" in page.text

    response = commissioner_client.post(url, {**page.form_data(), f"value_{criterion.pk}": "R",
                                              f"narrative_{criterion.pk}": "Board view"})

    assert response.status_code == 302
    cell = Cell.objects.get(option=option, criterion=criterion)
    assert (cell.rating, cell.narrative) == ("R", "Board view")
    assert services.compare(appraisal).results[option.pk].total == 20  # 22 less a green (2)


def test_a_weight_must_be_more_than_nothing(commissioner_client, commissioner):
    appraisal, criteria = _scored(commissioner)

    page = Page(commissioner_client.post(f"{BASE}{appraisal.pk}/criteria/{criteria[0].pk}/", {
        "name": "Co-production", "weight": "0", "version": str(appraisal.version)}))

    assert page.error_for("weight") == "The weight must be more than 0"


def test_another_organisation_neither_sees_nor_changes_an_appraisal(client_for, commissioner):
    appraisal = build.staffordshire(commissioner)
    other = client_for(Role.TEAM_MANAGER, organisation="council")

    assert other.get(f"{BASE}{appraisal.pk}/").status_code == 404
    assert other.get(f"{BASE}{appraisal.pk}/download.csv").status_code == 404
    assert other.post(f"{BASE}{appraisal.pk}/change/", {"title": "Taken"}).status_code == 404
    assert "Staffordshire" not in Page(other.get(BASE)).text


@pytest.mark.parametrize("role", [Role.PRACTITIONER, Role.FRONT_DOOR, Role.PARTNER_WORKER])
def test_other_roles_see_no_appraisals(client_for, role):
    assert client_for(role).get(BASE).status_code == 403


def test_downloads_hold_the_matrix_and_the_ranking(commissioner_client, commissioner):
    appraisal = build.cwm_taf(commissioner)

    csv_text = commissioner_client.get(f"{BASE}{appraisal.pk}/download.csv").content.decode("utf-8-sig")
    book = load_workbook(io.BytesIO(commissioner_client.get(f"{BASE}{appraisal.pk}/download.xlsx").content))

    assert "Options appraisal matrix: Cwm Taf" in csv_text
    assert build.CO_PRODUCTION in csv_text
    ranking = book[book.sheetnames[1]]
    rows = [[c.value for c in row] for row in ranking.iter_rows()]
    spv = next(r for r in rows if r[2] and str(r[2]).startswith("3.4"))
    assert spv[:2] == [build.D3, 2] and spv[3] == 22 and spv[4] == 38
    assert spv[6:10] == [6, 10, 3, 0]  # green, amber, red, not rated
    assert len(book.sheetnames) == 4


def test_the_printable_page_shows_every_narrative(commissioner_client, commissioner):
    appraisal, criteria = _scored(commissioner)
    services.add_option(appraisal, name="Grant to a co-operative", cells={criteria[0].pk: (5, "Carers on the board")})

    page = Page(commissioner_client.get(f"{BASE}{appraisal.pk}/print/"))

    assert "Carers on the board" in page.text
    assert "Printed from the service" in page.text


def test_the_home_page_offers_appraisals_and_action_plans_to_commissioners_only(commissioner_client, client_for):
    links = Page(commissioner_client.get("/")).links()
    assert BASE in links and "/figures/action-plans/" in links

    practitioner_links = Page(client_for(Role.PRACTITIONER).get("/")).links()
    assert BASE not in practitioner_links and "/figures/action-plans/" not in practitioner_links
