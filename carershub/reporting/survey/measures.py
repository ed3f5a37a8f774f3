"""The carer measures of the surveys, by their published method, from the returns' answers. No Django.

Each figure carries the number of returns behind it and the returns the method left out, and why.

- **ASCOF 1D, carer-reported quality of life** (SACE): each of the six questions scores 2, 1 or 0
  (questionnaire.QUALITY_OF_LIFE); a return's score is their sum, 0 to 12; returns missing an answer
  to any of the six are left out; the figure is the mean score of the rest, to one decimal place.
- **ASCOF 3B, overall satisfaction of carers with social services**: the percentage "extremely" or
  "very" satisfied, of those who answered, leaving out those who have had no support or services
  from social services in the last 12 months.
- **ASCOF 3C, carers included or consulted in discussions about the person they care for**: the
  percentage who "always" or "usually" felt involved or consulted, leaving out those aware of no
  discussions in the last 12 months.
- **ASCOF 3D part 2, carers who find it easy to find information about services**: the percentage
  finding it "very" or "fairly" easy, leaving out those who have not tried in the last 12 months.
- **Wales**: for each statement, the percentage answering "yes", of those answering yes, sometimes
  or no ("don't know" left out).

A return with no answer to a question is "not answered" and left out of that question's measure.
Measures are worked out here on the returns as recorded, unweighted: NHS England weights the
national and regional SACE results (each council a stratum, since 2014-15), not a council's own,
which is what is worked out here (checked: LG Inform metric 10671's description of the method).
Percentages and means are rounded half up to one decimal place, as ASCOF publishes them.

Small numbers: a figure resting on fewer than 5 returns is not shown, and a count of returns from 1
to 4 reads "fewer than 5" (reporting/disclosure.py's threshold). The returns are anonymous; the rule
keeps a reader who knows who answered in a small area from reading one carer's answers off a mean.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from carershub.core.i18n import gettext_noop
from carershub.reporting import disclosure
from carershub.reporting.survey import questionnaire as q

MIN_RETURNS = disclosure.THRESHOLD
ONE_PLACE = Decimal("0.1")


@dataclass(frozen=True)
class Measure:
    code: str
    survey: str
    name: str
    unit: str  # "score" (0 to 12) or "percent"
    definition: str
    questions: tuple[str, ...]


QOL_CODE = "ascof_1d"
MEASURES = (
    Measure(QOL_CODE, q.SACE, gettext_noop("Carer-reported quality of life (ASCOF 1D)"), "score", gettext_noop(
        "Mean score out of 12 of the six quality of life questions, each answer scoring 2, 1 or 0. Returns missing "
        "any of the six are left out."), tuple(x.code for x in q.QUALITY_OF_LIFE)),
    Measure("ascof_3b", q.SACE, gettext_noop("Overall satisfaction with support (ASCOF 3B)"), "percent", gettext_noop(
        "Percentage extremely or very satisfied with the support or services from social services in the last 12 "
        "months. Carers who have had no support or services are left out."), ("satisfaction",)),
    Measure("ascof_3c", q.SACE, gettext_noop("Involved in discussions about the person cared for (ASCOF 3C)"),
            "percent", gettext_noop(
                "Percentage who always or usually felt involved or consulted as much as they wanted in discussions "
                "about the support for the person they care for. Carers aware of no discussions are left out."),
            ("involvement",)),
    Measure("ascof_3d2", q.SACE, gettext_noop("Easy to find information (ASCOF 3D part 2)"), "percent", gettext_noop(
        "Percentage who found it very or fairly easy to find information and advice about support, services or "
        "benefits. Carers who have not tried are left out."), ("information",)),
    Measure("w_supported", q.WALES, gettext_noop("Feel supported to continue caring"), "percent", gettext_noop(
        "Percentage answering yes to \"I feel supported to continue in my caring role\", of those answering yes, "
        "sometimes or no."), ("w_supported",)),
    Measure("w_information", q.WALES, gettext_noop("Had the right information or advice"), "percent", gettext_noop(
        "Percentage answering yes to \"I have had the right information or advice when I needed it\", of those "
        "answering yes, sometimes or no."), ("w_information",)),
    Measure("w_involved", q.WALES, gettext_noop("Involved in decisions about the care of the person cared for"),
            "percent", gettext_noop(
                "Percentage answering yes to being actively involved in all decisions about the care and support of "
                "the person they care for, of those answering yes, sometimes or no."), ("w_involved",)),
    Measure("w_contact", q.WALES, gettext_noop("Know who to contact"), "percent", gettext_noop(
        "Percentage answering yes to \"I know who to contact about my care and support\", of those answering yes, "
        "sometimes or no."), ("w_contact",)),
)
MEASURES_BY_CODE = {m.code: m for m in MEASURES}


def measures_of(survey: str) -> list[Measure]:
    return [m for m in MEASURES if m.survey == survey]


@dataclass(frozen=True)
class Result:
    measure: Measure
    value: Decimal | None  # the mean or the percentage, worked out on based_on returns (None: no returns counted)
    based_on: int  # returns counted
    not_applicable: int  # left out by the method's own exclusion (an answer saying the question does not apply)
    not_answered: int  # left out for want of an answer (for 1D: to any of the six)
    numerator: int | None = None  # for a percentage

    @property
    def shown(self) -> bool:
        return self.value is not None and self.based_on >= MIN_RETURNS

    @property
    def returns(self) -> int:
        return self.based_on + self.not_applicable + self.not_answered


def _round(value: Decimal) -> Decimal:
    return value.quantize(ONE_PLACE, rounding=ROUND_HALF_UP)


def qol_score(answers: Mapping[str, str]) -> int | None:
    """A return's quality of life score, 0 to 12; None when any of the six is not answered (or not valid)."""
    total = 0
    for question in q.QUALITY_OF_LIFE:
        option = question.option(answers.get(question.code, ""))
        if option is None or option.score is None:
            return None
        total += option.score
    return total


def quality_of_life(returns: Iterable[Mapping[str, str]]) -> Result:
    scores, missing = [], 0
    for answers in returns:
        score = qol_score(answers)
        if score is None:
            missing += 1
        else:
            scores.append(score)
    value = _round(Decimal(sum(scores)) / len(scores)) if scores else None
    return Result(MEASURES_BY_CODE[QOL_CODE], value, len(scores), 0, missing)


def percentage(measure: Measure, returns: Iterable[Mapping[str, str]]) -> Result:
    (code,) = measure.questions
    question = q.QUESTIONS[code]
    yes = counted = not_applicable = not_answered = 0
    for answers in returns:
        option = question.option(answers.get(code, ""))
        if option is None:
            not_answered += 1
        elif option.not_applicable:
            not_applicable += 1
        else:
            counted += 1
            yes += option.counts
    value = _round(Decimal(yes) * 100 / counted) if counted else None
    return Result(measure, value, counted, not_applicable, not_answered, numerator=yes)


def results(survey: str, returns: Iterable[Mapping[str, str]]) -> list[Result]:
    """Every measure of the survey on one group of returns (one area, one year)."""
    answers = list(returns)
    out = []
    for measure in measures_of(survey):
        out.append(quality_of_life(answers) if measure.code == QOL_CODE else percentage(measure, answers))
    return out


def shown_count(count: int) -> int | str:
    """A count of returns as published: 1 to 4 read "fewer than 5"."""
    mark = disclosure.primary(count)
    return count if mark is None else disclosure.WORDS[mark]
