"""The commissioner's activity figures (issue 12): what the reports' activity tables count, from events.

Every line below is a definition: the events it counts (their kinds and, for some, a value their
``data`` holds), whether it counts events or the people they are about, and which date decides the
period (always the event's own time, ``occurred_at``, in UK time). The page prints each definition
beside its number, and each number opens the list of the events behind it (``line_events``).

How it is counted, and why it stays fast at a million carers and five million events:

- **Numbers of events** of a line that filters on nothing but kinds are read from the daily counts
  and monthly counts (``reporting.EventCount`` and ``EventMonthCount``, kept by triggers on
  PostgreSQL; ``figures._grouped``), so a year reads months and days, not events. Lines that filter on the events' data (the kind of break, a new or updated plan)
  count the events themselves: those kinds are a few per carer a year.
- **Numbers of people** (carers) are ``COUNT(DISTINCT person)`` over the period's events of the
  line's kinds: one aggregate query for all lines, on the (kind, occurred_at) index (migration
  reporting/0003 adds person and area to it on PostgreSQL, so that query never reads the events'
  rows for the lines that need nothing else).
- **Breakdowns by a person's details** (carer group, age band, sex, ethnicity, caring hours,
  postcode district) count the people, not the events: ``person IN (the line's events)`` grouped by
  the detail, one query per line, a semi-join the database answers from the events' index and the
  people's primary key. Each person is in exactly one group of each breakdown ("not recorded" when
  the record does not say), so every breakdown adds up to the line's number of carers.
- **Trends** read the daily counts for each of the last eight quarters.

The area is the one the event recorded (the carer's area when it happened, activity/models.py), so
a carer who moved is counted where they lived at the time; one area reads the same index with one
more condition, never more than all areas do. Events about nobody (a contact from a caller with no
record) count as events, and in no area but "all areas"; they are not people.

``activity_figures()`` returns the true counts; ``publish()`` hides small numbers of people
(``disclosure``) and is the only way to the page and the downloads.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import BigIntegerField, Case, CharField, Count, IntegerField, Max, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast, Coalesce, Length, NullIf, StrIndex, Substr, Trim, Upper
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from carershub.activity.models import EventKind
from carershub.assessments.models import AssessmentType
from carershub.contacts.models import CallerRole, Channel, Contact
from carershub.core import amounts
from carershub.partnership.models import Area, Nation
from carershub.people import choices
from carershub.people.models import CaringRelationship, Person
from carershub.reporting import bands, disclosure, measures, prepared
from carershub.reporting.figures import Period, _grouped, events

K = EventKind

# Short breaks that replace the care the carer gives, counted as replacement care (support/breaks
# BreakKind); every other kind of break is a short break.
REPLACEMENT = ("replacement_home", "replacement_residential", "sitting")

# Kinds whose events mean a carer was given support in the period (the "carers supported" line).
SUPPORT_KINDS = (
    K.ASSESSMENT_COMPLETED, K.PLAN_AGREED, K.REVIEW_COMPLETED, K.BREAK_DELIVERED, K.DIRECT_PAYMENT_PAID,
    K.EMERGENCY_CLOSED, K.SESSION_ATTENDED, K.CONTINGENCY_PLAN_WRITTEN, K.EMERGENCY_CARD_ISSUED,
    K.REFERRAL_ACCEPTED, K.INFORMATION_PACK_ISSUED, K.SIGNPOSTED,
)
INFORMATION_KINDS = (K.CONTACT_LOGGED, K.SIGNPOSTED, K.INFORMATION_PACK_ISSUED)


@dataclass(frozen=True)
class Line:
    key: str
    section: str
    label: object  # lazy text
    kinds: tuple
    definition: object  # lazy text: what is counted, from which events, which date
    only: Q | None = None  # a condition on the events' data
    minutes: bool = False  # its events record minutes (data["minutes"]): hours are shown
    pence: bool = False  # its events record money (data["pence"])
    about_people: bool = True  # its events are about a carer: the number of carers is shown

    def condition(self) -> Q:
        q = Q(kind__in=list(self.kinds))
        return q & self.only if self.only is not None else q


SECTIONS = {
    "information": gettext_lazy("Information and advice"),
    "identification": gettext_lazy("Carers identified and supported"),
    "assessment": gettext_lazy("Assessments, plans and reviews"),
    "payments": gettext_lazy("Direct payments"),
    "breaks": gettext_lazy("Short breaks and replacement care"),
    "emergency": gettext_lazy("Emergencies and contingency plans"),
    "groups": gettext_lazy("Groups, courses and waiting lists"),
    "referrals": gettext_lazy("Referrals to partners"),
}


LINES = (
    Line("information", "information", gettext_lazy("Carers given information and advice"), INFORMATION_KINDS,
         gettext_lazy("Contacts logged, signposting to a service in the directory and carers information packs "
                      "issued. Carers: the different people these events are about; a contact from a caller "
                      "with no record counts as an event only.")),
    Line("contacts", "information", gettext_lazy("Contacts logged"), (K.CONTACT_LOGGED,),
         gettext_lazy("Every contact logged at the front door, whatever its outcome (event: contact logged).")),
    Line("signposted", "information", gettext_lazy("Signposted to a service"), (K.SIGNPOSTED,),
         gettext_lazy("Each time a carer was signposted to a service in the directory (event: signposted).")),
    Line("packs", "information", gettext_lazy("Carers information packs issued"), (K.INFORMATION_PACK_ISSUED,),
         gettext_lazy("Each carers information pack issued (event: information pack issued).")),
    Line("identified", "identification", gettext_lazy("New carers identified"), (K.CARER_IDENTIFIED,),
         gettext_lazy("Each person newly recorded as a carer (event: identified as a carer). Carers imported "
                      "from another system are not counted: their history was not new work.")),
    Line("supported", "identification", gettext_lazy("Carers supported"), SUPPORT_KINDS,
         gettext_lazy("The different carers with at least one of: an assessment completed, a support plan "
                      "agreed or reviewed, a short break delivered, a direct payment paid, an emergency "
                      "response, a contingency plan or emergency card, a group session attended, a referral "
                      "accepted by a partner, signposting or an information pack. Counted once each, "
                      "however much they had.")),
    Line("assessments_started", "assessment", gettext_lazy("Assessments started"), (K.ASSESSMENT_STARTED,),
         gettext_lazy("Each assessment started (event: assessment started).")),
    Line("assessments_completed", "assessment", gettext_lazy("Assessments completed"), (K.ASSESSMENT_COMPLETED,),
         gettext_lazy("Each assessment completed (event: assessment completed), on the day it was completed.")),
    Line("decisions", "assessment", gettext_lazy("Eligibility decisions made"), (K.ASSESSMENT_DECIDED,),
         gettext_lazy("Each eligibility decision (event: eligibility decided). An assessment is decided before "
                      "it is completed, and can be decided again, so this is not the number completed.")),
    Line("plans", "assessment", gettext_lazy("Support plans agreed"), (K.PLAN_AGREED,),
         gettext_lazy("Each support plan agreed, new versions of a plan included (event: support plan agreed).")),
    Line("first_plans", "assessment", gettext_lazy("First support plans after an assessment"), (K.PLAN_AGREED,),
         gettext_lazy("Plans agreed that were the first after their assessment: later versions of the same plan "
                      "are left out (data: first for assessment)."),
         only=~Q(data__first_for_assessment=False) | ~Q(data__has_key="first_for_assessment")),
    Line("reviews", "assessment", gettext_lazy("Support plan reviews completed"), (K.REVIEW_COMPLETED,),
         gettext_lazy("Each review completed (event: support plan reviewed). Reviews due but not done are "
                      "not events and are not counted here: the team's review queue lists them.")),
    Line("reviews_on_time", "assessment", gettext_lazy("Reviews completed on time"), (K.REVIEW_COMPLETED,),
         gettext_lazy("Reviews completed by the date they were due (data: on time)."),
         only=Q(data__on_time=True)),
    Line("reviews_late", "assessment", gettext_lazy("Reviews completed late"), (K.REVIEW_COMPLETED,),
         gettext_lazy("Reviews completed after the date they were due (data: on time, no)."),
         only=Q(data__on_time=False)),
    Line("dp_agreed", "payments", gettext_lazy("Direct payments agreed"), (K.DIRECT_PAYMENT_AGREED,),
         gettext_lazy("Each direct payment agreement made (event: direct payment agreed).")),
    Line("dp_paid", "payments", gettext_lazy("Direct payments paid"), (K.DIRECT_PAYMENT_PAID,),
         gettext_lazy("Each payment made, with the money paid (event: direct payment paid)."), pence=True),
    Line("breaks", "breaks", gettext_lazy("Short breaks delivered"), (K.BREAK_DELIVERED,),
         gettext_lazy("Each short break delivered that was not replacement care, with its hours and cost as "
                      "delivered (event: short break delivered)."),
         only=~Q(data__type__in=REPLACEMENT) | ~Q(data__has_key="type"), minutes=True, pence=True),
    Line("replacement", "breaks", gettext_lazy("Replacement care episodes"), (K.BREAK_DELIVERED,),
         gettext_lazy("Each break delivered as replacement care at home, residential replacement care or a "
                      "sitting service, with its hours and cost (event: short break delivered, its type)."),
         only=Q(data__type__in=REPLACEMENT), minutes=True, pence=True),
    Line("call_outs", "emergency", gettext_lazy("Emergency call-outs"), (K.EMERGENCY_CALL_OUT,),
         gettext_lazy("Each time the emergency response service was called out (event: called out).")),
    Line("emergency_hours", "emergency", gettext_lazy("Emergency responses closed"), (K.EMERGENCY_CLOSED,),
         gettext_lazy("Each emergency response closed, with the hours it lasted (event: emergency response "
                      "closed): the hours are counted when the response ends."), minutes=True),
    Line("contingency_new", "emergency", gettext_lazy("Contingency plans written"), (K.CONTINGENCY_PLAN_WRITTEN,),
         gettext_lazy("Each new contingency plan (event: contingency plan written, data: new)."),
         only=Q(data__new=1)),
    Line("contingency_updated", "emergency", gettext_lazy("Contingency plans updated"),
         (K.CONTINGENCY_PLAN_WRITTEN,),
         gettext_lazy("Each change to an existing contingency plan (event: contingency plan written, not new)."),
         only=~Q(data__new=1) | ~Q(data__has_key="new")),
    Line("cards", "emergency", gettext_lazy("Emergency cards issued"), (K.EMERGENCY_CARD_ISSUED,),
         gettext_lazy("Each emergency card issued, reissued cards included (event: emergency card issued).")),
    Line("sessions", "groups", gettext_lazy("Group and course sessions attended"), (K.SESSION_ATTENDED,),
         gettext_lazy("Each attendance marked on a register, with the session's hours (event: attended). A "
                      "register corrected later to 'did not attend' is listed with the events but not counted."),
         minutes=True),
    Line("waiting_joined", "groups", gettext_lazy("Carers added to a waiting list"), (K.WAITING_LIST_JOINED,),
         gettext_lazy("Each time a carer joined a waiting list for a group or course (event: added).")),
    Line("waiting_left", "groups", gettext_lazy("Carers who left a waiting list"), (K.WAITING_LIST_LEFT,),
         gettext_lazy("Each time a carer left a waiting list, given a place or not (event: left); the wait "
                      "below is the median of the days they had waited.")),
    Line("referrals_sent", "referrals", gettext_lazy("Referrals made"), (K.REFERRAL_SENT,),
         gettext_lazy("Each referral sent to a partner (event: referral sent), on the day it was sent.")),
    Line("referrals_accepted", "referrals", gettext_lazy("Referrals accepted"), (K.REFERRAL_ACCEPTED,),
         gettext_lazy("Each referral a partner accepted, on the day they accepted it: a referral sent in one "
                      "period and accepted in the next counts in each.")),
    Line("referrals_declined", "referrals", gettext_lazy("Referrals declined"), (K.REFERRAL_DECLINED,),
         gettext_lazy("Each referral a partner declined, on the day they declined it.")),
)
BY_KEY = {line.key: line for line in LINES}

# What the reports count that no event records today: said on the page rather than made up.
NOT_RECORDED_TODAY = (
    gettext_lazy("Carers given information and advice who have no record: a contact from a caller without a "
                 "record is counted as a contact, but not as a carer, and has no age, so it is in neither the "
                 "adult nor the young carers' row."),
    gettext_lazy("The hours spent giving information and advice: contacts do not record how long they took."),
    gettext_lazy("Assessments offered and declined by the carer: only assessments started are recorded."),
    gettext_lazy("Reviews that are due and not yet done, for a past period: a review is recorded when it is "
                 "done, so what was overdue on a past date cannot be counted from events."),
    gettext_lazy("Hospital identification other than at discharge, and pharmacies and employers: a contact "
                 "records its channel (GP practice, school, hospital discharge) but not every setting."),
    gettext_lazy("The time from referral to a group's first session: a waiting list records days waited, "
                 "not when the carer first attended."),
    gettext_lazy("Ward: a person's record holds a postcode, not a ward; the postcode district is the smallest "
                 "area these figures use."),
)

# The lines a breakdown by a person's details shows, one column each: lines counting carers.
BREAKDOWN_LINES = ("information", "identified", "supported", "assessments_completed", "breaks", "sessions")

# The lines the trends table follows over quarters (numbers of events, from the daily counts).
TREND_LINES = ("contacts", "identified", "assessments_completed", "plans", "reviews", "breaks",
               "referrals_sent")

BREAKDOWNS = {
    "carer_group": gettext_lazy("Carer group"),
    "age_band": gettext_lazy("Age band"),
    "sex": gettext_lazy("Sex"),
    "ethnicity": gettext_lazy("Ethnic group"),
    "hours_band": gettext_lazy("Hours of care a week"),
    "district": gettext_lazy("Postcode district"),
}

BREAKDOWN_DEFINITIONS = {
    "carer_group": gettext_lazy("A parent carer of a disabled child (as their carer record says) is a parent "
                                "carer at any age; anybody else is a young carer if under 18 on the last day of "
                                "the period, else an adult carer. No date of birth: not recorded."),
    "age_band": gettext_lazy("Age on the last day of the period, from the date of birth."),
    "sex": gettext_lazy("Sex as the person's record holds it today."),
    "ethnicity": gettext_lazy("Ethnic group as the person's record holds it today (Census 2021 groups)."),
    "hours_band": gettext_lazy("The highest Census 2021 band of unpaid care a week recorded on any of the "
                               "carer's caring relationships."),
    "district": gettext_lazy("The postcode district (the part of the postcode before the space) of the "
                             "address the record holds today. Records hold no ward, and a ward cannot be worked "
                             "out from a postcode without the ONS postcode directory, so the district is the "
                             "smallest area counted."),
}


# ---------------------------------------------------------------------------
# Counting.
# ---------------------------------------------------------------------------

@dataclass
class LineCount:
    number: int = 0
    carers: int | None = 0
    minutes: int | None = None
    pence: int | None = None


@dataclass
class GroupedCounts:
    """A table of carers by one detail: {line key: {group code: carers}}, and the group codes found."""

    key: str
    found: list[str]
    cells: dict[str, dict[str, int]]

    @property
    def groups(self) -> list[tuple[str, str]]:
        """Every group in order, with its label in the reader's language."""
        return _group_labels(self.key, set(self.found))


