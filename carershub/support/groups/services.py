"""Groups, courses and waiting lists: each operation one transaction that leaves its activity event.

A booking holds a place until it is cancelled. Booking takes the session's row lock (the
activity's, for an ongoing activity) before it counts the places taken, so two workers booking the
last place at the same moment cannot both have it: the second counts after the first commits and
finds the session full. Waiting lists keep their order (joined at, then id: waitlist.py) and every
carer leaves with an outcome; booking a carer who is waiting takes them off the list as "offered a
place", with the days they waited in the events.
"""

import datetime
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from carershub.accounts.models import SERVICE_ROLES
from carershub.activity.models import EventKind
from carershub.activity.services import record_event
from carershub.core.locking import claim_version
from carershub.core.workqueues import Shortcut, WorkQueue
from carershub.people import matching
from carershub.people import services as people_services
from carershub.people.models import Person
from carershub.people.services import visible_person_or_404
from carershub.support.groups import waitlist
from carershub.support.groups.models import (
    HOLDS_A_PLACE,
    Activity,
    Booking,
    BookingStatus,
    InformationPack,
    LeftBecause,
    Session,
    WaitingListEntry,
)
from carershub.support.groups.rules import VIEW_ACTIVITIES


class Refused(Exception):
    """The operation was refused for a reason the worker can act on: ``code`` is a key of
    waitlist.MESSAGES (or of REFUSALS below), ``params`` its placeholders."""

    def __init__(self, code, **params):
        super().__init__(code)
        self.code = code
        self.params = params


# ---------------------------------------------------------------- what a user may see


def activities_visible_to(user):
    """What is offered where the user works: activities run by their organisation, offered across the
    region or in their organisation's area; everything, for an organisation that works region-wide
    (the carers centre). Only service workers see activities."""
    if not (user.is_authenticated and user.has_role(*SERVICE_ROLES)):
        return Activity.objects.none()
    organisation = user.organisation
    if organisation is None:
        return Activity.objects.none()
    if organisation.area_id is None:
        return Activity.objects.all()
    region_wide = ~Exists(Activity.areas.through.objects.filter(activity_id=OuterRef("pk")))
    in_area = Exists(Activity.areas.through.objects.filter(activity_id=OuterRef("pk"), area_id=organisation.area_id))
    return Activity.objects.filter(Q(organisation_id=organisation.pk) | region_wide | in_area)


def activity_or_404(user, pk) -> Activity:
    return get_object_or_404(activities_visible_to(user).select_related("organisation"), pk=pk)


def session_or_404(user, pk) -> Session:
    session = get_object_or_404(Session.objects.select_related("activity__organisation"), pk=pk)
    if not activities_visible_to(user).filter(pk=session.activity_id).exists():
        raise Http404
    return session


def booking_or_404(user, pk) -> Booking:
    booking = get_object_or_404(Booking.objects.select_related("activity__organisation", "session", "person"), pk=pk)
    if not activities_visible_to(user).filter(pk=booking.activity_id).exists():
        raise Http404
    visible_person_or_404(user, booking.person_id)
    return booking


def entry_or_404(user, pk) -> WaitingListEntry:
    entry = get_object_or_404(WaitingListEntry.objects.select_related("activity__organisation", "person"), pk=pk)
    if not activities_visible_to(user).filter(pk=entry.activity_id).exists():
        raise Http404
    visible_person_or_404(user, entry.person_id)
    return entry


def people_seen(user, people):
    """Of ``people`` (on a list or a register), those the user may open; the rest are only counted."""
    pks = {p.pk for p in people}
    if not pks:
        return set()
    return set(Person.objects.visible_to(user).filter(pk__in=pks).values_list("pk", flat=True))


def find_carers(user, text: str, limit: int = 20):
    """Carers the user works with whose names start with the words typed ("ann jon" finds Ann Jones)."""
    words = [matching.normalise_name(w) for w in text.split()[:4]]
    words = [w for w in words if w]
    if not words:
        return []
    people = Person.objects.related_to(user).filter(carer__isnull=False)
    for word in words:
        people = people.filter(Q(search_given__startswith=word) | Q(search_family__startswith=word))
    return list(people.select_related("area").order_by("search_family", "search_given", "pk")[:limit])


