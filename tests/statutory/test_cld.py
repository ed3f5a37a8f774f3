"""The pure Client Level Data mapping (reporting/statutory/cld.py) with hand-built records."""

import datetime

import pytest

from carershub.reporting.statutory import cld

D = datetime.date
START, END = D(2025, 4, 1), D(2026, 3, 31)


def person(**fields):
    return {"id": 7, "nhs_number": "943 476 5919", "date_of_birth": D(1960, 5, 1), "sex": "female",
            "ethnic_group": "white_british", "postcode": "mr1 2ab", "date_of_death": None, **fields}


def record(source, **fields):
    base = {"source": source, "id": 1, "start": D(2025, 6, 1), "end": D(2025, 6, 1), "la_code": "E06999901",
            "la_name": "Marchester", "nation": "england", "person": person()}
    return {**base, **fields}


def one(rec):
    result = cld.build([rec], period_start=START, period_end=END)
    assert len(result.rows) == 1, result.problems
    return result.rows[0], result.problems


def test_request_from_a_contact():
    row, problems = one(record(cld.CONTACT, outcomes=["information_only"]))
    assert problems == []
    assert row["Client_Type"] == "Unpaid carer"
    assert row["Event_Type"] == "Request"
    assert row["Event_Outcome"] == "NFA: Information and advice or signposting"
    assert row["Event_Start_Date"] == row["Event_End_Date"] == "2025-06-01"
    assert row["NHS_Number"] == "9434765919" and row["Postcode"] == "MR1 2AB"
    assert row["Ethnicity"] == "White: English, Welsh, Scottish, Northern Irish or British"
    assert row["Gender"] == "Female" and row["LA_Code"] == "E06999901"
    assert row["Service_Type"] == row["Delivery_Mechanism"] == ""
    assert list(row) == list(cld.FIELDS)


def test_request_offering_an_assessment_progresses():
    row, _p = one(record(cld.CONTACT, outcomes=["assessment_offered", "information_only"]))
    assert row["Event_Outcome"] == "Progress to assessment, review or reassessment"


@pytest.mark.parametrize("eligible, outcome", [(True, cld.TO_PLANNING), (False, cld.NFA_INFORMATION)])
def test_assessment(eligible, outcome):
    row, problems = one(record(cld.ASSESSED, start=D(2025, 5, 20), end=D(2025, 6, 3), eligible=eligible))
    assert (row["Event_Type"], row["Event_Outcome"]) == ("Assessment", outcome)
    assert (row["Event_Start_Date"], row["Event_End_Date"]) == ("2025-05-20", "2025-06-03")
    assert problems == []


@pytest.mark.parametrize("outcome, expected", [
    ("no_change", cld.CONTINUATION), ("plan_changed", cld.TO_PLANNING), ("reassess", cld.TO_ASSESSMENT),
    ("closed", cld.NFA_ENDED_AS_PLANNED)])
def test_review(outcome, expected):
    row, _p = one(record(cld.REVIEWED, outcome=outcome))
    assert (row["Event_Type"], row["Event_Outcome"]) == ("Review", expected)


def test_direct_payment_still_running_is_an_open_service():
    row, _p = one(record(cld.DIRECT_PAYMENT_SOURCE, start=D(2025, 1, 1), end=None, ended_on=None,
                         planned_end=D(2027, 1, 1)))
    assert row["Event_Type"] == "Service"
    assert row["Service_Type"] == "Unpaid carer support: Direct to unpaid carer"
    assert row["Delivery_Mechanism"] == "Direct Payment"
    assert row["Event_End_Date"] == "" and row["Event_Outcome"] == cld.CONTINUATION


def test_direct_payment_ended_early_and_as_planned():
    early, _p = one(record(cld.DIRECT_PAYMENT_SOURCE, start=D(2025, 5, 1), end=D(2025, 7, 1),
                           ended_on=D(2025, 7, 1), planned_end=D(2025, 12, 31)))
    planned, _p = one(record(cld.DIRECT_PAYMENT_SOURCE, start=D(2025, 5, 1), end=D(2025, 12, 31),
                             ended_on=D(2025, 12, 31), planned_end=D(2025, 12, 31)))
    assert early["Event_Outcome"] == cld.NFA_ENDED_OTHER and early["Event_End_Date"] == "2025-07-01"
    assert planned["Event_Outcome"] == cld.NFA_ENDED_AS_PLANNED


def test_breaks_replacing_care_involve_the_cared_for_person():
    sitting, _p = one(record(cld.BREAK, break_kind="sitting", commissioned=True))
    own, _p = one(record(cld.BREAK, break_kind="one_off", commissioned=False))
    assert sitting["Service_Type"] == cld.INVOLVING_CARED_FOR and sitting["Delivery_Mechanism"] == cld.COMMISSIONED
    assert own["Service_Type"] == cld.DIRECT_TO_CARER and own["Delivery_Mechanism"] == ""


