"""Words and figures for the direct payments pages: money as £1,234.56, the law by the carer's nation."""

from django.utils.translation import gettext_lazy as _

from carershub.support.payments import ledger

LAW = {
    "england": _(
        "Care Act 2014, sections 31 to 33, and the Care and Support (Direct Payments) Regulations 2014: "
        "a direct payment from the carer's personal budget (section 26) to meet the needs in their support plan (section 25)."
    ),
    "wales": _(
        "Social Services and Well-being (Wales) Act 2014, sections 50 to 53 (section 52 for carers), and the "
        "Care and Support (Direct Payments) (Wales) Regulations 2015."
    ),
}


def law_for(person) -> str:
    nation = person.area.nation if getattr(person, "area_id", None) else None
    return str(LAW[nation]) if nation in LAW else ""


def money(pence) -> str:
    return ledger.pounds(pence)


def position_rows(position: ledger.Position) -> list[dict]:
    """Rows of a GOV.UK summary list: paid, spent, unspent held, to recover, recovered."""
    return [
        {"key": {"text": str(_("Paid"))}, "value": {"text": money(position.paid)}},
        {"key": {"text": str(_("Spent, from returns"))}, "value": {"text": money(position.spent)}},
        {"key": {"text": str(_("Unspent, held by the carer"))}, "value": {"text": money(position.unspent_held)}},
        {"key": {"text": str(_("To recover"))}, "value": {"text": money(position.to_recover)}},
        {"key": {"text": str(_("Recovered"))}, "value": {"text": money(position.recovered)}},
    ]


def how_often(agreement) -> str:
    if agreement.kind == "one_off":
        return str(_("One-off payment"))
    return agreement.get_schedule_display()
