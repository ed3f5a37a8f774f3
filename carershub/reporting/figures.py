"""The team's counting: assessments, decisions, waiting times and reviews, all from activity events.

Nothing here reads a figure somebody typed in. Every number comes from ``activity.Event``
rows, counted in the database. On PostgreSQL they are read from ``reporting.EventMonthCount``
and ``EventCount``, the events' monthly and daily counts that a trigger keeps in the same
transaction as each event (reporting/models.py): whole months by month and the days either side
by day, so a year's figures read months, not hundreds of thousands of events.
On SQLite the events themselves are counted: each query filters on (kind, occurred_at),
which the ``event_kind_time`` index serves, and groups by a few keys of the event's JSON
``data``. Either way the same measure gives the same grouped counts (a few hundred rows at
most), and only those come back to Python; medians are worked out from those frequency
tables by ``measures``.

``team_figures()`` returns the true counts. Nobody reads them as they are: ``publish()``
applies disclosure control (``disclosure``: small numbers hidden) and is the one way to the
page and to the CSV (``as_rows()``), so the two always show the same.
"""

from __future__ import annotations

import datetime
import functools
import json
from collections import defaultdict
from dataclasses import dataclass, field, replace

from django.db import connections
from django.db.models import BigIntegerField, Count, F, OuterRef, Q, Subquery, Sum, UUIDField, Value
from django.db.models.fields.json import KeyTextTransform, KeyTransform
from django.db.models.functions import Cast, Replace
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from carershub.activity.models import Event, EventKind
from carershub.assessments.models import AssessmentType
from carershub.directory.models import Service
from carershub.partnership.models import Area
from carershub.people.choices import CarerType
from carershub.core import amounts
from carershub.reporting import disclosure, measures
from carershub.reporting.models import ACROSS_AREAS, MEASURES, EventCount, EventMonthCount

STARTED, COMPLETED = EventKind.ASSESSMENT_STARTED, EventKind.ASSESSMENT_COMPLETED


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date  # inclusive

    def window(self) -> tuple[datetime.datetime, datetime.datetime]:
        """[start, end) as aware datetimes: midnight at the start of ``start`` to midnight after ``end``, UK time."""
        first = timezone.make_aware(datetime.datetime.combine(self.start, datetime.time.min))
        after = timezone.make_aware(datetime.datetime.combine(self.end + datetime.timedelta(days=1), datetime.time.min))
        return first, after


@dataclass
class Row:
    label: str
    started: int = 0
    completed: int = 0


@dataclass
class Breakdown:
    rows: list[Row]

    @property
    def started(self) -> int:
        return sum(r.started for r in self.rows)

    @property
    def completed(self) -> int:
        return sum(r.completed for r in self.rows)

    @property
    def has_data(self) -> bool:
        return bool(self.started or self.completed)


@dataclass
class Split:
    """Events that say yes, no, or (recorded before the key existed) nothing."""

    yes: int = 0
    no: int = 0
    unknown: int = 0

    @property
    def known(self) -> int:
        return self.yes + self.no

    @property
    def yes_percent(self) -> float | None:
        return measures.percent(self.yes, self.known)

    @property
    def no_percent(self) -> float | None:
        return measures.percent(self.no, self.known)

    @property
    def has_data(self) -> bool:
        return bool(self.known or self.unknown)


@dataclass
class Duration:
    """A median number of days, with how many events it rests on and how many could not count."""

    counts: dict = field(default_factory=dict)
    unknown: int = 0

    @property
    def median(self) -> float | None:
        return measures.median_from_counts(self.counts)

    @property
    def based_on(self) -> int:
        return measures.counted(self.counts)

    @property
    def has_data(self) -> bool:
        return bool(self.based_on or self.unknown)


@dataclass(frozen=True)
class SupportLine:
    """One kind of support delivered in the period: how many times, for how many carers, and how
    much (hours and money where the events record them)."""

    label: str
    number: int
    carers: int
    minutes: int | None = None  # None: this kind records no hours
    pence: int | None = None  # None: this kind records no money