@dataclass
class ActivityFigures:
    period: Period
    area: Area | None
    lines: dict[str, LineCount]
    information_by_group: dict[str, int]
    identified_by_source: list[tuple[str, int]]  # (source code, carers identified)
    assessments: list[tuple[str, int, int, int]]  # (type code, England, Wales, no framework); "" type not recorded
    waiting_days: dict
    breakdown_key: str
    breakdown: GroupedCounts
    trends: list[tuple[str, dict[str, int]]]


def _amount(key, condition):
    return Sum(Cast(KeyTextTransform(key, "data"), BigIntegerField()), filter=condition)


def _line_counts(period: Period, area: Area | None) -> dict[str, LineCount]:
    found = {line.key: LineCount(carers=0 if line.about_people else None) for line in LINES}
    kinds = sorted({kind for line in LINES for kind in line.kinds})
    # Numbers of events of the lines that filter on kinds alone: from the daily counts.
    by_kind: dict[str, int] = defaultdict(int)
    for row in _grouped(kinds, period, area, "count"):
        by_kind[row["what"]] += row["n"]
    plain = [line for line in LINES if line.only is None and not line.minutes and not line.pence]
    for line in plain:
        found[line.key].number = sum(by_kind[kind] for kind in line.kinds)
    # Carers of every line: one query over the index. The lines that read the events' data: another.
    people = {f"c_{line.key}": Count("person", distinct=True, filter=line.condition()) for line in plain}
    row = events(kinds, period, area).aggregate(**people) if people else {}
    for line in plain:
        found[line.key].carers = row[f"c_{line.key}"]
    rich = [line for line in LINES if line not in plain]
    aggregates = {}
    for line in rich:
        condition = line.condition()
        aggregates[f"n_{line.key}"] = Count("kind", filter=condition)
        aggregates[f"c_{line.key}"] = Count("person", distinct=True, filter=condition)
        if line.minutes:
            aggregates[f"m_{line.key}"] = _amount("minutes", condition)
        if line.pence:
            aggregates[f"p_{line.key}"] = _amount("pence", condition)
    rich_kinds = sorted({kind for line in rich for kind in line.kinds} | {K.SESSION_MISSED})
    corrects = Q(kind=K.SESSION_MISSED, data__corrects="attended")
    aggregates["n_taken_back"] = Count("kind", filter=corrects)
    aggregates["m_taken_back"] = _amount("minutes", corrects)
    row = events(rich_kinds, period, area).aggregate(**aggregates)
    for line in rich:
        count = found[line.key]
        count.number = row[f"n_{line.key}"]
        count.carers = row[f"c_{line.key}"]
        if line.minutes:
            count.minutes = row[f"m_{line.key}"] or 0
        if line.pence:
            count.pence = row[f"p_{line.key}"] or 0
    # A register corrected from "attended" to "did not attend" takes the attendance back (figures._support).
    found["sessions"].number -= row["n_taken_back"]
    found["sessions"].minutes -= row["m_taken_back"] or 0
    return found


