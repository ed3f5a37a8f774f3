"""Coverage against the Census: importing the Census 2021 unpaid-care table, and known carers as a share of it.

Other apps read the Census figures only through ``population(area)``, ``census_carers(area)`` and,
for many areas in one query, ``census_counts(areas)`` (the money app's spend per head, for one).
"""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Case, Count, IntegerField, Max, OuterRef, Q, Subquery, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from carershub.partnership.models import Area
from carershub.people.models import CarerProfile, CaringRelationship
from carershub.reporting import disclosure
from carershub.reporting.coverage import census
from carershub.reporting.coverage.models import CensusUnpaidCare

NOT_RECORDED = "not_recorded"
UPLOAD_LIMIT = 20 * 1024 * 1024  # the whole of England and Wales by lower tier authority is about 200 KB


# ---------------------------------------------------------------- for other apps


def figures_for(area: Area) -> CensusUnpaidCare | None:
    return CensusUnpaidCare.objects.filter(area=area).first()


def population(area: Area) -> int | None:
    """Usual residents aged 5 and over at the Census 2021 (ONS TS039), or None where not imported.

    The unpaid-care table counts only people aged 5 and over (the younger were not asked): a figure
    "per head" on it is per resident aged 5 and over, and should say so.
    """
    found = figures_for(area)
    return found.population if found else None


def census_carers(area: Area, band: str | None = None) -> int | None:
    """People giving unpaid care at the Census 2021 in the area (in one band, of people/caring.py's codes)."""
    found = figures_for(area)
    if found is None:
        return None
    return found.carers if band is None else found.band(band)


def census_counts(areas) -> dict[int, tuple[int, int]]:
    """{area id: (usual residents aged 5 and over, carers)} at the Census 2021, for the areas whose table was
    imported: one query, however many areas."""
    return {found.area_id: (found.population, found.carers)
            for found in CensusUnpaidCare.objects.filter(area__in=list(areas))}


# ---------------------------------------------------------------- importing


@dataclass
class ImportReport:
    imported: list[str] = field(default_factory=list)  # area names
    problems: list[str] = field(default_factory=list)  # translated, row by row
    skipped: list[str] = field(default_factory=list)  # rows of areas outside the region
    rows: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def _words(problem: census.Problem) -> str:
    return _(census.PROBLEMS[problem.code]) % dict(problem.params)


def decode(data: bytes) -> str | None:
    """The file's text (UTF-8, with or without a byte order mark, or Windows-1252 as Excel saves), or None."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def import_census(text: str, *, actor=None, source: str = "", synthetic: bool = False) -> ImportReport:
    """Check every row, then (when no row has a problem) replace the figures of each area in the file, in one
    transaction. Rows of areas outside the region are listed and skipped."""
    report = ImportReport()
    reader = csv.DictReader(io.StringIO(text))
    headings = reader.fieldnames or []
    known = {area.code: area for area in Area.objects.all()}
    try:
        reading = census.read(headings, reader, known_areas=known)
    except csv.Error:
        report.problems.append(_("The file could not be read as CSV"))
        return report
    report.rows = reading.rows
    for problem in reading.problems:
        (report.problems if problem.blocking else report.skipped).append(_words(problem))
    if reading.blocked:
        return report
    with transaction.atomic():
        for code, counts in sorted(reading.areas.items()):
            area = known[code]
            CensusUnpaidCare.objects.update_or_create(area=area, defaults={
                "area_name": counts.name[:200], "census_year": 2021, "population": counts.population,
                "no_care": counts.counts[census.NO_CARE],
                **{f"band_{band}": counts.counts[band] for band in census.BANDS},
                "synthetic": synthetic, "source": source[:300], "imported_by": actor, "imported_at": timezone.now(),
            })
            report.imported.append(area.name)
    return report


# ---------------------------------------------------------------- known carers


def _band_number():
    """The Census band of a caring relationship as 1 to 5 (people/caring.py: exact hours first, else the band chosen)."""
    whens = [
        When(hours_per_week__gte=50, then=Value(5)), When(hours_per_week__gte=35, then=Value(4)),
        When(hours_per_week__gte=20, then=Value(3)), When(hours_per_week__gte=10, then=Value(2)),
        When(hours_per_week__isnull=False, then=Value(1)),
    ]
    whens += [When(census_band=band, then=Value(n)) for n, band in enumerate(census.BANDS, start=1) if band]
    return Case(*whens, default=Value(None), output_field=IntegerField())


def known_carers(on: datetime.date, areas=None) -> dict[int, dict[str, int]]:
    """{area id: {band code or NOT_RECORDED: carers}}: people with a carer's record in the area on the day,
    identified by then and whose caring had not ended, each counted once, in the highest band of the
    people they cared for that day (census.band_of_carer). One query."""
    caring_now = CaringRelationship.objects.filter(carer_id=OuterRef("person_id")).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=on)).filter(Q(caring_since__isnull=True) | Q(caring_since__lte=on))
    highest = caring_now.values("carer_id").annotate(top=Max(_band_number())).values("top")
    carers = CarerProfile.objects.filter(identified_on__lte=on, person__area__isnull=False).filter(
        Q(caring_ended_on__isnull=True) | Q(caring_ended_on__gt=on))
    if areas is not None:
        carers = carers.filter(person__area__in=areas)
    counted = carers.annotate(top=Subquery(highest[:1])).values("person__area_id", "top").annotate(n=Count("pk"))
    result: dict[int, dict[str, int]] = {}
    for row in counted:
        band = census.BANDS[row["top"] - 1] if row["top"] else NOT_RECORDED
        bands = result.setdefault(row["person__area_id"], {})
        bands[band] = bands.get(band, 0) + row["n"]
    return result


def count_known_carers(choices: dict) -> dict:
    """What reporting/prepared.py keeps (decision 50): every area's known carers by band on the day."""
    counted = known_carers(datetime.date.fromisoformat(choices["on"]))
    return {"areas": {str(area): bands for area, bands in counted.items()}}


