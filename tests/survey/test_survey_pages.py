"""Survey returns typed in and loaded from CSV (row-by-row problems, loading twice), and the measures page."""

import io

import pytest
from openpyxl import load_workbook

from carershub.accounts.models import Role
from carershub.reporting.survey.models import SurveyReturn
from tests.pages import Page
from tests.survey.build import qol, returns

NEW = "/figures/survey/returns/new/"
LOAD = "/figures/survey/returns/load/"


@pytest.fixture
def commissioner(client_for):
    return client_for(Role.COMMISSIONER)


@pytest.fixture
def marches(region):
    return region["areas"]["marches"]


def test_a_sace_return_is_typed_in_anonymously(commissioner, marches):
    response = commissioner.post(NEW + "?survey=sace", {
        "survey": "sace", "area": marches.pk, "year": "2023-24", "reference": "SACE-0042",
        "occupation": "1", "control": "2", "self_care": "3", "safety": "1", "social": "2", "encouragement": "3",
        "satisfaction": "8",
    })

    assert response.status_code == 302, Page(response).error_summary
    made = SurveyReturn.objects.get()
    assert (made.area, made.survey, made.year, made.reference) == (marches, "sace", 2023, "SACE-0042")
    assert made.answers == {"occupation": "1", "control": "2", "self_care": "3", "safety": "1", "social": "2",
                            "encouragement": "3", "satisfaction": "8"}
    assert not any(f.name in ("person", "carer") for f in SurveyReturn._meta.fields)
    assert "Return saved" in Page(commissioner.get(response.url)).text


def test_a_reference_already_recorded_and_bad_answers_are_field_errors(commissioner, marches):
    returns(marches, [{"occupation": "1"}])  # reference R1
    page = Page(commissioner.post(NEW + "?survey=sace", {"survey": "sace", "area": marches.pk, "year": "2023",
                                                         "reference": "R1", "occupation": "2"}))
    assert page.error_for("reference") == "A return with this reference is already recorded for Test Marches, 2023-24"

    page = Page(commissioner.post(NEW + "?survey=sace", {"survey": "sace", "area": "", "year": "23",
                                                         "occupation": "7"}))
    assert page.error_for("area") == "Choose the area of the return"
    assert page.error_for("year").startswith('"23" is not a survey year')
    assert page.error_for("occupation") == "Choose one of the answers"
    page = Page(commissioner.post(NEW + "?survey=wales", {"survey": "wales", "area": marches.pk, "year": "2024"}))
    assert page.error_for("w_supported") == "Answer at least one question: a return with no answers counts in no measure"
    assert SurveyReturn.objects.count() == 1


def test_the_welsh_form_asks_the_welsh_questions(commissioner, region):
    page = Page(commissioner.get(NEW + "?survey=wales"))
    assert "I feel supported to continue in my caring role" in page.text
    assert "Which of the following statements best describes how you spend your time?" not in page.text
    response = commissioner.post(NEW + "?survey=wales", {"survey": "wales", "area": region["areas"]["afon"].pk,
                                                         "year": "2024", "w_supported": "sometimes"})
    assert response.status_code == 302
    assert SurveyReturn.objects.get().answers == {"w_supported": "sometimes"}


def _file(*rows, headings="area_code,survey,year,reference,occupation,control,self_care,safety,social,encouragement,"
                          "satisfaction,w_supported"):
    return io.BytesIO(("\n".join([headings, *rows]) + "\n").encode())


def test_returns_load_from_csv_and_loading_again_records_each_once(commissioner, marches, region):
    rows = ["E06999801,sace,2023,A1,1,1,1,1,1,1,2,", "E06999801,sace,2023-24,A2,2,2,2,2,2,2,8,",
            "W06999801,wales,2024,B1,,,,,,,,yes"]
    response = commissioner.post(LOAD, {"file": _file(*rows)})
    assert response.status_code == 302
    assert "Returns loaded: 3 added, 0 changed, 0 already recorded" in Page(commissioner.get(response.url)).text

    changed = rows[:1] + ["E06999801,sace,2023,A2,2,2,2,2,2,2,7,"] + rows[2:]
    commissioner.post(LOAD, {"file": _file(*changed)})
    assert SurveyReturn.objects.count() == 3
    assert SurveyReturn.objects.get(reference="A2").answers["satisfaction"] == "7"