def _people(line: Line, period: Period, area: Area | None):
    """The people the line's events in the period are about: a subquery, never a list."""
    return Person.objects.filter(pk__in=events(line.kinds, period, area).filter(line.condition()).values("person"))


def _detail(key: str, on: datetime.date):
    """The expression putting a person in one group of the breakdown ``key``."""
    if key == "carer_group":
        return Case(
            When(carer__is_parent_carer=True, then=Value(bands.PARENT)),
            When(date_of_birth__gt=bands.born_after(on, 18), then=Value(bands.YOUNG)),
            When(date_of_birth__isnull=False, then=Value(bands.ADULT)),
            default=Value(bands.NOT_RECORDED), output_field=CharField(),
        )
    if key == "age_band":
        whens = [When(date_of_birth__gt=cut, then=Value(code)) for code, cut in bands.age_band_cuts(on)]
        whens.append(When(date_of_birth__isnull=False, then=Value(bands.AGE_BANDS[-1][0])))
        return Case(*whens, default=Value(bands.NOT_RECORDED), output_field=CharField())
    if key in ("sex", "ethnicity"):
        column = "sex" if key == "sex" else "ethnic_group"
        return Coalesce(NullIf(column, Value("")), Value(bands.NOT_RECORDED), output_field=CharField())
    if key == "hours_band":
        rank = Case(
            *(When(Q(census_band=band) | Q(hours_per_week__gte=low), then=Value(i + 1))
              for i, (band, low) in reversed(list(enumerate(zip(bands.HOURS_BANDS, (0, 10, 20, 35, 50)))))),
            default=Value(0), output_field=IntegerField(),
        )
        highest = (CaringRelationship.objects.filter(carer=OuterRef("pk")).order_by().values("carer")
                   .annotate(top=Max(rank)).values("top")[:1])
        return Coalesce(Subquery(highest, output_field=IntegerField()), Value(0))
    if key == "district":
        code = Upper(Trim("postcode"))
        space = StrIndex(code, Value(" "))
        return Case(
            When(postcode="", then=Value(bands.NOT_RECORDED)),
            When(Q(postcode__contains=" "), then=Substr(code, 1, space - 1)),
            When(Q(postcode__regex=r"^.{4,}$"), then=Substr(code, 1, Length(code) - 3)),
            default=code, output_field=CharField(),
        )
    raise ValueError(key)


