"""The pure rules: ODS code shapes, who counts as engaged, quarters and counts shown to commissioners."""

import datetime

import pytest

from carershub.identification import coverage, odscode


@pytest.mark.parametrize(
    ("raw", "kind", "expected"),
    [
        ("a81001", "gp_practice", "A81001"),
        (" W95 010 ", "gp_practice", "W95010"),
        ("fvr79", "pharmacy", "FVR79"),
        ("RJ1", "nhs_trust", "RJ1"),
        ("7a1", "nhs_trust", "7A1"),
        ("RJ122", "nhs_trust", "RJ122"),
        ("", "school", ""),
        ("", "gp_practice", ""),
    ],
)
def test_ods_codes_of_the_right_shape_are_kept_in_capitals(raw, kind, expected):
    assert odscode.normalise(raw, kind) == expected


@pytest.mark.parametrize(
    ("raw", "kind", "problem"),
    [
        ("A8100", "gp_practice", "gp_practice"),
        ("881001", "gp_practice", "gp_practice"),
        ("A810012", "gp_practice", "gp_practice"),
        ("A81001", "pharmacy", "pharmacy"),
        ("FVR7", "pharmacy", "pharmacy"),
        ("RJ12", "nhs_trust", "nhs_trust"),
        ("R-J1", "nhs_trust", "nhs_trust"),
        ("A81001", "school", "not_for_kind"),
        ("A81001", "employer", "not_for_kind"),
    ],
)
def test_ods_codes_of_the_wrong_shape_are_refused(raw, kind, problem):
    with pytest.raises(odscode.OdsCodeProblem) as refused:
        odscode.normalise(raw, kind)
    assert refused.value.code == problem


def test_engaged_means_on_a_day_from_a_year_ago_to_today():
    today = datetime.date(2026, 12, 2)
    assert coverage.engaged_since(today) == datetime.date(2025, 12, 2)
    assert coverage.is_engaged(datetime.date(2025, 12, 2), today)
    assert not coverage.is_engaged(datetime.date(2025, 12, 1), today)
    assert coverage.is_engaged(today, today)
    assert not coverage.is_engaged(None, today)
    assert coverage.engaged_since(datetime.date(2028, 2, 29)) == datetime.date(2027, 2, 28)


def test_a_commitment_counts_until_its_end_date():
    today = datetime.date(2026, 12, 2)
    assert coverage.is_committed(datetime.date(2026, 1, 1), None, today)
    assert coverage.is_committed(datetime.date(2026, 1, 1), today, today)
    assert not coverage.is_committed(datetime.date(2026, 1, 1), datetime.date(2026, 12, 1), today)
    assert not coverage.is_committed(None, None, today)


@pytest.mark.parametrize(("count", "shown"), [(0, 0), (1, "fewer than 5"), (4, "fewer than 5"), (5, 5), (60, 60)])
def test_commissioners_see_counts_from_1_to_4_as_fewer_than_5(count, shown):
    assert coverage.shown_count(count) == shown


def test_quarters_and_carers_identified_in_each():
    today = datetime.date(2026, 2, 10)
    quarters = coverage.last_quarters(today, 3)
    assert quarters == [datetime.date(2026, 1, 1), datetime.date(2025, 10, 1), datetime.date(2025, 7, 1)]
    rows = [
        (1, datetime.date(2026, 1, 5)), (1, datetime.date(2026, 2, 1)),  # the same carer twice: once
        (2, datetime.date(2026, 1, 9)), (None, datetime.date(2026, 1, 9)), (None, datetime.date(2026, 1, 10)),
        (1, datetime.date(2025, 12, 31)),  # counted again in its own quarter
        (3, datetime.date(2025, 3, 1)),  # before the quarters shown
    ]
    assert coverage.carers_identified(rows, quarters) == {
        datetime.date(2026, 1, 1): 4, datetime.date(2025, 10, 1): 1, datetime.date(2025, 7, 1): 0,
    }
