"""Importing people from another system's export: checked by the forms' rules, merged, reported, re-runnable."""

from datetime import date

import openpyxl
import pytest
from django.core.management import CommandError
from django.utils import timezone

from carershub.accounts.models import Role
from carershub.activity.models import Event, EventKind
from carershub.audit.models import AccessEvent
from carershub.imports.models import ImportRun, SourceRecord
from carershub.people.forms import PersonDetailsForm
from carershub.people.models import CarerProfile, Person
from tests.pages import Page

PEOPLE = """
kind = "people"
source = "CarerBase"
source_id = "Ref"

[fields]
given_name = "Forename"
family_name = "Surname"
date_of_birth = "DOB"
nhs_number = "NHS"
postcode = "Postcode"
phone = "Phone"
sex = { column = "Gender", values = { M = "male", F = "female" } }
identified_on = { column = "Registered", date_format = "%Y-%m-%d" }
"""
HEADER = ["Ref", "Forename", "Surname", "DOB", "NHS", "Postcode", "Phone", "Gender", "Registered"]
ANN = ["A1", "Ann", "Jones", "17/05/1970", "999 000 0018", "af1 2ab", "07700 900982", "F", "2021-03-04"]
BOB = ["A2", "Bob", "Evans", "02/01/1955", "", "MR1 4XY", "", "M", "2022-11-30"]


def form_error(**data) -> str:
    """The message the person form itself shows for these values."""
    form = PersonDetailsForm(data={"given_name": "Ann", "family_name": "Jones", "preferred_language": "en",
                                   "version": 1, **data})
    assert not form.is_valid()
    field, (message, *_rest) = next(iter(form.errors.items()))
    return message


@pytest.fixture
def mapping(mapping_file):
    return mapping_file(PEOPLE)


def test_rows_become_people_checked_and_normalised_with_the_report_and_summary(export, mapping, run_import, region):
    run = run_import(export([HEADER, ANN, BOB]), mapping)

    assert run.outcomes() == ["added", "added"]
    ann = Person.objects.get(family_name="Jones")
    assert (ann.nhs_number, ann.postcode, ann.phone, ann.sex) == ("9990000018", "AF1 2AB", "+447700900982", "female")
    assert ann.date_of_birth == date(1970, 5, 17)
    assert ann.family_key and ann.search_family == "jones"  # search keys, as save() would make them
    assert ann.carer.identified_on == date(2021, 3, 4)
    # No area in the file: the organisation's (the council's) area.
    assert ann.area == region["areas"]["afon"]
    assert run.row(2) == {"row": "2", "source id": "A1", "outcome": "added", "our record id": str(ann.pk), "reason": ""}
    assert "added: 2, updated: 0, unchanged: 0, merged: 0, rejected: 0" in run.stdout
    assert "rows a second" in run.stdout


def test_a_row_without_an_area_takes_its_postcode_districts_area(export, mapping, run_import, region):
    from carershub.partnership.models import PostcodeDistrict

    PostcodeDistrict.objects.create(prefix="MR", area=region["areas"]["marches"])
    run_import(export([HEADER, ANN, BOB]), mapping)

    # Bob's postcode is in a district of the Marches; Ann's district is in no table: the council's area.
    assert Person.objects.get(family_name="Evans").area == region["areas"]["marches"]
    assert Person.objects.get(family_name="Jones").area == region["areas"]["afon"]


def test_imported_history_is_on_the_timeline_with_the_sources_own_date(export, mapping, run_import, client_for):
    run_import(export([HEADER, ANN]), mapping)
    ann = Person.objects.get(family_name="Jones")
    worker = client_for(Role.PRACTITIONER)  # the council's, whose area Ann lives in

    page = Page(worker.get(f"/people/{ann.pk}/timeline/"))

    assert "Imported from" in page.text and "the person's record" in page.text
    assert "recorded there on 4 March 2021" in page.text


def test_an_excel_workbook_is_read_like_a_csv_file(tmp_path, mapping, run_import):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    # Spreadsheets hold dates as dates and long numbers as numbers.
    sheet.append(["A1", "Ann", "Jones", date(1970, 5, 17), 9990000018, "AF1 2AB", "", "F", date(2021, 3, 4)])
    sheet.append(["A2", "Bob", "Evans", "31/02/1955", "", "MR1 4XY", "", "M", ""])
    path = tmp_path / "people.xlsx"
    workbook.save(path)

    run = run_import(path, mapping)

    assert run.outcomes() == ["added", "rejected"]
    ann = Person.objects.get()
    assert (ann.date_of_birth, ann.nhs_number, ann.carer.identified_on) == (
        date(1970, 5, 17), "9990000018", date(2021, 3, 4)
    )
    assert run.row(3)["reason"] == "DOB: Date of birth must be a real date"