def _group_labels(key: str, found: set) -> list[tuple[str, str]]:
    not_recorded = (bands.NOT_RECORDED, _("Not recorded"))
    if key == "carer_group":
        labelled = [(bands.ADULT, _("Adult carer")), (bands.YOUNG, _("Young carer (under 18)")),
                    (bands.PARENT, _("Parent carer"))]
    elif key == "age_band":
        labelled = [(code, _("%(low)s to %(high)s") % {"low": low, "high": high} if high is not None
                     else _("%(low)s and over") % {"low": low}) for code, low, high in bands.AGE_BANDS]
    elif key == "sex":
        labelled = [(c, str(label)) for c, label in choices.Sex.choices]
    elif key == "ethnicity":
        labelled = [(c, str(label)) for c, label in choices.EthnicGroup.choices]
    elif key == "hours_band":
        labelled = [(c, str(label)) for c, label in choices.HoursBand.choices]
    else:  # district: the districts found, in order
        labelled = [(code, code) for code in sorted(c for c in found if c != bands.NOT_RECORDED)]
    known = {code for code, _label in labelled}
    extra = [(str(code), str(code)) for code in sorted(found - known - {bands.NOT_RECORDED}, key=str)]
    return labelled + extra + [not_recorded]


def _breakdown(key: str, period: Period, area: Area | None) -> GroupedCounts:
    cells: dict[str, dict[str, int]] = {}
    found: set = set()
    for line_key in BREAKDOWN_LINES:
        rows = (_people(BY_KEY[line_key], period, area).order_by().annotate(group=_detail(key, period.end))
                .values("group").annotate(n=Count("pk")))
        column: dict[str, int] = defaultdict(int)
        for row in rows:
            group = bands.hours_band_of_rank(row["group"]) if key == "hours_band" else (row["group"] or bands.NOT_RECORDED)
            column[group] += row["n"]
            found.add(group)
        cells[line_key] = column
    return GroupedCounts(key, sorted(found, key=str), cells)


