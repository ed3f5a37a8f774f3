"""Direct payments on the person page: a section with the current agreements and the position, a
button to set one up, and the direct payment events on the timeline (people/sections.py and
people/timeline.py own the page; PaymentsConfig.ready() registers these)."""

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from carershub.activity.models import EventKind
from carershub.core import reversing
from carershub.people import sections, timeline
from carershub.support.payments import ledger, presenters, services
from carershub.support.payments.models import Agreement
from carershub.support.payments.rules import ADD_AGREEMENT, VIEW_PAYMENTS

KINDS = (
    EventKind.DIRECT_PAYMENT_AGREED,
    EventKind.DIRECT_PAYMENT_PAID,
    EventKind.DIRECT_PAYMENT_RETURN,
    EventKind.DIRECT_PAYMENT_RECOVERED,
    EventKind.DIRECT_PAYMENT_ENDED,
)
OBJECT_TYPE = "payments.agreement"


def may_see(user) -> bool:
    """Direct payments are the service's, like plans: partners under consent do not see them."""
    return user.has_perm(VIEW_PAYMENTS)


def section(user, person):
    if not user.has_perm(VIEW_PAYMENTS, person):
        return None
    # No query for a carer who never had a direct payment (decision 62).
    if not sections.holds(person, "payments"):
        return None
    agreements = list(Agreement.objects.filter(carer=person).select_related("council"))
    if not agreements:
        return None
    current = [a for a in agreements if a.status == Agreement.Status.ACTIVE]
    positions = services.positions_by_agreement(current)
    return sections.Section(
        "payments/_person_section.jinja",
        {
            "agreements": [(a, positions.get(a.pk, ledger.Position()), presenters.how_often(a)) for a in current],
            "position_rows": presenters.position_rows(services.position_of_carer(person)),
            "person_pk": person.pk,
            "money": presenters.money,
        },
        order=45,
    )


def actions(user, person):
    if hasattr(person, "carer") and user.has_perm(ADD_AGREEMENT, person):
        return [sections.Action(_("Set up a direct payment"), reversing.url("payments:create", person.pk), order=55)]
    return []


def _money(data, key) -> str:
    value = (data or {}).get(key)
    return ledger.pounds(value) if isinstance(value, int) else ""


def describe(user, events) -> dict:
    if not may_see(user):
        return {e.pk: timeline.HIDE for e in events}
    pks = {e.object_id for e in events if e.object_type == OBJECT_TYPE and e.object_id}
    agreements = Agreement.objects.filter(pk__in=pks).order_by().in_bulk() if pks else {}
    found = {}
    for event in events:
        agreement = agreements.get(event.object_id) if event.object_type == OBJECT_TYPE else None
        if agreement is None:
            continue
        data = event.data or {}
        if event.kind == EventKind.DIRECT_PAYMENT_AGREED:
            title = _("Direct payment agreed: %(amount)s, %(how_often)s") % {
                "amount": _money(data, "pence"),
                "how_often": presenters.how_often(agreement).lower(),
            }
            detail = agreement.purpose
        elif event.kind == EventKind.DIRECT_PAYMENT_PAID:
            title = _("Direct payment made: %(amount)s") % {"amount": _money(data, "pence")}
            detail = agreement.reference
        elif event.kind == EventKind.DIRECT_PAYMENT_RETURN:
            title = _("Direct payment monitoring return: %(spent)s spent") % {"spent": _money(data, "spent_pence")}
            detail = (
                _("%(amount)s unspent, to recover") % {"amount": _money(data, "unspent_pence")}
                if data.get("unspent_pence")
                else _("All spent")
            )
        elif event.kind == EventKind.DIRECT_PAYMENT_RECOVERED:
            title = _("Unspent direct payment recovered: %(amount)s") % {"amount": _money(data, "pence")}
            detail = agreement.reference
        else:
            title = _("Direct payment ended")
            detail = (
                _("Ended %(date)s") % {"date": formats.date_format(agreement.ended_on, "j F Y")} if agreement.ended_on else ""
            )
        found[event.pk] = timeline.Entry(title=title, detail=detail, href=reversing.url("payments:detail", agreement.pk))
    return found


def register():
    sections.register(section)
    sections.register_holding("payments", Agreement, field="carer")
    sections.register_action(actions)
    timeline.register_group("direct_payments", gettext_lazy("Direct payments"), order=46, visible=may_see)
    timeline.register("direct_payments", KINDS, describe)
