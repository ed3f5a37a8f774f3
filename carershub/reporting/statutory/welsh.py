"""The Welsh carers' measures, from the assessments completed in Welsh council areas. No Django.

Wales measures social services under the Social Services and Well-being (Wales) Act 2014: the code of
practice in relation to measuring social services performance (issued under s145) and the Welsh
Government's "Performance and Improvement Framework for Social Services: Measuring Activity and
Performance - Guidance" (2020-21, WG40207), whose section 4.3 lists the carer metrics where the
carer is an adult and section 4.4 the young carer metrics. We read only the guidance's contents
page, not the metrics' own text, codes or counting rules: the measures below are those the service
asked for, defined here in our words, and must be checked against section 4 before they are
published as the framework's. Carers' needs assessments are under SSWA 2014 s24; a support plan
follows when needs meet the eligibility criteria (s32 and the Care and Support (Eligibility) (Wales)
Regulations 2015); a young carer is a carer under 18 (s3(4)).

- Adult carers' needs assessments completed in the period (the carer 18 or over on completion).
- Of those, the number, and percentage, that led to a support plan (one agreed on that assessment).
- Young carers' needs assessments completed (the carer under 18, or a young carer's assessment).
- Of those, the number and percentage that led to a support plan.
- Carers who declined an assessment: the service does not record a refusal, so this reads "not
  recorded" rather than a zero (``NOT_RECORDED``).

Counts are of carers' assessments we hold, so they are shown through ``reporting.disclosure``.
"""

from __future__ import annotations

from dataclasses import dataclass

from carershub.core.i18n import gettext_noop
from carershub.reporting import disclosure

ADULT, ADULT_PLAN, YOUNG, YOUNG_PLAN, DECLINED = "adult", "adult_plan", "young", "young_plan", "declined"
MEASURES = (
    (ADULT, gettext_noop("Adult carers' needs assessments completed")),
    (ADULT_PLAN, gettext_noop("Adult carers' needs assessments that led to a support plan")),
    (YOUNG, gettext_noop("Young carers' needs assessments completed")),
    (YOUNG_PLAN, gettext_noop("Young carers' needs assessments that led to a support plan")),
    (DECLINED, gettext_noop("Carers who declined an assessment")),
)
NOT_RECORDED = {DECLINED}
# Which count a percentage is "of".
OF = {ADULT_PLAN: ADULT, YOUNG_PLAN: YOUNG}


@dataclass
class AreaMeasures:
    la_code: str
    la_name: str
    counts: dict[str, int | None]

    def percent(self, code: str) -> float | None:
        base = self.counts.get(OF.get(code, ""))
        if not base or self.counts.get(code) is None:
            return None
        return round(100 * self.counts[code] / base, 1)

    def shown(self, code: str) -> tuple[disclosure.Hidden | None, bool]:
        """(how the count is shown, whether its percentage may be shown)."""
        count = self.counts.get(code)
        if count is None:
            return None, False
        mark = disclosure.primary(count)
        base_code = OF.get(code)
        if base_code is None:
            return mark, False
        base = self.counts[base_code]
        base_mark = disclosure.primary(base)
        # The other side of the split (assessments without a plan) is worked out from the two.
        complement = disclosure.primary(base - count)
        if mark is None and base_mark is None and complement is not None:
            mark = disclosure.Hidden.WITHHELD
        return mark, disclosure.percent_shown(mark, base_mark, complement)


def measures(assessments, areas) -> list[AreaMeasures]:
    """One AreaMeasures per Welsh area, in the order given.

    ``assessments``: dicts of the carers' assessments completed in the period in Welsh areas, each
    with ``la_code``, ``young`` (bool) and ``plan_agreed`` (bool). ``areas``: (code, name) pairs.
    """
    found = {code: AreaMeasures(code, name, {ADULT: 0, ADULT_PLAN: 0, YOUNG: 0, YOUNG_PLAN: 0, DECLINED: None})
             for code, name in areas}
    for item in assessments:
        area = found.get(item["la_code"])
        if area is None:
            continue
        young = bool(item.get("young"))
        area.counts[YOUNG if young else ADULT] += 1
        if item.get("plan_agreed"):
            area.counts[YOUNG_PLAN if young else ADULT_PLAN] += 1
    return list(found.values())
