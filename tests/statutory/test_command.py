"""manage.py export_client_level_data."""

import csv
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from carershub.core.logformat import JsonFormatter
from carershub.reporting import measures
from carershub.reporting.statutory import cld
from tests.statutory.build import english_world


def test_writes_the_rows_and_the_problems(tmp_path, make_user, marches_carer, marches_council, region, caplog):
    made = english_world(make_user=make_user, marches_carer=marches_carer, marches_council=marches_council,
                         region=region)
    made["carer"].__class__.objects.filter(pk=made["carer"].pk).update(nhs_number=None)
    start, end = measures.financial_year_bounds(timezone.localdate())
    out = tmp_path / "cld.csv"
    call_command("export_client_level_data", "--from", start.isoformat(), "--to", end.isoformat(),
                 "--output", str(out), "--area", "E06999801")
    with open(out, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == list(cld.FIELDS)
    assert len(rows) == 1 + 5  # request, assessment, review, service (direct payment), service (break)
    with open(tmp_path / "cld-problems.csv", newline="", encoding="utf-8") as handle:
        problems = list(csv.reader(handle))
    assert problems[0] == list(cld.PROBLEM_HEADER)
    assert {row[2] for row in problems[1:]} == {"NHS_Number"}
    assert len(problems) == 1 + 5
    # The JSON log writes no extra fields, so the line's message itself says who exported what.
    line = json.loads(JsonFormatter().format(next(r for r in caplog.records if "client level data" in r.getMessage())))
    assert "area E06999801" in line["message"] and "5 rows, 5 problems" in line["message"]
    assert f"{start} to {end}" in line["message"]


@pytest.mark.parametrize("args, message", [
    (["--from", "2025-13-01", "--to", "2026-03-31"], "--from must be a date written YYYY-MM-DD"),
    (["--from", "2025-04-01", "--to", "31/03/2026"], "--to must be a date written YYYY-MM-DD"),
    (["--from", "2025-04-01", "--to", "2025-03-31"], "--to must be the same as or after --from"),
    (["--from", "2025-04-01", "--to", "2026-03-31", "--area", "X1"], "No area has the code"),
    (["--from", "2025-04-01", "--to", "2026-03-31", "--area", "W06999801"], "is not in England"),
])
def test_refuses_bad_input_with_a_clear_message(tmp_path, region, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("export_client_level_data", *args, "--output", str(tmp_path / "out.csv"))
    assert not (tmp_path / "out.csv").exists()


def test_refuses_a_folder_that_does_not_exist(tmp_path, region):
    with pytest.raises(CommandError, match="does not exist"):
        call_command("export_client_level_data", "--from", "2025-04-01", "--to", "2026-03-31",
                     "--output", str(tmp_path / "missing" / "out.csv"))
