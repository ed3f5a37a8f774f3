from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, Min, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from rules.contrib.views import permission_required

from carershub.audit.models import AccessAction, AccessPart
from carershub.audit.services import record_access, record_page_access
from carershub.core.idempotency import creates_once, one_time
from carershub.core.locking import StaleRecordError
from carershub.core.template_helpers import error_summary_params
from carershub.people.services import visible_person_or_404
from carershub.support.groups import services, waitlist
from carershub.support.groups.forms import (
    ActivityFilterForm,
    ActivityForm,
    BookCarerForm,
    BookForm,
    CancelBookingForm,
    FindCarerForm,
    LeaveWaitingListForm,
    PackForm,
    RegisterForm,
    SessionForm,
    SessionPlacesForm,
    WaitingListForm,
    message,
)
from carershub.support.groups.models import HOLDS_A_PLACE, BookingStatus
from carershub.support.groups.rules import (
    ADD_ACTIVITY,
    BOOK,
    ISSUE_PACK,
    MANAGE_ACTIVITY,
    VIEW_ACTIVITIES,
    VIEW_CARER_GROUPS,
)

def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404 from None


def _stale(request, back):
    messages.error(request, _("Somebody else changed this while you were looking at it. Check it as it is now."))
    return redirect(back)


# ---------------------------------------------------------------- activities


@login_required
@permission_required(VIEW_ACTIVITIES, raise_exception=True)
def activities(request):
    form = ActivityFilterForm(request.GET or None)
    rows = services.activities_visible_to(request.user).select_related("organisation").prefetch_related("areas")
    if form.is_valid():
        data = form.cleaned_data
        if data["kind"]:
            rows = rows.filter(kind=data["kind"])
        if data["area"]:
            rows = rows.filter(Q(areas=data["area"]) | Q(areas__isnull=True)).distinct()
        if not data["closed"]:
            rows = rows.filter(is_active=True)
    else:
        rows = rows.filter(is_active=True)
    rows = rows.annotate(
        waiting_count=Count("waiting", filter=Q(waiting__left_at__isnull=True), distinct=True),
        waiting_since=Min("waiting__joined_at", filter=Q(waiting__left_at__isnull=True)),
    )
    # "?waiting=1" (the home page's queue): the activities with the longest current wait first.
    if request.GET.get("waiting"):
        rows = rows.filter(waiting_count__gt=0).order_by(F("waiting_since").asc(nulls_last=True), "pk")[:500]
    else:
        rows = rows.order_by("name", "pk")[:500]
    registers = list(services.registers_to_take(request.user)[:100]) if request.GET.get("registers") else []
    return render(
        request,
        "groups/activities.jinja",
        {"form": form, "rows": rows, "registers": registers, "form_errors": error_summary_params(form) if form.is_bound else None},
    )


@login_required
@permission_required(ADD_ACTIVITY, raise_exception=True)
@creates_once
def new_activity(request):
    form = one_time(request, ActivityForm(request.POST or None, user=request.user))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("form_token", None)
        areas = data.pop("areas")
        activity = services.create_activity(actor=request.user, areas=areas, **data)
        messages.success(request, _("Activity added: %(name)s") % {"name": activity.name})
        return redirect("groups:activity", pk=activity.pk)
    return render(request, "groups/activity_form.jinja", {"form": form, "activity": None, "form_errors": error_summary_params(form)})


@login_required
def edit_activity(request, pk):
    activity = services.activity_or_404(request.user, pk)
    if not request.user.has_perm(MANAGE_ACTIVITY, activity):
        raise PermissionDenied
    initial = {
        "kind": activity.kind, "name": activity.name, "description": activity.description,
        "organisation": activity.organisation_id, "areas": list(activity.areas.all()), "language": activity.language,
        "for_whom": activity.for_whom, "ongoing": activity.ongoing, "places": activity.places,
        "is_active": activity.is_active, "version": activity.version,
    }
    form = ActivityForm(request.POST or None, user=request.user, initial=initial, versioned=True)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        areas = data.pop("areas")
        try:
            services.update_activity(activity, expected_version=version, actor=request.user, areas=areas, **data)
        except StaleRecordError:
            return _stale(request, reverse("groups:activity", args=[activity.pk]))
        except services.Refused as refused:
            form.add_error("places", message(refused.code, refused.params))
        else:
            messages.success(request, _("Activity saved"))
            return redirect("groups:activity", pk=activity.pk)
    return render(request, "groups/activity_form.jinja", {"form": form, "activity": activity, "form_errors": error_summary_params(form)})


