"""Carers survey returns: entering one, loading many from a CSV file, and the measures per area and year."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from carershub.partnership.models import Area
from carershub.reporting.survey import measures, questionnaire
from carershub.reporting.survey.models import SurveyReturn

UPLOAD_LIMIT = 10 * 1024 * 1024
AREA_COLUMNS = ("area_code", "area")
# The columns of a CSV file of returns, in order: where, which survey, then one column per question.
FIXED_COLUMNS = ("area_code", "survey", "year", "reference")


class Duplicate(Exception):
    def __init__(self, existing):
        super().__init__("duplicate reference")
        self.existing = existing


def problem_words(code: str, params: dict) -> str:
    params = dict(params)
    if "question" in params and params["question"] in questionnaire.QUESTIONS:
        params["question"] = _(questionnaire.QUESTIONS[params["question"]].text)
    return _(questionnaire.PROBLEMS[code]) % params


@transaction.atomic
def record_return(*, area, survey: str, year: int, answers: dict, reference: str = "", actor=None) -> SurveyReturn:
    """One return; a reference already recorded for the area, survey and year raises Duplicate."""
    if reference:
        existing = SurveyReturn.objects.select_for_update().filter(
            area=area, survey=survey, year=year, reference=reference).first()
        if existing is not None:
            raise Duplicate(existing)
    return SurveyReturn.objects.create(area=area, survey=survey, year=year, reference=reference, answers=answers,
                                       entered_by=actor)


@dataclass
class LoadReport:
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def decode(data: bytes) -> str | None:
    """The file's text (UTF-8, with or without a byte order mark, or Windows-1252 as Excel saves), or None."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def template_headings() -> list[str]:
    return [*FIXED_COLUMNS, *questionnaire.QUESTIONS]


def load_returns(text: str, *, actor=None) -> LoadReport:
    """Check every row of a CSV file of returns; when none has a problem, record them in one transaction.

    Each row needs its questionnaire reference: a row whose reference is already recorded for its area,
    survey and year replaces that return's answers (or leaves it as it is), so the same file loaded
    twice records each return once.
    """
    report = LoadReport()
    reader = csv.DictReader(io.StringIO(text))
    headings = [h.strip().lstrip("\ufeff").lower() for h in (reader.fieldnames or [])]
    reader.fieldnames = headings
    area_column = next((c for c in AREA_COLUMNS if c in headings), None)
    unknown = [h for h in headings if h and h not in (*FIXED_COLUMNS, *AREA_COLUMNS, *questionnaire.QUESTIONS)]
    if area_column is None or "survey" not in headings or "year" not in headings or "reference" not in headings:
        report.problems.append(_("The file needs the columns %(columns)s, then a column for each question") % {
            "columns": ", ".join(FIXED_COLUMNS)})
        return report
    if unknown:
        report.problems.append(_("Columns not recognised: %(columns)s") % {"columns": ", ".join(unknown)})
        return report
    areas = {a.code: a for a in Area.objects.all()}
    seen: dict[tuple, int] = {}
    rows = []
    try:
        for number, row in enumerate(reader, start=2):
            problems = []
            code = (row.get(area_column) or "").strip().upper()
            area = areas.get(code)
            if area is None:
                problems.append(_("%(value)s is not an area of this region") % {"value": code or _("(empty)")})
            survey = (row.get("survey") or "").strip().lower()
            if survey not in questionnaire.SURVEYS:
                problems.append(problem_words("survey", {"value": survey}))
            year, year_problem = questionnaire.parse_year(row.get("year") or "")
            if year_problem:
                problems.append(problem_words(year_problem, {"value": (row.get("year") or "").strip()}))
            reference = (row.get("reference") or "").strip()
            if not reference:
                problems.append(_("The questionnaire reference is missing"))
            elif not questionnaire.REFERENCE.match(reference):
                problems.append(problem_words("reference", {}))
            answers = {}
            if survey in questionnaire.SURVEYS:
                answers, found = questionnaire.check_answers(
                    survey, {k: v for k, v in row.items() if k in questionnaire.QUESTIONS})
                problems += [problem_words(c, p) for c, p in found]
            key = (code, survey, year, reference)
            if not problems and key in seen:
                problems.append(_("the same return as row %(row)s") % {"row": seen[key]})
            seen.setdefault(key, number)
            for problem in problems:
                report.problems.append(_("Row %(row)s: %(problem)s") % {"row": number, "problem": problem})
            rows.append((area, survey, year, reference, answers))
    except csv.Error:
        report.problems.append(_("The file could not be read as CSV"))
    if not rows and not report.problems:
        report.problems.append(_("The file has no returns"))
    if report.problems:
        return report
    with transaction.atomic():
        for area, survey, year, reference, answers in rows:
            existing = SurveyReturn.objects.select_for_update().filter(
                area=area, survey=survey, year=year, reference=reference).first()
            if existing is None:
                SurveyReturn.objects.create(area=area, survey=survey, year=year, reference=reference,
                                            answers=answers, entered_by=actor)
                report.added += 1
            elif existing.answers != answers:
                existing.answers = answers
                existing.save(update_fields=["answers"])
                report.changed += 1
            else:
                report.unchanged += 1
    return report


# ---------------------------------------------------------------- measures


@dataclass(frozen=True)
class Group:
    area: Area | None  # None: all areas together
    year: int
    results: list[measures.Result]

    @property
    def returns(self) -> int:
        return self.results[0].returns if self.results else 0


def years(survey: str) -> list[int]:
    return sorted(set(SurveyReturn.objects.filter(survey=survey).values_list("year", flat=True)), reverse=True)


def groups(survey: str, *, year: int | None = None, area: Area | None = None) -> list[Group]:
    """The survey's measures per area and year (newest year first), and for each year all areas together."""
    found = SurveyReturn.objects.filter(survey=survey)
    if year is not None:
        found = found.filter(year=year)
    if area is not None:
        found = found.filter(area=area)
    by_key: dict[tuple[int, int], list[dict]] = {}
    for area_id, year_, answers in found.values_list("area_id", "year", "answers").order_by():
        by_key.setdefault((year_, area_id), []).append(answers)
    names = {a.pk: a for a in Area.objects.filter(pk__in={k[1] for k in by_key})}
    out = []
    for year_ in sorted({k[0] for k in by_key}, reverse=True):
        keys = sorted((k for k in by_key if k[0] == year_), key=lambda k: names[k[1]].name)
        for key in keys:
            out.append(Group(names[key[1]], year_, measures.results(survey, by_key[key])))
        if len(keys) > 1:
            everyone = [answers for key in keys for answers in by_key[key]]
            out.append(Group(None, year_, measures.results(survey, everyone)))
    return out


def home_items(user):
    """A shortcut on the home page for those who may see the survey measures."""
    from django.urls import reverse

    from carershub.core.workqueues import Shortcut
    from carershub.reporting.survey.rules import VIEW_SURVEY

    if not user.has_perm(VIEW_SURVEY):
        return []
    return [Shortcut(reverse("survey:index"), _("Carers survey"), order=36)]
