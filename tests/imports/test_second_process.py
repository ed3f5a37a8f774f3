"""A large file's rows are checked in a second process: the same report, the same records, and a clean stop."""

import os

import pytest
from django.core.management import CommandError

from carershub.imports import checking
from carershub.imports.checks import RowChecker
from carershub.imports.models import SourceRecord
from carershub.people.models import Person
from tests.imports.test_people import ANN, BOB, HEADER, PEOPLE

pytestmark = pytest.mark.skipif(not checking.can_fork(), reason="a second process is forked only where fork is safe")

MAPPING = PEOPLE + 'communication_needs = "Needs"\n'


def rows():
    """Added, merged (by NHS number; by name, birth and postcode), rejected, an id twice, awkward text."""
    return [
        [*HEADER, "Needs"],
        [*ANN, ""],
        [*BOB, "Large print\n\"BSL\"\tplease \\ thanks"],
        ["A3", "Ann", "Jones", "17/05/1970", "9990000018", "AF1 2AB", "", "F", "", ""],
        ["A4", "Cai", "", "31/02/1980", "", "", "", "", "", ""],
        [*BOB, ""],
        ['A"5\\', "Dee", "Hughes", "01/01/2099", "", "", "", "", "", ""],
        ['A"6\\', "Eve", "Price", "05/06/1944", "", "AF1 2AB", "", "F", "", "\\N"],
        ["A7", "Bob", "Evans", "02/01/1955", "", "MR1 4XY", "", "M", "", ""],
    ]


@pytest.fixture
def in_second_process(monkeypatch):
    """Check every file in a second process, however small, and record that one was started."""
    started = []
    enter = checking.CheckedBatches.__enter__

    def spy(self):
        entered = enter(self)
        started.append(self.process is not None)
        return entered

    monkeypatch.setattr(checking, "SEPARATE_FROM_BYTES", 0)
    monkeypatch.setattr(checking.CheckedBatches, "__enter__", spy)
    return started


def test_a_file_checked_in_a_second_process_gives_what_one_process_gives(
    export, mapping_file, run_import, monkeypatch, in_second_process
):
    path, mapping = export(rows()), mapping_file(MAPPING)
    monkeypatch.setattr(checking, "SEPARATE_FROM_BYTES", 1 << 40)
    alone = run_import(path, mapping, "--dry-run", "--batch-size", "2")
    monkeypatch.setattr(checking, "SEPARATE_FROM_BYTES", 0)

    apart = run_import(path, mapping, "--dry-run", "--batch-size", "2")

    assert in_second_process == [False, True]
    assert apart.report == alone.report
    assert apart.outcomes() == ["added", "added", "merged", "rejected", "rejected", "rejected", "added", "merged"]
    assert Person.objects.count() == 0  # a dry run, both times

    written = run_import(path, mapping, "--batch-size", "2")
    again = run_import(path, mapping, "--batch-size", "2")

    assert [row["outcome"] for row in written.report] == apart.outcomes()
    assert Person.objects.get(given_name="Bob").communication_needs == "Large print\n\"BSL\"\tplease \\ thanks"
    assert Person.objects.get(given_name="Eve").communication_needs == "\\N"
    # Source ids with quotes and backslashes are found again: the second run changes nothing.
    assert set(SourceRecord.objects.values_list("source_id", flat=True)) >= {'A"6\\'}
    assert again.outcomes() == ["unchanged", "unchanged", "unchanged", "rejected", "rejected", "rejected",
                                "unchanged", "unchanged"]


def test_a_row_the_file_format_breaks_stops_the_import_after_the_rows_before_it(
    export, mapping_file, run_import, in_second_process
):
    broken = [*rows()[:3], ["A9", "Fay", "x" * 200_000, "", "", "", "", "", "", ""], rows()[8]]

    with pytest.raises(CommandError) as stopped:
        run_import(export(broken), mapping_file(MAPPING), "--batch-size", "1")

    assert in_second_process == [True]
    assert str(stopped.value).startswith("The import stopped at the batch starting on row 4: Row 4 of the file cannot")
    assert sorted(Person.objects.values_list("given_name", flat=True)) == ["Ann", "Bob"]


def test_a_second_process_that_dies_stops_the_import_after_the_rows_before_it(
    export, mapping_file, run_import, monkeypatch, in_second_process
):
    check = RowChecker.check

    def dies_on_row_4(self, number, cells):
        if number == 4:
            os._exit(3)  # as if the process were killed: nothing is sent
        return check(self, number, cells)

    monkeypatch.setattr(RowChecker, "check", dies_on_row_4)

    with pytest.raises(CommandError) as stopped:
        run_import(export(rows()), mapping_file(MAPPING), "--batch-size", "1")

    assert in_second_process == [True]
    assert str(stopped.value).startswith(
        "The import stopped at the batch starting on row 4: the process checking the rows ended unexpectedly "
        "(exit code 3)"
    )
    assert sorted(Person.objects.values_list("given_name", flat=True)) == ["Ann", "Bob"]


def test_a_welsh_reader_is_told_in_welsh_that_the_checking_process_ended(
    export, mapping_file, run_import, monkeypatch, in_second_process
):
    monkeypatch.setattr(RowChecker, "check", lambda self, number, cells: os._exit(3))

    with pytest.raises(CommandError) as stopped:
        run_import(export(rows()), mapping_file(MAPPING), "--language", "cy")

    assert "daeth y broses a oedd yn gwirio'r rhesi i ben yn annisgwyl (cod ymadael 3)" in str(stopped.value)


def test_an_error_in_the_second_process_is_reported_with_its_traceback(
    export, mapping_file, run_import, monkeypatch, in_second_process
):
    def fails(self, number, cells):
        raise RuntimeError("a mistake in a check")

    monkeypatch.setattr(RowChecker, "check", fails)

    with pytest.raises(CommandError) as stopped:
        run_import(export(rows()), mapping_file(MAPPING))

    assert "the process checking the rows failed" in str(stopped.value)
    assert "RuntimeError: a mistake in a check" in str(stopped.value)
    assert not Person.objects.exists()


def test_small_files_are_checked_in_the_same_process(tmp_path):
    small, large = tmp_path / "small.csv", tmp_path / "large.csv"
    small.write_bytes(b"x" * (checking.SEPARATE_FROM_BYTES - 1))
    large.write_bytes(b"x" * checking.SEPARATE_FROM_BYTES)

    assert not checking.separate(small)
    assert checking.separate(large) == checking.can_fork()
    assert not checking.separate(tmp_path / "missing.csv")