@login_required
@permission_required(VIEW_ACTIVITIES, raise_exception=True)
def activity(request, pk):
    found = services.activity_or_404(request.user, pk)
    today = timezone.localdate()
    sessions = list(services.sessions_with_places(found))
    for s in sessions:
        s.left = waitlist.places_left(s.places, s.taken)
    entries = list(services.waiting(found))
    positions = services.positions(entries)
    holders = list(services.ongoing_bookings(found)) if found.ongoing else []
    measured = services.measures(found, today)
    people = [e.person for e in entries] + [b.person for b in holders]
    seen = services.people_seen(request.user, people)
    parts = []
    shown = [p for p in people if p.pk in seen]
    if shown:
        parts.append((shown, AccessPart.GROUPS, ""))
        record_page_access(request, *parts)
    return render(
        request,
        "groups/activity.jinja",
        {
            "activity": found,
            "upcoming": [s for s in sessions if s.date >= today],
            "past": [s for s in sessions if s.date < today][-20:],
            "entries": entries,
            "positions": positions,
            "seen": seen,
            "holders": holders,
            "ongoing_left": waitlist.places_left(found.places, len(holders)),
            "measures": measured,
            # Whole days, half a day up: the median of an even count can fall between two.
            "median_days": int(measured.median_days + 0.5) if measured.median_days is not None else None,
            "can_manage": request.user.has_perm(MANAGE_ACTIVITY, found),
            "today": today,
        },
    )


@login_required
@creates_once
def new_session(request, pk):
    found = services.activity_or_404(request.user, pk)
    if not request.user.has_perm(MANAGE_ACTIVITY, found):
        raise PermissionDenied
    form = one_time(request, SessionForm(request.POST or None, initial={"places": found.places}))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            session = services.add_session(
                found, date=data["date"], starts_at=data["starts_at"], ends_at=data["ends_at"], venue=data["venue"],
                places=data["places"], actor=request.user,
            )
        except services.Refused as refused:
            field = {"ends_before_start": "ends_at", "closed": None}.get(refused.code, "places")
            form.add_error(field, message(refused.code, refused.params))
        else:
            messages.success(request, _("Session added"))
            return redirect("groups:session", pk=session.pk)
    return render(request, "groups/new_session.jinja", {"activity": found, "form": form, "form_errors": error_summary_params(form)})


# ---------------------------------------------------------------- a session, its bookings and register


def _session_page(request, session, *, register_form=None, places_form=None, status=200):
    user = request.user
    bookings = list(services.session_bookings(session))
    seen = services.people_seen(user, [b.person for b in bookings])
    visible = [b for b in bookings if b.person_id in seen]
    holding = [b for b in visible if b.status in HOLDS_A_PLACE]
    taken = sum(1 for b in bookings if b.status in HOLDS_A_PLACE)
    can_manage = user.has_perm(MANAGE_ACTIVITY, session.activity)
    today = timezone.localdate()
    if register_form is None and can_manage and holding and session.date <= today:
        register_form = RegisterForm(bookings=holding, initial={"version": session.version})
    if places_form is None and can_manage:
        places_form = SessionPlacesForm(initial={"version": session.version, "places": session.places})
    shown = list({b.person_id: b.person for b in visible}.values())
    if shown:
        record_access(request, shown, part=AccessPart.GROUPS)
    nxt = services.next_to_offer(session.activity)
    return render(
        request,
        "groups/session.jinja",
        {
            "session": session,
            "activity": session.activity,
            "bookings": visible,
            "hidden_count": sum(1 for b in bookings if b.person_id not in seen and b.status in HOLDS_A_PLACE),
            "taken": taken,
            "left": waitlist.places_left(session.places, taken),
            "register_form": register_form,
            "places_form": places_form,
            "can_manage": can_manage,
            "next_entry": nxt if nxt is not None and nxt.person_id in services.people_seen(user, [nxt.person]) else None,
            "today": today,
            "minutes": services.minutes(session),
            "form_errors": error_summary_params(*(f for f in (register_form, places_form) if f is not None and f.is_bound)),
        },
        status=status,
    )


