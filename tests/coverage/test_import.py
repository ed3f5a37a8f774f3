"""Importing the Census table: from the upload page and from manage.py, row-by-row problems, never a 500,
and importing again replaces an area's figures."""

import io

import pytest
from django.core.management import CommandError, call_command

from carershub.accounts.models import Role
from carershub.partnership.models import Area, Nation
from carershub.reporting.coverage import services
from carershub.reporting.coverage.models import CensusUnpaidCare
from tests.coverage.census_files import COVENTRY, afon_counts, csv_text
from tests.pages import Page

URL = "/figures/coverage/import/"


@pytest.fixture
def coventry(db):
    return Area.objects.create(name="Coventry", code="E08000026", nation=Nation.ENGLAND)


@pytest.fixture
def manager(client_for):
    return client_for(Role.TEAM_MANAGER)


def _upload(client, text, name="TS039.csv"):
    upload = io.BytesIO(text.encode("utf-8-sig"))
    upload.name = name
    return client.post(URL, {"file": upload})


def test_a_manager_imports_the_table_and_importing_again_replaces_it(manager, coventry, region):
    text = csv_text(("E08000026", "Coventry", COVENTRY), ("W06999801", "Test Afon", afon_counts()))

    response = _upload(manager, text)

    assert response.status_code == 302, Page(response).text
    figures = CensusUnpaidCare.objects.get(area=coventry)
    assert (figures.carers, figures.band_50_or_more, figures.population) == (27_391, 8_391, 327_391)
    assert figures.imported_by == manager.user and figures.source == "TS039.csv" and not figures.synthetic
    assert services.census_carers(region["areas"]["afon"]) == 1_000

    _upload(manager, csv_text(("E08000026", "Coventry", {**COVENTRY, "50_or_more": 8_000})))
    assert CensusUnpaidCare.objects.count() == 2
    assert CensusUnpaidCare.objects.get(area=coventry).band_50_or_more == 8_000
    assert services.census_carers(region["areas"]["afon"]) == 1_000  # not in the second file: kept


def test_a_file_with_problems_imports_nothing_and_lists_each(manager, coventry, region):
    text = csv_text(("E08000026", "Coventry", {**COVENTRY, "10_to_19": "about 3,800"}),
                    ("W06999801", "Test Afon", afon_counts(**{"50_or_more": -1})))
    text = text.replace("Provides 35 to 49 hours unpaid care a week", "Provides 35 to 48 hours", 1)

    response = _upload(manager, text)

    assert response.status_code == 200
    page = Page(response)
    assert page.error_for("file") == "The file has problems, so nothing was imported: see the list below"
    assert 'Row 5: the count "about 3,800" is not a whole number' in page.text
    assert 'Row 7: "Provides 35 to 48 hours" is not a category of the Census unpaid care table' in page.text
    assert "Row 15: the count cannot be negative" in page.text
    assert CensusUnpaidCare.objects.count() == 0


def test_rows_of_other_areas_are_skipped_and_shown(manager, coventry):
    text = csv_text(("E08000026", "Coventry", COVENTRY), ("E06000001", "Hartlepool", COVENTRY))
    response = _upload(manager, text)
    assert response.status_code == 200
    page = Page(response)
    assert "Census figures imported for Coventry" in page.text
    assert "Rows skipped: 7" in page.text and "Row 9: E06000001 is not an area of this region" in page.text
    assert _upload(manager, csv_text(("E06000001", "Hartlepool", COVENTRY))).status_code == 200
    assert "The file has no rows for the areas of this region" in Page(
        _upload(manager, csv_text(("E06000001", "Hartlepool", COVENTRY)))).text


@pytest.mark.parametrize(("content", "message"), [
    (b"", "The file is empty"),
    (b"\x81\x8d\x8f\x90\x9d\xff\xfe", "The file must be a CSV file saved as UTF-8"),
    (b"name,colour\nA,blue\n", "The file's columns were not recognised"),
])
def test_files_that_cannot_be_read_are_field_errors(manager, content, message):
    upload = io.BytesIO(content)
    upload.name = "x.csv"
    response = manager.post(URL, {"file": upload})
    assert response.status_code == 200
    assert message in Page(response).text


def test_the_command_imports_the_same_way_and_refuses_a_bad_file(coventry, tmp_path):
    good = tmp_path / "ts039.csv"
    good.write_text(csv_text(("E08000026", "Coventry", COVENTRY)), encoding="utf-8")
    out = io.StringIO()
    call_command("import_census_unpaid_care", str(good), stdout=out)
    call_command("import_census_unpaid_care", str(good), stdout=out)
    assert "7 rows read; imported: Coventry" in out.getvalue()
    assert CensusUnpaidCare.objects.get().carers == 27_391

    bad = tmp_path / "bad.csv"
    bad.write_text(csv_text(("E08000026", "Coventry", {**COVENTRY, "9_or_less": "x"})), encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 problem"):
        call_command("import_census_unpaid_care", str(bad), stdout=io.StringIO(), stderr=err)
    assert 'Row 4: the count "x" is not a whole number' in err.getvalue()
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_census_unpaid_care", str(tmp_path / "missing.csv"))
