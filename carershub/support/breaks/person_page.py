"""What short breaks add to a person's page (a glance row, a section, a button) and to the timeline."""

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from carershub.activity.models import EventKind
from carershub.core import reversing
from carershub.people import sections, timeline
from carershub.support.breaks import services
from carershub.support.breaks.models import Allowance, Booking
from carershub.support.breaks.presenters import amount_words
from carershub.support.breaks.rules import GRANT_ALLOWANCE, VIEW_BREAKS

ALLOWANCE_KINDS = [EventKind.ALLOWANCE_GRANTED, EventKind.ALLOWANCE_ADJUSTED, EventKind.ALLOWANCE_EXPIRED]
BOOKING_KINDS = [
    EventKind.BREAK_REQUESTED,
    EventKind.BREAK_CONFIRMED,
    EventKind.BREAK_DELIVERED,
    EventKind.BREAK_CANCELLED,
    EventKind.BREAK_NO_SHOW,
]


def _when(moment) -> str:
    return formats.date_format(timezone.localtime(moment), "j F Y, H:i")


def _is_carer(person) -> bool:
    return hasattr(person, "carer")


def _current(person):
    """(the allowance in force or None, its position or None, whether the carer has any allowance):
    one query for a carer without allowances, shared by the section and the glance."""

    def compute():
        allowances = list(services.allowances_of(person)) if sections.holds(person, "breaks") else []
        today = timezone.localdate()
        current = next(
            (a for a in allowances if a.starts_on <= today <= a.ends_on and a.expired_at is None), None
        )
        position = services.positions([current])[current.pk] if current is not None else None
        return current, position, bool(allowances)

    return sections.remembered(person, "breaks", compute)


def section(user, person):
    """The current allowance's balance and the next booking."""
    if not user.has_perm(VIEW_BREAKS, person):
        return None
    current, position, any_allowance = _current(person)
    if not any_allowance:
        return None
    upcoming = services.next_booking(person)
    return sections.Section(
        "breaks/_person_section.jinja",
        {
            "person_pk": person.pk,
            "current": current,
            "balance": amount_words(current.unit, position.balance) if current else "",
            "held": amount_words(current.unit, position.held) if current else "",
            "next": upcoming,
        },
        order=35,
    )


def glances(user, person):
    if not user.has_perm(VIEW_BREAKS, person):
        return []
    current, position, _any = _current(person)
    if current is None:
        return []
    return [
        sections.Glance(
            label=_("Short breaks"),
            text=_("%(balance)s left, until %(date)s") % {
                "balance": amount_words(current.unit, position.balance),
                "date": formats.date_format(current.ends_on, "j F Y"),
            },
            href=reversing.url("breaks:for_carer", person.pk),
            order=45,
        )
    ]


def actions(user, person):
    if _is_carer(person) and user.has_perm(GRANT_ALLOWANCE, person):
        return [sections.Action(_("Short breaks"), reversing.url("breaks:for_carer", person.pk), order=45)]
    return []


def may_see(user) -> bool:
    return user.has_perm(VIEW_BREAKS)


def describe_allowances(user, events):
    allowances = {a.pk: a for a in Allowance.objects.filter(pk__in=[e.object_id for e in events if e.object_id])}
    found = {}
    for event in events:
        allowance = allowances.get(event.object_id)
        if allowance is None:
            continue
        data = event.data or {}
        amount = data.get("minutes", data.get("pence", 0)) or 0
        words = amount_words(allowance.unit, amount)
        if event.kind == EventKind.ALLOWANCE_GRANTED:
            title = _("Short breaks allowance granted: %(amount)s") % {"amount": words}
            detail = _("Preventative break") if allowance.preventative else _("From the support plan")
        elif event.kind == EventKind.ALLOWANCE_ADJUSTED:
            title = _("Short breaks allowance adjusted: %(amount)s") % {"amount": words}
            detail = ""
        else:
            title = _("Short breaks allowance expired: %(amount)s unused") % {"amount": words}
            detail = ""
        found[event.pk] = timeline.Entry(title=title, detail=detail, href=reversing.url("breaks:for_carer", allowance.carer_id))
    return found


def describe_bookings(user, events):
    bookings = {
        b.pk: b
        for b in Booking.objects.filter(pk__in=[e.object_id for e in events if e.object_id]).select_related("provider")
    }
    titles = {
        EventKind.BREAK_REQUESTED: _("Break requested: %(kind)s"),
        EventKind.BREAK_CONFIRMED: _("Break confirmed: %(kind)s"),
        EventKind.BREAK_DELIVERED: _("Break delivered: %(kind)s"),
        EventKind.BREAK_CANCELLED: _("Break cancelled: %(kind)s"),
        EventKind.BREAK_NO_SHOW: _("Break did not take place: %(kind)s"),
    }
    found = {}
    for event in events:
        booking = bookings.get(event.object_id)
        if booking is None:
            continue
        found[event.pk] = timeline.Entry(
            title=titles[event.kind] % {"kind": booking.get_kind_display()},
            detail=_("%(start)s, with %(provider)s") % {"start": _when(booking.starts_at), "provider": booking.provider.name},
            href=reversing.url("breaks:booking", booking.pk),
            others=(booking.cared_for_id,) if booking.cared_for_id else (),
        )
    return found


def register():
    sections.register(section)
    sections.register_holding("breaks", Allowance, field="carer")
    sections.register_glance(glances)
    sections.register_action(actions)
    timeline.register_group("breaks", gettext_lazy("Short breaks"), order=45, visible=may_see)
    timeline.register("breaks", ALLOWANCE_KINDS, describe_allowances)
    timeline.register("breaks", BOOKING_KINDS, describe_bookings)