# ---------------------------------------------------------------- activities and sessions


@transaction.atomic
def create_activity(*, actor, areas=(), **fields) -> Activity:
    activity = Activity.objects.create(created_by=actor, **fields)
    # No event: an activity is not about a person, and activity.EventKind has no kind for it (the
    # figures count bookings, attendance and waits, which do write events).
    activity.areas.set(areas)
    return activity


@transaction.atomic
def update_activity(activity: Activity, *, expected_version, actor, areas=None, **fields) -> Activity:
    """Raises StaleRecordError if somebody changed it first; Refused if the places would fall below
    the places an ongoing activity already has taken."""
    locked = Activity.objects.select_for_update().get(pk=activity.pk)
    if locked.ongoing or fields.get("ongoing"):
        problem = waitlist.places_problem(fields.get("places", locked.places), ongoing_taken(locked))
        if problem:
            raise Refused(problem[0], **problem[1])
    claim_version(activity, expected_version)
    Activity.objects.filter(pk=activity.pk).update(**fields)
    for name, value in fields.items():
        setattr(activity, name, value)
    if areas is not None:
        activity.areas.set(areas)
    return activity


@transaction.atomic
def add_session(activity: Activity, *, date, starts_at, ends_at, venue, places, actor) -> Session:
    problem = waitlist.times_problem(starts_at, ends_at)
    if problem:
        raise Refused(problem)
    problem = waitlist.places_problem(places)
    if problem:
        raise Refused(problem[0], **problem[1])
    if not activity.is_active:
        raise Refused("closed")
    return Session.objects.create(
        activity=activity, date=date, starts_at=starts_at, ends_at=ends_at, venue=venue, places=places, created_by=actor
    )


@transaction.atomic
def change_session_places(session: Session, *, expected_version, places, actor) -> Session:
    locked = Session.objects.select_for_update().get(pk=session.pk)
    problem = waitlist.places_problem(places, taken(locked))
    if problem:
        raise Refused(problem[0], **problem[1])
    claim_version(session, expected_version)
    Session.objects.filter(pk=session.pk).update(places=places)
    session.places = places
    return session


def taken(session: Session) -> int:
    """Places of the session held by bookings (read after the session's row is locked, when booking)."""
    return Booking.objects.filter(session=session, status__in=HOLDS_A_PLACE).count()


def ongoing_taken(activity: Activity) -> int:
    """Current clients of an ongoing activity."""
    return Booking.objects.filter(activity=activity, session__isnull=True, status=BookingStatus.BOOKED).count()


def sessions_with_places(activity: Activity):
    return activity.sessions.annotate(
        taken=Count("bookings", filter=Q(bookings__status__in=HOLDS_A_PLACE))
    ).order_by("date", "starts_at", "pk")


def minutes(session: Session | None) -> int:
    return waitlist.minutes_between(session.starts_at, session.ends_at) if session is not None else 0


# ---------------------------------------------------------------- bookings


def _lock(activity: Activity, session: Session | None):
    """Lock the row whose places are being taken: the session's, or an ongoing activity's."""
    if session is not None:
        return Session.objects.select_for_update().select_related("activity").get(pk=session.pk)
    return Activity.objects.select_for_update().get(pk=activity.pk)


def _count_taken(activity: Activity, session: Session | None) -> int:
    # The concurrency test holds the first booking here, after the lock and before the count is used.
    return taken(session) if session is not None else ongoing_taken(activity)


