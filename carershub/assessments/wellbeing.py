"""The areas of well-being an assessment must consider, as the law lists them. No Django.

England: Care Act 2014 s1(2). Wales: Social Services and Well-being (Wales) Act 2014 s2(2)
(for adults, s2(4) adds control over day-to-day life and participation in work).

SSWA 2014 s2(4), checked against the revised text on legislation.gov.uk: "In relation to an adult,
'well-being' also includes (a) control over day to day life; (b) participation in work." So a carer
under 18 in Wales is not asked about those two (``areas_for``). s2(3) adds, for a child,
development and "welfare" as interpreted for the Children Act 1989; those are not separate areas
here (they are looked at under the young carer's matters: see eligibility/matters.py).
"""

from typing import Final

from carershub.core.i18n import gettext_noop


ENGLAND_AREAS: Final[dict[str, str]] = {
    "dignity": gettext_noop("Personal dignity, including being treated with respect"),
    "health": gettext_noop("Physical and mental health and emotional well-being"),
    "protection": gettext_noop("Protection from abuse and neglect"),
    "control": gettext_noop("Control over day-to-day life"),
    "participation": gettext_noop("Work, education, training or recreation"),
    "social_economic": gettext_noop("Social and economic well-being"),
    "relationships": gettext_noop("Domestic, family and personal relationships"),
    "accommodation": gettext_noop("Suitability of living accommodation"),
    "contribution": gettext_noop("Contribution to society"),
}

WALES_AREAS: Final[dict[str, str]] = {
    "rights": gettext_noop("Securing rights and entitlements"),
    "health": gettext_noop("Physical and mental health and emotional well-being"),
    "protection": gettext_noop("Protection from abuse and neglect"),
    "participation": gettext_noop("Education, training and recreation"),
    "relationships": gettext_noop("Domestic, family and personal relationships"),
    "contribution": gettext_noop("Contribution made to society"),
    "social_economic": gettext_noop("Social and economic well-being"),
    "accommodation": gettext_noop("Suitability of living accommodation"),
    "control": gettext_noop("Control over day-to-day life"),
    "work": gettext_noop("Participation in work"),
}

AREAS_BY_NATION: Final[dict[str, dict[str, str]]] = {"england": ENGLAND_AREAS, "wales": WALES_AREAS}

IMPACT_LEVELS: Final[dict[str, str]] = {
    "none": gettext_noop("No impact"),
    "some": gettext_noop("Some impact"),
    "significant": gettext_noop("Significant impact"),
}

# SSWA 2014 s2(4): areas of well-being that exist "in relation to an adult" only.
WALES_ADULT_ONLY_AREAS: Final[frozenset[str]] = frozenset({"control", "work"})


def areas_for(nation: str, carer_is_adult: bool) -> dict[str, str]:
    """The well-being areas to ask about for a carer of this nation and age, in the law's order.

    England (Care Act 2014 s1(2)) has one list for everyone. Wales leaves out the s2(4) adult-only
    areas for a carer under 18. A copy: callers may change it.
    """
    areas = AREAS_BY_NATION[nation]
    if nation == "wales" and not carer_is_adult:
        return {code: label for code, label in areas.items() if code not in WALES_ADULT_ONLY_AREAS}
    return dict(areas)
