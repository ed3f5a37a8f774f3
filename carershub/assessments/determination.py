"""The practitioner's determination at the end of an assessment, and what it must contain. No Django.

The rules module proposes; the practitioner decides. Where the framework has national eligibility
criteria (frameworks.WITH_NATIONAL_CRITERIA) the rules' proposal is shown criterion by criterion and
the practitioner confirms it or departs from it, giving reasons when they depart. Where it has none
(the Children Act 1989 s17ZA and s17ZD assessments, the Care Act 2014 s60 and s63 transition
assessments) the council determines whether the carer has needs for support and whether to provide
services (s17ZB and s17; s17ZE) or, after a transition assessment, which needs are likely to be eligible
after 18 (Care Act 2014 s61 and s64: the assessment's own matters record the needs likely then, and
the council gives an indication of whether they are likely to meet the eligibility criteria).

In Wales, where needs do not meet the eligibility criteria the council must still determine whether
it is necessary to meet them to protect the carer from abuse or neglect or the risk of it (SSWA 2014
s32(1)(b)(i)) or, for a carer who is a child, from abuse, neglect or other harm or the risk of it
(s32(1)(b)(ii)); and it must consider whether the needs call for the exercise of any other function
under the Act or Parts 4 and 5 of the Children Act 1989 (s32(1)(c)), which the product asks for a
young carer, as the issue that asked for it does. Read from the Act's explanatory notes (paragraphs
104-106) and the eligibility module's reading of s32(1); the enacted wording of each paragraph was
not compared line by line here. A "must meet" determination lets a support plan give funded support
as for an eligible need (models.Assessment.needs_to_be_met).

``problems`` returns field -> code for everything missing or contradictory; the form shows each at its
field and the service refuses a determination that has any.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Final

from carershub.core.i18n import gettext_noop

TRANSITIONS: Final = frozenset({"young_carer_transition", "childs_carer_transition"})

# s32(1)(b)(i) for an adult carer, s32(1)(b)(ii) for a carer who is a child.
MUST_MEET_ADULT: Final = "s32(1)(b)(i)"
MUST_MEET_CHILD: Final = "s32(1)(b)(ii)"

PROBLEMS: Final[dict[str, str]] = {
    "decided_required": gettext_noop("Say whether the carer's needs are eligible"),
    "reasons_for_departing": gettext_noop(
        "Give your reasons: your decision is not the one the rules propose, so the record must say why"
    ),
    "wellbeing_reason": gettext_noop(
        "Say why the impact on the carer's well-being is significant: no area of well-being records any impact"
    ),
    "must_meet_required": gettext_noop(
        "Say whether the carer's needs must be met anyway to protect them (section 32(1) of the 2014 Act)"
    ),
    "must_meet_reasons": gettext_noop("Give your reasons for deciding the needs must be met to protect the carer"),
    "other_functions_required": gettext_noop(
        "Say whether the young carer's needs call for the council to use any of its other functions "
        "(section 32(1)(c) of the 2014 Act)"
    ),
    "other_functions_detail": gettext_noop("Say which functions, and why"),
    "needs_for_support_required": gettext_noop("Say whether the carer has needs for support"),
    "services_required": gettext_noop("Say whether the council will provide or arrange services to meet them"),
    "reasons_required": gettext_noop("Give your reasons for the determination"),
    "likely_eligible_required": gettext_noop(
        "Say whether the carer's needs are likely to meet the eligibility criteria after 18"
    ),
}


@dataclass(frozen=True)
class Determination:
    """What the practitioner decided. ``None`` is "not answered"."""

    framework: str
    proposed: bool | None = None  # the rules' proposal; None where there are no national criteria
    decided: bool | None = None  # the practitioner's eligibility decision, where there are criteria
    reasons: str = ""
    wellbeing_reason: str = ""
    must_meet: bool | None = None
    must_meet_provision: str | None = None
    must_meet_reasons: str = ""
    other_functions: bool | None = None  # Wales s32(1)(c), asked for a young carer
    other_functions_detail: str = ""
    needs_for_support: bool | None = None
    services_to_be_provided: bool | None = None
    likely_eligible_after_18: bool | None = None

    @property
    def departs(self) -> bool:
        return self.proposed is not None and self.decided is not None and self.decided is not self.proposed

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "departs": self.departs}


def problems(
    d: Determination,
    *,
    nation: str,
    national_criteria: bool,
    wellbeing_contradiction: bool = False,
    carer_is_child: bool = False,
) -> dict[str, str]:
    """Field -> problem code for a determination that cannot be recorded as it stands."""
    found: dict[str, str] = {}

    def blank(text: str) -> bool:
        return not (text or "").strip()

    if national_criteria:
        if d.decided is None:
            found["decided"] = "decided_required"
        elif d.departs and blank(d.reasons):
            found["reasons"] = "reasons_for_departing"
        # England: "significant impact" answered with no impact recorded anywhere needs a reason.
        if wellbeing_contradiction and blank(d.wellbeing_reason):
            found["wellbeing_reason"] = "wellbeing_reason"
        if nation == "wales" and d.decided is False:
            if d.must_meet is None:
                found["must_meet"] = "must_meet_required"
            elif d.must_meet and blank(d.must_meet_reasons):
                found["must_meet_reasons"] = "must_meet_reasons"
        if nation == "wales" and carer_is_child:
            if d.other_functions is None:
                found["other_functions"] = "other_functions_required"
            elif d.other_functions and blank(d.other_functions_detail):
                found["other_functions_detail"] = "other_functions_detail"
        return found
    if d.needs_for_support is None:
        found["needs_for_support"] = "needs_for_support_required"
    elif d.needs_for_support and d.services_to_be_provided is None:
        found["services_to_be_provided"] = "services_required"
    if d.framework in TRANSITIONS and d.likely_eligible_after_18 is None:
        found["likely_eligible_after_18"] = "likely_eligible_required"
    if blank(d.reasons):
        found["reasons"] = "reasons_required"
    return found


def must_meet_provision(carer_is_child: bool) -> str:
    return MUST_MEET_CHILD if carer_is_child else MUST_MEET_ADULT