def _information_by_group(period: Period, area: Area | None) -> dict[str, int]:
    rows = (_people(BY_KEY["information"], period, area).order_by()
            .annotate(group=_detail("carer_group", period.end)).values("group").annotate(n=Count("pk")))
    return {row["group"]: row["n"] for row in rows}


# Where a new carer was found, from the contact that found them (its channel, and who got in touch).
SOURCES = (
    ("gp", gettext_lazy("GP practice")),
    ("school", gettext_lazy("School or college")),
    ("hospital", gettext_lazy("Hospital discharge")),
    ("professional", gettext_lazy("Another professional")),
    ("self", gettext_lazy("The carer themselves")),
    ("family", gettext_lazy("Family, friend or the person cared for")),
    ("self_assessment", gettext_lazy("Online self-assessment")),
    ("partner_session", gettext_lazy("A partner's support session")),
    ("other", gettext_lazy("Someone else")),
    (bands.NOT_RECORDED, gettext_lazy("Not recorded (identified directly by a practitioner)")),
)


def source_of(channel, caller_role, from_self_assessment: bool) -> str:
    """Where a carer was identified, from the contact that found them (contacts.Channel, CallerRole)."""
    if from_self_assessment:
        return "self_assessment"
    by_channel = {Channel.GP: "gp", Channel.SCHOOL: "school", Channel.HOSPITAL_DISCHARGE: "hospital",
                  Channel.OTHER_PROFESSIONAL: "professional", Channel.SESSION: "partner_session"}
    if channel in by_channel:
        return by_channel[channel]
    if channel is None:
        return bands.NOT_RECORDED
    return {CallerRole.CARER: "self", CallerRole.CARED_FOR: "family", CallerRole.FAMILY_FRIEND: "family",
            CallerRole.PROFESSIONAL: "professional"}.get(caller_role, "other")


