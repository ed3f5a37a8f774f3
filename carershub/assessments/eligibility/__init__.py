"""Carer eligibility rules for England and Wales, as explainable pure Python.

No Django import anywhere in this package, on purpose (like the project's other
pure rules): the rules are unit-tested fast and the Django layer stores the
inputs and the ``Decision`` as JSON.

Law implemented
===============

* England -- The Care and Support (Eligibility Criteria) Regulations 2015
  (SI 2015/313), regulation 3; in force from 1 April 2015. See ``england``.
  Versions: ``ENGLAND_2015`` and ``ENGLAND_2026`` (current: later limbs "not
  considered" after a failed one; ``Ability.DOES_NOT_APPLY``).
* Wales -- The Care and Support (Eligibility) (Wales) Regulations 2015
  (SI 2015/1578 (W. 187)), regulations 5 and 6; applied from 6 April 2016.
  See ``wales``, including its note on what could not be checked against the
  made text. Versions: ``WALES_2016`` and ``WALES_2026`` (current: "not
  considered", "does not apply", the reg. 6 scale ``OthersHelp`` for help from
  others or community services, and fluctuating needs as a warning,
  ``Decision.warnings``, that never blocks the decision).
* Frameworks (``carershub.assessments.frameworks``, pure): ``decide`` takes a
  ``framework`` and refuses, with ``NoNationalCriteria``, one without national
  eligibility criteria in the nation.

Design
======

* ``data``: inputs are ``CarerNeedsAnswers`` with stable string codes (``str``
  enums); results are one ``CriterionResult`` per statutory criterion, in
  statutory order, gathered in a ``Decision``. ``Decision.eligible`` is
  ``True``/``False``/``None`` (None = cannot decide; ``missing`` lists why).
  ``Decision.to_dict()``/``from_dict()`` store the rendered English too, so a
  stored decision reads the same even after ``MESSAGES`` or the rules change;
  ``from_dict`` never consults ``RULE_VERSIONS``.
* ``england`` and ``wales``: each nation's criteria, with the law text and
  citation (``CITATIONS``) next to each rule, and its ``RuleSet``.
  ``shared`` holds what both use.
* ``versions``: ``decide(answers, rule_version=None) -> Decision``.
  ``RULE_VERSIONS`` maps a version string to a ``RuleSet``; add new versions
  alongside the old ones, never edit an old one.
* ``messages``: every English sentence of a decision lives in ``MESSAGES``
  (keyed by code, ``str.format`` named fields), in the carer's voice for
  letters; ``STAFF_MESSAGES`` has the same sentences about the carer for staff
  pages. ``render(code, detail, messages=...)`` fills either. The Django layer
  can translate by passing its own (translated) mapping.
* ``matters``: the matters each Act requires an assessment to cover before a
  decision, per nation and framework (``missing``), and the well-being checks.
* ``questions``: the one description of which questions each nation asks, how
  they are worded and the labels of their coded answers, read by the staff form,
  the API serializer and so the API docs.

Everything public is importable from this package itself, e.g.
``from carershub.assessments import eligibility`` then ``eligibility.decide``.
"""

from .data import (
    DECISION_SCHEMA,
    DECISION_SCHEMAS,
    DEFAULT_FRAMEWORK,
    ENGLAND_OUTCOMES,
    MISSING_ACHIEVABLE,
    MISSING_CARED_FOR,
    MISSING_FLUCTUATE,
    MISSING_HEALTH,
    MISSING_NECESSARY_CARE,
    MISSING_NEEDS_ARISE,
    MISSING_OTHERS,
    MISSING_OTHERS_HELP,
    MISSING_PERIOD,
    MISSING_PERSONAL_OUTCOMES,
    MISSING_WELLBEING,
    NOT_CONSIDERED_SUFFIX,
    OUTCOMES_BY_NATION,
    WALES_MATTERS,
    Ability,
    CaredFor,
    CarerNeedsAnswers,
    CriterionResult,
    Decision,
    EnglandOutcome,
    Nation,
    OthersHelp,
    OutcomeAnswer,
    RuleSet,
    WalesMatter,
)
from .england import ENGLAND_2015, ENGLAND_2026, ENGLAND_SI, ENGLAND_UNABLE
from .matters import MATTERS, Matter, areas_for, matters_for, wellbeing_contradiction
from .matters import missing as missing_matters
from .messages import MESSAGES, STAFF_MESSAGES, render, render_missing
from .questions import (
    ABILITY_LABELS,
    CARED_FOR_LABELS,
    LABELS,
    NATION_LABELS,
    OTHERS_HELP_LABELS,
    OUTCOME_KIND,
    QUESTIONS,
    YES_NO_LABELS,
    Question,
    questions_for,
)
from .versions import (
    CITATIONS,
    CURRENT_RULE_VERSIONS,
    RULE_VERSIONS,
    NoNationalCriteria,
    check_framework,
    decide,
    nation_for_authority_country,
)
from .wales import (
    DETERMINATION_MESSAGES,
    WALES_2016,
    WALES_2026,
    WALES_CANNOT_MEET_ALONE,
    WALES_SI,
    WARNING_FLUCTUATION_PERIOD,
    WARNING_FLUCTUATION_UNANSWERED,
    cannot_meet_reg6,
)

__all__ = [
    # Codes
    "Nation",
    "CaredFor",
    "Ability",
    "OthersHelp",
    "EnglandOutcome",
    "WalesMatter",
    "ENGLAND_OUTCOMES",
    "WALES_MATTERS",
    "OUTCOMES_BY_NATION",
    "ENGLAND_UNABLE",
    "WALES_CANNOT_MEET_ALONE",
    "MISSING_CARED_FOR",
    "MISSING_NEEDS_ARISE",
    "MISSING_NECESSARY_CARE",
    "MISSING_HEALTH",
    "MISSING_WELLBEING",
    "MISSING_FLUCTUATE",
    "MISSING_PERIOD",
    "MISSING_ACHIEVABLE",
    "MISSING_OTHERS",
    "MISSING_OTHERS_HELP",
    "MISSING_PERSONAL_OUTCOMES",
    "NOT_CONSIDERED_SUFFIX",
    "WARNING_FLUCTUATION_UNANSWERED",
    "WARNING_FLUCTUATION_PERIOD",
    # Answers and results
    "OutcomeAnswer",
    "CarerNeedsAnswers",
    "CriterionResult",
    "Decision",
    "DECISION_SCHEMA",
    "DECISION_SCHEMAS",
    "DEFAULT_FRAMEWORK",
    # Law and rule versions
    "ENGLAND_SI",
    "WALES_SI",
    "CITATIONS",
    "RuleSet",
    "ENGLAND_2015",
    "WALES_2016",
    "ENGLAND_2026",
    "WALES_2026",
    "RULE_VERSIONS",
    "CURRENT_RULE_VERSIONS",
    "DETERMINATION_MESSAGES",
    "NoNationalCriteria",
    "check_framework",
    "cannot_meet_reg6",
    "decide",
    "nation_for_authority_country",
    # Text
    "MESSAGES",
    "STAFF_MESSAGES",
    "render",
    "render_missing",
    # Questions
    "Question",
    "QUESTIONS",
    "questions_for",
    "LABELS",
    "NATION_LABELS",
    "CARED_FOR_LABELS",
    "ABILITY_LABELS",
    "YES_NO_LABELS",
    "OTHERS_HELP_LABELS",
    "OUTCOME_KIND",
    # Matters the Acts require (matters.py)
    "Matter",
    "MATTERS",
    "matters_for",
    "missing_matters",
    "wellbeing_contradiction",
    "areas_for",
]
