"""Adult Social Care Client Level Data (CLD) rows for unpaid carers, from plain records. No Django.

CLD is the quarterly person-level return that councils in England with adult social services
responsibilities make to NHS England (through NHS Arden & GEM), mandatory since April 2023 under the
Collection of Client Level Adult Social Care Data (No. 3) Directions 2023; it replaced SALT from
2024-25. One row is one event of one person: a Request, an Assessment, a Service or a Review.
This module maps the service's records of carers to those rows in the Release 2 values, and says,
record by record and field by field, what it could not map and why (``Problem``): nothing is
dropped without a problem saying so.

What we read, and where (stored copies, not the live specification):

- NHS England, "Reproducing SALT metrics from CLD: LTS003" and the SQL in the GitHub repository
  NHSDigital/ASC-Client-Level-Data-SALT-ASCOF-transformations (LTS003, ASCOF 3D): the field names
  LA_Code, Client_Type, Event_Type, Event_Start_Date, Event_End_Date, Event_Outcome, Service_Type,
  Service_Component, Delivery_Mechanism, Date_of_Death, Ethnicity and the person identifiers (the NHS
  number, else the council's person identifier); the Release 2 client types "Unpaid carer" and
  "Unpaid carer known by association" (beside Release 1's "Carer").
- NHS England's CLD main-tables methodology ("Data cleaning, mapping and deriving new fields"):
  the Release 2 values of Service_Type ("Unpaid carer support: Direct to unpaid carer",
  "Unpaid carer support: Support involving the person cared-for"), of Event_Outcome (the 17 values
  in ``OUTCOMES``) and of Ethnicity (``ETHNICITY``).
- The CLD guidance, Release 1 (February 2023), as quoted in a glossary: the four event types; which
  events a period holds (requests, assessments and reviews completed in it; services active in it,
  a service being the only event that may be open, with no end date); cancelled events left out;
  carer events are a carer's own request, assessment, review or support; the person identifier.

NOT verified against the Release 2 specification itself, so to be checked before a real submission:

- the exact column names and order of the file (``FIELDS``): LA_Name, Reporting_Period_Start_Date,
  Reporting_Period_End_Date, LA_Person_Unique_Identifier, NHS_Number, Date_of_Birth, Gender,
  Postcode and Event_Reference are named as the derived fields of the SQL imply, not as read;
- the Release 2 values of Delivery_Mechanism: we use Release 1's "Direct Payment",
  "CASSR Commissioned support" and "CASSR Managed Personal Budget", which the SQL tests for;
- the values of Gender ("Male", "Female", "Not known" here) and the date format (ISO 8601 here);
- the Assessment_Type, Method_Of_Assessment and Review_Reason fields, which we leave out;
- whether a young carer (under 18) belongs in CLD at all: CLD is about adults' social care, but
  the LTS003 SQL counts carers under 18, so their events are kept and flagged (``young_carer``).

What of ours becomes what (``SOURCES``):

- a contact logged about a carer -> Request, on the day it was made; its outcome from the contact's
  outcomes (information only -> NFA: information and advice; assessment offered -> progress to
  assessment; referral -> NFA: referral to other service).
- a completed carer's assessment -> Assessment, from the day it started to the day it was completed;
  eligible -> progress to support planning, not eligible -> NFA: information and advice (Care Act
  2014 s24(2): the council must then give advice and information on meeting or reducing the needs).
- a support plan review -> Review, on the day it was held; its outcome from the review's.
- a carer's direct payment -> Service "Direct to unpaid carer", Delivery_Mechanism "Direct Payment",
  active from its start to its end (ended early -> NFA: support ended for other reason; ended as
  agreed -> as planned; running on at the period's end -> continuation).
- a short break delivered -> Service: replacement care, sitting and day opportunities for the
  cared-for person are "Support involving the person cared-for"; a break of the carer's own is
  "Direct to unpaid carer"; delivered by a provider -> "CASSR Commissioned support".
Breaks requested or cancelled, contingency plans, groups and information packs are not CLD events.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from carershub.core import ukdata
from carershub.core.i18n import gettext_noop

CLIENT_TYPE = "Unpaid carer"

REQUEST, ASSESSMENT, SERVICE, REVIEW = "Request", "Assessment", "Service", "Review"
EVENT_TYPES = (REQUEST, ASSESSMENT, SERVICE, REVIEW)

DIRECT_TO_CARER = "Unpaid carer support: Direct to unpaid carer"
INVOLVING_CARED_FOR = "Unpaid carer support: Support involving the person cared-for"
SERVICE_TYPES = (DIRECT_TO_CARER, INVOLVING_CARED_FOR)

# Release 1 values (not verified for Release 2, see above).
DIRECT_PAYMENT = "Direct Payment"
COMMISSIONED = "CASSR Commissioned support"
MANAGED_BUDGET = "CASSR Managed Personal Budget"
DELIVERY_MECHANISMS = (DIRECT_PAYMENT, MANAGED_BUDGET, COMMISSIONED)

# Release 2 Event_Outcome values in the order of the CLD guidance's hierarchy (NHS England methodology).
TO_REABLEMENT = "Progress to reablement/ST-Max"
TO_ASSESSMENT = "Progress to assessment, review or reassessment"
TO_PLANNING = "Progress to support planning or services"
CONTINUATION = "Continuation of support or services"
ADMITTED = "Admitted to hospital"
NFA_MOVED = "NFA: Responsibility moved to another local authority"
NFA_NHS = "NFA: Referral to NHS services or NHS funded social care"
NFA_SELF_FUNDED = "NFA: Self-funded client or under 12wk disregard"
NFA_INFORMATION = "NFA: Information and advice or signposting"
NFA_REFERRAL = "NFA: Referral to other service within the local authority"
NFA_DECLINED = "NFA: Support declined"
NFA_DECEASED = "NFA: Deceased"
NFA_ENDED_AS_PLANNED = "NFA: Support ended as planned"
NFA_ENDED_OTHER = "NFA: Support ended for other reason"
NFA_NO_SERVICES = "NFA: No services offered for other reason"
NFA_OTHER = "NFA: Other"
OUTCOMES = (
    TO_REABLEMENT, TO_ASSESSMENT, TO_PLANNING, CONTINUATION, ADMITTED, NFA_MOVED, NFA_NHS, NFA_SELF_FUNDED,
    NFA_INFORMATION, NFA_REFERRAL, NFA_DECLINED, NFA_DECEASED, NFA_ENDED_AS_PLANNED, NFA_ENDED_OTHER,
    NFA_NO_SERVICES, NFA_OTHER,
)

# Our ethnic groups (people.choices.EthnicGroup, the Census 2021 question) -> Release 2 Ethnicity.
NOT_KNOWN_ETHNICITY = "No data: Undeclared or not known"
ETHNICITY = {
    "asian_bangladeshi": "Asian or Asian British: Bangladeshi",
    "asian_chinese": "Asian or Asian British: Chinese",
    "asian_indian": "Asian or Asian British: Indian",
    "asian_pakistani": "Asian or Asian British: Pakistani",
    "asian_other": "Asian or Asian British: Any other Asian background",
    "black_african": "Black, Black British, Caribbean or African: African",
    "black_caribbean": "Black, Black British, Caribbean or African: Caribbean",
    "black_other": "Black, Black British, Caribbean or African: Any other Black, Black British or Caribbean background",
    "mixed_white_asian": "Mixed or multiple ethnic groups: White and Asian",
    "mixed_white_black_african": "Mixed or multiple ethnic groups: White and Black African",
    "mixed_white_black_caribbean": "Mixed or multiple ethnic groups: White and Black Caribbean",
    "mixed_other": "Mixed or multiple ethnic groups: Any other Mixed or multiple ethnic background",
    "white_british": "White: English, Welsh, Scottish, Northern Irish or British",
    "white_irish": "White: Irish",
    "white_gypsy_traveller": "White: Gypsy or Irish Traveller",
    "white_roma": "White: Roma",
    "white_other": "White: Any other White background",
    "other_arab": "Other ethnic group: Arab",
    "other_any": "Other ethnic group: Any other ethnic group",
    "prefer_not_to_say": "No data: Refused",
}

# Not verified (see above).
GENDER = {"female": "Female", "male": "Male"}
NOT_KNOWN_GENDER = "Not known"

FIELDS = (
    "LA_Code", "LA_Name", "Reporting_Period_Start_Date", "Reporting_Period_End_Date",
    "LA_Person_Unique_Identifier", "NHS_Number", "Date_of_Birth", "Gender", "Ethnicity", "Postcode",
    "Date_of_Death", "Client_Type", "Event_Type", "Event_Reference", "Event_Start_Date", "Event_End_Date",
    "Event_Outcome", "Service_Type", "Delivery_Mechanism",
)

# Our kinds of record (the plain dicts' "source").
CONTACT, ASSESSED, REVIEWED, DIRECT_PAYMENT_SOURCE, BREAK = "contact", "assessment", "review", "direct_payment", "break"
SOURCES = {CONTACT: REQUEST, ASSESSED: ASSESSMENT, REVIEWED: REVIEW, DIRECT_PAYMENT_SOURCE: SERVICE, BREAK: SERVICE}

# Breaks that replace the carer's care of the cared-for person (support/breaks BreakKind codes).
INVOLVING_CARED_FOR_BREAKS = {"sitting", "replacement_home", "replacement_residential", "day_opportunity"}

REVIEW_OUTCOMES = {
    "no_change": CONTINUATION,
    "plan_changed": TO_PLANNING,
    "reassess": TO_ASSESSMENT,
    "closed": NFA_ENDED_AS_PLANNED,
}

# Why a record was not mapped, or was mapped with a field left blank. The English is marked for
# translation here and translated by the Django layer (decision 2).
REASONS = {
    "no_area": gettext_noop("The carer has no council area, so the council the event belongs to is not known"),
    "not_england": gettext_noop("The area is in Wales: Client Level Data is for councils in England"),
    "no_start": gettext_noop("The record has no start date"),
    "end_before_start": gettext_noop("The end date is before the start date"),
    "no_person": gettext_noop("The record is not linked to a carer's record"),
    "unknown_source": gettext_noop("This kind of record has no Client Level Data event"),
    "no_outcome": gettext_noop("The outcome is not recorded, so the event outcome is not known"),
    "nhs_missing": gettext_noop("No NHS number: the council's person identifier is sent alone"),
    "nhs_invalid": gettext_noop("The NHS number fails its check digit, so it is left out"),
    "dob_missing": gettext_noop("No date of birth"),
    "postcode_missing": gettext_noop("No postcode"),
    "postcode_invalid": gettext_noop("The postcode is not a full UK postcode, so it is left out"),
    "gender_missing": gettext_noop("Sex not recorded"),
    "ethnicity_missing": gettext_noop("Ethnic group not recorded"),
    "young_carer": gettext_noop("The carer was under 18: check whether the council sends young carers' events"),
    "not_completed": gettext_noop("The event was not completed in the period"),
}
# Problems that leave the record out of the file; the others leave only a field blank.
LEFT_OUT = {"no_area", "not_england", "no_start", "end_before_start", "no_person", "unknown_source", "not_completed"}


@dataclass(frozen=True)
class Problem:
    source: str  # our kind of record: contact, assessment, ...
    record_id: int
    field: str  # the CLD field concerned
    code: str  # a key of REASONS

    @property
    def left_out(self) -> bool:
        return self.code in LEFT_OUT

    @property
    def reason(self) -> str:
        return REASONS[self.code]


@dataclass
class Result:
    rows: list[dict] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # Records outside the period or in Wales are not problems; counted for the page.
    outside_period: int = 0
    welsh: int = 0

    def left_out(self) -> list[Problem]:
        return [p for p in self.problems if p.left_out]


def _day(value) -> datetime.date | None:
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    return value


def _iso(value) -> str:
    return value.isoformat() if value else ""


def in_period(event_type: str, start, end, period_start, period_end) -> bool:
    """Requests, assessments and reviews completed in the period; services active at any time in it."""
    if event_type == SERVICE:
        return start <= period_end and (end is None or end >= period_start)
    return end is not None and period_start <= end <= period_end


def _contact_outcome(outcomes) -> str | None:
    outcomes = set(outcomes or ())
    if "assessment_offered" in outcomes:
        return TO_ASSESSMENT
    if "referral" in outcomes:
        return NFA_REFERRAL
    if outcomes & {"information_only", "identified_as_carer"}:
        return NFA_INFORMATION
    return None


def _service_outcome(record: dict, period_end) -> str:
    ended = _day(record.get("ended_on"))
    planned = _day(record.get("planned_end"))
    if ended is None or ended > period_end:
        return CONTINUATION
    if planned is not None and ended < planned:
        return NFA_ENDED_OTHER
    return NFA_ENDED_AS_PLANNED


def _event(record: dict, period_end) -> tuple[dict, str | None]:
    """The event's own fields, and a problem code about its outcome if any."""
    source = record["source"]
    start, end = _day(record.get("start")), _day(record.get("end"))
    fields = {"Event_Type": SOURCES[source], "Event_Start_Date": start, "Event_End_Date": end,
              "Service_Type": "", "Delivery_Mechanism": ""}
    outcome = None
    if source == CONTACT:
        outcome = _contact_outcome(record.get("outcomes"))
    elif source == ASSESSED:
        eligible = record.get("eligible")
        outcome = None if eligible is None else (TO_PLANNING if eligible else NFA_INFORMATION)
    elif source == REVIEWED:
        outcome = REVIEW_OUTCOMES.get(record.get("outcome") or "")
    elif source == DIRECT_PAYMENT_SOURCE:
        fields.update(Service_Type=DIRECT_TO_CARER, Delivery_Mechanism=DIRECT_PAYMENT)
        outcome = _service_outcome(record, period_end)
        if outcome == CONTINUATION:
            fields["Event_End_Date"] = None  # still open at the end of the period
    elif source == BREAK:
        involving = record.get("break_kind") in INVOLVING_CARED_FOR_BREAKS
        fields.update(Service_Type=INVOLVING_CARED_FOR if involving else DIRECT_TO_CARER,
                      Delivery_Mechanism=COMMISSIONED if record.get("commissioned") else "")
        outcome = NFA_ENDED_AS_PLANNED
    fields["Event_Outcome"] = outcome or ""
    return fields, (None if outcome else "no_outcome")