def _identified_by_source(period: Period, area: Area | None) -> list[tuple[str, int]]:
    """One query: the period's identifications grouped by their contact's channel and caller (the
    contact's primary key, read from the event's data), and whether a self-assessment found them."""
    contact = Contact.objects.filter(pk=OuterRef("contact_pk"))
    rows = (
        events([K.CARER_IDENTIFIED], period, area)
        .annotate(contact_pk=Cast(KeyTextTransform("contact_id", "data"), BigIntegerField()))
        .annotate(
            channel=Subquery(contact.values("channel")[:1]),
            caller=Subquery(contact.values("caller_role")[:1]),
            from_self=Case(When(data__self_assessment_id__isnull=False, then=Value(1)), default=Value(0),
                           output_field=IntegerField()),
        )
        .values("channel", "caller", "from_self")
        .annotate(n=Count("kind"))
    )
    tally: dict[str, int] = defaultdict(int)
    for row in rows:
        tally[source_of(row["channel"], row["caller"], bool(row["from_self"]))] += row["n"]
    return [(code, tally.get(code, 0)) for code, _label in SOURCES]


def _assessments(period: Period, area: Area | None) -> list[tuple[str, int, int, int]]:
    """Assessments completed by type and by the law they were made under (the event's nation):
    England, the Care Act 2014 s10 (carers) and Children and Families Act 2014 s17ZA (young carers);
    Wales, the Social Services and Well-being (Wales) Act 2014 s24. Sections named from the Acts'
    tables of contents; their text was not checked here."""
    tally: dict = defaultdict(lambda: [0, 0, 0])
    rows = (events([K.ASSESSMENT_COMPLETED], period, area)
            .annotate(kind_of=KeyTextTransform("assessment_type", "data"), nation=KeyTextTransform("nation", "data"))
            .values("kind_of", "nation").annotate(n=Count("kind")))
    for row in rows:
        column = {Nation.ENGLAND: 0, Nation.WALES: 1}.get(row["nation"], 2)
        tally[row["kind_of"] or None][column] += row["n"]
    out = []
    for code, _label in AssessmentType.choices:
        out.append((str(code), *tally.pop(code, [0, 0, 0])))
    for code in sorted((c for c in tally if c is not None), key=str):
        out.append((str(code), *tally.pop(code)))
    if None in tally:
        out.append(("", *tally.pop(None)))
    return out


def _assessment_label(code: str) -> str:
    if not code:
        return _("Type not recorded")
    return str(dict(AssessmentType.choices).get(code, code))


def _waiting_days(period: Period, area: Area | None) -> dict:
    days = KeyTextTransform("days_waited", "data")
    rows = events([K.WAITING_LIST_LEFT], period, area).annotate(days=days).values("days").annotate(n=Count("kind"))
    counts, unknown = {}, 0
    for row in rows:
        try:
            counts[int(row["days"])] = counts.get(int(row["days"]), 0) + row["n"]
        except (TypeError, ValueError):
            unknown += row["n"]
    return {"counts": counts, "unknown": unknown}


def _trends(period: Period, area: Area | None) -> list[tuple[str, dict[str, int]]]:
    """The last eight quarters to the end of the period, numbers of events from the daily counts."""
    kinds = sorted({kind for key in TREND_LINES for kind in BY_KEY[key].kinds})
    out = []
    for start, end in measures.quarters_back(period.end, 8):
        by_kind: dict[str, int] = defaultdict(int)
        for row in _grouped(kinds, Period(start, end), area, "count"):
            by_kind[row["what"]] += row["n"]
        values = {}
        for key in TREND_LINES:
            line = BY_KEY[key]
            values[key] = sum(by_kind[kind] for kind in line.kinds)
        out.append((measures.quarter_label(start), values))
    return out