def kept_known_carers(on: datetime.date):
    """Every area's known carers on the day, counted once and kept: ({area id: {band: carers}}, prepared.Prepared);
    the counts are None while the background worker counts them."""
    from carershub.reporting import prepared

    found = prepared.read("coverage", {"on": on.isoformat()})
    if found.data is None:
        return None, found
    return {int(area): bands for area, bands in found.data["areas"].items()}, found


# ---------------------------------------------------------------- the published table


@dataclass(frozen=True)
class Line:
    code: str  # a band, NOT_RECORDED or "all"
    label: str
    census: int | None  # published Census count (not suppressed), None where the Census has no such line
    known: int | str  # a count, or the words that stand for a hidden one
    share: str  # "12.3%", "" (nothing to divide by) or "not shown"


@dataclass(frozen=True)
class AreaCoverage:
    area: Area
    figures: CensusUnpaidCare | None
    lines: list[Line]
    all_carers: Line
    high: Line  # 50 hours or more
    hid_something: bool


def band_labels() -> dict[str, str]:
    from carershub.people.choices import HoursBand

    labels = {value: str(label) for value, label in HoursBand.choices}
    labels[NOT_RECORDED] = _("Hours not recorded")
    return labels


def _share(known_mark, known: int, census_count: int | None) -> str:
    if not census_count:
        return ""
    if known_mark is not None:
        return _(disclosure.NOT_SHOWN)
    return f"{census.percent(known, census_count)}%"


def coverage(on: datetime.date, areas, counted: dict | None = None) -> list[AreaCoverage]:
    """Each area's known carers by band beside its Census carers, with small counts hidden (reporting/disclosure.py).

    Each area's column of known carers is published with its total, so secondary suppression applies;
    a share resting on a hidden count is not shown. The Census counts are published estimates and are
    shown as they are.
    """
    areas = list(areas)
    if counted is None:
        counted = known_carers(on, areas)
    figures = {f.area_id: f for f in CensusUnpaidCare.objects.filter(area__in=areas)}
    labels = band_labels()
    result = []
    for area in areas:
        bands = counted.get(area.pk, {})
        codes = [*census.BANDS, NOT_RECORDED]
        counts = [bands.get(code, 0) for code in codes]
        marks = disclosure.column(counts, total_published=True)
        found = figures.get(area.pk)
        lines = []
        for code, count, mark in zip(codes, counts, marks):
            census_count = found.band(code) if found and code in census.BANDS else None
            lines.append(Line(code, labels[code], census_count, count if mark is None else _(disclosure.WORDS[mark]),
                              _share(mark, count, census_count)))
        total = sum(counts)
        total_mark = disclosure.primary(total)
        all_carers = Line("all", _("All carers"), found.carers if found else None,
                          total if total_mark is None else _(disclosure.WORDS[total_mark]),
                          _share(total_mark, total, found.carers if found else None))
        high = next(line for line in lines if line.code == census.HIGH_BAND)
        hid = any(marks) or total_mark is not None
        result.append(AreaCoverage(area, found, lines, all_carers, high, hid))
    return result


def share_number(text: str):
    """A shown share ("12.3%") as a Decimal for the chart; None when hidden or empty."""
    from decimal import Decimal, InvalidOperation

    try:
        return Decimal(text.rstrip("%")) if text.endswith("%") else None
    except InvalidOperation:
        return None


def home_items(user):
    """A shortcut on the home page for those who may see coverage (no count: reading it costs nothing)."""
    from django.urls import reverse

    from carershub.core.workqueues import Shortcut
    from carershub.reporting.coverage.rules import VIEW_COVERAGE

    if not user.has_perm(VIEW_COVERAGE):
        return []
    return [Shortcut(reverse("coverage:index"), _("Coverage against the Census"), order=33)]