def test_every_bad_row_is_listed_and_nothing_is_loaded(commissioner, marches):
    rows = ["E06999801,sace,2023,A1,1,1,1,1,1,1,2,",
            "E09999999,sace,2023,A2,1,,,,,,,",
            "E06999801,england,2023,A3,1,,,,,,,",
            "E06999801,sace,last year,A4,1,,,,,,,",
            "E06999801,sace,2023,,4,,,,,,,",
            "E06999801,sace,2023,A6,,,,,,,,yes",
            "E06999801,sace,2023,A1,1,1,1,1,1,1,2,"]
    response = commissioner.post(LOAD, {"file": _file(*rows)})

    assert response.status_code == 200
    page = Page(response)
    items = [li.text() for ul in page.find_all("ul", "govuk-list--bullet") for li in ul.iter() if li.tag == "li"]
    assert items == [
        "Row 3: E09999999 is not an area of this region",
        'Row 4: "england" is not a survey: use "sace" or "wales"',
        'Row 5: "last year" is not a survey year: give the year it started, like 2023 or 2023-24',
        "Row 6: The questionnaire reference is missing",
        'Row 6: "4" is not an answer to "Which of the following statements best describes how you spend your '
        'time?": use 1, 2, 3, or leave it empty',
        'Row 7: "I feel supported to continue in my caring role" is not a question of this survey: leave it empty',
        "Row 8: the same return as row 2",
    ]
    assert page.error_for("file") == "The file has problems, so nothing was loaded: see the list below"
    assert SurveyReturn.objects.count() == 0
    assert "Columns not recognised: colour" in Page(commissioner.post(LOAD, {"file": _file(
        "E06999801,sace,2023,A1,x", headings="area_code,survey,year,reference,colour")})).text


def test_the_measures_page_shows_each_figure_with_its_returns_and_exclusions(commissioner, marches, region):
    afon = region["areas"]["afon"]
    returns(marches, [qol("1", "1", "1", "1", "1", "1") | {"satisfaction": "1"},
                      qol("1", "2", "3", "1", "2", "3") | {"satisfaction": "3"},
                      qol("2", "2", "2", "2", "2", "2") | {"satisfaction": "8"},
                      qol("3", "3", "3", "3", "3", "3") | {"satisfaction": "2"},
                      qol("1", "1", "1", "1", "1", "2") | {"satisfaction": "5"},
                      qol("1", "1", None, "1", "1", "1") | {"satisfaction": "1"}])
    returns(afon, [qol("1", "1", "1", "1", "1", "1")] * 3)

    response = commissioner.get("/figures/survey/", {"survey": "sace"})

    page = Page(response)
    rows = page.table_rows()
    # Quality of life: Marches (12 + 6 + 6 + 0 + 11) / 5 = 7.0, one return left out; Afon 3 returns: not shown.
    assert ["Test Afon, 2023-24", "not shown: fewer than 5 returns", "fewer than 5", "0", "0"] in rows
    assert ["Test Marches, 2023-24", "7.0", "5", "0", "fewer than 5"] in rows
    # All areas: (35 + 36) / 8 = 8.875 -> 8.9
    assert ["All areas, 2023-24", "8.9", "8", "0", "fewer than 5"] in rows
    # Satisfaction, Marches: 1, 3, 2, 5, 1 counted (5), 3 of them extremely or very satisfied; one had no support.
    assert ["Test Marches, 2023-24", "60.0%", "5", "fewer than 5", "0"] in rows
    assert len(page.find_all("svg", None)) >= 4

    csv_text = commissioner.get("/figures/survey/download.csv", {"survey": "sace"}).content.decode("utf-8-sig")
    assert '"Test Marches, 2023-24",7.0,5,0,fewer than 5' in csv_text
    book = load_workbook(io.BytesIO(commissioner.get("/figures/survey/download.xlsx", {"survey": "sace"}).content))
    assert len(book.worksheets) == 4


@pytest.mark.parametrize("role", [Role.PRACTITIONER, Role.FRONT_DOOR, Role.PARTNER_WORKER])
def test_only_commissioners_and_team_managers_reach_the_survey(client_for, role):
    client = client_for(role)
    for url in ("/figures/survey/", NEW, LOAD, "/figures/survey/download.csv"):
        assert client.get(url).status_code == 403


def test_commissioners_find_the_survey_from_the_home_page(commissioner):
    assert "/figures/survey/" in Page(commissioner.get("/")).links()