def activity_figures(period: Period, area: Area | None = None, breakdown: str = "carer_group") -> ActivityFigures:
    if breakdown not in BREAKDOWNS:
        breakdown = "carer_group"
    return ActivityFigures(
        period=period, area=area, lines=_line_counts(period, area),
        information_by_group=_information_by_group(period, area),
        identified_by_source=_identified_by_source(period, area),
        assessments=_assessments(period, area),
        waiting_days=_waiting_days(period, area),
        breakdown_key=breakdown,
        breakdown=_breakdown(breakdown, period, area),
        trends=_trends(period, area),
    )


# Kept figures (reporting/prepared.py, decision 50): the page counts once per choice, then reads what was kept.

def _as_data(figures: ActivityFigures) -> dict:
    """The counts as JSON values: codes and numbers, no labels (they are given in the reader's language)."""
    return {
        "lines": {key: [c.number, c.carers, c.minutes, c.pence] for key, c in figures.lines.items()},
        "information_by_group": dict(figures.information_by_group),
        "identified_by_source": [list(row) for row in figures.identified_by_source],
        "assessments": [list(row) for row in figures.assessments],
        "waiting_days": {"counts": sorted(figures.waiting_days["counts"].items()),
                         "unknown": figures.waiting_days["unknown"]},
        "breakdown": {"key": figures.breakdown.key, "found": list(figures.breakdown.found),
                      "cells": {key: dict(column) for key, column in figures.breakdown.cells.items()}},
        "trends": [[label, values] for label, values in figures.trends],
    }


def _from_data(data: dict, period: Period, area: Area | None) -> ActivityFigures:
    breakdown = data["breakdown"]
    return ActivityFigures(
        period=period, area=area,
        lines={key: LineCount(*values) for key, values in data["lines"].items()},
        information_by_group=data["information_by_group"],
        identified_by_source=[tuple(row) for row in data["identified_by_source"]],
        assessments=[tuple(row) for row in data["assessments"]],
        waiting_days={"counts": {int(days): n for days, n in data["waiting_days"]["counts"]},
                      "unknown": data["waiting_days"]["unknown"]},
        breakdown_key=breakdown["key"],
        breakdown=GroupedCounts(breakdown["key"], breakdown["found"], breakdown["cells"]),
        trends=[(label, values) for label, values in data["trends"]],
    )


def count_for_page(choices: dict) -> dict:
    """What prepared.read calls: the choices are the period's first and last days, the area's id and the breakdown."""
    period = Period(datetime.date.fromisoformat(choices["start"]), datetime.date.fromisoformat(choices["end"]))
    area = Area.objects.get(pk=choices["area"]) if choices.get("area") else None
    return _as_data(activity_figures(period, area, choices["breakdown"]))


def kept_figures(period: Period, area: Area | None = None, breakdown: str = "carer_group"):
    """The activity figures for the page, counted once and kept: (figures, prepared.Prepared); the figures
    are None while the background worker counts them."""
    if breakdown not in BREAKDOWNS:
        breakdown = "carer_group"
    found = prepared.read("activity", {"start": period.start.isoformat(), "end": period.end.isoformat(),
                                       "area": area.pk if area else None, "breakdown": breakdown})
    return (None if found.data is None else _from_data(found.data, period, area)), found


def line_events(line: Line, period: Period, area: Area | None):
    """The events behind a line's number, newest first (the drill-down)."""
    return (events(line.kinds, period, area).filter(line.condition())
            .select_related("area").order_by("-occurred_at", "-pk"))


# ---------------------------------------------------------------------------
# Publication: small numbers of people hidden; what the page and the downloads both read.
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class ShownTable:
    key: str
    title: str
    headings: list[str]
    rows: list[list]  # cells: text or numbers; the first cell of a row is its label
    notes: list[str] = field(default_factory=list)
    links: dict = field(default_factory=dict)  # row index -> line key, for the drill-down


class _Hide:
    def __init__(self):
        self.hid = False

    def single(self, value: int):
        mark = disclosure.primary(value)
        if mark is None:
            return value
        self.hid = True
        return _(disclosure.WORDS[mark])

    def column(self, values: list[int]) -> list:
        marks = disclosure.column(values, total_published=True)
        out = []
        for value, mark in zip(values, marks):
            if mark is None:
                out.append(value)
            else:
                self.hid = True
                out.append(_(disclosure.WORDS[mark]))
        return out


def _line_rows(figures: ActivityFigures, hide: _Hide, section: str) -> tuple[list[list], dict]:
    rows, links = [], {}
    for line in LINES:
        if line.section != section:
            continue
        count = figures.lines[line.key]
        number = hide.single(count.number)
        carers = hide.single(count.carers) if count.carers is not None else ""
        hidden = not isinstance(number, int) or (count.carers is not None and not isinstance(carers, int))

        def amount(value, words):
            if value is None:
                return ""
            if hidden and value:
                hide.hid = True
                return _(disclosure.NOT_SHOWN)
            return words(value)

        links[len(rows)] = line.key
        rows.append([str(line.label), number, carers, amount(count.minutes, amounts.hours),
                     amount(count.pence, amounts.pounds), str(line.definition)])
    return rows, links


