"""What groups adds to a person's page: a section (bookings, waiting lists, the information pack),
two buttons, and its kinds of entry on the timeline (people/sections.py and people/timeline.py own
the page; groups registers here)."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from carershub.activity.models import EventKind
from carershub.core import reversing
from carershub.people import sections, timeline
from carershub.support.groups import services
from carershub.support.groups.models import Booking, InformationPack, WaitingListEntry
from carershub.support.groups.rules import BOOK, ISSUE_PACK, VIEW_ACTIVITIES, VIEW_CARER_GROUPS


# What the section read, which the timeline's entries look in first (sections.already_read).
CARER_GROUPS = "groups:carer"


def _read_on_page(events, part: str):
    page = sections.already_read(events[0].person, CARER_GROUPS) if events else None
    return getattr(page, part) if page is not None else None


def section(user, person):
    if not user.has_perm(VIEW_CARER_GROUPS, person):
        return None
    today = timezone.localdate()
    # Nothing to read for a carer never booked, waiting or given a pack: the page's one question
    # about what the record holds says so (decision 62).
    if not sections.holds(person, "groups"):
        return sections.Section("groups/_person_section.jinja", {"empty": True, "person_pk": person.pk}, order=45)
    found = sections.read_once(person, CARER_GROUPS, lambda: services.carer_groups(person))
    upcoming = [
        b for b in found.bookings
        if b.status == "booked" and (b.session_id is None or b.session.date >= today)
    ][:10]
    if not (upcoming or any(e.left_at is None for e in found.waiting) or found.packs):
        return sections.Section("groups/_person_section.jinja", {"empty": True, "person_pk": person.pk}, order=45)
    return sections.Section(
        "groups/_person_section.jinja",
        {
            "empty": False,
            "upcoming": upcoming,
            "waiting": [e for e in found.waiting if e.left_at is None],
            "pack": found.packs[0] if found.packs else None,
            "person_pk": person.pk,
        },
        order=45,
    )


def actions(user, person):
    found = []
    if user.has_perm(BOOK, person):
        found.append(sections.Action(_("Book onto a group or course"), reversing.url("groups:book_carer", person.pk), order=70))
    if user.has_perm(ISSUE_PACK, person):
        found.append(sections.Action(_("Record an information pack"), reversing.url("groups:new_pack", person.pk), order=75))
    return found


# ---------------------------------------------------------------- the timeline

BOOKING_KINDS = [EventKind.SESSION_BOOKED, EventKind.SESSION_CANCELLED, EventKind.SESSION_ATTENDED, EventKind.SESSION_MISSED]
WAITING_KINDS = [EventKind.WAITING_LIST_JOINED, EventKind.WAITING_LIST_LEFT]


def _when(booking) -> str:
    if booking.session_id is None:
        return _("Ongoing")
    s = booking.session
    return f"{s.date:%d/%m/%Y} {s.starts_at:%H:%M}, {s.venue}"


def _describe_bookings(user, events):
    bookings = timeline.rows_for(
        events, Booking.objects.select_related("activity", "session"), read=_read_on_page(events, "bookings")
    )
    titles = {
        EventKind.SESSION_BOOKED: gettext_lazy("Booked: %(name)s"),
        EventKind.SESSION_CANCELLED: gettext_lazy("Booking cancelled: %(name)s"),
        EventKind.SESSION_ATTENDED: gettext_lazy("Attended: %(name)s"),
        EventKind.SESSION_MISSED: gettext_lazy("Did not attend: %(name)s"),
    }
    found = {}
    for event in events:
        booking = bookings.get(event.object_id)
        if booking is None:
            continue
        href = reversing.url("groups:session", booking.session_id) if booking.session_id else reversing.url("groups:activity", booking.activity_id)
        found[event.pk] = timeline.Entry(
            title=str(titles[event.kind]) % {"name": booking.activity.name}, detail=_when(booking), href=href
        )
    return found


def _describe_waiting(user, events):
    entries = timeline.rows_for(
        events, WaitingListEntry.objects.select_related("activity"), read=_read_on_page(events, "waiting")
    )
    found = {}
    for event in events:
        entry = entries.get(event.object_id)
        if entry is None:
            continue
        if event.kind == EventKind.WAITING_LIST_JOINED:
            title = _("Added to the waiting list: %(name)s") % {"name": entry.activity.name}
            detail = ""
        else:
            title = _("Left the waiting list: %(name)s") % {"name": entry.activity.name}
            days = event.data.get("days_waited", 0)
            detail = ngettext("%(outcome)s, after %(days)s day", "%(outcome)s, after %(days)s days", days) % {
                "outcome": entry.get_outcome_display(), "days": days,
            }
        found[event.pk] = timeline.Entry(title=title, detail=detail, href=reversing.url("groups:activity", entry.activity_id))
    return found


def _describe_packs(user, events):
    packs = timeline.rows_for(events, InformationPack.objects.all(), read=_read_on_page(events, "packs"))
    found = {}
    for event in events:
        pack = packs.get(event.object_id)
        if pack is None:
            continue
        found[event.pk] = timeline.Entry(
            title=_("Carers information pack given"),
            detail=_("%(format)s, in %(language)s") % {"format": pack.get_format_display(), "language": pack.get_language_display()},
            href=reversing.url("groups:carer", pack.person_id),
        )
    return found


def _is_service_worker(user) -> bool:
    return user.has_perm(VIEW_ACTIVITIES)


def register():
    sections.register(section)
    sections.register_holding("groups", Booking, WaitingListEntry, InformationPack)
    sections.register_action(actions)
    timeline.register_group("groups", gettext_lazy("Groups and courses"), order=70, visible=_is_service_worker)
    timeline.register("groups", BOOKING_KINDS, _describe_bookings)
    timeline.register("groups", WAITING_KINDS, _describe_waiting)
    timeline.register("groups", [EventKind.INFORMATION_PACK_ISSUED], _describe_packs)