def build(records, *, period_start: datetime.date, period_end: datetime.date) -> Result:
    """CLD rows for the records' events in the period, and every problem met on the way.

    Each record is a dict: ``source`` (a key of SOURCES), ``id``, ``start``, ``end`` (dates or
    datetimes; a service's ``end`` is its last day, or None while it runs), ``la_code``,
    ``la_name``, ``nation`` ("england" or "wales"), ``person`` (a dict with ``id``, ``nhs_number``,
    ``date_of_birth``, ``sex``, ``ethnic_group``, ``postcode``, ``date_of_death``; or None), and
    what its source needs: ``outcomes`` (contact), ``eligible`` (assessment), ``outcome`` (review),
    ``ended_on`` and ``planned_end`` (direct payment), ``break_kind`` and ``commissioned`` (break).
    Rows are in the order of the records; each row is a dict keyed by FIELDS.
    """
    result = Result()
    for record in records:
        source, record_id = record.get("source"), record.get("id")

        def problem(field_name, code):
            result.problems.append(Problem(source, record_id, field_name, code))

        if source not in SOURCES:
            problem("Event_Type", "unknown_source")
            continue
        if record.get("nation") == "wales":
            result.welsh += 1  # the Welsh measures count these (welsh.py); not a problem of this file
            continue
        event_type = SOURCES[source]
        start, end = _day(record.get("start")), _day(record.get("end"))
        if start is None:
            problem("Event_Start_Date", "no_start")
            continue
        if end is not None and end < start:
            problem("Event_End_Date", "end_before_start")
            continue
        if event_type != SERVICE and end is None:
            problem("Event_End_Date", "not_completed")
            continue
        if not in_period(event_type, start, end, period_start, period_end):
            result.outside_period += 1
            continue
        if not record.get("la_code"):
            problem("LA_Code", "no_area")
            continue
        if record.get("nation") != "england":
            problem("LA_Code", "not_england")
            continue
        person = record.get("person")
        if not person or person.get("id") is None:
            problem("LA_Person_Unique_Identifier", "no_person")
            continue
        event, outcome_problem = _event(record, period_end)
        if outcome_problem:
            problem("Event_Outcome", outcome_problem)
        person_fields = _person(person, on=event["Event_End_Date"] or min(period_end, max(start, period_start)),
                                problem=problem)
        row = {
            "LA_Code": record["la_code"],
            "LA_Name": record.get("la_name") or "",
            "Reporting_Period_Start_Date": _iso(period_start),
            "Reporting_Period_End_Date": _iso(period_end),
            **person_fields,
            "Client_Type": CLIENT_TYPE,
            "Event_Reference": f"{source}-{record_id}",
            **event,
        }
        row["Event_Start_Date"] = _iso(row["Event_Start_Date"])
        row["Event_End_Date"] = _iso(row["Event_End_Date"])
        result.rows.append({name: row.get(name, "") for name in FIELDS})
    return result


