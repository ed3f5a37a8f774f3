"""The matters each Act requires a carer's assessment to cover before a decision, by nation and
framework, in statutory order. Pure Python (no Django).

Each ``Matter`` says where its answer lives: an ``Assessment`` field (``field``), or, for matters
without one, the assessment's ``matters`` JSON under the matter's code:
``{"code": {"answer": ..., "does_not_apply": bool}}``. ``missing(nation, framework, recorded)``
lists the matters not yet answered; ``wellbeing_contradiction`` flags an England "significant
impact on well-being" answer that no recorded area of well-being supports (it needs a reason).

Texts checked (legislation.gov.uk, or copies of its text, read through the project's search):

* Care Act 2014 s10 (revised text): (5)(a)-(e), (6), (7), (8)(a). Note the letters: (5)(c) is the
  impact on the s1(2) matters (well-being), (5)(d) the outcomes wished, (5)(e) whether support
  could contribute; the issue's "(5)(c) outcomes, (5)(d) support" is one letter off.
* Care Act 2014 s13(4)(b) (revised text): where some of a carer's needs meet the criteria, the
  council must "establish whether the adult needing care is ordinarily resident in the local
  authority's area". That is the ordinary-residence matter (the issue's "s13(4)(b)" is right).
* Care Act 2014 s61(1)-(4) (as enacted) and s63(1), s64(1)-(2) (copies of the text); s64(3)
  (involvement) and s60(1) from the Act's Explanatory Notes only.
* Children Act 1989 s17ZA(1)-(7) (as inserted by Children and Families Act 2014 s96). NOT checked:
  the subsection numbers of the rest of s17ZA, of s17ZB and of s17ZD-17ZE; those matters are cited
  by section only, from secondary descriptions of the text, and say so.
* SSWA 2014 s24(1)-(4)(e) (revised text), s2(4) (see ``wellbeing``). The s24 matters after
  (4)(e) -- work, education, training and leisure; involving the carer and the person cared for;
  for a child, whether it is appropriate for them to provide the care -- are cited by section only
  (from the Act's Explanatory Notes, paras 73-74).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from carershub.core.i18n import gettext_noop

from ..frameworks import Framework
from ..wellbeing import areas_for

__all__ = [
    "Matter",
    "MATTERS",
    "BY_CODE",
    "FIELDS",
    "matters_for",
    "answered",
    "missing",
    "wellbeing_contradiction",
    "areas_for",
    "KINDS",
]

KINDS: Final = ("text", "yes_no", "choice")

CA = "Care Act 2014"
CHA = "Children Act 1989"
SSWA = "Social Services and Well-being (Wales) Act 2014"
NOT_CHECKED = "subsection not checked against the text"

# Assessment fields that hold a matter's answer (carershub/assessments/models.py).
FIELDS: Final = frozenset(
    {
        "caring_role",
        "cared_for_needs",
        "able_to_care",
        "willing_to_care",
        "future_caring",
        "outcomes_wanted",
        "wellbeing",
        "work_education_leisure",
        "carer_views",
        "participants",
    }
)

ABLE_WILLING_CHOICES: Final = (
    ("yes", gettext_noop("Yes")),
    ("partly", gettext_noop("Partly")),
    ("no", gettext_noop("No")),
)


@dataclass(frozen=True)
class Matter:
    """One matter an assessment must cover. ``label``/``hint`` are the question as staff are asked it."""

    code: str
    citation: str
    label: str
    kind: str = "text"
    hint: str = ""
    choices: tuple[tuple[str, str], ...] = ()
    does_not_apply_allowed: bool = False
    field: str | None = None  # an Assessment field; None: in the ``matters`` JSON under ``code``

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown kind {self.kind!r}")
        if (self.kind == "choice") != bool(self.choices):
            raise ValueError(f"{self.code}: choices go with kind 'choice' only")
        if self.field is not None and self.field not in FIELDS:
            raise ValueError(f"{self.code}: {self.field!r} is not an assessment field")
        if self.field is not None and self.does_not_apply_allowed:
            raise ValueError(f"{self.code}: a field cannot record 'does not apply'")

    @property
    def key(self) -> str:
        """Where ``recorded`` holds the answer: the field name, else the matter code."""
        return self.field or self.code


# --- The matters, shared where the law words them alike -------------------------------------------

def _able(citation: str) -> Matter:
    return Matter(
        "able_to_care",
        citation,
        gettext_noop("Are they able to provide care now?"),
        kind="choice",
        choices=ABLE_WILLING_CHOICES,
        field="able_to_care",
    )


def _willing(citation: str) -> Matter:
    return Matter(
        "willing_to_care",
        citation,
        gettext_noop("Are they willing to provide care now?"),
        kind="choice",
        choices=ABLE_WILLING_CHOICES,
        field="willing_to_care",
    )


def _future(citation: str, hint: str = "") -> Matter:
    return Matter(
        "future_caring",
        citation,
        gettext_noop("Are they likely to stay able and willing to provide care?"),
        hint=hint,
        field="future_caring",
    )


def _caring(citation: str) -> Matter:
    return Matter("caring_role", citation, gettext_noop("What care do they give, and how often?"), field="caring_role")


def _wellbeing(citation: str) -> Matter:
    return Matter(
        "wellbeing",
        citation,
        gettext_noop("What is the impact on each area of their well-being?"),
        field="wellbeing",
    )


def _outcomes(citation: str) -> Matter:
    return Matter(
        "outcomes_wanted",
        citation,
        gettext_noop("What outcomes do they want to achieve in day-to-day life?"),
        field="outcomes_wanted",
    )


def _support_contributes(citation: str) -> Matter:
    return Matter(
        "support_could_contribute",
        citation,
        gettext_noop("Could support contribute to achieving those outcomes, and how far?"),
    )


def _work(citation: str) -> Matter:
    return Matter(
        "work_education_leisure",
        citation,
        gettext_noop("Do they work or want to, and do they take part, or want to, in education, training or recreation?"),
        field="work_education_leisure",
    )


def _views(citation: str) -> Matter:
    return Matter(
        "carer_views",
        citation,
        gettext_noop("What are the carer's own views, in their words?"),
        field="carer_views",
    )


def _participants(citation: str, hint: str) -> Matter:
    return Matter(
        "participants", citation, gettext_noop("Who took part in the assessment?"), hint=hint, field="participants"
    )


def _other_things(citation: str) -> Matter:
    return Matter(
        "other_things_could_help",
        citation,
        gettext_noop("Could things other than support help them achieve their outcomes?"),
        hint=gettext_noop(
            "For example what is available in the community, preventative services, or information and advice"
        ),
    )


def _appropriate(citation: str, hint: str) -> Matter:
    return Matter(
        "appropriate_to_care",
        citation,
        gettext_noop("Is it appropriate for them to provide, or to carry on providing, this care?"),
        hint=hint,
    )


def _likely_needs(code: str, citation: str, label: str) -> Matter:
    return Matter(code, citation, label, kind="yes_no")


_ADULT_PARTICIPANTS_HINT = gettext_noop("The carer, and anyone they asked to be involved")

ENGLAND_ADULT_CARER: Final = (
    _caring(f"{CA}, s. 10(1)"),
    _able(f"{CA}, s. 10(5)(a)"),
    _willing(f"{CA}, s. 10(5)(b)"),
    _future(f"{CA}, s. 10(5)(a) and (b)"),
    _wellbeing(f"{CA}, s. 10(5)(c) and s. 1(2)"),
    _outcomes(f"{CA}, s. 10(5)(d)"),
    _support_contributes(f"{CA}, s. 10(5)(e)"),
    _work(f"{CA}, s. 10(6)"),
    _views(f"{CA}, s. 10(7)(a)"),
    _participants(f"{CA}, s. 10(7)", _ADULT_PARTICIPANTS_HINT),
    _other_things(f"{CA}, s. 10(8)"),
    Matter(
        "cared_for_ordinarily_resident",
        f"{CA}, s. 13(4)(b)",
        gettext_noop("Is the adult they care for ordinarily resident in this council's area?"),
        kind="yes_no",
        hint=gettext_noop(
            "Decides which council must meet eligible needs. If not, record which council's area they live in"
        ),
    ),
)

ENGLAND_YOUNG_CARER: Final = (
    _caring(f"{CHA}, s. 17ZA(1)"),
    _appropriate(
        f"{CHA}, s. 17ZA(7)",
        gettext_noop("In the light of their needs for support, their other needs and their wishes"),
    ),
    Matter(
        "young_carer_wishes",
        f"{CHA}, s. 17ZA(7) and s. 17ZB ({NOT_CHECKED})",
        gettext_noop("What does the young carer want about their caring?"),
    ),
    _wellbeing(f"{CHA}, s. 17ZA and s. 17ZB ({NOT_CHECKED})"),
    _work(f"{CHA}, s. 17ZA and s. 17ZB ({NOT_CHECKED})"),
    Matter(
        "needs_met_by_services_for_cared_for",
        f"{CHA}, s. 17ZB ({NOT_CHECKED})",
        gettext_noop("Could any of their needs for support be met by services for the person they care for?"),
    ),
    _outcomes(f"{CHA}, s. 17ZA and s. 17ZB ({NOT_CHECKED})"),
    _views(f"{CHA}, s. 17ZA ({NOT_CHECKED})"),
    _participants(
        f"{CHA}, s. 17ZA ({NOT_CHECKED})",
        gettext_noop("The young carer, their parents, and anyone the young carer or a parent asked to be involved"),
    ),
)

ENGLAND_PARENT_CARER: Final = (
    _caring(f"{CHA}, s. 17ZD(1) ({NOT_CHECKED})"),
    _appropriate(
        f"{CHA}, s. 17ZD ({NOT_CHECKED})",
        gettext_noop("In the light of the parent carer's needs for support, their other needs and their wishes"),
    ),
    _wellbeing(f"{CHA}, s. 17ZD and s. 17ZE ({NOT_CHECKED})"),
    Matter(
        "disabled_child_welfare",
        f"{CHA}, s. 17ZD and s. 17ZE ({NOT_CHECKED})",
        gettext_noop("What is needed to safeguard and promote the welfare of the disabled child they care for?"),
    ),
    Matter(
        "other_children_welfare",
        f"{CHA}, s. 17ZD and s. 17ZE ({NOT_CHECKED})",
        gettext_noop(
            "What is needed to safeguard and promote the welfare of any other child they have parental "
            "responsibility for?"
        ),
        does_not_apply_allowed=True,
    ),
    _work(f"{CHA}, s. 17ZD and s. 17ZE ({NOT_CHECKED})"),
    _outcomes(f"{CHA}, s. 17ZD ({NOT_CHECKED})"),
    _views(f"{CHA}, s. 17ZD ({NOT_CHECKED})"),
    _participants(
        f"{CHA}, s. 17ZD and s. 17ZE ({NOT_CHECKED})",
        gettext_noop(
            "The parent carer, any child they have parental responsibility for, and anyone they asked to be involved"
        ),
    ),
)

ENGLAND_YOUNG_CARER_TRANSITION: Final = (
    _likely_needs(
        "likely_needs_after_18",
        f"{CA}, s. 63(1)",
        gettext_noop("Are they likely to have needs for support after they become 18?"),
    ),
    _likely_needs(
        "significant_benefit",
        f"{CA}, s. 63(1)",
        gettext_noop("Would assessing them now be of significant benefit to them?"),
    ),
    Matter(
        "needs_after_18",
        f"{CA}, s. 63(1)(b)",
        gettext_noop("What are their needs for support likely to be after they become 18?"),
    ),
    _able(f"{CA}, s. 64(1)(a)"),
    _willing(f"{CA}, s. 64(1)(b)"),
    _future(f"{CA}, s. 64(1)(a) and (b)", gettext_noop("Including after they become 18")),
    _wellbeing(f"{CA}, s. 64(1)(c) and s. 1(2)"),
    _outcomes(f"{CA}, s. 64(1)(d)"),
    _support_contributes(f"{CA}, s. 64(1)(e)"),
    _work(f"{CA}, s. 64(2)"),
    _participants(
        f"{CA}, s. 64(3) (from the Explanatory Notes; {NOT_CHECKED})",
        gettext_noop("The young carer, their parents, and anyone the young carer or a parent asked to be involved"),
    ),
)

ENGLAND_CHILDS_CARER_TRANSITION: Final = (
    _likely_needs(
        "likely_needs_when_child_18",
        f"{CA}, s. 60(1) (from the Explanatory Notes; {NOT_CHECKED})",
        gettext_noop("Are they likely to have needs for support when the child they care for becomes 18?"),
    ),
    _likely_needs(
        "significant_benefit",
        f"{CA}, s. 60(1) (from the Explanatory Notes; {NOT_CHECKED})",
        gettext_noop("Would assessing them now be of significant benefit to them?"),
    ),
    _able(f"{CA}, s. 61(1)(a)"),
    _willing(f"{CA}, s. 61(1)(b)"),
    _future(f"{CA}, s. 61(1)(a) and (b)", gettext_noop("Including after the child becomes 18")),
    _wellbeing(f"{CA}, s. 61(1)(c) and s. 1(2)"),
    _outcomes(f"{CA}, s. 61(1)(d)"),
    _support_contributes(f"{CA}, s. 61(1)(e)"),
    _work(f"{CA}, s. 61(2)"),
    _participants(f"{CA}, s. 61(3)", _ADULT_PARTICIPANTS_HINT),
    _other_things(f"{CA}, s. 61(4)"),
)

_WALES_IN_AREA = Matter(
    "cared_for_in_area",
    f"{SSWA}, s. 24(2)",
    gettext_noop(
        "Is the person they care for ordinarily resident in this council's area, or otherwise within it?"
    ),
    kind="yes_no",
)
_WALES_SUPPORT = Matter(
    "support_could_contribute",
    f"{SSWA}, s. 24(4)(e)",
    gettext_noop(
        "Could support, preventative services, or information, advice or assistance contribute to achieving "
        "those outcomes, and how far?"
    ),
)
_WALES_WORK = _work(f"{SSWA}, s. 24 ({NOT_CHECKED}; Explanatory Notes, para. 74)")
_WALES_PARTICIPANTS = _participants(
    f"{SSWA}, s. 24 ({NOT_CHECKED}; Explanatory Notes, para. 73)",
    gettext_noop("The carer and, where feasible, the person they care for"),
)

WALES_ADULT_CARER: Final = (
    _caring(f"{SSWA}, s. 24(1)"),
    _WALES_IN_AREA,
    _able(f"{SSWA}, s. 24(4)(a)"),
    _willing(f"{SSWA}, s. 24(4)(b)"),
    _future(f"{SSWA}, s. 24(4)(a) and (b)"),
    _outcomes(f"{SSWA}, s. 24(4)(c)"),
    _WALES_SUPPORT,
    _wellbeing(f"{SSWA}, s. 2 and s. 5"),
    _WALES_WORK,
    _views(f"{SSWA}, s. 6(2)(a)"),
    _WALES_PARTICIPANTS,
)

WALES_YOUNG_CARER: Final = (
    _caring(f"{SSWA}, s. 24(1)"),
    _WALES_IN_AREA,
    _able(f"{SSWA}, s. 24(4)(a)"),
    _willing(f"{SSWA}, s. 24(4)(b)"),
    _future(f"{SSWA}, s. 24(4)(a) and (b)"),
    Matter(
        "outcomes_wanted",
        f"{SSWA}, s. 24(4)(d)(i)",
        gettext_noop("What outcomes does the young carer want to achieve?"),
        hint=gettext_noop("As far as appropriate, having regard to their age and understanding"),
        field="outcomes_wanted",
    ),
    Matter(
        "parental_outcomes",
        f"{SSWA}, s. 24(4)(d)(ii)",
        gettext_noop("What outcomes do the people with parental responsibility for them want to achieve for them?"),
        hint=gettext_noop("As far as appropriate, having regard to the need to promote the young carer's well-being"),
        does_not_apply_allowed=True,
    ),
    _WALES_SUPPORT,
    _appropriate(
        f"{SSWA}, s. 24 ({NOT_CHECKED}; Explanatory Notes, para. 74)",
        gettext_noop("Having regard to their developmental needs"),
    ),
    _wellbeing(f"{SSWA}, s. 2 and s. 5"),
    _WALES_WORK,
    _views(f"{SSWA}, s. 6(2)(a)"),
    _WALES_PARTICIPANTS,
)

MATTERS: Final[dict[tuple[str, Framework], tuple[Matter, ...]]] = {
    ("england", Framework.ADULT_CARER): ENGLAND_ADULT_CARER,
    ("england", Framework.YOUNG_CARER): ENGLAND_YOUNG_CARER,
    ("england", Framework.PARENT_CARER): ENGLAND_PARENT_CARER,
    ("england", Framework.YOUNG_CARER_TRANSITION): ENGLAND_YOUNG_CARER_TRANSITION,
    ("england", Framework.CHILDS_CARER_TRANSITION): ENGLAND_CHILDS_CARER_TRANSITION,
    ("wales", Framework.ADULT_CARER): WALES_ADULT_CARER,
    # In Wales a parent carer is a carer under s. 3 and s. 24 like any other adult carer.
    ("wales", Framework.PARENT_CARER): WALES_ADULT_CARER,
    ("wales", Framework.YOUNG_CARER): WALES_YOUNG_CARER,
}


# Each matter by its code, as first listed (a code asks the same thing wherever it appears; a few
# frameworks word it for their carer, e.g. a Welsh young carer's outcomes).
BY_CODE: Final[dict[str, Matter]] = {}
for _matters in MATTERS.values():
    for _matter in _matters:
        BY_CODE.setdefault(_matter.code, _matter)
del _matters, _matter


def matters_for(nation: str, framework: Framework | str) -> tuple[Matter, ...]:
    """The matters for ``nation`` and ``framework``, in statutory order (KeyError if none)."""
    return MATTERS[(str(nation), Framework(framework))]


def _blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (dict, list, tuple, set)):
        return not value
    return False


def answered(matter: Matter, value: Any) -> bool:
    """Whether ``value`` (as ``recorded`` holds it) answers ``matter``.

    Blank text, None and empty collections are not answers; ``False`` is (a yes/no "no"). For a
    matter kept in the ``matters`` JSON, ``{"answer": ..., "does_not_apply": bool}``: "does not
    apply" counts only where the matter allows it.
    """
    if matter.field is None and isinstance(value, Mapping):
        if value.get("does_not_apply") is True and matter.does_not_apply_allowed:
            return True
        value = value.get("answer")
    if matter.kind == "choice" and not _blank(value):
        return str(value) in {code for code, _ in matter.choices}
    return not _blank(value)


def missing(nation: str, framework: Framework | str, recorded: Mapping[str, Any]) -> list[Matter]:
    """The matters for ``nation`` and ``framework`` not yet answered in ``recorded``, in order.

    ``recorded`` maps assessment field names and matter codes to their values, e.g.
    ``{"caring_role": "...", "wellbeing": {...}, **assessment.matters}``.
    """
    return [m for m in matters_for(nation, framework) if not answered(m, recorded.get(m.key))]


IMPACTED: Final = frozenset({"some", "significant"})  # wellbeing.IMPACT_LEVELS that record an impact


def wellbeing_contradiction(significant_impact: bool | None, impacts: Mapping[str, Any]) -> bool:
    """True when England's "significant impact on well-being" answer (SI 2015/313 reg. 3(1)(c)) is
    yes, yet no area of well-being records any impact: the practitioner must give a reason.

    ``impacts`` maps each area code to its impact level ("none", "some", "significant"), or to the
    stored ``{"impact": ..., "notes": ...}`` of ``Assessment.wellbeing``.
    """
    if significant_impact is not True:
        return False
    levels = [v.get("impact") if isinstance(v, Mapping) else v for v in impacts.values()]
    return not any(level in IMPACTED for level in levels)
