"""Which questions each nation's rules ask, worded once for every reader.

``QUESTIONS`` is the one description of the answers the rules read: the staff
form (``carershub.assessments.forms.EligibilityForm``), the API serializer
(``carershub.api.eligibility_serializers``) and the API docs drf-spectacular
builds from that serializer all read it. Each ``Question`` gives the answer
field it fills, the type of answer, the question and hint as staff are asked
them, and the criteria of each nation that read it -- so which nations ask it.
Coded answers take their labels from ``LABELS``: one label set per enum.

Text is marked with ``gettext_noop``; each reader translates it. The names of
the outcomes and matters are in ``MESSAGES``, because decisions quote them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from .data import Ability, CaredFor, Nation, OthersHelp
from .messages import gettext_noop

NATION_LABELS: Final[dict[Nation, str]] = {Nation.ENGLAND: gettext_noop("England"), Nation.WALES: gettext_noop("Wales")}
CARED_FOR_LABELS: Final[dict[CaredFor, str]] = {
    CaredFor.ADULT: gettext_noop("An adult"),
    CaredFor.DISABLED_CHILD: gettext_noop("A disabled child"),
    CaredFor.CHILD_NOT_DISABLED: gettext_noop("A child who is not disabled"),
}
ABILITY_LABELS: Final[dict[Ability, str]] = {
    Ability.YES: gettext_noop("Manages it without help, and without pain, distress, anxiety or danger"),
    Ability.ONLY_WITH_ASSISTANCE: gettext_noop("Only with help from someone else"),
    Ability.SIGNIFICANT_PAIN_DISTRESS_ANXIETY: gettext_noop("Only with significant pain, distress or anxiety"),
    Ability.ENDANGERS_HEALTH_OR_SAFETY: gettext_noop(
        "Only by putting their or someone else's health or safety at risk"
    ),
    Ability.TAKES_SIGNIFICANTLY_LONGER: gettext_noop("Only by taking much longer than would normally be expected"),
    Ability.NO: gettext_noop("Cannot do it at all"),
    Ability.DOES_NOT_APPLY: gettext_noop("Does not apply to them (for example, they have no child to look after)"),
}
# SI 2015/1578 reg. 6 applied to help from others or community services (Wales, 2026-12 version).
OTHERS_HELP_LABELS: Final[dict[OthersHelp, str]] = {
    OthersHelp.YES: gettext_noop(
        "Yes, without the carer enduring significant pain, anxiety or distress, being in danger, or taking "
        "significantly longer"
    ),
    OthersHelp.ONLY_WITH_SIGNIFICANT_PAIN_ANXIETY_DISTRESS: gettext_noop(
        "Only with the carer enduring significant pain, anxiety or distress"
    ),
    OthersHelp.ONLY_BY_ENDANGERING: gettext_noop("Only by the carer endangering themselves or someone else"),
    OthersHelp.ONLY_BY_TAKING_SIGNIFICANTLY_LONGER: gettext_noop(
        "Only by the carer taking significantly longer than would normally be expected"
    ),
    OthersHelp.NO: gettext_noop("No"),
}
YES_NO_LABELS: Final[dict[bool, str]] = {True: gettext_noop("Yes"), False: gettext_noop("No")}

# The labels of every answer that is chosen from a list, by type of answer, in the enum's order.
LABELS: Final[dict[type, Mapping[Any, str]]] = {
    Nation: NATION_LABELS,
    CaredFor: CARED_FOR_LABELS,
    Ability: ABILITY_LABELS,
    OthersHelp: OTHERS_HELP_LABELS,
    bool: YES_NO_LABELS,
}
for _codes, _labels in LABELS.items():
    # A new code in the rules must get a label here, in the enum's order, before the form or the API can offer it.
    assert _codes is bool or list(_labels) == list(_codes), f"labels for {_codes.__name__} are out of step"
del _codes, _labels

# What each nation's law calls the things ``OutcomeAnswer`` answers.
OUTCOME_KIND: Final[dict[Nation, str]] = {Nation.ENGLAND: "outcome", Nation.WALES: "matter"}


@dataclass(frozen=True)
class Question:
    """One answer the rules read. Not answered is always ``None``.

    ``key``: the ``CarerNeedsAnswers`` field it fills or, when ``per_outcome``,
    the ``OutcomeAnswer`` field, asked once for each outcome (England) or
    matter (Wales).
    ``answer``: ``bool`` (yes or no), ``str`` (free text of at most
    ``max_length`` characters) or a code enum labelled in ``LABELS``.
    ``criteria``: for each nation that asks it, the criteria (codes as in
    ``CITATIONS`` and ``Decision.criteria``) whose conditions it answers.
    ``label`` and ``hint``: the question as staff are asked it; ``hint_nations``, where set, limits
    the hint to those nations (a point about one nation's law).
    """

    key: str
    answer: type
    label: str
    criteria: Mapping[Nation, tuple[str, ...]]
    hint: str = ""
    per_outcome: bool = False
    max_length: int | None = None
    legacy: bool = False
    hint_nations: tuple[Nation, ...] | None = None

    def hint_for(self, nation: Nation) -> str:
        return self.hint if self.hint_nations is None or nation in self.hint_nations else ""

    @property
    def nations(self) -> tuple[Nation, ...]:
        return tuple(nation for nation in Nation if nation in self.criteria)

    @property
    def choices(self) -> tuple[tuple[Any, str], ...]:
        """Every allowed answer with its (untranslated) label; empty for free text."""
        return tuple(LABELS[self.answer].items()) if self.answer in LABELS else ()


# In the order the staff form asks them, which follows each nation's law. The
# per-outcome questions are asked together, outcome by outcome, where they stand.
QUESTIONS: Final[tuple[Question, ...]] = (
    Question(
        "cared_for",
        CaredFor,
        gettext_noop("Who do they care for?"),
        criteria={Nation.ENGLAND: ("england.necessary_care",), Nation.WALES: ("wales.arises_from_caring",)},
    ),
    Question(
        "needs_arise_from_providing_care",
        bool,
        gettext_noop("Do their needs arise because of the care they give?"),
        criteria={Nation.ENGLAND: ("england.necessary_care",), Nation.WALES: ("wales.arises_from_caring",)},
    ),
    Question(
        "provides_necessary_care",
        bool,
        gettext_noop("Is the care they give necessary?"),
        hint=gettext_noop(
            "Care the person needs and cannot do for themselves, whether or not their own needs are eligible"
        ),
        criteria={Nation.ENGLAND: ("england.necessary_care",)},
    ),
    Question(
        "health_deteriorating_or_at_risk",
        bool,
        gettext_noop("Is their physical or mental health getting worse, or at risk of it?"),
        criteria={Nation.ENGLAND: ("england.effect",)},
    ),
    Question(
        "achievable",
        Ability,
        gettext_noop("How do they manage it?"),
        hint=gettext_noop(
            "In England, managing only by taking significantly longer than would normally be expected does not "
            "count as being unable for carers (regulation 3(3)). Choose 'does not apply' only where this does "
            "not arise for them at all."
        ),
        hint_nations=(Nation.ENGLAND,),
        per_outcome=True,
        criteria={
            Nation.ENGLAND: ("england.effect",),
            Nation.WALES: ("wales.relates_to_matter", "wales.cannot_meet_need"),
        },
    ),
    Question(
        "others_or_community_can_meet",
        bool,
        gettext_noop("Can people willing to help, or community services, meet this need?"),
        per_outcome=True,
        criteria={Nation.WALES: ("wales.cannot_meet_need",)},
        legacy=True,
    ),
    Question(
        "others_or_community",
        OthersHelp,
        gettext_noop("Can people willing to help, or community services, meet this need, and at what cost to the carer?"),
        hint=gettext_noop(
            "Under regulation 6, a need that is met only with the carer enduring significant pain, anxiety or "
            "distress, endangering themselves or others, or taking significantly longer than would normally be "
            "expected is not a need they can meet."
        ),
        per_outcome=True,
        criteria={Nation.WALES: ("wales.cannot_meet_need",)},
    ),
    Question(
        "personal_outcomes_unlikely_without_council",
        bool,
        gettext_noop("Are they unlikely to achieve their personal outcomes here without support from the council?"),
        per_outcome=True,
        criteria={Nation.WALES: ("wales.personal_outcomes",)},
    ),
    Question(
        "significant_impact_on_wellbeing",
        bool,
        gettext_noop("As a result, is there, or is there likely to be, a significant impact on their well-being?"),
        criteria={Nation.ENGLAND: ("england.wellbeing",)},
    ),
    Question(
        "needs_fluctuate",
        bool,
        gettext_noop("Do their needs go up and down?"),
        criteria={Nation.ENGLAND: ("england.fluctuation",), Nation.WALES: ("wales.fluctuation",)},
    ),
    Question(
        "fluctuation_period_considered",
        str,
        gettext_noop("Over what period were their circumstances looked at?"),
        hint=gettext_noop(
            "Needed when needs go up and down, for example 'the last 6 months, including two hospital stays'"
        ),
        max_length=500,
        criteria={Nation.ENGLAND: ("england.fluctuation",), Nation.WALES: ("wales.fluctuation",)},
    ),
)


def questions_for(nation: Nation, *, legacy: bool = False) -> tuple[Question, ...]:
    """The questions ``nation``'s current rules ask, in order; with ``legacy``, also those that only
    older rule versions read."""
    return tuple(
        question for question in QUESTIONS if nation in question.criteria and (legacy or not question.legacy)
    )
