"""A mapping or a file the import cannot use stops it before any row, saying why."""

import datetime
from pathlib import Path

import pytest
from django.core.management import CommandError

from carershub.imports import mapping as m
from carershub.imports.models import ImportRun
from carershub.people.models import Person
from tests.conftest import imported_packages

DOCS = Path(__file__).resolve().parents[2] / "docs" / "import-mappings"
GOOD = """
kind = "people"
source = "CarerBase"
source_id = "Ref"

[fields]
given_name = "Forename"
family_name = "Surname"
"""
HEADER = ["Ref", "Forename", "Surname"]


def test_a_mapping_naming_a_column_the_file_lacks_stops_before_any_row(export, mapping_file, run_import):
    mapping = mapping_file(GOOD + 'postcode = "Post Code"\n')

    with pytest.raises(CommandError) as stopped:
        run_import(export([HEADER, ["A1", "Ann", "Jones"]]), mapping)

    assert str(stopped.value) == (
        "The mapping names a column the file does not have: Post Code. The file's columns are: Ref, Forename, Surname"
    )
    assert not Person.objects.exists() and not ImportRun.objects.exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(GOOD.replace('kind = "people"', 'kind = "carers"'),
                     "kind must be one of: people, caring, contacts, consents (the mapping file says carers)", id="kind"),
        pytest.param(GOOD + 'shoe_size = "Shoes"\n', "shoe_size is not one of our fields for people", id="field"),
        pytest.param(GOOD.replace('family_name = "Surname"\n', ""),
                     "The mapping must say where family_name comes from", id="required field"),
        pytest.param(GOOD.replace('source_id = "Ref"\n', ""), "The mapping file must say source_id", id="source id"),
        pytest.param(GOOD + "sex = { column = 'Gender', value = 'female' }\n",
                     "sex has both a column and a value: give one", id="column and value"),
        pytest.param(GOOD + "date_of_birth = { column = 'DOB', date_format = '%d/%m' }\n",
                     "date_of_birth: the format %d/%m must use", id="date format"),
        pytest.param(GOOD + "sex = { column = 'Gender', colour = 'red' }\n",
                     "sex has a key this import does not know: colour", id="field key"),
        pytest.param(GOOD + "postcode = 'Ref'\n", "postcode cannot come from the source id column Ref", id="source id"),
        pytest.param("kind = people", "The mapping file is not valid TOML", id="not toml"),
    ],
)
def test_a_mistake_in_the_mapping_is_named(export, mapping_file, run_import, text, message):
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(")", r"\)")):
        run_import(export([HEADER, ["A1", "Ann", "Jones"]]), mapping_file(text))
    assert not ImportRun.objects.exists()


def test_a_file_that_is_not_utf8_is_explained_and_nothing_imported(export, mapping_file, run_import):
    rows = [HEADER, ["A1", "Ann", "Jones"], ["A2", "Siân", "Prosser"]]  # â in Windows-1252 is one byte, not UTF-8

    with pytest.raises(CommandError) as stopped:
        run_import(export(rows, encoding="cp1252"), mapping_file(GOOD))

    assert str(stopped.value).startswith("The file is not UTF-8 text: line 3 has a character that is not")
    assert 'save it as "CSV UTF-8"' in str(stopped.value)
    assert not Person.objects.exists()


def test_utf8_with_or_without_a_byte_order_mark_is_read(export, mapping_file, run_import):
    rows = [HEADER, ["A1", "Siân", "Prosser"]]
    assert run_import(export(rows, encoding="utf-8-sig"), mapping_file(GOOD)).outcomes() == ["added"]
    assert run_import(export([HEADER, ["A2", "Ffion", "Ellis"]], name="b.csv"), mapping_file(GOOD)).outcomes() == [
        "added"
    ]
    assert set(Person.objects.values_list("given_name", flat=True)) == {"Siân", "Ffion"}


def test_other_files_are_refused(tmp_path, mapping_file, run_import):
    (tmp_path / "people.txt").write_text("Ref,Forename,Surname\n")
    with pytest.raises(CommandError, match="The file must be a .csv or an .xlsx file, not .txt"):
        run_import(tmp_path / "people.txt", mapping_file(GOOD))
    (tmp_path / "people.xlsx").write_bytes(b"not a workbook")
    with pytest.raises(CommandError, match=r"The file is not an Excel workbook \(.xlsx\) that can be read"):
        run_import(tmp_path / "people.xlsx", mapping_file(GOOD))