@pytest.mark.parametrize(
    ("column", "value", "form_data"),
    [
        pytest.param("NHS", "999 000 0019", {"nhs_number": "999 000 0019"}, id="NHS number check digit"),
        pytest.param("NHS", "99900000", {"nhs_number": "99900000"}, id="NHS number length"),
        pytest.param("Postcode", "AF1", {"postcode": "AF1"}, id="postcode"),
        pytest.param("Phone", "12345", {"phone": "12345"}, id="phone"),
        pytest.param("Surname", "", {"family_name": ""}, id="missing last name"),
    ],
)
def test_a_bad_value_is_rejected_with_the_forms_own_message(export, mapping, run_import, column, value, form_data):
    row = list(ANN)
    row[HEADER.index(column)] = value
    run = run_import(export([HEADER, row, BOB]), mapping)

    assert run.outcomes() == ["rejected", "added"]  # one bad row never stops the rest
    assert run.row(2)["reason"] == f"{column}: {form_error(**form_data)}"
    assert not Person.objects.filter(given_name="Ann").exists()


def test_impossible_dates_and_unknown_choices_are_rejected_as_the_form_would(export, mapping, run_import):
    rows = [HEADER, [*ANN[:3], "31/02/1970", *ANN[4:]], [*BOB[:7], "X", BOB[8]], [*BOB[:3], "17/05/70", *BOB[4:]]]
    rows[3][0] = "A3"
    run = run_import(export(rows), mapping)

    def date_error(day, month, year):
        return form_error(date_of_birth_day=str(day), date_of_birth_month=str(month), date_of_birth_year=str(year))

    assert run.outcomes() == ["rejected", "rejected", "rejected"]
    assert run.row(2)["reason"] == f"DOB: {date_error('31', '02', '1970')}" == "DOB: Date of birth must be a real date"
    assert run.row(3)["reason"] == "Gender: Select a valid choice. X is not one of the available choices."
    assert run.row(4)["reason"] == f"DOB: {date_error('17', '05', '70')}" == "DOB: Year must include 4 numbers"
    future = timezone.localdate().replace(year=timezone.localdate().year + 1)
    run = run_import(export([HEADER, [*ANN[:3], future.strftime("%d/%m/%Y"), *ANN[4:]]]), mapping)
    assert run.row(2)["reason"] == f"DOB: {date_error(future.day, future.month, future.year)}"
    assert "today or in the past" in run.row(2)["reason"]


def test_several_problems_in_a_row_are_all_reported(export, mapping, run_import):
    run = run_import(export([HEADER, ["A1", "Ann", "", "xx", "1234567890", "ZZ", "", "F", ""]]), mapping)

    reason = run.row(2)["reason"]
    assert "Surname: Enter their last name" in reason
    assert "DOB: Date of birth must be a real date" in reason
    assert "NHS: Enter a valid NHS number" in reason
    assert "Postcode: Enter a full UK postcode" in reason


def test_a_dry_run_writes_nothing_and_reports_what_a_real_run_does(export, mapping, run_import, make_carer):
    make_carer(given="Bob", family="Evans", dob=date(1955, 1, 2), postcode="MR1 4XY", nhs_number=None)
    rows = [HEADER, ANN, BOB, ["A3", "Ann", "Jones", "17/05/1970", "", "AF1 2AB", "", "F", ""], ["A4", "Cai", "", "", "",
                                                                                                 "", "", "", ""]]
    path = export(rows)
    tables = (Person, CarerProfile, SourceRecord, ImportRun, Event)
    before = [model.objects.count() for model in tables]

    dry = run_import(path, mapping, "--dry-run")

    assert [model.objects.count() for model in tables] == before
    assert "Dry run: nothing has been written" in dry.stdout
    real = run_import(path, mapping)
    assert [(r["outcome"], r["reason"]) for r in dry.report] == [(r["outcome"], r["reason"]) for r in real.report]
    assert dry.outcomes() == ["added", "merged", "merged", "rejected"]
    # A dry run's new records were never kept: it gives no ids for them.
    assert dry.row(2)["our record id"] == "" and real.row(2)["our record id"] != ""


