"""Demo carers survey returns (issue 12): synthetic answers, no real carer's.

Marchester gets Survey of Adult Carers in England returns for 2023-24, Afon Valley returns of the Welsh
carers' well-being survey for 2024-25; a few leave questions unanswered or say a question does not
apply, so the page shows its exclusions. Running it again changes nothing (each return has a reference).
"""

import random

from carershub.partnership.models import Area
from carershub.reporting.survey import questionnaire
from carershub.reporting.survey.models import SurveyReturn

RETURNS = {"E06999901": ("sace", 2023, 46), "W06999901": ("wales", 2024, 34)}
# How likely each answer is (in the option order of questionnaire.py), and how often a question is skipped.
SKIPPED = 0.06


def _answers(rng: random.Random, survey: str) -> dict:
    answers = {}
    for question in questionnaire.questions_of(survey):
        if rng.random() < SKIPPED:
            continue
        options = [o.code for o in question.options]
        weights = [max(1, len(options) - i) ** 2 for i in range(len(options))]
        answers[question.code] = rng.choices(options, weights=weights)[0]
    return answers


def make(*, today, staff, orgs) -> None:
    rng = random.Random(2026)
    actor = staff.get("commissioner")
    for code, (survey, year, count) in RETURNS.items():
        area = Area.objects.filter(code=code).first()
        if area is None or SurveyReturn.objects.filter(area=area, survey=survey, year=year).exists():
            continue
        SurveyReturn.objects.bulk_create([
            SurveyReturn(area=area, survey=survey, year=year, reference=f"DEMO-{n:04d}", answers=_answers(rng, survey),
                         entered_by=actor)
            for n in range(1, count + 1)
        ])