@login_required
@permission_required(VIEW_ACTIVITIES, raise_exception=True)
def session(request, pk):
    found = services.session_or_404(request.user, pk)
    if request.method == "POST":
        if not request.user.has_perm(MANAGE_ACTIVITY, found.activity):
            raise PermissionDenied
        form = SessionPlacesForm(request.POST)
        if form.is_valid():
            try:
                services.change_session_places(
                    found, expected_version=form.cleaned_data["version"], places=form.cleaned_data["places"], actor=request.user
                )
            except StaleRecordError:
                return _stale(request, reverse("groups:session", args=[found.pk]))
            except services.Refused as refused:
                form.add_error("places", message(refused.code, refused.params))
            else:
                messages.success(request, _("Places changed"))
                return redirect("groups:session", pk=found.pk)
        return _session_page(request, found, places_form=form)
    return _session_page(request, found)


@login_required
@require_POST
def register(request, pk):
    found = services.session_or_404(request.user, pk)
    if not request.user.has_perm(MANAGE_ACTIVITY, found.activity):
        raise PermissionDenied
    bookings = [b for b in services.session_bookings(found) if b.status in HOLDS_A_PLACE]
    seen = services.people_seen(request.user, [b.person for b in bookings])
    form = RegisterForm(request.POST, bookings=[b for b in bookings if b.person_id in seen])
    if form.is_valid():
        try:
            services.take_register(found, marks=form.marks(), expected_version=form.cleaned_data["version"], actor=request.user)
        except StaleRecordError:
            return _stale(request, reverse("groups:session", args=[found.pk]))
        except services.Refused as refused:
            form.add_error(None, message(refused.code))
        else:
            messages.success(request, _("Register saved"))
            return redirect("groups:session", pk=found.pk)
    return _session_page(request, found, register_form=form)


# ---------------------------------------------------------------- booking


def _book_page(request, activity, session):
    """Find a carer (the user works with), then confirm; a full session offers the waiting list."""
    user = request.user
    find = FindCarerForm(request.GET or None)
    found = services.find_carers(user, find.cleaned_data["q"]) if find.is_valid() and find.cleaned_data["q"] else []
    person = None
    if request.method == "POST":
        person_pk = request.POST.get("person")
    else:
        person_pk = request.GET.get("person")
    if person_pk:
        person = visible_person_or_404(user, _int(person_pk))
        if not user.has_perm(BOOK, person):
            raise PermissionDenied
    form = one_time(request, BookForm(request.POST or None, initial={"person": person.pk if person else None}))
    taken = services.taken(session) if session is not None else services.ongoing_taken(activity)
    places = session.places if session is not None else activity.places
    refusal = waitlist.booking_problem(
        active=activity.is_active, session_day=session.date if session else None, today=timezone.localdate(),
        places=places, taken=taken,
    )
    if request.method == "POST" and person is not None and form.is_valid():
        try:
            services.book(person, activity=activity, session=session, actor=user)
        except services.Refused as refused:
            refusal = refused.code
            form.add_error(None, message(refused.code, refused.params))
        else:
            messages.success(request, _("%(name)s is booked") % {"name": person.full_name})
            return redirect("groups:session", pk=session.pk) if session else redirect("groups:activity", pk=activity.pk)
    shown = ([person] if person else []) + found
    if shown:
        record_access(request, shown, action=AccessAction.SEARCH if not person else AccessAction.VIEW, part=AccessPart.GROUPS)
    waiting = None
    if person is not None:
        waiting = activity.waiting.filter(person=person, left_at__isnull=True).first()
    return render(
        request,
        "groups/book.jinja",
        {
            "activity": activity,
            "session": session,
            "find": find,
            "found": found,
            "person": person,
            "form": form,
            "refusal": refusal,
            "refusal_text": message(refusal) if refusal else "",
            "left": waitlist.places_left(places, taken),
            "already_waiting": waiting,
            "form_errors": error_summary_params(form),
        },
    )


