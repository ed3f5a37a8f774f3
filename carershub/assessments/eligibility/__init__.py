"""Carer eligibility rules for England and Wales, as explainable pure Python.

No Django import anywhere in this package, on purpose (like the project's other
pure rules): the rules are unit-tested fast and the Django layer stores the
inputs and the ``Decision`` as JSON.

Law implemented
===============

* England -- The Care and Support (Eligibility Criteria) Regulations 2015
  (SI 2015/313), regulation 3; in force from 1 April 2015. See ``england``.
* Wales -- The Care and Support (Eligibility) (Wales) Regulations 2015
  (SI 2015/1578 (W. 187)), regulations 5 and 6; applied from 6 April 2016.
  See ``wales``, including its note on what could not be checked against the
  made text.

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
  (keyed by code, ``str.format`` named fields); ``render(code, detail)`` fills
  them. The Django layer can translate by passing its own (translated) mapping.
* ``questions``: the one description of which questions each nation asks, how
  they are worded and the labels of their coded answers, read by the staff form,
  the API serializer and so the API docs.

Everything public is importable from this package itself, e.g.
``from carershub.assessments import eligibility`` then ``eligibility.decide``.
"""

from .data import (
    DECISION_SCHEMA,
    ENGLAND_OUTCOMES,
    MISSING_ACHIEVABLE,
    MISSING_CARED_FOR,
    MISSING_FLUCTUATE,
    MISSING_HEALTH,
    MISSING_NECESSARY_CARE,
    MISSING_NEEDS_ARISE,
    MISSING_OTHERS,
    MISSING_PERIOD,
    MISSING_PERSONAL_OUTCOMES,
    MISSING_WELLBEING,
    OUTCOMES_BY_NATION,
    WALES_MATTERS,
    Ability,
    CaredFor,
    CarerNeedsAnswers,
    CriterionResult,
    Decision,
    EnglandOutcome,
    Nation,
    OutcomeAnswer,
    RuleSet,
    WalesMatter,
)
from .england import ENGLAND_2015, ENGLAND_SI, ENGLAND_UNABLE
from .messages import MESSAGES, render, render_missing
from .questions import (
    ABILITY_LABELS,
    CARED_FOR_LABELS,
    LABELS,
    NATION_LABELS,
    OUTCOME_KIND,
    QUESTIONS,
    YES_NO_LABELS,
    Question,
    questions_for,
)
from .versions import CITATIONS, CURRENT_RULE_VERSIONS, RULE_VERSIONS, decide, nation_for_authority_country
from .wales import WALES_2016, WALES_CANNOT_MEET_ALONE, WALES_SI

__all__ = [
    # Codes
    "Nation",
    "CaredFor",
    "Ability",
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
    "MISSING_PERSONAL_OUTCOMES",
    # Answers and results
    "OutcomeAnswer",
    "CarerNeedsAnswers",
    "CriterionResult",
    "Decision",
    "DECISION_SCHEMA",
    # Law and rule versions
    "ENGLAND_SI",
    "WALES_SI",
    "CITATIONS",
    "RuleSet",
    "ENGLAND_2015",
    "WALES_2016",
    "RULE_VERSIONS",
    "CURRENT_RULE_VERSIONS",
    "decide",
    "nation_for_authority_country",
    # Text
    "MESSAGES",
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
    "OUTCOME_KIND",
]