# The support delivered (issue 10), in the order the page lists it: (kind, label, whether its events
# record hours in data["minutes"], money in data["pence"]). The events are read as they are, not from
# the daily counts: there are a few per carer a year, not the contacts' millions, and their sums of
# hours and money are not kept by the counts (reporting/models.py MEASURES).
SUPPORT_LINES = (
    (EventKind.ALLOWANCE_GRANTED, gettext_lazy("Break allowances granted"), False, False),
    (EventKind.BREAK_DELIVERED, gettext_lazy("Short breaks delivered"), True, True),
    (EventKind.DIRECT_PAYMENT_AGREED, gettext_lazy("Direct payments agreed"), False, False),
    (EventKind.DIRECT_PAYMENT_PAID, gettext_lazy("Direct payments paid"), False, True),
    (EventKind.CONTINGENCY_PLAN_WRITTEN, gettext_lazy("Contingency plans written or updated"), False, False),
    (EventKind.EMERGENCY_CARD_ISSUED, gettext_lazy("Emergency cards issued"), False, False),
    (EventKind.EMERGENCY_CLOSED, gettext_lazy("Emergency call-outs completed"), True, False),
    (EventKind.SESSION_ATTENDED, gettext_lazy("Group and course sessions attended"), True, False),
    (EventKind.WAITING_LIST_JOINED, gettext_lazy("Carers added to a waiting list"), False, False),
    (EventKind.INFORMATION_PACK_ISSUED, gettext_lazy("Carers information packs issued"), False, False),
)


def _by_kind(period: Period, area: Area | None) -> dict[str, dict]:
    """The support delivered and the partnership's work, one grouped query for both tables: each
    kind's events, how many carers they were for, their hours and money, and what corrections took
    back. Read as events are, not from the daily counts: there are a few per carer a year, not the
    contacts' millions, and the counts do not keep sums of hours and money."""

    support = [kind for kind, *_rest in SUPPORT_LINES] + [EventKind.SESSION_MISSED]
    partnership = [kind for kind, *_rest in PARTNERSHIP_LINES]

    def amount(key, only):
        # Each sum reads its key only from the kinds that record it (the filter is applied before
        # the cast), so another kind's data under the same key can never fail the query.
        return Sum(Cast(KeyTextTransform(key, "data"), BigIntegerField()), filter=only)

    # A register corrected from "attended" to "did not attend" takes the attendance back: groups
    # writes the correction as a new event saying what it corrects (events are never changed).
    corrects = Q(kind=EventKind.SESSION_MISSED, data__corrects="attended")
    return {
        row["kind"]: row
        for row in events(support + partnership, period, area)
        .values("kind")
        .annotate(number=Count("kind"), carers=Count("person", distinct=True),
                  minutes=amount("minutes", Q(kind__in=support)), pence=amount("pence", Q(kind__in=support)),
                  amount_pence=amount("amount_pence", Q(kind__in=partnership)),
                  taken_back=Count("kind", filter=corrects), minutes_back=amount("minutes", corrects))
    }


def _support(rows: dict[str, dict]) -> list[SupportLine]:
    rows = dict(rows)
    missed = rows.pop(EventKind.SESSION_MISSED, None)
    if missed and EventKind.SESSION_ATTENDED in rows:
        attended = rows[EventKind.SESSION_ATTENDED] = dict(rows[EventKind.SESSION_ATTENDED])
        attended["number"] -= missed["taken_back"]
        attended["minutes"] = (attended["minutes"] or 0) - (missed["minutes_back"] or 0)
    lines = []
    for kind, label, hours, money in SUPPORT_LINES:
        row = rows.get(kind, {})
        lines.append(SupportLine(
            str(label), row.get("number", 0), row.get("carers", 0),
            (row.get("minutes") or 0) if hours else None, (row.get("pence") or 0) if money else None,
        ))
    return lines


@dataclass(frozen=True)
class PartnershipLine:
    """One kind of the partnership's work in the period (issue 11): referrals between partners,
    engagement with settings, training for professionals, the community grants fund. ``carers``
    is None where its events are about no carer (a setting, a grant), ``pence`` where no money."""

    label: str
    number: int
    carers: int | None
    pence: int | None = None


# (kind, label, whether its events are about a carer, the key of its money in the events' data).
# Referrals are counted as they moved: a referral sent in one quarter and accepted in the next counts
# once in each line. Settings and grants have no person, so they have no area: with an area chosen
# they are not counted (their events carry the setting's or the round's own ids).
PARTNERSHIP_LINES = (
    (EventKind.REFERRAL_SENT, gettext_lazy("Referrals sent to a partner"), True, None),
    (EventKind.REFERRAL_ACCEPTED, gettext_lazy("Referrals accepted"), True, None),
    (EventKind.REFERRAL_DECLINED, gettext_lazy("Referrals declined"), True, None),
    (EventKind.REFERRAL_COMPLETED, gettext_lazy("Referrals completed"), True, None),
    (EventKind.SETTING_ENGAGED, gettext_lazy("Engagements with GP practices, schools and other settings"), False, None),
    (EventKind.TRAINING_DELIVERED, gettext_lazy("Carer awareness training sessions for professionals"), False, None),
    (EventKind.GRANT_AWARDED, gettext_lazy("Community grants awarded"), False, "amount_pence"),
    (EventKind.GRANT_PAID, gettext_lazy("Community grant payments made"), False, "amount_pence"),
)