def test_period_holds_completed_events_and_active_services():
    records = [
        record(cld.ASSESSED, id=1, start=D(2025, 3, 1), end=D(2025, 3, 31), eligible=True),  # before
        record(cld.ASSESSED, id=2, start=D(2025, 3, 1), end=D(2025, 4, 1), eligible=True),  # completed in it
        record(cld.DIRECT_PAYMENT_SOURCE, id=3, start=D(2024, 1, 1), end=None, planned_end=D(2030, 1, 1)),
        record(cld.DIRECT_PAYMENT_SOURCE, id=4, start=D(2024, 1, 1), end=D(2025, 3, 31), ended_on=D(2025, 3, 31)),
    ]
    result = cld.build(records, period_start=START, period_end=END)
    assert [r["Event_Reference"] for r in result.rows] == ["assessment-2", "direct_payment-3"]
    assert result.outside_period == 2 and result.problems == []


def test_welsh_records_are_not_cld_and_not_problems():
    result = cld.build([record(cld.ASSESSED, eligible=True, nation="wales", la_code="W06999901")],
                       period_start=START, period_end=END)
    assert result.rows == [] and result.problems == [] and result.welsh == 1


@pytest.mark.parametrize("fields, field, code", [
    ({"start": None}, "Event_Start_Date", "no_start"),
    ({"start": D(2025, 6, 2), "end": D(2025, 6, 1)}, "Event_End_Date", "end_before_start"),
    ({"end": None}, "Event_End_Date", "not_completed"),
    ({"la_code": "", "nation": ""}, "LA_Code", "no_area"),
    ({"person": None}, "LA_Person_Unique_Identifier", "no_person"),
    ({"source": "grant"}, "Event_Type", "unknown_source"),
])
def test_records_left_out_are_reported(fields, field, code):
    result = cld.build([{**record(cld.ASSESSED, eligible=True), **fields}], period_start=START, period_end=END)
    assert result.rows == []
    assert [(p.field, p.code, p.left_out, p.record_id) for p in result.problems] == [(field, code, True, 1)]


@pytest.mark.parametrize("who, field, code", [
    ({"nhs_number": ""}, "NHS_Number", "nhs_missing"),
    ({"nhs_number": "9434765910"}, "NHS_Number", "nhs_invalid"),
    ({"date_of_birth": None}, "Date_of_Birth", "dob_missing"),
    ({"date_of_birth": D(2010, 1, 1)}, "Date_of_Birth", "young_carer"),
    ({"postcode": ""}, "Postcode", "postcode_missing"),
    ({"postcode": "NOT A CODE"}, "Postcode", "postcode_invalid"),
    ({"sex": ""}, "Gender", "gender_missing"),
    ({"ethnic_group": ""}, "Ethnicity", "ethnicity_missing"),
])
def test_incomplete_fields_are_reported_and_left_blank(who, field, code):
    row, problems = one(record(cld.ASSESSED, eligible=True, person=person(**who)))
    assert [(p.field, p.code, p.left_out) for p in problems] == [(field, code, False)]
    if code in ("nhs_missing", "nhs_invalid"):
        assert row["NHS_Number"] == ""
    if code == "ethnicity_missing":
        assert row["Ethnicity"] == "No data: Undeclared or not known"
    if code == "gender_missing":
        assert row["Gender"] == "Not known"


def test_missing_outcome_is_reported():
    row, problems = one(record(cld.ASSESSED, eligible=None))
    assert row["Event_Outcome"] == ""
    assert [(p.field, p.code) for p in problems] == [("Event_Outcome", "no_outcome")]


def test_every_outcome_and_ethnicity_is_a_release_2_value():
    assert set(cld.REVIEW_OUTCOMES.values()) <= set(cld.OUTCOMES)
    assert len(set(cld.ETHNICITY.values())) == len(cld.ETHNICITY)


def test_problem_rows_name_the_record_field_and_reason():
    result = cld.build([record(cld.CONTACT, id=12, outcomes=[], person=person(postcode=""))],
                       period_start=START, period_end=END)
    assert list(cld.problem_rows(result.problems)) == [
        ["contact-12", "Contact", "Event_Outcome", cld.REASONS["no_outcome"], "Field left blank"],
        ["contact-12", "Contact", "Postcode", cld.REASONS["postcode_missing"], "Field left blank"],
    ]


def test_a_welsh_record_is_never_a_problem_of_this_file():
    result = cld.build([record(cld.ASSESSED, start=None, eligible=None, nation="wales", la_code="W06999901")],
                       period_start=START, period_end=END)
    assert result.rows == [] and result.problems == [] and result.welsh == 1