@transaction.atomic
def book(person: Person, *, activity: Activity, session: Session | None = None, actor) -> Booking:
    """Book ``person`` on ``session`` (or on an ongoing activity's places). Raises Refused with
    "closed", "past", "full", "already_booked" or "needs_session" and saves nothing."""
    if session is not None and session.activity_id != activity.pk:
        raise Http404
    if session is None and not activity.ongoing:
        raise Refused("needs_session")
    locked = _lock(activity, session)
    current = Activity.objects.get(pk=activity.pk) if session is not None else locked
    places = locked.places
    already = Booking.objects.filter(person=person, status__in=HOLDS_A_PLACE)
    already = already.filter(session=session) if session is not None else already.filter(
        activity=activity, session__isnull=True, status=BookingStatus.BOOKED
    )
    if already.exists():
        raise Refused("already_booked")
    problem = waitlist.booking_problem(
        active=current.is_active,
        session_day=session.date if session is not None else None,
        today=timezone.localdate(),
        places=places,
        taken=_count_taken(activity, session),
    )
    if problem:
        raise Refused(problem)
    try:
        with transaction.atomic():
            booking = Booking.objects.create(
                activity=activity, session=session, person=person, booked_by=actor, organisation_id=actor.organisation_id
            )
    except IntegrityError:
        raise Refused("already_booked") from None
    data = {"activity_kind": activity.kind, "activity": activity.pk, "minutes": minutes(session)}
    if session is not None:
        data["session"] = session.pk
    entry = WaitingListEntry.objects.filter(activity=activity, person=person, left_at__isnull=True).first()
    if entry is not None:
        waited = _leave(entry, outcome=LeftBecause.OFFERED, actor=actor)
        data["days_waited"] = waited
        data["from_waiting_list"] = entry.pk
    record_event(EventKind.SESSION_BOOKED, actor=actor, person=person, obj=booking, data=data)
    return booking


@transaction.atomic
def cancel_booking(booking: Booking, *, expected_version, reason, actor) -> WaitingListEntry | None:
    """Cancel a booking (its place is free again); returns who is next on the waiting list to be
    offered it, if anybody. Raises StaleRecordError if it changed or was cancelled meanwhile."""
    if booking.session_id and booking.session.date < timezone.localdate() and booking.status != BookingStatus.BOOKED:
        raise Refused("register_taken")
    now = timezone.now()
    claim_version(booking, expected_version, status=BookingStatus.BOOKED)
    ended = timezone.localdate() if booking.session_id is None else None
    Booking.objects.filter(pk=booking.pk).update(
        status=BookingStatus.CANCELLED, cancelled_at=now, cancel_reason=reason, ended_on=ended
    )
    booking.status, booking.cancelled_at, booking.cancel_reason = BookingStatus.CANCELLED, now, reason
    record_event(
        EventKind.SESSION_CANCELLED,
        actor=actor,
        person=booking.person,
        obj=booking,
        data={"activity_kind": booking.activity.kind, "activity": booking.activity_id, "minutes": minutes(booking.session)},
    )
    return next_to_offer(booking.activity)


REGISTER_CHOICES = (BookingStatus.ATTENDED, BookingStatus.MISSED)


@transaction.atomic
def take_register(session: Session, *, marks: dict, expected_version, actor) -> int:
    """Record who came: ``marks`` is {booking pk: "attended" or "did_not_attend"} for the session's
    bookings that hold a place. A booking whose mark changes writes SESSION_ATTENDED or
    SESSION_MISSED (with the session's minutes). Raises Refused("register_early") before the day,
    StaleRecordError if somebody else took the register first. Returns how many marks changed."""
    if session.date > timezone.localdate():
        raise Refused("register_early")
    claim_version(session, expected_version)
    Session.objects.filter(pk=session.pk).update(register_taken_at=timezone.now(), register_taken_by=actor)
    bookings = Booking.objects.filter(session=session, status__in=HOLDS_A_PLACE, pk__in=list(marks)).select_related("person")
    length = minutes(session)
    changed = 0
    for booking in bookings:
        mark = marks[booking.pk]
        if mark not in REGISTER_CHOICES or mark == booking.status:
            continue
        Booking.objects.filter(pk=booking.pk).update(status=mark, attendance_recorded_at=timezone.now())
        kind = EventKind.SESSION_ATTENDED if mark == BookingStatus.ATTENDED else EventKind.SESSION_MISSED
        data = {"activity_kind": session.activity.kind, "activity": session.activity_id, "session": session.pk,
                "minutes": length}
        if booking.status in REGISTER_CHOICES:
            # A correction of a register already taken: the figures take the earlier mark back.
            data["corrects"] = booking.status
        record_event(kind, actor=actor, person=booking.person, obj=booking, data=data)
        changed += 1
    return changed