def publish(figures: ActivityFigures) -> tuple[list[ShownTable], bool]:
    """Every table of the activity page as shown, and whether any number was hidden."""
    hide = _Hide()
    tables: list[ShownTable] = []
    line_headings = [_("What was counted"), _("Number"), _("Carers"), _("Hours"), _("Money"), _("Definition")]
    for section, title in SECTIONS.items():
        rows, links = _line_rows(figures, hide, section)
        tables.append(ShownTable(section, str(title), line_headings, rows, links=links))

    groups = [(bands.ADULT, _("Adult carers")), (bands.YOUNG, _("Young carers (under 18)")),
              (bands.PARENT, _("Parent carers")), (bands.NOT_RECORDED, _("Not recorded"))]
    values = [figures.information_by_group.get(code, 0) for code, _label in groups]
    shown = hide.column(values)
    rows = [[label, value] for (_code, label), value in zip(groups, shown)]
    rows.append([_("Total"), hide.single(sum(values))])
    tables.append(ShownTable("information_by_group", _("Carers given information and advice, adult and young"),
                             [_("Carer group"), _("Carers")], rows,
                             notes=[str(BREAKDOWN_DEFINITIONS["carer_group"])]))

    values = [n for _code, n in figures.identified_by_source]
    shown = hide.column(values)
    source_labels = dict(SOURCES)
    rows = [[str(source_labels.get(code, code)), value] for (code, _n), value in zip(figures.identified_by_source, shown)]
    rows.append([_("Total"), hide.single(sum(values))])
    tables.append(ShownTable("identified_by_source", _("New carers identified, by source"),
                             [_("Source"), _("Carers identified")], rows,
                             notes=[_("The source is the contact the carer was identified from: its channel, or "
                                      "who got in touch. Identified without a contact: not recorded.")]))

    labels = [_assessment_label(row[0]) for row in figures.assessments]
    columns = [[row[i] for row in figures.assessments] for i in (1, 2, 3)]
    shown_columns = [hide.column(c) for c in columns]
    rows = [[label, *(column[j] for column in shown_columns)] for j, label in enumerate(labels)]
    rows.append([_("Total"), *(hide.single(sum(c)) for c in columns)])
    tables.append(ShownTable("assessments_by_type", _("Assessments completed, by type and framework"),
                             [_("Type of assessment"), _("England (Care Act 2014)"),
                              _("Wales (Social Services and Well-being (Wales) Act 2014)"), _("Framework not recorded")],
                             rows))

    waits = figures.waiting_days
    based_on = measures.counted(waits["counts"])
    if not based_on:
        median = _("No data for this period")
    elif disclosure.median_shown(based_on):
        median = measures.format_days(measures.median_from_counts(waits["counts"]))
    else:
        hide.hid = True
        median = _(disclosure.NOT_SHOWN)
    tables.append(ShownTable("waiting", _("Waiting times for groups and courses"),
                             [_("Measure"), _("Value")],
                             [[_("Median days waited"), median], [_("Based on"), hide.single(based_on)],
                              [_("Days not recorded"), hide.single(waits["unknown"])]],
                             notes=[_("Carers who left a waiting list in the period, given a place or not.")]))

    breakdown = figures.breakdown
    columns = [[breakdown.cells[key].get(code, 0) for code, _label in breakdown.groups] for key in BREAKDOWN_LINES]
    shown_columns = [hide.column(c) for c in columns]
    rows = [[label, *cells] for (_code, label), *cells in zip(breakdown.groups, *shown_columns)]
    rows.append([_("Total"), *(hide.single(sum(c)) for c in columns)])
    title = _("Carers by %(breakdown)s") % {"breakdown": str(BREAKDOWNS[figures.breakdown_key]).lower()}
    tables.append(ShownTable("breakdown", title,
                             [str(BREAKDOWNS[figures.breakdown_key]), *(str(BY_KEY[k].label) for k in BREAKDOWN_LINES)],
                             rows, notes=[str(BREAKDOWN_DEFINITIONS[figures.breakdown_key]),
                                          _("Each carer is counted once in each column, in one row, so every "
                                            "column adds up to its line's number of carers above.")]))

    # Trends: numbers of events, which describe nobody on their own; small ones are hidden all the same.
    rows = [[label, *(hide.single(values[key]) for key in TREND_LINES)] for label, values in figures.trends]
    tables.append(ShownTable("trends", _("Trends over the last eight quarters"),
                             [_("Quarter"), *(str(BY_KEY[k].label) for k in TREND_LINES)], rows,
                             notes=[_("Numbers of events in each quarter (financial-year quarters), to the end "
                                      "of the chosen period.")]))
    return tables, hide.hid