def _person(person: dict, *, on: datetime.date, problem) -> dict:
    nhs = ""
    if person.get("nhs_number"):
        try:
            nhs = ukdata.normalise_nhs_number(person["nhs_number"])
        except ukdata.ValidationProblem:
            problem("NHS_Number", "nhs_invalid")
    else:
        problem("NHS_Number", "nhs_missing")
    dob = _day(person.get("date_of_birth"))
    if dob is None:
        problem("Date_of_Birth", "dob_missing")
    elif on >= dob and ukdata.age_on(dob, on) < 18:
        problem("Date_of_Birth", "young_carer")
    postcode = ""
    if person.get("postcode"):
        try:
            postcode = ukdata.normalise_postcode(person["postcode"])
        except ukdata.ValidationProblem:
            problem("Postcode", "postcode_invalid")
    else:
        problem("Postcode", "postcode_missing")
    sex = person.get("sex") or ""
    if not sex:
        problem("Gender", "gender_missing")
    ethnic = person.get("ethnic_group") or ""
    if not ethnic:
        problem("Ethnicity", "ethnicity_missing")
    return {
        "LA_Person_Unique_Identifier": str(person["id"]),
        "NHS_Number": nhs,
        "Date_of_Birth": _iso(dob),
        "Gender": GENDER.get(sex, NOT_KNOWN_GENDER),
        "Ethnicity": ETHNICITY.get(ethnic, NOT_KNOWN_ETHNICITY),
        "Postcode": postcode,
        "Date_of_Death": _iso(_day(person.get("date_of_death"))),
    }


PROBLEM_HEADER = (gettext_noop("Record"), gettext_noop("Kind of record"), gettext_noop("Client Level Data field"),
                  gettext_noop("Problem"), gettext_noop("Effect"))
SOURCE_NAMES = {
    CONTACT: gettext_noop("Contact"),
    ASSESSED: gettext_noop("Assessment"),
    REVIEWED: gettext_noop("Support plan review"),
    DIRECT_PAYMENT_SOURCE: gettext_noop("Direct payment"),
    BREAK: gettext_noop("Short break"),
}
LEFT_OUT_TEXT, BLANK_TEXT = gettext_noop("Left out of the file"), gettext_noop("Field left blank")


def problem_rows(problems, translate=str):
    """Each problem as the cells of a row: record, kind of record, CLD field, problem, effect."""
    for p in problems:
        yield [f"{p.source}-{p.record_id}", translate(SOURCE_NAMES.get(p.source, p.source)), p.field,
               translate(p.reason), translate(LEFT_OUT_TEXT if p.left_out else BLANK_TEXT)]