def session_bookings(session: Session):
    return (
        Booking.objects.filter(session=session)
        .select_related("person", "booked_by", "organisation")
        .order_by("status", "booked_at", "pk")
    )


def ongoing_bookings(activity: Activity):
    return (
        Booking.objects.filter(activity=activity, session__isnull=True, status=BookingStatus.BOOKED)
        .select_related("person", "booked_by")
        .order_by("booked_at", "pk")
    )


# ---------------------------------------------------------------- waiting lists


@transaction.atomic
def join_waiting_list(activity: Activity, *, person: Person, actor, note="") -> WaitingListEntry:
    if not activity.is_active:
        raise Refused("closed")
    if WaitingListEntry.objects.filter(activity=activity, person=person, left_at__isnull=True).exists():
        raise Refused("already_waiting")
    try:
        with transaction.atomic():
            entry = WaitingListEntry.objects.create(activity=activity, person=person, added_by=actor, note=note)
    except IntegrityError:
        raise Refused("already_waiting") from None
    record_event(
        EventKind.WAITING_LIST_JOINED, actor=actor, person=person, obj=entry,
        data={"activity_kind": activity.kind, "activity": activity.pk},
    )
    return entry


def _leave(entry: WaitingListEntry, *, outcome, actor, expected_version=None) -> int:
    waited = waitlist.days_waited(timezone.localtime(entry.joined_at), timezone.localdate())
    claim_version(entry, entry.version if expected_version is None else expected_version, left_at__isnull=True)
    now = timezone.now()
    WaitingListEntry.objects.filter(pk=entry.pk).update(left_at=now, outcome=outcome, left_by=actor)
    entry.left_at, entry.outcome, entry.left_by = now, outcome, actor
    record_event(
        EventKind.WAITING_LIST_LEFT, actor=actor, person=entry.person, obj=entry,
        data={"days_waited": waited, "outcome": str(outcome), "activity_kind": entry.activity.kind,
              "activity": entry.activity_id},
    )
    return waited


@transaction.atomic
def leave_waiting_list(entry: WaitingListEntry, *, expected_version, outcome, actor) -> int:
    """Take the carer off the list with an outcome; returns the days they waited."""
    return _leave(entry, outcome=outcome, actor=actor, expected_version=expected_version)


def waiting(activity: Activity):
    """Still waiting, first come first served (waitlist.in_order, done by the database's index)."""
    return (
        WaitingListEntry.objects.filter(activity=activity, left_at__isnull=True)
        .select_related("person", "added_by")
        .order_by("joined_at", "pk")
    )


def positions(entries) -> dict[int, int]:
    return waitlist.positions(waitlist.Waiting(e.pk, e.joined_at) for e in entries)


def next_to_offer(activity: Activity) -> WaitingListEntry | None:
    return waiting(activity).first()


def measures(activity: Activity, today: datetime.date | None = None) -> waitlist.WaitMeasures:
    today = today or timezone.localdate()
    joined = [timezone.localtime(j) for j in waiting(activity).values_list("joined_at", flat=True)]
    return waitlist.wait_measures(joined, today)


# ---------------------------------------------------------------- the carers information pack


@transaction.atomic
def issue_pack(person: Person, *, issued_on, format, language, actor) -> InformationPack:
    pack = InformationPack.objects.create(
        person=person, issued_on=issued_on, format=format, language=language, issued_by=actor,
        organisation_id=actor.organisation_id,
    )
    record_event(
        EventKind.INFORMATION_PACK_ISSUED, actor=actor, person=person, obj=pack,
        data={"format": format, "language": language},
    )
    return pack


# ---------------------------------------------------------------- one carer's groups


@dataclass
class CarerGroups:
    bookings: list
    waiting: list
    packs: list