def test_blank_rows_are_skipped_and_rows_numbered_as_a_spreadsheet_shows_them(export, mapping_file, run_import):
    run = run_import(export([HEADER, ["A1", "Ann", "Jones"], ["", "", ""], ["A2", "Bob", ""]]), mapping_file(GOOD))

    assert [row["row"] for row in run.report] == ["2", "4"]
    assert run.row(4)["reason"] == "Surname: Enter their last name"


@pytest.mark.parametrize("name", ["people", "caring", "contacts", "consents"])
def test_the_example_mappings_are_valid_and_every_key_is_documented(name):
    mapping = m.load_mapping(DOCS / f"{name}.toml")
    assert mapping.kind == name
    documented = (DOCS / "README.md").read_text()
    for key in (*m.TOP_KEYS, *m.FIELD_KEYS, *m.FIELDS[name]):
        assert f"`{key}`" in documented or f"`[{key}]`" in documented, key


@pytest.mark.parametrize(
    ("text", "fmt", "expected"),
    [
        ("27/03/1961", "%d/%m/%Y", m.DateParts("27", "03", "1961")),
        ("1961-03-27T00:00:00", "%Y-%m-%d", m.DateParts("27", "03", "1961")),
        ("27 Mar 1961", "%d %b %Y", m.DateParts("27", "3", "1961")),
        ("27 march 1961", "%d %B %Y", m.DateParts("27", "3", "1961")),
        ("27/03/61", "%d/%m/%Y", m.DateParts("27", "03", "61")),  # the form asks for four digits
        ("1961-03-27", "%d/%m/%Y", m.NOT_A_DATE),
        ("27 Marchy 1961", "%d %B %Y", m.NOT_A_DATE),
    ],
)
def test_dates_are_read_as_the_mapping_says_they_are_written(text, fmt, expected):
    assert m.date_parts(text, fmt) == expected


def test_cells_become_the_values_the_forms_check():
    sex = m.FieldSpec("sex", m.CHOICE, column="G", values={"M": "male", "U": ""})
    assert (m.convert(sex, " M "), m.convert(sex, "U"), m.convert(sex, "female")) == ("male", "", "female")
    carer = m.FieldSpec("is_carer", m.YES_NO, column="C", values={"CARER": "yes"})
    assert (m.convert(carer, "CARER"), m.convert(carer, "n"), m.convert(carer, "")) == (True, False, False)
    with pytest.raises(m.NotYesOrNo):
        m.convert(carer, "maybe")
    outcomes = m.FieldSpec("outcomes", m.CHOICES, column="O", values={"INFO": "information_only"}, default="INFO")
    assert (m.convert(outcomes, "INFO; referral"), m.convert(outcomes, "")) == (
        ["information_only", "referral"], ["information_only"]
    )
    born = m.FieldSpec("date_of_birth", m.DATE, column="D", date_format="%d/%m/%Y")
    assert m.convert(born, datetime.datetime(1961, 3, 27)) == datetime.date(1961, 3, 27)
    assert m.cell_text(9434765919.0) == "9434765919"


def test_the_mapping_and_file_rules_do_not_import_django():
    from carershub.imports import sources

    assert "django" not in imported_packages(m) | imported_packages(sources)


def test_a_row_the_file_format_breaks_stops_the_import_after_the_rows_before_it(export, mapping_file, run_import):
    rows = [HEADER, ["A1", "Ann", "Jones"], ["A2", "Bob", "x" * 200_000], ["A3", "Cai", "Evans"]]

    with pytest.raises(CommandError) as stopped:
        run_import(export(rows), mapping_file(GOOD), "--batch-size", "1")

    assert str(stopped.value).startswith("The import stopped at the batch starting on row 3: Row 3 of the file cannot")
    assert list(Person.objects.values_list("given_name", flat=True)) == ["Ann"]


def test_a_nul_character_in_a_source_id_is_refused_as_the_forms_refuse_one(export, mapping_file, run_import):
    run = run_import(export([HEADER, ["A\x001", "Ann", "Jones"], ["A2", "Bob", "Evans"]]), mapping_file(GOOD))

    assert run.outcomes() == ["rejected", "added"]
    assert run.row(2)["reason"] == "Ref: Null characters are not allowed."
