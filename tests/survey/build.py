"""Builders for the carers survey: returns with given answers, and the quality of life answers by score."""

from carershub.reporting.survey.models import SurveyReturn

QOL = ("occupation", "control", "self_care", "safety", "social", "encouragement")


def qol(*options) -> dict:
    """The six quality of life answers, by option ("1" scores 2, "2" scores 1, "3" scores 0); None leaves one out."""
    return {code: option for code, option in zip(QOL, options) if option is not None}


def returns(area, answers_list, *, survey="sace", year=2023):
    return [SurveyReturn.objects.create(area=area, survey=survey, year=year, answers=answers, reference=f"R{n}")
            for n, answers in enumerate(answers_list, start=1)]