def carer_groups(person: Person) -> CarerGroups:
    bookings = list(
        Booking.objects.filter(person=person)
        .select_related("activity__organisation", "session")
        .order_by("-booked_at", "-pk")[:200]
    )
    entries = list(
        WaitingListEntry.objects.filter(person=person)
        .select_related("activity__organisation")
        .order_by("left_at", "-joined_at", "-pk")[:100]
    )
    # Each current entry's position on its list: one query for the entries ahead of them.
    for entry in entries:
        entry.position = None
    current = [e for e in entries if e.left_at is None]
    if current:
        ahead = Q()
        for e in current:
            ahead |= Q(activity_id=e.activity_id) & (Q(joined_at__lt=e.joined_at) | Q(joined_at=e.joined_at, pk__lt=e.pk))
        rows = list(WaitingListEntry.objects.filter(left_at__isnull=True).filter(ahead).values_list("activity_id", "joined_at", "pk"))
        for e in current:
            e.position = 1 + sum(1 for a, j, pk in rows if a == e.activity_id and (j, pk) < (e.joined_at, e.pk))
    packs = list(InformationPack.objects.filter(person=person).select_related("issued_by", "organisation")[:50])
    return CarerGroups(bookings=bookings, waiting=entries, packs=packs)


def bookable_for(user):
    """Upcoming sessions with a place and open ongoing activities the user may book onto."""
    today = timezone.localdate()
    activities = activities_visible_to(user).filter(is_active=True)
    sessions = (
        Session.objects.filter(activity__in=activities, date__gte=today)
        .select_related("activity")
        .annotate(taken=Count("bookings", filter=Q(bookings__status__in=HOLDS_A_PLACE)))
        .order_by("date", "starts_at", "pk")[:300]
    )
    ongoing = activities.filter(ongoing=True).order_by("name", "pk")
    return list(sessions), list(ongoing)


# ---------------------------------------------------------------- the home page


def _runs(user):
    return Activity.objects.filter(organisation_id=user.organisation_id) if user.organisation_id else Activity.objects.none()


def registers_to_take(user):
    """Sessions of the user's organisation, this week up to today, with bookings and no register yet."""
    today = timezone.localdate()
    week_start = today - datetime.timedelta(days=today.weekday())
    return (
        Session.objects.filter(
            activity__in=_runs(user), date__gte=week_start, date__lte=today, register_taken_at__isnull=True,
        )
        .filter(Exists(Booking.objects.filter(session=OuterRef("pk"), status=BookingStatus.BOOKED)))
        .select_related("activity")
        .order_by("date", "starts_at", "pk")
    )


def home_items(user):
    if not user.has_perm(VIEW_ACTIVITIES):
        return []
    items = [Shortcut(reverse("groups:activities"), _("Groups, courses and waiting lists"), order=45)]
    items.append(WorkQueue(reverse("groups:activities") + "?registers=1", _("Group sessions this week without a register"),
                           registers_to_take(user).count(), order=46))
    waiting_here = WaitingListEntry.objects.filter(left_at__isnull=True, activity__in=_runs(user))
    related = people_services.about_related(user, "person_id")
    if related is not None:
        waiting_here = waiting_here.filter(related)
    items.append(WorkQueue(reverse("groups:activities") + "?waiting=1", _("Carers on your waiting lists"),
                           waiting_here.count(), order=47))
    return items


# ---------------------------------------------------------------- data-protection rights


def for_subject_access(person):
    """Everything groups holds about the person, oldest first: bookings and attendance, waiting
    lists (with outcome and dates) and information packs."""
    return {
        "bookings": Booking.objects.filter(person=person)
        .select_related("activity__organisation", "session", "booked_by")
        .order_by("booked_at", "pk"),
        "waiting_lists": WaitingListEntry.objects.filter(person=person)
        .select_related("activity__organisation", "added_by", "left_by")
        .order_by("joined_at", "pk"),
        "information_packs": InformationPack.objects.filter(person=person)
        .select_related("issued_by", "organisation")
        .order_by("issued_on", "pk"),
    }


def erase_of(person) -> dict:
    """Blank what was written about the person in free text (cancellation reasons, waiting-list notes).

    The rows stay, with kinds, dates, statuses and outcomes, so counted events and waiting-time
    figures still add up; nothing else here is free text about the person.
    """
    return {
        "bookings": Booking.objects.filter(person=person).update(cancel_reason=""),
        "waiting_lists": WaitingListEntry.objects.filter(person=person).update(note=""),
        "information_packs": 0,
    }