@login_required
@permission_required(VIEW_ACTIVITIES, raise_exception=True)
@creates_once
def book(request, pk):
    found = services.session_or_404(request.user, pk)
    return _book_page(request, found.activity, found)


@login_required
@permission_required(VIEW_ACTIVITIES, raise_exception=True)
@creates_once
def book_place(request, pk):
    found = services.activity_or_404(request.user, pk)
    if not found.ongoing:
        raise Http404
    return _book_page(request, found, None)


@login_required
@creates_once
def book_carer(request, person_pk):
    """From the carer's record: choose a session or ongoing activity."""
    person = visible_person_or_404(request.user, person_pk)
    if not request.user.has_perm(BOOK, person):
        raise PermissionDenied
    sessions, ongoing = services.bookable_for(request.user)
    form = one_time(request, BookCarerForm(request.POST or None, sessions=sessions, ongoing=ongoing))
    full_activity = None
    if request.method == "POST" and form.is_valid():
        choice = form.cleaned_data["choice"]
        if choice.startswith("s"):
            chosen_session = next(s for s in sessions if s.pk == int(choice[1:]))
            chosen_activity = chosen_session.activity
        else:
            chosen_session = None
            chosen_activity = next(a for a in ongoing if a.pk == int(choice[1:]))
        try:
            services.book(person, activity=chosen_activity, session=chosen_session, actor=request.user)
        except services.Refused as refused:
            form.add_error("choice", message(refused.code, refused.params))
            if refused.code == "full":
                full_activity = chosen_activity
        else:
            messages.success(request, _("%(name)s is booked on %(activity)s") % {"name": person.full_name, "activity": chosen_activity.name})
            return redirect("groups:carer", person_pk=person.pk)
    record_access(request, person, part=AccessPart.GROUPS)
    return render(
        request,
        "groups/book_carer.jinja",
        {"person": person, "form": form, "full_activity": full_activity, "form_errors": error_summary_params(form)},
    )


@login_required
def cancel_booking(request, pk):
    found = services.booking_or_404(request.user, pk)
    if not request.user.has_perm(BOOK, found.person):
        raise PermissionDenied
    if found.status != BookingStatus.BOOKED:
        messages.info(request, _("This booking is no longer booked: nothing to cancel"))
        return redirect("groups:carer", person_pk=found.person_id)
    form = CancelBookingForm(request.POST or None, initial={"version": found.version})
    back = reverse("groups:session", args=[found.session_id]) if found.session_id else reverse("groups:activity", args=[found.activity_id])
    if request.method == "POST" and form.is_valid():
        try:
            nxt = services.cancel_booking(
                found, expected_version=form.cleaned_data["version"], reason=form.cleaned_data["reason"], actor=request.user
            )
        except StaleRecordError:
            return _stale(request, back)
        except services.Refused as refused:
            form.add_error(None, message(refused.code))
        else:
            messages.success(request, _("Booking cancelled: a place is free"))
            if nxt is not None and nxt.person_id in services.people_seen(request.user, [nxt.person]):
                messages.info(request, _("%(name)s is next on the waiting list: offer them the place") % {"name": nxt.person.full_name})
            return redirect(back)
    record_access(request, found.person, part=AccessPart.GROUPS)
    return render(request, "groups/cancel_booking.jinja", {"booking": found, "person": found.person, "form": form, "back": back,
                                                           "form_errors": error_summary_params(form)})


# ---------------------------------------------------------------- waiting lists


