"""The questions of the carers surveys whose answers are recorded here, and the checking of a return. No Django.

Two surveys:

**SACE**, the Personal Social Services Survey of Adult Carers in England (NHS England, formerly NHS
Digital; every other year, in the autumn, of carers known to the council): only the questions behind
the carer measures of the Adult Social Care Outcomes Framework (ASCOF):

- 1D carer-reported quality of life: six questions (occupation, control over daily life, looking
  after yourself, personal safety, social participation, encouragement and support), each with three
  answers, the first scored 2, the second 1, the last 0;
- 3B overall satisfaction of carers with social services;
- 3C carers included or consulted in discussions about the person they care for;
- 3D (part 2) carers who find it easy to find information about services.

Checked (stored copies, 2014-2023): the scoring of 1D ("no unmet needs (1st answer option) = 2, some
needs met (2nd) = 1, no needs met (the last answer option for each question) = 0", LG Inform metric
10671, and the score out of 12 in NHS Digital's and QualityWatch's tables); that the occupation and the
encouragement and support questions have three answers, worded as below (NHS Digital's SACE 2014-15
release quotes all three of each and their shares, which add up to 100%). The issue spoke of
four-option answers: the SACE quality of life questions have three (the four-level version is the
ASCOT-Carer research instrument, not the survey). NOT checked against the questionnaire itself: the
exact wording of the other four quality of life questions and of the 3B, 3C and 3D questions and their
answers (written here as we know them from the SACE questionnaire), and the question numbers, which
change between survey years (so answers are kept by our codes, not by number).

**Wales**: the carers' questionnaire of the performance measurement framework under the Social
Services and Well-being (Wales) Act 2014 (Code of practice in relation to measuring social services
performance, issued under section 145, 2015, in force April 2016): well-being statements a carer
answers "yes", "sometimes" or "no", each measure the percentage answering "yes". NOT checked: the
statements' exact wording and numbering (written here as we know them), whether "don't know" was an
answer, and whether the 2020 Performance and Improvement Framework kept these measures (the 2020 code
replaced the 2016 one and, as far as we could see, moved to local surveys): a council using another
wording should say so beside its figures.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from carershub.core.i18n import gettext_noop

SACE = "sace"
WALES = "wales"
SURVEYS = {SACE: gettext_noop("Survey of Adult Carers in England"),
           WALES: gettext_noop("Carers' well-being survey (Wales)")}


@dataclass(frozen=True)
class Option:
    code: str
    text: str
    score: int | None = None  # quality of life points (1D), else None
    counts: bool = False  # in a percentage measure's numerator
    not_applicable: bool = False  # left out of the measure by its method (e.g. "we haven't received any support")


@dataclass(frozen=True)
class Question:
    code: str
    survey: str
    text: str
    options: tuple[Option, ...]
    domain: str = ""  # for the six quality of life questions

    def option(self, code: str) -> Option | None:
        return next((o for o in self.options if o.code == code), None)


def _qol(code, domain, text, first, second, last):
    return Question(code, SACE, text, (Option("1", first, 2), Option("2", second, 1), Option("3", last, 0)), domain)


QUALITY_OF_LIFE = (
    _qol("occupation", gettext_noop("Occupation"),
         gettext_noop("Which of the following statements best describes how you spend your time?"),
         gettext_noop("I'm able to spend my time as I want, doing things I value or enjoy"),
         gettext_noop("I do some of the things I value or enjoy with my time but not enough"),
         gettext_noop("I don't do anything I value or enjoy with my time")),
    _qol("control", gettext_noop("Control over daily life"),
         gettext_noop("Which of the following statements best describes how much control you have over your daily life?"),
         gettext_noop("I have as much control over my daily life as I want"),
         gettext_noop("I have some control over my daily life but not enough"),
         gettext_noop("I have no control over my daily life")),
    _qol("self_care", gettext_noop("Looking after yourself"),
         gettext_noop("Thinking about how much time you have to look after yourself, in terms of getting enough sleep "
                      "or eating well, which statement best describes your present situation?"),
         gettext_noop("I look after myself"),
         gettext_noop("Sometimes I can't look after myself well enough"),
         gettext_noop("I feel I am neglecting myself")),
    _qol("safety", gettext_noop("Personal safety"),
         gettext_noop("Thinking about your personal safety, which of the statements best describes your present situation?"),
         gettext_noop("I have no worries about my personal safety"),
         gettext_noop("I have some worries about my personal safety"),
         gettext_noop("I am extremely worried about my personal safety")),
    _qol("social", gettext_noop("Social participation"),
         gettext_noop("Thinking about how much social contact you've had with people you like, which of the following "
                      "statements best describes your social situation?"),
         gettext_noop("I have as much social contact as I want with people I like"),
         gettext_noop("I have some social contact with people but not enough"),
         gettext_noop("I have little social contact with people and feel socially isolated")),
    _qol("encouragement", gettext_noop("Encouragement and support"),
         gettext_noop("Thinking about encouragement and support in your caring role, which of the following statements "
                      "best describes your present situation?"),
         gettext_noop("I feel I have encouragement and support"),
         gettext_noop("I feel I have some encouragement and support but not enough"),
         gettext_noop("I feel I have no encouragement and support")),
)

SATISFACTION = Question("satisfaction", SACE, gettext_noop(
    "Overall, how satisfied or dissatisfied are you with the support or services you and the person you care for "
    "have received from Social Services in the last 12 months?"), (
    Option("1", gettext_noop("I am extremely satisfied"), counts=True),
    Option("2", gettext_noop("I am very satisfied"), counts=True),
    Option("3", gettext_noop("I am quite satisfied")),
    Option("4", gettext_noop("I am neither satisfied nor dissatisfied")),
    Option("5", gettext_noop("I am quite dissatisfied")),
    Option("6", gettext_noop("I am very dissatisfied")),
    Option("7", gettext_noop("I am extremely dissatisfied")),
    Option("8", gettext_noop("We haven't received any support or services from Social Services in the last 12 months"),
           not_applicable=True),
))
INVOLVEMENT = Question("involvement", SACE, gettext_noop(
    "In the last 12 months, do you feel you have been involved or consulted as much as you wanted to be, in "
    "discussions about the support or services provided to the person you care for?"), (
    Option("1", gettext_noop("I always felt involved or consulted"), counts=True),
    Option("2", gettext_noop("I usually felt involved or consulted"), counts=True),
    Option("3", gettext_noop("I sometimes felt involved or consulted")),
    Option("4", gettext_noop("I never felt involved or consulted")),
    Option("5", gettext_noop("There have been no discussions that I am aware of in the last 12 months"),
           not_applicable=True),
))
INFORMATION = Question("information", SACE, gettext_noop(
    "In the last 12 months, have you found it easy or difficult to find information and advice about support, "
    "services or benefits?"), (
    Option("1", gettext_noop("Very easy to find"), counts=True),
    Option("2", gettext_noop("Fairly easy to find"), counts=True),
    Option("3", gettext_noop("Fairly difficult to find")),
    Option("4", gettext_noop("Very difficult to find")),
    Option("5", gettext_noop("I have not tried to find information or advice in the last 12 months"),
           not_applicable=True),
))


def _yes_no(code, text):
    return Question(code, WALES, text, (
        Option("yes", gettext_noop("Yes"), counts=True), Option("sometimes", gettext_noop("Sometimes")),
        Option("no", gettext_noop("No")), Option("dont_know", gettext_noop("Don't know"), not_applicable=True),
    ))


WALES_QUESTIONS = (
    _yes_no("w_supported", gettext_noop("I feel supported to continue in my caring role")),
    _yes_no("w_information", gettext_noop("I have had the right information or advice when I needed it")),
    _yes_no("w_involved", gettext_noop(
        "I have been actively involved in all decisions about how the care and support was provided for the person "
        "I care for")),
    _yes_no("w_contact", gettext_noop("I know who to contact about my care and support")),
)

QUESTIONS: dict[str, Question] = {q.code: q for q in (*QUALITY_OF_LIFE, SATISFACTION, INVOLVEMENT, INFORMATION,
                                                       *WALES_QUESTIONS)}


def questions_of(survey: str) -> list[Question]:
    return [q for q in QUESTIONS.values() if q.survey == survey]


# ---------------------------------------------------------------- checking a return

YEAR = re.compile(r"^(\d{4})(?:\s*[-/]\s*(\d{2}|\d{4}))?$")
FIRST_YEAR, LAST_YEAR = 2009, 2100  # SACE began in 2009-10

PROBLEMS = {
    "survey": gettext_noop("\"%(value)s\" is not a survey: use \"sace\" or \"wales\""),
    "year": gettext_noop("\"%(value)s\" is not a survey year: give the year it started, like 2023 or 2023-24"),
    "year_range": gettext_noop("The survey year must be from 2009 to 2100"),
    "answer": gettext_noop("\"%(value)s\" is not an answer to \"%(question)s\": use %(allowed)s, or leave it empty"),
    "other_survey": gettext_noop("\"%(question)s\" is not a question of this survey: leave it empty"),
    "nothing": gettext_noop("The return has no answers"),
    "reference": gettext_noop("The reference can have at most 40 letters, numbers, dashes or slashes"),
}


def parse_year(text: str) -> tuple[int | None, str | None]:
    """A survey year as the year it started ("2023-24" and "2023" are 2023), or a problem code."""
    match = YEAR.match((text or "").strip())
    if not match:
        return None, "year"
    year = int(match.group(1))
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return None, "year_range"
    return year, None


def year_label(year: int) -> str:
    return f"{year}-{(year + 1) % 100:02d}"


REFERENCE = re.compile(r"^[A-Za-z0-9/_.-]{1,40}$")


def check_answers(survey: str, answers: Mapping[str, str]) -> tuple[dict[str, str], list[tuple[str, dict]]]:
    """The answers kept (question code -> option code; empty answers left out) and the problems found,
    as (problem code, parameters). An answer to another survey's question is a problem, not ignored."""
    kept: dict[str, str] = {}
    problems: list[tuple[str, dict]] = []
    for code, value in answers.items():
        value = (value or "").strip().lower().replace("'", "").replace(" ", "_")
        if not value:
            continue
        question = QUESTIONS.get(code)
        if question is None:
            continue
        if question.survey != survey:
            problems.append(("other_survey", {"question": question.code}))
            continue
        if question.option(value) is None:
            problems.append(("answer", {"value": value, "question": question.code,
                                        "allowed": ", ".join(o.code for o in question.options)}))
            continue
        kept[code] = value
    if not kept and not problems:
        problems.append(("nothing", {}))
    return kept, problems