def test_running_the_same_file_again_changes_nothing(export, mapping, run_import):
    path = export([HEADER, ANN, BOB])
    run_import(path, mapping)
    events = Event.objects.count()
    people = list(Person.objects.values())

    again = run_import(path, mapping)

    assert again.outcomes() == ["unchanged", "unchanged"]
    assert Event.objects.count() == events
    assert list(Person.objects.values()) == people
    assert "unchanged: 2" in again.stdout


def test_a_changed_row_updates_what_changed_and_keeps_what_we_changed_since(export, mapping, run_import):
    run_import(export([HEADER, ANN]), mapping)
    ann = Person.objects.get()
    ann.phone = "+447700900123"  # a worker corrected the phone number here
    ann.save()
    changed = ["A1", "Ann", "Jones", "17/05/1970", "999 000 0018", "MR5 7HT", "07700 900555", "F", "2021-03-04"]

    run = run_import(export([HEADER, changed]), mapping)

    assert run.outcomes() == ["updated"]
    ann.refresh_from_db()
    assert ann.postcode == "MR5 7HT"  # changed in their system, not here
    assert ann.phone == "+447700900123"  # changed here since: ours is kept
    assert ann.version == 2
    assert "Changed: postcode" in run.row(2)["reason"]
    assert "Kept ours, changed here since the last import: phone" in run.row(2)["reason"]
    event = Event.objects.filter(kind=EventKind.IMPORTED, person=ann).latest("pk")
    assert (event.data["outcome"], event.data["fields"]) == ("updated", ["postcode"])


def test_a_person_we_already_have_is_merged_by_nhs_number_filling_only_our_blanks(export, mapping, run_import,
                                                                                 make_carer):
    ours = make_carer(given="Anne", family="Jones-Smith", dob=None, postcode="AF9 9ZZ", nhs_number="9990000018")

    run = run_import(export([HEADER, ANN]), mapping)

    assert run.outcomes() == ["merged"]
    assert run.row(2)["our record id"] == str(ours.pk)
    assert run.row(2)["reason"].startswith(f"Merged with record {ours.pk} (same NHS number")
    assert "Filled in: date_of_birth, phone, sex" in run.row(2)["reason"]
    ours.refresh_from_db()
    assert (ours.given_name, ours.family_name, ours.postcode) == ("Anne", "Jones-Smith", "AF9 9ZZ")  # ours kept
    assert (ours.date_of_birth, ours.phone, ours.sex) == (date(1970, 5, 17), "+447700900982", "female")  # blanks
    assert Person.objects.count() == 1
    assert SourceRecord.objects.get().object_id == ours.pk


def test_a_similar_name_with_the_same_date_of_birth_and_postcode_is_merged_a_weaker_match_only_noted(
    export, mapping, run_import, make_carer
):
    likely = make_carer(given="Bob", family="Evans", dob=date(1955, 1, 2), postcode="MR1 4XY")
    possible = make_carer(given="Cerys", family="Price", dob=date(1980, 6, 1), postcode="AF4 4DD")
    namesake = make_carer(given="Dai", family="Jones", dob=date(1948, 3, 3), postcode="AF6 6FF")
    rows = [
        HEADER,
        BOB,
        ["A5", "Carys", "Pryce", "01/06/1980", "", "AF5 5EE", "", "F", ""],
        # Same name and date of birth, another postcode: perhaps a stranger; never merged on that alone.
        ["A6", "Dai", "Jones", "03/03/1948", "", "MR2 2BB", "", "M", ""],
    ]

    run = run_import(export(rows), mapping)

    assert run.outcomes() == ["merged", "added", "added"]
    assert run.row(2)["reason"].startswith(f"Merged with record {likely.pk} (similar name, same date of birth")
    assert run.row(3)["reason"] == (
        f"It may be the same person as record {possible.pk} (similar last name, same date of birth): check"
    )
    assert run.row(4)["reason"].startswith(f"It may be the same person as record {namesake.pk} (")
    assert Person.objects.filter(given_name="Dai", family_name="Jones").count() == 2