@login_required
@permission_required(VIEW_ACTIVITIES, raise_exception=True)
@creates_once
def join_waiting_list(request, pk):
    found = services.activity_or_404(request.user, pk)
    user = request.user
    find = FindCarerForm(request.GET or None)
    carers = services.find_carers(user, find.cleaned_data["q"]) if find.is_valid() and find.cleaned_data["q"] else []
    person_pk = request.POST.get("person") if request.method == "POST" else request.GET.get("person")
    person = None
    if person_pk:
        person = visible_person_or_404(user, _int(person_pk))
        if not user.has_perm(BOOK, person):
            raise PermissionDenied
    form = one_time(request, WaitingListForm(request.POST or None, initial={"person": person.pk if person else None}))
    if request.method == "POST" and person is not None and form.is_valid():
        try:
            entry = services.join_waiting_list(found, person=person, actor=user, note=form.cleaned_data["note"])
        except services.Refused as refused:
            form.add_error(None, message(refused.code))
        else:
            position = services.positions(services.waiting(found))[entry.pk]
            messages.success(
                request, _("%(name)s is on the waiting list, number %(position)s") % {"name": person.full_name, "position": position}
            )
            return redirect("groups:activity", pk=found.pk)
    shown = ([person] if person else []) + carers
    if shown:
        record_access(request, shown, action=AccessAction.SEARCH if not person else AccessAction.VIEW, part=AccessPart.GROUPS)
    return render(
        request,
        "groups/join_waiting_list.jinja",
        {"activity": found, "find": find, "found": carers, "person": person, "form": form,
         "waiting_count": services.waiting(found).count(), "form_errors": error_summary_params(form)},
    )


@login_required
def leave_waiting_list(request, pk):
    entry = services.entry_or_404(request.user, pk)
    if not request.user.has_perm(BOOK, entry.person):
        raise PermissionDenied
    if entry.left_at is not None:
        messages.info(request, _("This carer has already left the waiting list"))
        return redirect("groups:activity", pk=entry.activity_id)
    form = LeaveWaitingListForm(request.POST or None, initial={"version": entry.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.leave_waiting_list(
                entry, expected_version=form.cleaned_data["version"], outcome=form.cleaned_data["outcome"], actor=request.user
            )
        except StaleRecordError:
            return _stale(request, reverse("groups:activity", args=[entry.activity_id]))
        messages.success(request, _("%(name)s has left the waiting list") % {"name": entry.person.full_name})
        return redirect("groups:activity", pk=entry.activity_id)
    record_access(request, entry.person, part=AccessPart.GROUPS)
    position = services.positions(services.waiting(entry.activity)).get(entry.pk)
    return render(request, "groups/leave_waiting_list.jinja", {"entry": entry, "person": entry.person, "position": position,
                                                               "form": form, "form_errors": error_summary_params(form)})


# ---------------------------------------------------------------- one carer


@login_required
def carer(request, person_pk):
    person = visible_person_or_404(request.user, person_pk)
    if not request.user.has_perm(VIEW_CARER_GROUPS, person):
        raise Http404
    record_access(request, person, part=AccessPart.GROUPS)
    return render(
        request,
        "groups/carer.jinja",
        {"person": person, "groups": services.carer_groups(person), "can_book": request.user.has_perm(BOOK, person),
         "can_issue": request.user.has_perm(ISSUE_PACK, person), "today": timezone.localdate()},
    )


@login_required
@creates_once
def new_pack(request, person_pk):
    person = visible_person_or_404(request.user, person_pk)
    if not request.user.has_perm(ISSUE_PACK, person):
        raise PermissionDenied
    initial = {"language": "cy" if person.preferred_language == "cy" else "en"}
    form = one_time(request, PackForm(request.POST or None, initial=initial))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.issue_pack(person, issued_on=data["issued_on"], format=data["format"], language=data["language"], actor=request.user)
        messages.success(request, _("Information pack recorded on %(name)s's record") % {"name": person.full_name})
        return redirect("groups:carer", person_pk=person.pk)
    record_access(request, person, part=AccessPart.GROUPS)
    return render(request, "groups/new_pack.jinja", {"person": person, "form": form, "form_errors": error_summary_params(form)})