def _partnership(rows: dict[str, dict]) -> list[PartnershipLine]:
    lines = []
    for kind, label, about_carers, money_key in PARTNERSHIP_LINES:
        row = rows.get(kind, {})
        lines.append(PartnershipLine(
            str(label), row.get("number", 0), row.get("carers", 0) if about_carers else None,
            (row.get(money_key) or 0) if money_key else None,
        ))
    return lines


@dataclass(frozen=True)
class SignpostLine:
    """One service carers were signposted to in the period: how many times, and how many carers.
    ``service_id`` None: what the directory does not list, counted together, never by its words."""

    service_id: str | None
    label: str
    number: int
    carers: int


# The most services the table lists, the most signposted first: the query stays bounded however many
# services the directory holds.
SIGNPOSTED_LIMIT = 100


def _signposted(period: Period, area: Area | None) -> list[SignpostLine]:
    """Signposting counted by service (issue 11, decision 36), from the ``signposted`` events alone:
    one query grouping the period's events by ``data["service_id"]``, with each service's name read
    beside it by a subquery. Read as events are, like the support delivered: a few per carer a year."""
    service_id = KeyTextTransform("service_id", "data")
    # The events hold the id as text with hyphens; PostgreSQL compares it as a uuid, SQLite stores
    # UUID primary keys as 32 hex digits.
    if connections[Event.objects.db].vendor == "postgresql":
        same = Cast(OuterRef("service"), UUIDField())
    else:
        same = Replace(OuterRef("service"), Value("-"), Value(""))
    name = Subquery(Service.objects.filter(pk=same).order_by().values("name")[:1])
    rows = (
        events([EventKind.SIGNPOSTED], period, area)
        .annotate(service=service_id)
        .values("service")
        .annotate(number=Count("kind"), carers=Count("person", distinct=True), name=name)
        .order_by("-number", "name", "service")[:SIGNPOSTED_LIMIT]
    )
    lines = []
    for row in rows:
        service = None if row["service"] in (None, "null") else row["service"]  # SQLite reads a JSON null as "null"
        if service is None:
            label = _("Not listed in the directory")
        else:
            label = row["name"] or _("A service no longer in the directory")
        lines.append(SignpostLine(service, label, row["number"], row["carers"]))
    return lines


@dataclass
class TeamFigures:
    period: Period
    area: Area | None
    by_type: Breakdown
    by_carer_group: Breakdown
    by_area: Breakdown
    eligibility: Split
    contact_to_assessment: Duration
    assessment_to_plan: Duration
    reviews_on_time: Split
    self_assessments: int
    carers_identified: int
    contacts_logged: int
    support: list[SupportLine] = field(default_factory=list)
    partnership: list[PartnershipLine] = field(default_factory=list)
    signposted: list[SignpostLine] = field(default_factory=list)


def events(kinds, period: Period, area: Area | None = None):
    start, after = period.window()
    queryset = Event.objects.filter(kind__in=list(kinds), occurred_at__gte=start, occurred_at__lt=after)
    if area is not None:
        queryset = queryset.filter(area=area)
    return queryset.order_by()  # no ORDER BY: it would only slow the grouping


def _key(name: str):
    return KeyTransform(name, "data")


def _from_daily_counts() -> bool:
    return connections[EventCount.objects.db].vendor == "postgresql"


