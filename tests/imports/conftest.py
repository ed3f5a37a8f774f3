"""Helpers for the import tests: write an export and its mapping, run the command, read the report."""

import csv
import io
from dataclasses import dataclass

import pytest
from django.core.management import call_command


COLUMNS = ("row", "source id", "outcome", "our record id", "reason")


@dataclass
class Run:
    stdout: str
    report: list[dict]

    def outcomes(self) -> list[str]:
        return [row["outcome"] for row in self.report]

    def row(self, number: int) -> dict:
        return next(row for row in self.report if row["row"] == str(number))


@pytest.fixture
def export(tmp_path):
    """export(rows, name="people.csv", encoding="utf-8") -> path of a CSV whose first row is the header."""

    def _write(rows, name="people.csv", encoding="utf-8"):
        path = tmp_path / name
        buffer = io.StringIO()
        csv.writer(buffer).writerows(rows)
        path.write_bytes(buffer.getvalue().encode(encoding))
        return path

    return _write


@pytest.fixture
def mapping_file(tmp_path):
    def _write(text, name="mapping.toml"):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return _write


@pytest.fixture
def run_import(tmp_path, region):
    """run_import(file, mapping, *options, organisation="council") -> Run (stdout and the report's rows)."""

    def _run(file, mapping, *options, organisation="council"):
        report = tmp_path / "report.csv"
        out = io.StringIO()
        call_command(
            "import_people", str(file), "--mapping", str(mapping), "--organisation",
            region["orgs"][organisation].name, "--report", str(report), *options, stdout=out,
        )
        with open(report, newline="", encoding="utf-8") as handle:
            # The header is in the reader's language: the columns are read by position.
            rows = [dict(zip(COLUMNS, row)) for row in list(csv.reader(handle))[1:]]
        return Run(out.getvalue(), rows)

    return _run