def test_the_same_person_twice_in_one_file_is_merged_with_the_first_even_across_batches(export, mapping, run_import):
    twice = ["A9", "Ann", "Jones", "17/05/1970", "9990000018", "", "", "F", ""]
    rows = [HEADER, ANN, BOB, twice]

    for size in ("1", "2", "2000"):  # 2: the second batch is read before the first is written
        Person.objects.all().delete()
        SourceRecord.objects.all().delete()
        run = run_import(export(rows), mapping, "--batch-size", size)
        assert run.outcomes() == ["added", "added", "merged"], size
        assert run.row(4)["reason"].startswith("Merged with the person on row 2 of this file (same NHS number")
        assert Person.objects.count() == 2


def test_a_source_id_twice_in_one_file_is_a_mistake_in_the_file(export, mapping, run_import):
    for size in ("1", "2", "3"):
        SourceRecord.objects.all().delete()
        Person.objects.all().delete()
        run = run_import(export([HEADER, ANN, BOB, ["A1", "Cai", "Hughes", "", "", "", "", "", ""]]), mapping,
                         "--batch-size", size)
        assert run.outcomes() == ["added", "added", "rejected"]
        assert run.row(4)["reason"] == "The same source id is on row 2 of this file"


def test_every_imported_row_is_one_imported_event_and_no_new_work_event(export, mapping, run_import, region):
    from carershub.reporting.figures import Period, team_figures

    today = timezone.localdate()
    run_import(export([HEADER, ANN, BOB]), mapping)
    ann = Person.objects.get(given_name="Ann")
    # Two carers imported today, none identified today: the figures count new work only.
    assert team_figures(Period(today, today)).carers_identified == 0

    events = Event.objects.all()
    assert {event.kind for event in events} == {EventKind.IMPORTED}
    event = events.get(person=ann)
    assert event.data == {
        "source": "CarerBase", "kind": "people", "source_id": "A1", "outcome": "added",
        "run": ImportRun.objects.get().pk, "row": 2, "original_date": "2021-03-04",
    }
    assert (event.organisation, event.area, event.object_id) == (region["orgs"]["council"], ann.area, ann.pk)


def test_a_council_practitioner_opens_and_finds_an_imported_carer_and_the_import_logs_no_access(
    export, mapping, run_import, client_for
):
    run_import(export([HEADER, ANN]), mapping)
    assert not AccessEvent.objects.exists()
    ann = Person.objects.get()
    practitioner = client_for(Role.PRACTITIONER)  # the council's, whose area the carer now lives in

    assert Person.objects.related_to(practitioner.user).filter(pk=ann.pk).exists()
    assert practitioner.get(f"/people/{ann.pk}/").status_code == 200
    found = practitioner.get("/people/", {"q": "Jones"})
    assert "Ann Jones" in found.content.decode()


def test_an_unknown_organisation_or_user_stops_the_command(export, mapping, run_import, tmp_path, region):
    from django.core.management import call_command

    with pytest.raises(CommandError, match="No organisation has the ODS code, name or id “Nowhere”"):
        call_command("import_people", str(export([HEADER, ANN])), "--mapping", str(mapping),
                     "--organisation", "Nowhere", "--report", str(tmp_path / "r.csv"))
    with pytest.raises(CommandError, match="No active member of staff has the username “nobody”"):
        call_command("import_people", str(export([HEADER, ANN])), "--mapping", str(mapping),
                     "--organisation", "Test Council", "--user", "nobody", "--report", str(tmp_path / "r.csv"))
    assert not Person.objects.exists()


def test_the_report_and_summary_are_in_welsh_for_a_welsh_reader(export, mapping, run_import):
    from tests.welsh import compile_welsh_catalogue, cy

    compile_welsh_catalogue()
    run = run_import(export([HEADER, [*ANN[:5], "AF1", *ANN[6:]], BOB]), mapping, "--language", "cy")

    assert run.outcomes() == [cy("rejected"), cy("added")]
    assert run.row(2)["reason"] == f"Postcode: {cy('Enter a full UK postcode')}"
    assert cy("Import finished.") in run.stdout


def test_tabs_newlines_backslashes_and_quotes_arrive_as_they_were(export, mapping_file, run_import):
    mapping = mapping_file(PEOPLE + 'communication_needs = "Needs"\n')
    needs = 'Large print\n"BSL" interpreter\tplease \\ thanks'

    run = run_import(export([[*HEADER, "Needs"], [*ANN, needs]]), mapping)

    assert run.outcomes() == ["added"]
    assert Person.objects.get().communication_needs == needs
    assert SourceRecord.objects.get().field_hashes["communication_needs"]