def _grouped(kinds, period: Period, area: Area | None, measure: str, by_area=False, **keys) -> list[dict]:
    """Rows of counts ``n`` by kind (and area) and the values of the ``measure``'s keys.

    The same values may come in two rows (from the months and from the days either side of them):
    callers add the rows up, never take one as the whole count. ``keys`` names each output column
    after an event ``data`` key of the measure (reporting/models.py MEASURES); ``what`` (the kind)
    is always there, ``area_code`` with ``by_area``.
    """
    held = MEASURES[measure]
    also = {"what": F("kind")} | ({"area_code": F("area_id")} if by_area else {})
    if _from_daily_counts():
        # Whole months from the monthly counts, the days either side from the daily ones: a
        # financial year reads about a tenth of the rows of reading every day (decision 66).
        months, days = measures.split_by_month(period.start, period.end)
        parts = []
        if months is not None:
            parts.append(EventMonthCount.objects.filter(month__gte=months[0], month__lte=months[1]))
        if days:
            when = Q()
            for first_day, last_day in days:
                when |= Q(day__gte=first_day, day__lte=last_day)
            parts.append(EventCount.objects.filter(when))
        columns = {name: F(("first", "second")[held.index(key)]) for name, key in keys.items()}
        kinds = list(kinds)  # read by each part's query
        rows = []
        for counts in parts:
            counts = counts.filter(measure=measure, kind__in=kinds, n__gt=0)
            if area is not None:
                counts = counts.filter(area_id=area.pk)
            rows += counts.order_by().values(**also, **columns).annotate(n=Sum("n"))
        return rows
    columns = {name: _key(key) for name, key in keys.items()}
    grouped = events(kinds, period, area).values(**also, **columns)
    # COUNT(kind), not COUNT(id): counting by kind alone can then be answered from the index.
    return list(grouped.annotate(n=Count("kind")))


# What the team figures read of the counts: each measure, the kinds counted by it, and whether by area.
TEAM_READS = (
    ("breakdown", (STARTED, COMPLETED), True),
    ("count", (EventKind.SELF_ASSESSMENT_RECEIVED, EventKind.CARER_IDENTIFIED, EventKind.CONTACT_LOGGED), False),
    ("eligible", (EventKind.ASSESSMENT_DECIDED,), False),
    ("contact_days", (COMPLETED,), False),
    ("plan_days", (EventKind.PLAN_AGREED,), False),
    ("on_time", (EventKind.REVIEW_COMPLETED,), False),
)

# (kind, area id or None, the measure's first value, its second value, number of events); ROLLED
# (below) in a place where the row is a total over it.
Counted = tuple[str, int | None, object, object, int]


