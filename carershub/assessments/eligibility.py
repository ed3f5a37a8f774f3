"""Carer eligibility rules for England and Wales, as explainable pure Python.

No Django import on purpose (same approach as ``carershub.people.validation``):
the rules are unit-tested fast and the Django layer stores the inputs and the
``Decision`` as JSON.

Law implemented
===============

England -- The Care and Support (Eligibility Criteria) Regulations 2015
(SI 2015/313), regulation 3 ("Needs which meet the eligibility criteria:
carers"). Reg. 1: the Regulations come into force immediately after section
13(7) of the Care Act 2014 comes fully into force; s.13(7) came fully into force
on 1 April 2015 (SI 2015/993, art. 2(a)). Text relied on:

* 3(1) A carer's needs meet the eligibility criteria if (a) the needs arise as a
  consequence of providing necessary care for an adult; (b) the effect of the
  carer's needs is that any of the circumstances specified in paragraph (2)
  apply to the carer; and (c) as a consequence of that fact there is, or is
  likely to be, a significant impact on the carer's well-being.
* 3(2) (a) the carer's physical or mental health is, or is at risk of,
  deteriorating; (b) the carer is unable to achieve any of eight outcomes
  (see ``ENGLAND_OUTCOMES``). One outcome is enough ("any of").
* 3(3) "unable" = (a) unable to achieve it without assistance; (b) able without
  assistance but doing so causes significant pain, distress or anxiety; or
  (c) able without assistance but doing so endangers or is likely to endanger
  the health or safety of the carer, or of others. NOTE: unlike reg. 2(3)(d)
  for adults needing care, there is NO "takes significantly longer than would
  normally be expected" limb for carers.
* 3(4) Where the level of a carer's needs fluctuates, the local authority must
  take into account the carer's circumstances over such period as it considers
  necessary to establish accurately the carer's level of need.
* "Well-being" is the meaning in section 1(2) of the Care Act 2014.
* Care Act 2014 s.13(5): where none of the needs meet the eligibility criteria
  the local authority must give written advice and information about (a) what
  can be done to meet or reduce the needs and (b) what can be done to prevent or
  delay the development of needs in the future. (s.13(2): a written record of
  the determination and the reasons must be given in every case.)

Wales -- The Care and Support (Eligibility) (Wales) Regulations 2015
(SI 2015/1578 (W. 187)), made under s.32(3)-(5) of the Social Services and
Well-being (Wales) Act 2014 ("SSWA 2014"). Applies from 6 April 2016, the day
s.32 SSWA 2014 came into force (SI 2016/412, art. 2) and the date in reg. 1 of
the sibling Part 3/4 regulations (e.g. SI 2015/1335, 2015/1499); reg. 1 of
SI 2015/1578 itself was not seen -- verify.
Regulation 3 is adults, 4 children, 5 carers, 6 "ability to meet needs".

  VERIFY BEFORE RELYING ON SUB-PARAGRAPH LETTERS: the text of regs 5 and 6 as
  made could not be retrieved when this module was written. What was verified
  is (i) the official Explanatory Note: "In each case the criteria include a
  requirement about how the need in question arises, about whether it relates
  to one of the well-being-related factors, about whether or not the need can
  be met by the person alone or with assistance, and about whether or not a
  person is likely to achieve personal outcomes without provision of care and
  support by the local authority"; reg. 6 regards a person as unable to meet a
  need, "whether with assistance or without it", if they can only do so "by
  enduring significant pain, anxiety or distress, by endangering him or herself
  or another person, or by taking a significantly longer time than would
  normally be expected"; (ii) the full text of reg. 3 (adults), whose four
  limbs (a)-(d) follow that order; (iii) SSWA 2014 s.3 ("carer" = a person who
  provides or intends to provide care for an adult or disabled child) and s.32.
  The carer limbs below follow the Explanatory Note's order, cited as
  reg. 5(a)-(d); the seven "matters" are those of reg. 3(b) (including
  "fulfilment of caring responsibilities for a child"), as published by Welsh
  local authorities for carers. Check against legislation.gov.uk/wsi/2015/1578.

Wales eligibility is assessed per need: one need must satisfy limbs (b), (c)
and (d) together. SSWA 2014 s.32(1)(d) requires the authority to consider
whether the person would benefit from preventative services (s.15),
information, advice or assistance (s.17) or anything else available in the
community; s.32(1)(b) requires it, where needs do not meet the criteria, to
determine whether it is nevertheless necessary to meet them to protect an adult
from abuse or neglect or a risk of it.

Fluctuating needs in Wales: no fluctuation provision was seen in the parts of
SI 2015/1578 that could be read (regs 3 and 4, Explanatory Note);
Carers Hub applies the same "a period must have been considered" completeness
check in both nations and labels the Welsh one as service policy, not law.

Design
======

* Inputs: ``CarerNeedsAnswers`` with stable string codes (``str`` enums).
* ``decide(answers, rule_version=None) -> Decision``. ``Decision.eligible`` is
  ``True``/``False``/``None`` (None = cannot decide; ``missing`` lists why).
* One ``CriterionResult`` per statutory criterion, in statutory order.
* Every English sentence lives in ``MESSAGES`` (keyed by code, ``str.format``
  named fields). ``render(code, detail)`` fills them; list-valued
  parameters hold codes that are themselves looked up in ``MESSAGES``. The
  Django layer can translate by passing its own (translated) mapping.
* ``Decision.to_dict()``/``from_dict()`` store the rendered English too, so a
  stored decision reads the same even after ``MESSAGES`` or the rules change;
  ``from_dict`` never consults ``RULE_VERSIONS``.
* ``RULE_VERSIONS`` maps a version string to a ``RuleSet``; add new versions
  alongside the old ones, never edit an old one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any, Final


def gettext_noop(message: str) -> str:
    """Mark a string for extraction by ``makemessages`` without translating it."""
    return message


# ---------------------------------------------------------------------------
# Codes (stable: stored as JSON by the Django layer)
# ---------------------------------------------------------------------------


class Nation(StrEnum):
    ENGLAND = "england"
    WALES = "wales"


class CaredFor(StrEnum):
    """Who the carer looks after."""

    ADULT = "adult"
    DISABLED_CHILD = "disabled_child"
    CHILD_NOT_DISABLED = "child_not_disabled"


class Ability(StrEnum):
    """How the carer manages an outcome (England) or meets a need (Wales) on their own."""

    YES = "yes"  # manages it on their own, without any of the problems below
    ONLY_WITH_ASSISTANCE = "only_with_assistance"
    SIGNIFICANT_PAIN_DISTRESS_ANXIETY = "with_significant_pain_distress_anxiety"
    ENDANGERS_HEALTH_OR_SAFETY = "endangers_health_or_safety"
    TAKES_SIGNIFICANTLY_LONGER = "takes_significantly_longer"
    NO = "no"  # cannot do it at all


class EnglandOutcome(StrEnum):
    """SI 2015/313 reg. 3(2)(b)(i)-(viii), in statutory order."""

    CHILD_CARING_RESPONSIBILITIES = "england.child_caring_responsibilities"  # (i)
    CARE_FOR_OTHERS = "england.care_for_others"  # (ii)
    HABITABLE_HOME = "england.habitable_home"  # (iii)
    NUTRITION = "england.nutrition"  # (iv)
    RELATIONSHIPS = "england.relationships"  # (v)
    WORK_TRAINING_EDUCATION_VOLUNTEERING = "england.work_training_education_volunteering"  # (vi)
    COMMUNITY_FACILITIES_SERVICES = "england.community_facilities_services"  # (vii)
    RECREATIONAL_ACTIVITIES = "england.recreational_activities"  # (viii)


class WalesMatter(StrEnum):
    """SI 2015/1578 reg. 5 matters (same list as reg. 3(b)(i)-(vii)), in order."""

    SELF_CARE_DOMESTIC_ROUTINES = "wales.self_care_domestic_routines"  # (i)
    COMMUNICATION = "wales.communication"  # (ii)
    PROTECTION_FROM_ABUSE_NEGLECT = "wales.protection_from_abuse_neglect"  # (iii)
    WORK_EDUCATION_LEARNING_LEISURE = "wales.work_education_learning_leisure"  # (iv)
    FAMILY_SIGNIFICANT_RELATIONSHIPS = "wales.family_significant_relationships"  # (v)
    SOCIAL_RELATIONSHIPS_COMMUNITY = "wales.social_relationships_community"  # (vi)
    CHILD_CARING_RESPONSIBILITIES = "wales.child_caring_responsibilities"  # (vii)


ENGLAND_OUTCOMES: Final[tuple[EnglandOutcome, ...]] = tuple(EnglandOutcome)
WALES_MATTERS: Final[tuple[WalesMatter, ...]] = tuple(WalesMatter)

OUTCOMES_BY_NATION: Final[dict[Nation, tuple[str, ...]]] = {
    Nation.ENGLAND: tuple(o.value for o in ENGLAND_OUTCOMES),
    Nation.WALES: tuple(m.value for m in WALES_MATTERS),
}

# England reg. 3(3): the ways of being "unable". Deliberately excludes
# TAKES_SIGNIFICANTLY_LONGER (that limb exists only for adults, reg. 2(3)(d)).
ENGLAND_UNABLE: Final[frozenset[Ability]] = frozenset(
    {
        Ability.NO,
        Ability.ONLY_WITH_ASSISTANCE,
        Ability.SIGNIFICANT_PAIN_DISTRESS_ANXIETY,
        Ability.ENDANGERS_HEALTH_OR_SAFETY,
    }
)
# Wales: anything short of "yes" means the carer cannot meet the need alone
# (reg. 6 adds pain/distress/anxiety, danger and taking significantly longer).
WALES_CANNOT_MEET_ALONE: Final[frozenset[Ability]] = frozenset(set(Ability) - {Ability.YES})

# Missing-information codes (also keys in MESSAGES under "missing.").
MISSING_CARED_FOR: Final = "cared_for"
MISSING_NEEDS_ARISE: Final = "needs_arise_from_providing_care"
MISSING_NECESSARY_CARE: Final = "provides_necessary_care"
MISSING_HEALTH: Final = "health_deteriorating_or_at_risk"
MISSING_WELLBEING: Final = "significant_impact_on_wellbeing"
MISSING_FLUCTUATE: Final = "needs_fluctuate"
MISSING_PERIOD: Final = "fluctuation_period_considered"
MISSING_ACHIEVABLE: Final = "achievable"
MISSING_OTHERS: Final = "others_or_community_can_meet"
MISSING_PERSONAL_OUTCOMES: Final = "personal_outcomes_unlikely_without_council"


# ---------------------------------------------------------------------------
# Citations
# ---------------------------------------------------------------------------

ENGLAND_SI: Final = "The Care and Support (Eligibility Criteria) Regulations 2015 (SI 2015/313)"
WALES_SI: Final = "The Care and Support (Eligibility) (Wales) Regulations 2015 (SI 2015/1578 (W. 187))"

CITATIONS: Final[dict[str, str]] = {
    "england.necessary_care": f"{ENGLAND_SI}, reg. 3(1)(a)",
    "england.effect": f"{ENGLAND_SI}, reg. 3(1)(b), 3(2) and 3(3)",
    "england.wellbeing": f"{ENGLAND_SI}, reg. 3(1)(c); Care Act 2014, s. 1(2)",
    "england.fluctuation": f"{ENGLAND_SI}, reg. 3(4)",
    "england.prevention": "Care Act 2014, s. 13(5)",
    "wales.arises_from_caring": f"{WALES_SI}, reg. 5(a); Social Services and Well-being (Wales) Act 2014, s. 3",
    "wales.relates_to_matter": f"{WALES_SI}, reg. 5(b)",
    "wales.cannot_meet_need": f"{WALES_SI}, reg. 5(c) and reg. 6",
    "wales.personal_outcomes": f"{WALES_SI}, reg. 5(d)",
    "wales.fluctuation": "Carers Hub assessment policy (not a provision of SI 2015/1578)",
    "wales.prevention": "Social Services and Well-being (Wales) Act 2014, s. 32(1)(d) and s. 32(1)(b)",
}


# ---------------------------------------------------------------------------
# English text, keyed by code. Values go in through str.format named fields.
# ---------------------------------------------------------------------------

_MESSAGES: dict[str, str] = {
    # Labels for outcomes (England reg. 3(2)(b)) and matters (Wales reg. 5).
    EnglandOutcome.CHILD_CARING_RESPONSIBILITIES: gettext_noop("looking after a child you are responsible for"),
    EnglandOutcome.CARE_FOR_OTHERS: gettext_noop("caring for other people you look after"),
    EnglandOutcome.HABITABLE_HOME: gettext_noop("keeping your own home fit to live in"),
    EnglandOutcome.NUTRITION: gettext_noop("eating and drinking well"),
    EnglandOutcome.RELATIONSHIPS: gettext_noop("keeping up family and other personal relationships"),
    EnglandOutcome.WORK_TRAINING_EDUCATION_VOLUNTEERING: gettext_noop(
        "taking part in work, training, education or volunteering"
    ),
    EnglandOutcome.COMMUNITY_FACILITIES_SERVICES: gettext_noop(
        "using local facilities or services, including leisure facilities"
    ),
    EnglandOutcome.RECREATIONAL_ACTIVITIES: gettext_noop("taking part in leisure activities"),
    WalesMatter.SELF_CARE_DOMESTIC_ROUTINES: gettext_noop("looking after yourself or doing household tasks"),
    WalesMatter.COMMUNICATION: gettext_noop("communicating"),
    WalesMatter.PROTECTION_FROM_ABUSE_NEGLECT: gettext_noop("being protected from abuse or neglect"),
    WalesMatter.WORK_EDUCATION_LEARNING_LEISURE: gettext_noop(
        "taking part in work, education, learning or leisure activities"
    ),
    WalesMatter.FAMILY_SIGNIFICANT_RELATIONSHIPS: gettext_noop(
        "keeping up or developing family or other important personal relationships"
    ),
    WalesMatter.SOCIAL_RELATIONSHIPS_COMMUNITY: gettext_noop(
        "keeping up social relationships and being involved in your community"
    ),
    WalesMatter.CHILD_CARING_RESPONSIBILITIES: gettext_noop("looking after a child you are responsible for"),
    # England reg. 3(1)(a)
    "england.necessary_care.met": gettext_noop(
        "You provide necessary care to an adult, and your needs arise because of that care (regulation 3(1)(a))."
    ),
    "england.necessary_care.not_adult": gettext_noop(
        "The person you care for is not an adult. These carer rules only cover care for an adult "
        "(regulation 3(1)(a))."
    ),
    "england.necessary_care.not_necessary": gettext_noop(
        "The care you provide is not care the person needs, so it is not 'necessary care' (regulation 3(1)(a))."
    ),
    "england.necessary_care.not_arising": gettext_noop(
        "Your needs do not arise because of the care you provide (regulation 3(1)(a))."
    ),
    "england.necessary_care.missing": gettext_noop(
        "We need to know who you care for, whether the care is necessary and whether your needs arise "
        "because of it (regulation 3(1)(a))."
    ),
    # England reg. 3(1)(b), 3(2), 3(3)
    "england.effect.health_and_outcomes": gettext_noop(
        "Your physical or mental health is getting worse or is at risk, and you are unable to manage: "
        "{outcomes} (regulation 3(2) and 3(3))."
    ),
    "england.effect.health": gettext_noop(
        "Your physical or mental health is getting worse, or is at risk of getting worse (regulation 3(2)(a))."
    ),
    "england.effect.outcomes": gettext_noop(
        "You are unable to manage: {outcomes}. Being unable to manage one of these is enough "
        "(regulation 3(2)(b) and 3(3))."
    ),
    "england.effect.not_met": gettext_noop(
        "Your health is not getting worse or at risk, and you can manage all eight outcomes without help, "
        "without significant pain, distress or anxiety and without danger (regulation 3(2) and 3(3))."
    ),
    "england.effect.not_met_slower_only": gettext_noop(
        "Your health is not getting worse or at risk. It takes you much longer than usual to manage: "
        "{outcomes}, but in England taking longer does not count as being unable for carers "
        "(regulation 3(3))."
    ),
    "england.effect.missing": gettext_noop(
        "We need to know whether your health is at risk and how you manage each outcome (regulation 3(2))."
    ),
    # England reg. 3(1)(c)
    "england.wellbeing.met": gettext_noop(
        "As a result, there is, or is likely to be, a significant impact on your well-being "
        "(regulation 3(1)(c) and section 1(2) of the Care Act 2014)."
    ),
    "england.wellbeing.not_met": gettext_noop(
        "There is not, and is not likely to be, a significant impact on your well-being as a result "
        "(regulation 3(1)(c))."
    ),
    "england.wellbeing.missing": gettext_noop(
        "We need to know whether there is, or is likely to be, a significant impact on your well-being "
        "(regulation 3(1)(c))."
    ),
    # England reg. 3(4)
    "england.fluctuation.not_applicable": gettext_noop(
        "Your needs do not go up and down, so no longer period needed to be looked at (regulation 3(4))."
    ),
    "england.fluctuation.considered": gettext_noop(
        "Your needs go up and down. Your circumstances were looked at over this period: {period} "
        "(regulation 3(4))."
    ),
    "england.fluctuation.period_missing": gettext_noop(
        "Your needs go up and down, but no period has been recorded over which your circumstances were "
        "looked at. The council must look at a long enough period to judge your needs accurately, so we "
        "cannot decide yet (regulation 3(4))."
    ),
    "england.fluctuation.missing": gettext_noop(
        "We need to know whether your needs go up and down (regulation 3(4))."
    ),
    # Wales reg. 5(a)
    "wales.arises_from_caring.met": gettext_noop(
        "Your needs arise because you care for an adult or a disabled child (regulation 5)."
    ),
    "wales.arises_from_caring.not_adult_or_disabled_child": gettext_noop(
        "The person you care for is a child who is not disabled. These carer rules cover care for an adult "
        "or a disabled child (regulation 5 and section 3 of the Social Services and Well-being (Wales) Act 2014)."
    ),
    "wales.arises_from_caring.not_arising": gettext_noop(
        "Your needs do not arise because of the care you provide (regulation 5)."
    ),
    "wales.arises_from_caring.missing": gettext_noop(
        "We need to know who you care for and whether your needs arise because of that care (regulation 5)."
    ),
    # Wales reg. 5(b)
    "wales.relates_to_matter.met": gettext_noop("You have a need to do with: {matters} (regulation 5)."),
    "wales.relates_to_matter.not_met": gettext_noop(
        "You can manage every area on your own without significant pain, distress, anxiety, danger or "
        "taking much longer than usual, so you have no need in the listed areas (regulations 5 and 6)."
    ),
    "wales.relates_to_matter.missing": gettext_noop(
        "We need to know how you manage each area (regulation 5)."
    ),
    # Wales reg. 5(c) and 6
    "wales.cannot_meet_need.met": gettext_noop(
        "You cannot meet your need to do with {matters} on your own, with help from people willing to help, "
        "or with community services you can use. Managing only with significant pain, distress or anxiety, "
        "with danger, or by taking much longer than usual counts as not being able to (regulations 5 and 6)."
    ),
    "wales.cannot_meet_need.not_met": gettext_noop(
        "Your needs can be met on your own, with help from people willing to help, or with community "
        "services you can use (regulations 5 and 6)."
    ),
    "wales.cannot_meet_need.no_need": gettext_noop(
        "You have no need in the listed areas, so this condition cannot be met (regulation 5)."
    ),
    "wales.cannot_meet_need.missing": gettext_noop(
        "We need to know whether other people or community services can meet your needs (regulations 5 and 6)."
    ),
    # Wales reg. 5(d)
    "wales.personal_outcomes.met": gettext_noop(
        "You are unlikely to achieve one or more of your personal outcomes unless the council provides or "
        "arranges support, or direct payments, to meet your need to do with {matters} (regulation 5)."
    ),
    "wales.personal_outcomes.not_met": gettext_noop(
        "You are likely to achieve your personal outcomes without support arranged by the council "
        "(regulation 5)."
    ),
    "wales.personal_outcomes.no_qualifying_need": gettext_noop(
        "None of your needs meets the earlier conditions, so this condition cannot be met (regulation 5)."
    ),
    "wales.personal_outcomes.missing": gettext_noop(
        "We need to know whether you are likely to achieve your personal outcomes without support from "
        "the council (regulation 5)."
    ),
    # Wales fluctuation (service policy)
    "wales.fluctuation.not_applicable": gettext_noop("Your needs do not go up and down."),
    "wales.fluctuation.considered": gettext_noop(
        "Your needs go up and down. Your circumstances were looked at over this period: {period}."
    ),
    "wales.fluctuation.period_missing": gettext_noop(
        "Your needs go up and down, but no period has been recorded over which your circumstances were "
        "looked at, so we cannot decide yet."
    ),
    "wales.fluctuation.missing": gettext_noop("We need to know whether your needs go up and down."),
    # Overall decisions
    "decision.england.eligible": gettext_noop(
        "Your needs as a carer meet the national eligibility criteria for carers in England."
    ),
    "decision.england.not_eligible": gettext_noop(
        "Your needs as a carer do not meet the national eligibility criteria for carers in England."
    ),
    "decision.wales.eligible": gettext_noop(
        "At least one of your needs as a carer meets the eligibility criteria for carers in Wales."
    ),
    "decision.wales.not_eligible": gettext_noop(
        "None of your needs as a carer meets the eligibility criteria for carers in Wales."
    ),
    "decision.cannot_decide": gettext_noop("We cannot decide yet because some information is missing."),
    # Advice when not eligible
    "prevention.england": gettext_noop(
        "The council must give you written advice and information about what can be done to meet or reduce "
        "your needs, and to prevent or delay needs developing in the future (Care Act 2014, section 13(5))."
    ),
    "prevention.wales": gettext_noop(
        "The council must consider whether you would benefit from preventative services, information, advice "
        "or assistance, or anything else available in the community. It must also decide whether it is still "
        "necessary to meet your needs to protect you from abuse or neglect (Social Services and Well-being "
        "(Wales) Act 2014, section 32(1))."
    ),
    # Missing-information labels
    "missing.cared_for": gettext_noop("who you care for"),
    "missing.needs_arise_from_providing_care": gettext_noop("whether your needs arise because of caring"),
    "missing.provides_necessary_care": gettext_noop("whether the care you give is necessary"),
    "missing.health_deteriorating_or_at_risk": gettext_noop("whether your health is getting worse or at risk"),
    "missing.significant_impact_on_wellbeing": gettext_noop("whether there is a significant impact on your well-being"),
    "missing.needs_fluctuate": gettext_noop("whether your needs go up and down"),
    "missing.fluctuation_period_considered": gettext_noop("the period over which your circumstances were looked at"),
    "missing.achievable": gettext_noop("how you manage {item}"),
    "missing.others_or_community_can_meet": gettext_noop(
        "whether other people or community services can meet your need to do with {item}"
    ),
    "missing.personal_outcomes_unlikely_without_council": gettext_noop(
        "whether you can achieve your personal outcomes about {item} without the council's support"
    ),
}
# Plain ``str`` keys (the outcome/matter labels above are keyed by enum members).
MESSAGES: Final[dict[str, str]] = {str(key): value for key, value in _MESSAGES.items()}
del _MESSAGES


def render(code: str, detail: Mapping[str, Any] | None = None, messages: Mapping[str, str] = MESSAGES) -> str:
    """Fill the template for ``code`` from ``detail``.

    List values in ``detail`` are lists of codes (outcomes/matters); each is
    looked up in ``messages`` and joined with "; ". Pass a translated mapping as
    ``messages`` to render in another language.
    """
    params: dict[str, str] = {}
    for key, value in (detail or {}).items():
        if isinstance(value, (list, tuple)):
            params[key] = "; ".join(messages.get(str(item), str(item)) for item in value)
        elif value is None:
            params[key] = ""
        else:
            params[key] = str(value)
    return messages[code].format(**params)


def render_missing(item: str, messages: Mapping[str, str] = MESSAGES) -> str:
    """Render a missing-information code such as ``"achievable:england.nutrition"``."""
    field_code, _, subject = item.partition(":")
    template = messages["missing." + field_code]
    return template.format(item=messages.get(subject, subject)) if subject else template


# ---------------------------------------------------------------------------
# Inputs
# ---------------------------------------------------------------------------


def _opt_enum(enum_cls: type[StrEnum], value: Any) -> Any:
    return None if value is None else enum_cls(value)


def _opt_bool(name: str, value: Any) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    raise TypeError(f"{name} must be True, False or None, not {value!r}")


@dataclass(frozen=True)
class OutcomeAnswer:
    """The answer for one England outcome or one Wales matter.

    ``achievable``: how the carer manages it on their own.
    Wales only (ignored for England), both judged with reg. 6 in mind:
    ``others_or_community_can_meet``: can the need be met with the support of
    others who are willing to give it, or with community services the carer has
    access to?  ``personal_outcomes_unlikely_without_council``: is the carer
    unlikely to achieve one or more personal outcomes unless the council
    provides or arranges support (or direct payments) for this need?
    """

    code: str
    achievable: Ability | None = None
    others_or_community_can_meet: bool | None = None
    personal_outcomes_unlikely_without_council: bool | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "code", str(self.code))
        object.__setattr__(self, "achievable", _opt_enum(Ability, self.achievable))
        _opt_bool("others_or_community_can_meet", self.others_or_community_can_meet)
        _opt_bool("personal_outcomes_unlikely_without_council", self.personal_outcomes_unlikely_without_council)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "achievable": None if self.achievable is None else self.achievable.value,
            "others_or_community_can_meet": self.others_or_community_can_meet,
            "personal_outcomes_unlikely_without_council": self.personal_outcomes_unlikely_without_council,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> OutcomeAnswer:
        return cls(
            code=data["code"],
            achievable=data.get("achievable"),
            others_or_community_can_meet=data.get("others_or_community_can_meet"),
            personal_outcomes_unlikely_without_council=data.get("personal_outcomes_unlikely_without_council"),
        )


@dataclass(frozen=True)
class CarerNeedsAnswers:
    """Everything the rules need. ``None`` always means "not answered yet".

    Fields used by both nations: ``nation``, ``cared_for``,
    ``needs_arise_from_providing_care``, ``outcomes``, ``needs_fluctuate``,
    ``fluctuation_period_considered``.
    England only: ``provides_necessary_care``,
    ``health_deteriorating_or_at_risk``, ``significant_impact_on_wellbeing``.
    ``outcomes`` holds at most one answer per code of the nation's list
    (``OUTCOMES_BY_NATION``); codes not answered count as unanswered.
    """

    nation: Nation
    cared_for: CaredFor | None = None
    needs_arise_from_providing_care: bool | None = None
    provides_necessary_care: bool | None = None
    health_deteriorating_or_at_risk: bool | None = None
    outcomes: tuple[OutcomeAnswer, ...] = ()
    significant_impact_on_wellbeing: bool | None = None
    needs_fluctuate: bool | None = None
    fluctuation_period_considered: str | None = None

    def __post_init__(self) -> None:
        nation = Nation(self.nation)
        object.__setattr__(self, "nation", nation)
        object.__setattr__(self, "cared_for", _opt_enum(CaredFor, self.cared_for))
        for name in (
            "needs_arise_from_providing_care",
            "provides_necessary_care",
            "health_deteriorating_or_at_risk",
            "significant_impact_on_wellbeing",
            "needs_fluctuate",
        ):
            _opt_bool(name, getattr(self, name))
        outcomes = tuple(o if isinstance(o, OutcomeAnswer) else OutcomeAnswer.from_dict(o) for o in self.outcomes)
        allowed = OUTCOMES_BY_NATION[nation]
        seen: set[str] = set()
        for answer in outcomes:
            if answer.code not in allowed:
                raise ValueError(f"{answer.code!r} is not an outcome for {nation.value}")
            if answer.code in seen:
                raise ValueError(f"{answer.code!r} is answered more than once")
            seen.add(answer.code)
        object.__setattr__(self, "outcomes", outcomes)

    def answer_for(self, code: str) -> OutcomeAnswer:
        for answer in self.outcomes:
            if answer.code == code:
                return answer
        return OutcomeAnswer(code=code)

    @property
    def period(self) -> str | None:
        """The considered period, stripped; blank counts as not recorded."""
        text = (self.fluctuation_period_considered or "").strip()
        return text or None

    def to_dict(self) -> dict[str, Any]:
        return {
            "nation": self.nation.value,
            "cared_for": None if self.cared_for is None else self.cared_for.value,
            "needs_arise_from_providing_care": self.needs_arise_from_providing_care,
            "provides_necessary_care": self.provides_necessary_care,
            "health_deteriorating_or_at_risk": self.health_deteriorating_or_at_risk,
            "outcomes": [o.to_dict() for o in self.outcomes],
            "significant_impact_on_wellbeing": self.significant_impact_on_wellbeing,
            "needs_fluctuate": self.needs_fluctuate,
            "fluctuation_period_considered": self.fluctuation_period_considered,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CarerNeedsAnswers:
        return cls(
            nation=data["nation"],
            cared_for=data.get("cared_for"),
            needs_arise_from_providing_care=data.get("needs_arise_from_providing_care"),
            provides_necessary_care=data.get("provides_necessary_care"),
            health_deteriorating_or_at_risk=data.get("health_deteriorating_or_at_risk"),
            outcomes=tuple(OutcomeAnswer.from_dict(o) for o in data.get("outcomes", ())),
            significant_impact_on_wellbeing=data.get("significant_impact_on_wellbeing"),
            needs_fluctuate=data.get("needs_fluctuate"),
            fluctuation_period_considered=data.get("fluctuation_period_considered"),
        )


# ---------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CriterionResult:
    """One statutory criterion. ``met`` is None when information is missing.

    ``detail`` holds the template parameters (JSON-safe; lists hold codes).
    ``level_of_need`` marks criteria that measure the level of need, which
    cannot be relied on while a fluctuation period is missing.
    ``explanation`` is the English text at decision time (kept when stored).
    """

    code: str
    citation: str
    met: bool | None
    explanation_code: str
    detail: dict[str, Any] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    level_of_need: bool = False
    explanation: str = ""

    def __post_init__(self) -> None:
        if not self.explanation:
            object.__setattr__(self, "explanation", render(self.explanation_code, self.detail))

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "citation": self.citation,
            "met": self.met,
            "explanation_code": self.explanation_code,
            "detail": dict(self.detail),
            "missing": list(self.missing),
            "level_of_need": self.level_of_need,
            "explanation": self.explanation,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CriterionResult:
        return cls(
            code=data["code"],
            citation=data["citation"],
            met=data["met"],
            explanation_code=data["explanation_code"],
            detail=dict(data.get("detail") or {}),
            missing=list(data.get("missing") or []),
            level_of_need=bool(data.get("level_of_need", False)),
            explanation=data.get("explanation") or "",
        )


DECISION_SCHEMA: Final = 1


@dataclass(frozen=True)
class Decision:
    """The outcome of ``decide``; round-trips through ``to_dict``/``from_dict``.

    ``eligible``: True, False, or None (cannot decide; see ``missing``).
    ``missing``: codes of unanswered questions that block an undecided
    criterion, e.g. ``"significant_impact_on_wellbeing"`` or
    ``"achievable:england.nutrition"`` (render with ``render_missing``).
    ``prevention_advice_required`` is True exactly when ``eligible is False``.
    """

    eligible: bool | None
    nation: Nation
    rule_version: str
    criteria: list[CriterionResult]
    missing: list[str]
    explanation_code: str
    prevention_advice_required: bool
    prevention_advice_citation: str | None = None
    prevention_advice_explanation_code: str | None = None
    explanation: str = ""
    prevention_advice_explanation: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "nation", Nation(self.nation))
        if not self.explanation:
            object.__setattr__(self, "explanation", render(self.explanation_code))
        if self.prevention_advice_explanation_code and self.prevention_advice_explanation is None:
            object.__setattr__(
                self, "prevention_advice_explanation", render(self.prevention_advice_explanation_code)
            )

    def criterion(self, code: str) -> CriterionResult:
        for result in self.criteria:
            if result.code == code:
                return result
        raise KeyError(code)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": DECISION_SCHEMA,
            "eligible": self.eligible,
            "nation": self.nation.value,
            "rule_version": self.rule_version,
            "explanation_code": self.explanation_code,
            "explanation": self.explanation,
            "criteria": [c.to_dict() for c in self.criteria],
            "missing": list(self.missing),
            "prevention_advice_required": self.prevention_advice_required,
            "prevention_advice_citation": self.prevention_advice_citation,
            "prevention_advice_explanation_code": self.prevention_advice_explanation_code,
            "prevention_advice_explanation": self.prevention_advice_explanation,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Decision:
        """Rebuild a stored decision exactly as stored (never re-evaluates)."""
        schema = data.get("schema", DECISION_SCHEMA)
        if schema != DECISION_SCHEMA:
            raise ValueError(f"unsupported decision schema {schema!r}")
        return cls(
            eligible=data["eligible"],
            nation=data["nation"],
            rule_version=data["rule_version"],
            criteria=[CriterionResult.from_dict(c) for c in data["criteria"]],
            missing=list(data.get("missing") or []),
            explanation_code=data["explanation_code"],
            explanation=data.get("explanation") or "",
            prevention_advice_required=bool(data["prevention_advice_required"]),
            prevention_advice_citation=data.get("prevention_advice_citation"),
            prevention_advice_explanation_code=data.get("prevention_advice_explanation_code"),
            prevention_advice_explanation=data.get("prevention_advice_explanation"),
        )


# ---------------------------------------------------------------------------
# Three-valued logic (True / False / None = unknown)
# ---------------------------------------------------------------------------


def _and3(values: Iterable[bool | None]) -> bool | None:
    values = list(values)
    if any(v is False for v in values):
        return False
    if all(v is True for v in values):
        return True
    return None


def _or3(values: Iterable[bool | None]) -> bool | None:
    values = list(values)
    if any(v is True for v in values):
        return True
    if all(v is False for v in values):
        return False
    return None


# ---------------------------------------------------------------------------
# Shared: fluctuating needs
# ---------------------------------------------------------------------------


def _fluctuation(answers: CarerNeedsAnswers, prefix: str) -> CriterionResult:
    citation = CITATIONS[f"{prefix}.fluctuation"]
    code = f"{prefix}.fluctuation"
    if answers.needs_fluctuate is None:
        return CriterionResult(code, citation, None, f"{code}.missing", missing=[MISSING_FLUCTUATE])
    if answers.needs_fluctuate is False:
        return CriterionResult(code, citation, True, f"{code}.not_applicable")
    if answers.period is None:
        return CriterionResult(code, citation, None, f"{code}.period_missing", missing=[MISSING_PERIOD])
    return CriterionResult(code, citation, True, f"{code}.considered", detail={"period": answers.period})


# ---------------------------------------------------------------------------
# England: SI 2015/313 reg. 3
# ---------------------------------------------------------------------------


def _england_necessary_care(a: CarerNeedsAnswers) -> CriterionResult:
    code, citation = "england.necessary_care", CITATIONS["england.necessary_care"]
    if a.cared_for is not None and a.cared_for is not CaredFor.ADULT:
        return CriterionResult(code, citation, False, f"{code}.not_adult", detail={"cared_for": a.cared_for.value})
    if a.provides_necessary_care is False:
        return CriterionResult(code, citation, False, f"{code}.not_necessary")
    if a.needs_arise_from_providing_care is False:
        return CriterionResult(code, citation, False, f"{code}.not_arising")
    missing = [
        name
        for name, value in (
            (MISSING_CARED_FOR, a.cared_for),
            (MISSING_NECESSARY_CARE, a.provides_necessary_care),
            (MISSING_NEEDS_ARISE, a.needs_arise_from_providing_care),
        )
        if value is None
    ]
    if missing:
        return CriterionResult(code, citation, None, f"{code}.missing", missing=missing)
    return CriterionResult(code, citation, True, f"{code}.met")


def _england_effect(a: CarerNeedsAnswers) -> CriterionResult:
    code, citation = "england.effect", CITATIONS["england.effect"]
    answers = [a.answer_for(o) for o in OUTCOMES_BY_NATION[Nation.ENGLAND]]
    unable = [x.code for x in answers if x.achievable in ENGLAND_UNABLE]
    slower = [x.code for x in answers if x.achievable is Ability.TAKES_SIGNIFICANTLY_LONGER]
    unanswered = [x.code for x in answers if x.achievable is None]
    health = a.health_deteriorating_or_at_risk
    detail: dict[str, Any] = {"outcomes": unable}
    if health is True and unable:
        return CriterionResult(code, citation, True, f"{code}.health_and_outcomes", detail=detail, level_of_need=True)
    if health is True:
        return CriterionResult(code, citation, True, f"{code}.health", level_of_need=True)
    if unable:
        return CriterionResult(code, citation, True, f"{code}.outcomes", detail=detail, level_of_need=True)
    if health is False and not unanswered:
        if slower:
            return CriterionResult(
                code, citation, False, f"{code}.not_met_slower_only", detail={"outcomes": slower}, level_of_need=True
            )
        return CriterionResult(code, citation, False, f"{code}.not_met", level_of_need=True)
    missing = ([MISSING_HEALTH] if health is None else []) + [f"{MISSING_ACHIEVABLE}:{c}" for c in unanswered]
    return CriterionResult(code, citation, None, f"{code}.missing", missing=missing, level_of_need=True)


def _england_wellbeing(a: CarerNeedsAnswers) -> CriterionResult:
    code, citation = "england.wellbeing", CITATIONS["england.wellbeing"]
    value = a.significant_impact_on_wellbeing
    if value is None:
        return CriterionResult(code, citation, None, f"{code}.missing", missing=[MISSING_WELLBEING], level_of_need=True)
    return CriterionResult(code, citation, value, f"{code}.met" if value else f"{code}.not_met", level_of_need=True)


def _evaluate_england_2015(a: CarerNeedsAnswers) -> list[CriterionResult]:
    return [
        _england_necessary_care(a),
        _england_effect(a),
        _england_wellbeing(a),
        _fluctuation(a, "england"),
    ]


# ---------------------------------------------------------------------------
# Wales: SI 2015/1578 reg. 5 and 6 (see the VERIFY note in the module docstring)
# ---------------------------------------------------------------------------


def _wales_arises(a: CarerNeedsAnswers) -> CriterionResult:
    code, citation = "wales.arises_from_caring", CITATIONS["wales.arises_from_caring"]
    if a.cared_for is CaredFor.CHILD_NOT_DISABLED:
        return CriterionResult(
            code, citation, False, f"{code}.not_adult_or_disabled_child", detail={"cared_for": a.cared_for.value}
        )
    if a.needs_arise_from_providing_care is False:
        return CriterionResult(code, citation, False, f"{code}.not_arising")
    missing = [
        name
        for name, value in ((MISSING_CARED_FOR, a.cared_for), (MISSING_NEEDS_ARISE, a.needs_arise_from_providing_care))
        if value is None
    ]
    if missing:
        return CriterionResult(code, citation, None, f"{code}.missing", missing=missing)
    return CriterionResult(code, citation, True, f"{code}.met")


def _wales_needs(a: CarerNeedsAnswers) -> list[CriterionResult]:
    """Reg. 5(b), (c), (d): evaluated per need; each limb is cumulative on the same need."""
    answers = [a.answer_for(m) for m in OUTCOMES_BY_NATION[Nation.WALES]]

    def has_need(x: OutcomeAnswer) -> bool | None:
        return None if x.achievable is None else x.achievable in WALES_CANNOT_MEET_ALONE

    def cannot_meet(x: OutcomeAnswer) -> bool | None:
        return None if x.others_or_community_can_meet is None else not x.others_or_community_can_meet

    def outcomes_at_risk(x: OutcomeAnswer) -> bool | None:
        return x.personal_outcomes_unlikely_without_council

    b_each = {x.code: has_need(x) for x in answers}
    c_each = {x.code: _and3([b_each[x.code], cannot_meet(x)]) for x in answers}
    d_each = {x.code: _and3([c_each[x.code], outcomes_at_risk(x)]) for x in answers}

    def missing_for(k: str, stage: str) -> list[str]:
        """What is unanswered for need ``k`` up to and including ``stage``."""
        x = a.answer_for(k)
        if b_each[k] is None:
            return [f"{MISSING_ACHIEVABLE}:{k}"]
        if b_each[k] is False or stage == "b":
            return []
        if c_each[k] is None:
            return [f"{MISSING_OTHERS}:{k}"]
        if c_each[k] is False or stage == "c":
            return []
        return [f"{MISSING_PERSONAL_OUTCOMES}:{k}"] if outcomes_at_risk(x) is None else []

    results: list[CriterionResult] = []

    # (b) the need relates to one or more of the listed matters
    code, citation = "wales.relates_to_matter", CITATIONS["wales.relates_to_matter"]
    b = _or3(b_each.values())
    if b is True:
        needs = [k for k, v in b_each.items() if v is True]
        results.append(
            CriterionResult(code, citation, True, f"{code}.met", detail={"matters": needs}, level_of_need=True)
        )
    elif b is False:
        results.append(CriterionResult(code, citation, False, f"{code}.not_met", level_of_need=True))
    else:
        missing = [m for k in b_each if b_each[k] is None for m in missing_for(k, "b")]
        results.append(CriterionResult(code, citation, None, f"{code}.missing", missing=missing, level_of_need=True))

    # (c) + reg. 6: cannot meet the need alone, with willing others, or with community services
    code, citation = "wales.cannot_meet_need", CITATIONS["wales.cannot_meet_need"]
    c = _or3(c_each.values())
    if c is True:
        qualifying = [k for k, v in c_each.items() if v is True]
        results.append(
            CriterionResult(code, citation, True, f"{code}.met", detail={"matters": qualifying}, level_of_need=True)
        )
    elif c is False:
        reason = f"{code}.no_need" if b is False else f"{code}.not_met"
        results.append(CriterionResult(code, citation, False, reason, level_of_need=True))
    else:
        missing = [m for k in c_each if c_each[k] is None for m in missing_for(k, "c")]
        results.append(CriterionResult(code, citation, None, f"{code}.missing", missing=missing, level_of_need=True))

    # (d) unlikely to achieve personal outcomes unless the council provides or arranges support
    code, citation = "wales.personal_outcomes", CITATIONS["wales.personal_outcomes"]
    d = _or3(d_each.values())
    if d is True:
        eligible_needs = [k for k, v in d_each.items() if v is True]
        results.append(
            CriterionResult(code, citation, True, f"{code}.met", detail={"matters": eligible_needs}, level_of_need=True)
        )
    elif d is False:
        reason = f"{code}.no_qualifying_need" if c is False else f"{code}.not_met"
        results.append(CriterionResult(code, citation, False, reason, level_of_need=True))
    else:
        missing = [m for k in d_each if d_each[k] is None for m in missing_for(k, "d")]
        results.append(CriterionResult(code, citation, None, f"{code}.missing", missing=missing, level_of_need=True))
    return results


def _evaluate_wales_2016(a: CarerNeedsAnswers) -> list[CriterionResult]:
    return [_wales_arises(a), *_wales_needs(a), _fluctuation(a, "wales")]


# ---------------------------------------------------------------------------
# Rule versions
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RuleSet:
    version: str
    nation: Nation
    effective_from: date
    title: str
    evaluate: Callable[[CarerNeedsAnswers], list[CriterionResult]]
    prevention_citation: str
    prevention_explanation_code: str
    note: str = ""


ENGLAND_2015: Final = "england-SI-2015-313-reg3/2015-04-01"
WALES_2016: Final = "wales-SI-2015-1578-reg5/2016-04-06"

RULE_VERSIONS: dict[str, RuleSet] = {
    ENGLAND_2015: RuleSet(
        version=ENGLAND_2015,
        nation=Nation.ENGLAND,
        effective_from=date(2015, 4, 1),
        title=f"{ENGLAND_SI}, reg. 3",
        evaluate=_evaluate_england_2015,
        prevention_citation=CITATIONS["england.prevention"],
        prevention_explanation_code="prevention.england",
    ),
    WALES_2016: RuleSet(
        version=WALES_2016,
        nation=Nation.WALES,
        effective_from=date(2016, 4, 6),
        title=f"{WALES_SI}, regs 5 and 6",
        evaluate=_evaluate_wales_2016,
        prevention_citation=CITATIONS["wales.prevention"],
        prevention_explanation_code="prevention.wales",
        note="Reg. 5 sub-paragraph letters follow the Explanatory Note; verify against the made text.",
    ),
}

CURRENT_RULE_VERSIONS: dict[Nation, str] = {Nation.ENGLAND: ENGLAND_2015, Nation.WALES: WALES_2016}


def _overall(criteria: list[CriterionResult]) -> bool | None:
    """AND of all criteria, except that while a fluctuation period is missing a
    "not met" on a level-of-need criterion cannot be trusted (reg. 3(4))."""
    fluctuation_open = any(c.code.endswith(".fluctuation") and c.met is None for c in criteria)
    if any(c.met is False and not c.level_of_need for c in criteria):
        return False
    if fluctuation_open:
        return None
    return _and3(c.met for c in criteria)


def decide(answers: CarerNeedsAnswers, rule_version: str | None = None) -> Decision:
    """Apply the eligibility rules for the answers' nation.

    ``rule_version`` defaults to the current version for the nation; an
    explicit version must exist in ``RULE_VERSIONS`` and match the nation.
    """
    version = rule_version or CURRENT_RULE_VERSIONS[answers.nation]
    try:
        rules = RULE_VERSIONS[version]
    except KeyError:
        raise ValueError(f"unknown rule version {version!r}") from None
    if rules.nation is not answers.nation:
        raise ValueError(f"rule version {version!r} is for {rules.nation.value}, not {answers.nation.value}")

    criteria = rules.evaluate(answers)
    eligible = _overall(criteria)
    missing: list[str] = []
    for c in criteria:
        if c.met is None:
            missing.extend(m for m in c.missing if m not in missing)

    if eligible is None:
        explanation_code = "decision.cannot_decide"
    else:
        explanation_code = f"decision.{answers.nation.value}.{'eligible' if eligible else 'not_eligible'}"
    not_eligible = eligible is False
    return Decision(
        eligible=eligible,
        nation=answers.nation,
        rule_version=version,
        criteria=criteria,
        missing=missing,
        explanation_code=explanation_code,
        prevention_advice_required=not_eligible,
        prevention_advice_citation=rules.prevention_citation if not_eligible else None,
        prevention_advice_explanation_code=rules.prevention_explanation_code if not_eligible else None,
    )


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def nation_for_authority_country(code: str | None) -> Nation | None:
    """Map a GSS code ("E06000001", "W06000015") or country letter ("E", "W") to a nation.

    Returns None for anything else (Scotland "S", Northern Ireland "N", blank):
    those nations have their own carer law, which this module does not cover.
    """
    text = (code or "").strip().upper()
    if text.startswith("E"):
        return Nation.ENGLAND
    if text.startswith("W"):
        return Nation.WALES
    return None
