"""The Census table read row by row (coverage/census.py, pure): the ONS layout, the problems, the shares."""

import csv
import io
from decimal import Decimal

import pytest

from carershub.reporting.coverage import census
from tests.coverage.census_files import COVENTRY, HEADINGS, csv_text

KNOWN = ["E08000026", "W06999801"]


def _read(text, known=KNOWN):
    reader = csv.DictReader(io.StringIO(text))
    return census.read(reader.fieldnames, reader, known_areas=known)


def test_coventrys_published_carers_are_read_from_the_ons_layout():
    reading = _read(csv_text(("E08000026", "Coventry", COVENTRY)))

    assert reading.problems == [] and reading.rows == 7
    coventry = reading.areas["E08000026"]
    assert coventry.carers == 27_391  # Coventry's Carers Strategy, 1.9
    assert coventry.counts["50_or_more"] == 8_391
    assert census.percent(coventry.counts["50_or_more"], coventry.carers) == Decimal("30.6")  # as the strategy says
    # Usual residents aged 5 and over: no care and the five bands; "Does not apply" (under 5s) is not in it.
    assert coventry.population == 300_000 + 27_391


def test_headings_are_found_by_what_they_say_whatever_their_order_and_geography():
    headings = ("Observation", "Unpaid care (6 categories) Label", "Local authority districts Code",
                "Local authority districts Label")
    text = "\n".join([",".join(headings), "12,Provides no unpaid care,E08000026,Coventry"])
    columns = census.find_columns(headings)
    assert columns == {"count": "Observation", "care_label": "Unpaid care (6 categories) Label",
                       "area_code": "Local authority districts Code", "area_name": "Local authority districts Label"}
    assert _read(text).problems[0].code == "incomplete"


def test_codes_alone_are_read_and_a_nomis_total_is_kept_and_checked():
    headings = ("Lower tier local authorities Code", "Unpaid care (7 categories) Code", "Observation")
    body = [("1", 100), ("2", 10), ("3", 5), ("4", 4), ("5", 3), ("6", 2)]
    lines = [",".join(headings)] + [f"E08000026,{code},{count}" for code, count in body]
    reading = _read("\n".join(lines))
    assert reading.problems == []
    assert reading.areas["E08000026"].carers == 24 and reading.areas["E08000026"].population == 124

    labelled = ("Area code", "Provision of unpaid care", "Count")
    rows = [("Provision of unpaid care: Total: All usual residents aged 5 and over", 125),
            ("Provides no unpaid care", 100), ("Provides 19 hours or less unpaid care a week", 15),
            ("Provides 9 hours or less unpaid care a week", 10), ("Provides 10 to 19 hours unpaid care a week", 5),
            ("Provides 20 to 34 hours unpaid care a week", 4), ("Provides 35 to 49 hours unpaid care a week", 3),
            ("Provides 50 or more hours unpaid care a week", 2)]
    text = "\n".join([",".join(labelled)] + [f'E08000026,"{label}",{count}' for label, count in rows])
    reading = _read(text)
    # 100 + 24 is 124, not the 125 the file says: an edited file is refused, not guessed at.
    assert [p.code for p in reading.problems] == ["total_mismatch"] and reading.areas == {}
    assert _read(text.replace(",125", ",124")).areas["E08000026"].population == 124


@pytest.mark.parametrize(("change", "code", "row"), [
    (lambda r: r.__setitem__(0, ""), "area_missing", 3),
    (lambda r: r.__setitem__(0, "Coventry"), "area_format", 3),
    (lambda r: r.__setitem__(3, "Provides 12 hours"), "band_unknown", 3),
    (lambda r: r.__setitem__(4, "lots"), "count_not_number", 3),
    (lambda r: r.__setitem__(4, "-3"), "count_negative", 3),
    (lambda r: r.__setitem__(4, ""), "count_missing", 3),
    (lambda r: r.__setitem__(4, "1000000000"), "count_too_large", 3),
])
def test_each_bad_row_is_named_and_stops_its_area(change, code, row):
    table = [list(HEADINGS)] + [[c, n, k, label, str(v)] for c, n, k, label, v in _rows()]
    change(table[row - 1])
    out = io.StringIO()
    csv.writer(out).writerows(table)

    reading = _read(out.getvalue())

    assert reading.problems[0].code == code and reading.problems[0].params["row"] == row
    assert reading.blocked
    assert "E08000026" not in reading.areas


def _rows():
    from tests.coverage.census_files import rows

    return rows("E08000026", "Coventry", COVENTRY)


def test_areas_outside_the_region_are_skipped_not_blocking_and_duplicates_are_refused():
    text = csv_text(("E08000026", "Coventry", COVENTRY), ("E06000001", "Hartlepool", COVENTRY))
    reading = _read(text)
    assert {p.code for p in reading.problems} == {"area_unknown"} and not reading.blocked
    assert list(reading.areas) == ["E08000026"]
    assert reading.problems[0].english() == "Row 9: E06000001 is not an area of this region, so it was not imported"

    doubled = text + '"E08000026","Coventry","6","Provides 50 or more hours unpaid care a week","1"\r\n'
    reading = _read(doubled)
    assert [p.code for p in reading.problems if p.blocking] == ["duplicate"]
    assert reading.problems[-1].params == {"row": 16, "area": "Coventry", "first": 8}


def test_an_unreadable_layout_and_an_empty_file_are_problems():
    assert [p.code for p in _read("a,b,c\n1,2,3\n").problems] == ["columns"]
    assert [p.code for p in _read(",".join(HEADINGS) + "\n").problems] == ["no_rows"]


def test_a_carer_counts_in_the_highest_band_of_the_people_they_care_for():
    assert census.band_of_carer(["10_to_19", "50_or_more", None]) == "50_or_more"
    assert census.band_of_carer(["20_to_34", "9_or_less"]) == "20_to_34"
    assert census.band_of_carer([None, ""]) is None


def test_shares_round_half_up_to_one_place_and_need_something_to_divide_by():
    assert census.percent(1, 8) == Decimal("12.5")
    assert census.percent(1, 16) == Decimal("6.3")  # 6.25 rounds up
    assert census.percent(5, 0) is None and census.percent(None, 3) is None