class _Rolled:
    """Where a row of ``Counted`` is a total over every value of that place: a measure read by area
    comes as one total for each area, each first value and each second value, not as every
    combination of the three (decision 81). Not a value any event holds, None included."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "ROLLED"


ROLLED = _Rolled()


@functools.lru_cache(maxsize=4096)
def _json_value(text: str | None):
    """A measure's value, read as the JSON text PostgreSQL groups it by. The same few hundred texts
    (day counts, codes, true and false) come back on every page: decoded once each, not per row.
    The trigger keeps whatever an event holds under the measure's keys, so a value could be a list;
    the same object is then given to every page, which is safe as nothing that reads it changes it."""
    return None if text is None else json.loads(text)


@functools.cache
def _counts_sql(parts: tuple[tuple[str, int], ...], with_area: bool) -> str:
    """One statement reading every measure of ``TEAM_READS`` from the monthly and daily counts.

    ``parts`` names each count table read and how many ranges of its dates (months or days) it is
    read for. Each measure is its own branch of a ``UNION ALL``, so each is one index-only scan of
    the counts' (measure, kind, date) index and a small grouping, as its own query was; together
    they are one round trip and one statement to plan (decision 69). The values come back as JSON
    text, grouped as such: PostgreSQL hashes text faster than jsonb, and Python decodes each
    distinct text once (``_json_value``).

    A measure read by area is grouped by three sets, (kind, area), (kind, first) and (kind,
    second), each row saying by ``rolled`` which it is (``GROUPING``: 4 the area, 2 the first
    value, 1 the second value, set where the row totals over it): the page shows each breakdown on
    its own, and every combination of the three was twelve times the rows at five million people
    in 100 areas (2,651 against 220 for a quarter; decision 81).
    """
    branches = []
    for measure, _kinds, by_area in TEAM_READS:
        area = "area_id" if by_area else "NULL::bigint"
        if by_area:
            groups = "kind, GROUPING SETS ((area_id), (first::text), (second::text))"
            rolled = "GROUPING(area_id, first::text, second::text)"
        else:
            groups, rolled = "kind, first::text, second::text", "0"
        for table, ranges in parts:
            column = "month" if table == EventMonthCount._meta.db_table else "day"
            when = " OR ".join([f"{column} BETWEEN %s AND %s"] * ranges)
            branches.append(
                f"SELECT %s::text AS measure, kind, {area} AS area, first::text AS first, second::text AS second, "
                f"SUM(n)::bigint AS n, {rolled} AS rolled FROM {table} "
                f"WHERE measure = %s AND kind = ANY(%s) AND ({when}) AND n > 0"
                + (" AND area_id = %s" if with_area else "")
                + f" GROUP BY {groups}"
            )
    return "\nUNION ALL\n".join(branches)


def _counted(period: Period, area: Area | None) -> dict[str, list[Counted]]:
    """Each measure of ``TEAM_READS`` for the period: rows of (kind, area, first, second, n).

    The same values may come in two rows (from the months and from the days either side of them,
    on PostgreSQL): readers add the rows up. ``area`` is given only for the measures read by area.
    On PostgreSQL those come as totals by area, by first value and by second value, ``ROLLED``
    standing in the other two places; SQLite gives every combination. Readers take either.
    """
    counted: dict[str, list[Counted]] = {measure: [] for measure, _kinds, _by_area in TEAM_READS}
    if not _from_daily_counts():
        for measure, kinds, by_area in TEAM_READS:
            held = MEASURES[measure]
            columns = {f"value_{i}": _key(key) for i, key in enumerate(held)}
            grouped = events(kinds, period, area).values("kind", *(["area"] if by_area else []), **columns)
            for row in grouped.annotate(n=Count("kind")):
                counted[measure].append((
                    row["kind"], row.get("area"), row.get("value_0"), row.get("value_1"), row["n"],
                ))
        return counted
    # Whole months from the monthly counts, the days either side from the daily ones (decision 66).
    months, days = measures.split_by_month(period.start, period.end)
    parts, dates = [], []
    if months is not None:
        parts.append((EventMonthCount._meta.db_table, 1))
        dates.append(list(months))
    if days:
        parts.append((EventCount._meta.db_table, len(days)))
        dates.append([day for pair in days for day in pair])
    if not parts:
        return counted
    params = []
    for measure, kinds, _by_area in TEAM_READS:
        # The whole region's days measures are read from their counts across areas (decision 70).
        read = ACROSS_AREAS.get(measure, measure) if area is None else measure
        for part_dates in dates:
            params += [measure, read, [str(kind) for kind in kinds], *part_dates]
            if area is not None:
                params.append(area.pk)
    with connections[EventCount.objects.db].cursor() as cursor:
        cursor.execute(_counts_sql(tuple(parts), area is not None), params)
        for measure, kind, area_id, first, second, n, rolled in cursor.fetchall():
            if rolled:
                counted[measure].append((
                    kind, ROLLED if rolled & 4 else area_id, ROLLED if rolled & 2 else _json_value(first),
                    ROLLED if rolled & 1 else _json_value(second), n,
                ))
            else:
                counted[measure].append((kind, area_id, _json_value(first), _json_value(second), n))
    return counted


def _started_and_completed(rows: list[Counted], area) -> tuple[Breakdown, Breakdown, Breakdown]:
    tallies = {
        "assessment_type": defaultdict(lambda: [0, 0]),
        "carer_type": defaultdict(lambda: [0, 0]),
        "area_code": defaultdict(lambda: [0, 0]),
    }
    by_type, by_group, by_area = tallies.values()
    for kind, area_id, assessment_type, carer_type, n in rows:
        column = 0 if kind == STARTED else 1
        for value, tally in ((assessment_type, by_type), (carer_type, by_group), (area_id, by_area)):
            if value is not ROLLED:  # a total by another breakdown
                tally[value if isinstance(value, (str, int)) else None][column] += n

    def breakdown(tally, labelled: list[tuple[object, str]], unknown_label: str, always=True) -> Breakdown:
        out = []
        for code, label in labelled:
            started, completed = tally.pop(code, (0, 0))
            if always or started or completed:
                out.append(Row(label, started, completed))
        # Anything recorded under a code this version does not know still counts.
        for code in sorted((c for c in tally if c is not None), key=str):
            out.append(Row(str(code), *tally.pop(code)))
        if None in tally and any(tally[None]):
            out.append(Row(unknown_label, *tally.pop(None)))
        return Breakdown(out)

    areas = [area] if area is not None else list(Area.objects.order_by("name"))
    return (
        breakdown(by_type, [(c, str(label)) for c, label in AssessmentType.choices], _("Type not recorded")),
        breakdown(by_group, [(c, str(label)) for c, label in CarerType.choices], _("Not known")),
        breakdown(by_area, [(a.pk, a.name) for a in areas], _("No area recorded")),
    )


def _split(rows: list[Counted]) -> Split:
    split = Split()
    for _kind, _area, value, _second, n in rows:
        if value is True:
            split.yes += n
        elif value is False:
            split.no += n
        else:
            split.unknown += n
    return split


def _duration(rows: list[Counted], *, only_if: bool = False) -> Duration:
    """Median of the number of days each row's first value holds; with ``only_if``, rows whose
    second value is false are left out."""
    duration = Duration()
    for _kind, _area, days, include, n in rows:
        if only_if and include is False:
            continue
        if isinstance(days, (int, float)) and not isinstance(days, bool):
            duration.counts[days] = duration.counts.get(days, 0) + n
        else:
            duration.unknown += n
    return duration


def _kind_counts(rows: list[Counted], kinds) -> dict[str, int]:
    counts = dict.fromkeys(kinds, 0)
    for kind, _area, _first, _second, n in rows:
        counts[kind] += n
    return counts


def team_figures(period: Period, area: Area | None = None) -> TeamFigures:
    counted = _counted(period, area)
    by_kind = _by_kind(period, area)
    by_type, by_carer_group, by_area = _started_and_completed(counted["breakdown"], area)
    context = _kind_counts(
        counted["count"],
        [EventKind.SELF_ASSESSMENT_RECEIVED, EventKind.CARER_IDENTIFIED, EventKind.CONTACT_LOGGED],
    )
    return TeamFigures(
        period=period,
        area=area,
        by_type=by_type,
        by_carer_group=by_carer_group,
        by_area=by_area,
        # Each decision made in the period, eligible or not.
        eligibility=_split(counted["eligible"]),
        contact_to_assessment=_duration(counted["contact_days"]),
        # Only a carer's first plan after an assessment measures the wait for a plan; later
        # versions of the same plan say "first_for_assessment": false when that key is recorded.
        assessment_to_plan=_duration(counted["plan_days"], only_if=True),
        reviews_on_time=_split(counted["on_time"]),
        self_assessments=context[EventKind.SELF_ASSESSMENT_RECEIVED],
        carers_identified=context[EventKind.CARER_IDENTIFIED],
        contacts_logged=context[EventKind.CONTACT_LOGGED],
        support=_support(by_kind),
        partnership=_partnership(by_kind),
        signposted=_signposted(period, area),
    )


# ---------------------------------------------------------------------------
# Publication: the figures as the page and the CSV show them, small numbers hidden.
# ---------------------------------------------------------------------------

Shown = int | str  # a count as shown: the number itself, or the words that stand in for it


@dataclass(frozen=True)
class ShownRow:
    label: str
    started: Shown
    completed: Shown


@dataclass(frozen=True)
class ShownBreakdown:
    rows: list[ShownRow]
    started: Shown
    completed: Shown
    has_data: bool


@dataclass(frozen=True)
class ShownSplit:
    yes: Shown
    no: Shown
    unknown: Shown
    known: Shown
    yes_percent: str  # "" when nothing is known
    no_percent: str
    has_data: bool


@dataclass(frozen=True)
class ShownDuration:
    median: str | None  # None when there is nothing to take a median of
    based_on: Shown
    unknown: Shown
    has_data: bool


@dataclass(frozen=True)
class ShownSupportLine:
    label: str
    number: Shown
    carers: Shown
    hours: str  # "" where the kind records no hours
    money: str  # "" where the kind records no money


@dataclass(frozen=True)
class ShownPartnershipLine:
    label: str
    number: Shown
    carers: Shown | str  # "" where the kind is about no carer
    money: str  # "" where the kind records no money


@dataclass(frozen=True)
class ShownSignpostLine:
    label: str
    number: Shown
    carers: Shown


@dataclass(frozen=True)
class ShownFigures:
    period: Period
    area: Area | None
    by_type: ShownBreakdown
    by_carer_group: ShownBreakdown
    by_area: ShownBreakdown
    eligibility: ShownSplit
    contact_to_assessment: ShownDuration
    assessment_to_plan: ShownDuration
    reviews_on_time: ShownSplit
    self_assessments: Shown
    carers_identified: Shown
    contacts_logged: Shown
    support: list[ShownSupportLine] = field(default_factory=list)
    partnership: list[ShownPartnershipLine] = field(default_factory=list)
    signposted: list[ShownSignpostLine] = field(default_factory=list)
    note: str = ""

    @property
    def partnership_has_data(self) -> bool:
        return any(line.number != 0 for line in self.partnership)

    @property
    def support_has_data(self) -> bool:
        return any(line.number != 0 for line in self.support)  # why some numbers are not shown; empty when every number is


def _withheld_note() -> str:
    return _(
        'Some numbers are not shown, so that nobody can recognise a carer from these figures. A number from 1 to 4 '
        'reads "fewer than 5". Where it could be worked out from a total, another number is hidden as well, and '
        'the hidden numbers read "not shown". Percentages worked out from hidden numbers, and medians of fewer '
        'than 5 waits, read "not shown" too.'
    )


class _Publisher:
    """Applies the disclosure rules to true counts, remembering whether it hid anything."""

    def __init__(self):
        self.hid_something = False

    def _hidden(self, words: str) -> str:
        self.hid_something = True
        return _(words)

    def count(self, value: int, mark: disclosure.Hidden | None) -> Shown:
        return value if mark is None else self._hidden(disclosure.WORDS[mark])

    def single(self, value: int) -> Shown:
        """A count with no total beside it: hidden only when small."""
        return self.count(value, disclosure.primary(value))

    def column(self, counts: list[int], *, total_published: bool) -> list[Shown]:
        marks = disclosure.column(counts, total_published=total_published)
        return [self.count(value, mark) for value, mark in zip(counts, marks)]

    def percent(self, value: float | None, shown: bool) -> str:
        if value is None:
            return ""
        return measures.format_percent(value) if shown else self._hidden(disclosure.NOT_SHOWN)

    def breakdown(self, breakdown: Breakdown) -> ShownBreakdown:
        # Each column is published with its total, and the same total appears in all three
        # breakdowns: a hidden count must not be worked out from it.
        started = self.column([r.started for r in breakdown.rows], total_published=True)
        completed = self.column([r.completed for r in breakdown.rows], total_published=True)
        return ShownBreakdown(
            rows=[ShownRow(row.label, s, c) for row, s, c in zip(breakdown.rows, started, completed)],
            started=self.single(breakdown.started),
            completed=self.single(breakdown.completed),
            has_data=breakdown.has_data,
        )

    def split(self, split: Split, *, total_published: bool) -> ShownSplit:
        yes_mark, no_mark = disclosure.column([split.yes, split.no], total_published=total_published)
        known_mark = disclosure.primary(split.known)
        shown = disclosure.percent_shown(yes_mark, known_mark, no_mark)
        return ShownSplit(
            yes=self.count(split.yes, yes_mark),
            no=self.count(split.no, no_mark),
            unknown=self.single(split.unknown),
            known=self.count(split.known, known_mark),
            yes_percent=self.percent(split.yes_percent, shown),
            no_percent=self.percent(split.no_percent, shown),
            has_data=split.has_data,
        )

    def duration(self, duration: Duration, *, total_published: bool) -> ShownDuration:
        based_on, unknown = self.column([duration.based_on, duration.unknown], total_published=total_published)
        if not duration.based_on:
            median = None
        elif disclosure.median_shown(duration.based_on):
            median = measures.format_days(duration.median)
        else:
            median = self._hidden(disclosure.NOT_SHOWN)
        return ShownDuration(median=median, based_on=based_on, unknown=unknown, has_data=duration.has_data)

    def support(self, line: SupportLine) -> ShownSupportLine:
        """Each line stands alone (no total is published). Its hours and money are shown only when the
        number of carers they came from is shown: a sum over one or two carers would describe them."""
        number, carers = self.single(line.number), self.single(line.carers)
        hidden = not isinstance(carers, int) or not isinstance(number, int)

        def amount(value, words):
            if value is None:
                return ""
            return self._hidden(disclosure.NOT_SHOWN) if hidden and value else words(value)

        return ShownSupportLine(
            label=line.label, number=number, carers=carers,
            hours=amount(line.minutes, amounts.hours), money=amount(line.pence, amounts.pounds),
        )


    def partnership(self, line: PartnershipLine) -> ShownPartnershipLine:
        """Referrals are about carers: each line stands alone and small numbers are hidden. Settings
        engaged, training given and grants to community groups describe no carer and are shown whole."""
        if line.carers is None:
            return ShownPartnershipLine(line.label, line.number, "",
                                        amounts.pounds(line.pence) if line.pence is not None else "")
        return ShownPartnershipLine(line.label, self.single(line.number), self.single(line.carers), "")


def publish(figures: TeamFigures) -> ShownFigures:
    """The figures as they may be shown: what the page and the CSV both read."""
    publisher = _Publisher()
    shown = ShownFigures(
        period=figures.period,
        area=figures.area,
        by_type=publisher.breakdown(figures.by_type),
        by_carer_group=publisher.breakdown(figures.by_carer_group),
        by_area=publisher.breakdown(figures.by_area),
        # The page shows the number of decisions beside eligible and not eligible.
        eligibility=publisher.split(figures.eligibility, total_published=True),
        # Based on and not counted add up to the assessments completed, shown in the breakdowns.
        contact_to_assessment=publisher.duration(figures.contact_to_assessment, total_published=True),
        # Plans agreed are not published as a total (later versions of a plan are left out).
        assessment_to_plan=publisher.duration(figures.assessment_to_plan, total_published=False),
        # Reviews on time and late are shown without a total; their percentages follow the rule above.
        reviews_on_time=publisher.split(figures.reviews_on_time, total_published=False),
        self_assessments=publisher.single(figures.self_assessments),
        carers_identified=publisher.single(figures.carers_identified),
        contacts_logged=publisher.single(figures.contacts_logged),
        support=[publisher.support(line) for line in figures.support],
        partnership=[publisher.partnership(line) for line in figures.partnership],
        # Each service's line stands alone (no total is published), as the support delivered does.
        signposted=[
            ShownSignpostLine(line.label, publisher.single(line.number), publisher.single(line.carers))
            for line in figures.signposted
        ],
    )
    return replace(shown, note=_withheld_note()) if publisher.hid_something else shown


def as_rows(figures: TeamFigures) -> list[tuple[str, str, str, object]]:
    """(figure, group, measure, value) for every number on the page: the CSV download. No personal data.

    The rows are made from ``publish(figures)``, as the page is, so they hide what it hides.
    """
    shown = publish(figures)
    rows: list[tuple[str, str, str, object]] = []
    for title, breakdown in (
        (_("Assessments by type"), shown.by_type),
        (_("Assessments by carer group"), shown.by_carer_group),
        (_("Assessments by area"), shown.by_area),
    ):
        for row in breakdown.rows:
            rows.append((title, row.label, _("Started"), row.started))
            rows.append((title, row.label, _("Completed"), row.completed))
        rows.append((title, _("Total"), _("Started"), breakdown.started))
        rows.append((title, _("Total"), _("Completed"), breakdown.completed))
    elig = shown.eligibility
    title = _("Eligibility decisions")
    rows += [
        (title, _("Eligible"), _("Number"), elig.yes),
        (title, _("Eligible"), _("Percentage"), elig.yes_percent),
        (title, _("Not eligible"), _("Number"), elig.no),
        (title, _("Not eligible"), _("Percentage"), elig.no_percent),
        (title, _("Total"), _("Number"), elig.known),
    ]
    for title, duration, unknown_label in (
        (_("Days from first contact to completed assessment"), shown.contact_to_assessment, _("No contact recorded")),
        (
            _("Days from completed assessment to agreed support plan"),
            shown.assessment_to_plan,
            _("Days not recorded"),
        ),
    ):
        rows += [
            (title, "", _("Median days"), duration.median or ""),
            (title, "", _("Based on"), duration.based_on),
            (title, "", unknown_label, duration.unknown),
        ]
    reviews = shown.reviews_on_time
    title = _("Reviews")
    rows += [
        (title, _("On time"), _("Number"), reviews.yes),
        (title, _("On time"), _("Percentage"), reviews.yes_percent),
        (title, _("Late"), _("Number"), reviews.no),
        (title, _("Timing not recorded"), _("Number"), reviews.unknown),
    ]
    title = _("Other activity")
    rows += [
        (title, _("Self-assessments received"), _("Number"), shown.self_assessments),
        (title, _("Carers identified"), _("Number"), shown.carers_identified),
        (title, _("Contacts logged"), _("Number"), shown.contacts_logged),
    ]
    title = _("Support delivered")
    for line in shown.support if shown.support_has_data else []:
        rows += [(title, line.label, _("Number"), line.number), (title, line.label, _("Carers"), line.carers)]
        if line.hours:
            rows.append((title, line.label, _("Hours"), line.hours))
        if line.money:
            rows.append((title, line.label, _("Money"), line.money))
    title = _("Referrals and the partnership")
    for line in shown.partnership if shown.partnership_has_data else []:
        rows.append((title, line.label, _("Number"), line.number))
        if line.carers != "":
            rows.append((title, line.label, _("Carers"), line.carers))
        if line.money:
            rows.append((title, line.label, _("Money"), line.money))
    title = _("Signposted, by service")
    for line in shown.signposted:
        rows += [(title, line.label, _("Times signposted"), line.number), (title, line.label, _("Carers"), line.carers)]
    if shown.note:
        rows.append((_("About these figures"), "", "", shown.note))
    return rows
