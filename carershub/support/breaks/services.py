"""Short breaks: granting allowances, booking breaks, and the ledger, each operation one transaction.

Every operation that touches an allowance's balance locks, in one fixed order, the people it is
about (the carer, then the cared-for person, by primary key) and then the allowance row
(``select_for_update``), and only then reads the balance and the other bookings. So two workers
booking the last hours, or the same afternoon, at the same moment take turns: the second sees
what the first did and is refused with a message. The balance is always the sum of the ledger's
entries (ledger.py); nothing else is stored.
"""

import datetime

from django.db import transaction
from django.db.models import Q, Sum
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from carershub.activity.models import EventKind
from carershub.activity.services import record_event
from carershub.core.locking import claim_version
from carershub.core.workqueues import WorkQueue
from carershub.partnership.models import Organisation
from carershub.people import services as people_services
from carershub.people.models import CaringRelationship, Person
from carershub.people.services import visible_person_or_404
from carershub.support.breaks import intervals, ledger
from carershub.support.breaks.models import (
    LIVE_STATUSES,
    Allowance,
    Booking,
    BookingStatus,
    LedgerEntry,
)
from carershub.support.breaks.rules import VIEW_BREAKS_QUEUE
from carershub.support.models import SupportPlan

NON_FIELD = "__all__"

TEXT = {
    "plan_not_agreed": gettext_lazy(
        "An allowance can only come from the carer's agreed support plan. This plan is %(status)s."
    ),
    "plan_other_carer": gettext_lazy("This support plan is not this carer's."),
    "plan_closed": gettext_lazy("The support plan this allowance comes from has ended, so no more breaks can be booked from it."),
    "period_ended": gettext_lazy("This allowance ended on %(date)s, so no more breaks can be booked from it."),
    "period_order": gettext_lazy("The end of the period must be on or after its start"),
    "reason_needed": gettext_lazy("Enter why the allowance is granted"),
    "not_positive": gettext_lazy("Enter an amount greater than zero"),
    "start_before_period": gettext_lazy("The break must start on or after %(date)s, when the allowance starts"),
    "end_after_period": gettext_lazy("The break must end on or before %(date)s, when the allowance ends"),
    "end_before_start": gettext_lazy("The end must be after the start"),
    "hours_not_positive": gettext_lazy("Enter the hours of the break, more than zero"),
    "cost_needed": gettext_lazy("Enter the cost of the break: it comes out of a money allowance"),
    "too_many_hours": gettext_lazy("That is more than the %(left)s hours left to book on this allowance"),
    "too_much_money": gettext_lazy("That is more than the %(left)s left to book on this allowance"),
    "clash_carer": gettext_lazy(
        "This carer already has a break booked from %(start)s to %(end)s (%(kind)s). Choose times that do not overlap."
    ),
    "clash_cared_for": gettext_lazy(
        "%(name)s already has a break booked from %(start)s to %(end)s (%(kind)s). Choose times that do not overlap."
    ),
    "caring_other_carer": gettext_lazy("Choose somebody this carer looks after"),
    "wrong_status": gettext_lazy("This booking is %(status)s now, so that cannot be done. Check it as it is now."),
    "not_started": gettext_lazy("A break cannot be recorded as delivered or missed before it starts (%(start)s)"),
    "delivery_beyond": gettext_lazy(
        "What was delivered is more than the allowance has left (%(left)s). A team manager can record an override."
    ),
    "below_zero": gettext_lazy(
        "That would take the balance below zero (%(left)s left). Tick the override and give the reason, or enter less."
    ),
    "override_reason": gettext_lazy("Enter why the balance may go below zero"),
    "adjust_reason": gettext_lazy("Enter the reason for the adjustment"),
}


class BreakRefused(Exception):
    """What was asked cannot be done; ``field`` is the form field the message belongs on."""

    def __init__(self, message, field=NON_FIELD):
        super().__init__(str(message))
        self.message = str(message)
        self.field = field


def _when(moment) -> str:
    return formats.date_format(timezone.localtime(moment), "j F Y, H:i")


def _day(day) -> str:
    return formats.date_format(day, "j F Y")


def default_period(today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    """The financial year, April to March, that contains today."""
    return ledger.financial_year(today or timezone.localdate())


def _amount_key(unit: str) -> str:
    return "minutes" if unit == ledger.MINUTES else "pence"


def _entry(allowance, kind, amount, *, actor, booking=None, override=False, reason="") -> LedgerEntry:
    entry = LedgerEntry(
        allowance=allowance, kind=kind, amount=amount, booking=booking, override=override, reason=reason, made_by=actor
    )
    entry.save()
    return entry


def balance_of(allowance) -> int:
    """The sum of the allowance's ledger entries: the balance, always."""
    return LedgerEntry.objects.filter(allowance=allowance).aggregate(total=Sum("amount"))["total"] or 0


def _requested_charge(allowance, *, exclude=None) -> int:
    """What requests not yet confirmed (so not held yet) would take."""
    field = "minutes" if allowance.unit == ledger.MINUTES else "cost_pence"
    rows = Booking.objects.filter(allowance=allowance, status=BookingStatus.REQUESTED)
    if exclude is not None:
        rows = rows.exclude(pk=exclude.pk)
    return rows.aggregate(total=Sum(field))["total"] or 0


def _left_text(allowance, amount) -> str:
    return ledger.amount_text(allowance.unit, max(amount, 0))


def _too_much(allowance, room):
    if allowance.is_hours:
        return BreakRefused(TEXT["too_many_hours"] % {"left": _left_text(allowance, room)}, "hours")
    return BreakRefused(TEXT["too_much_money"] % {"left": _left_text(allowance, room)}, "cost")


# ---------------------------------------------------------------- locking


def lock_for_change(allowance_pk: int, *, carer_pk: int, cared_for_pk: int | None = None) -> Allowance:
    """Lock the carer, the cared-for person (by primary key, always in that order) and then the
    allowance row, and return the allowance as it is now. Call inside the operation's transaction.

    The people are locked so that two bookings for the same person cannot both pass the overlap
    test; the allowance so that two cannot both pass the balance test (SQLite writers take turns).
    """
    people = sorted({carer_pk, *([cared_for_pk] if cared_for_pk else [])})
    list(Person.objects.select_for_update().filter(pk__in=people).order_by("pk").values_list("pk", flat=True))
    return (
        Allowance.objects.select_for_update(of=("self",))
        .select_related("plan")
        .get(pk=allowance_pk)
    )


# ---------------------------------------------------------------- allowances


@transaction.atomic
def grant_allowance(carer, *, unit, amount, starts_on, ends_on, reason, actor, plan=None, preventative=False) -> Allowance:
    """Grant ``amount`` (minutes or pence) for a period, from the carer's agreed plan or as a
    preventative break (Coventry's, without a full assessment: who decided and why are required).

    Care Act 2014 s24-25 (England) and SSWA 2014 s54 (Wales) put the support to be given in the
    plan; preventative breaks rest on the duty to prevent needs (Care Act 2014 s2; SSWA 2014 s15).
    (Sections cited from the Acts' structure; their text was not checked here.)
    """
    if amount is None or amount <= 0:
        raise BreakRefused(TEXT["not_positive"], "amount")
    if ends_on < starts_on:
        raise BreakRefused(TEXT["period_order"], "ends_on")
    if not (reason or "").strip():
        raise BreakRefused(TEXT["reason_needed"], "reason")
    if (plan is None) != bool(preventative):
        raise ValueError("An allowance comes from a plan, or is a preventative break without one")
    organisation_id = actor.organisation_id
    if plan is not None:
        plan = SupportPlan.objects.select_for_update().select_related("assessment").get(pk=plan.pk)
        if plan.carer_id != carer.pk:
            raise BreakRefused(TEXT["plan_other_carer"])
        if plan.status != SupportPlan.Status.AGREED:
            raise BreakRefused(TEXT["plan_not_agreed"] % {"status": str(plan.get_status_display()).lower()})
        organisation_id = plan.assessment.assessing_organisation_id
    allowance = Allowance.objects.create(
        carer=carer,
        plan=plan,
        preventative=plan is None,
        unit=unit,
        amount=amount,
        starts_on=starts_on,
        ends_on=ends_on,
        reason=reason.strip(),
        organisation_id=organisation_id,
        decided_by=actor,
    )
    _entry(allowance, ledger.GRANT, amount, actor=actor, reason=allowance.reason)
    record_event(
        EventKind.ALLOWANCE_GRANTED,
        actor=actor,
        person=carer,
        obj=allowance,
        data={_amount_key(unit): amount, "preventative": allowance.preventative, "plan": plan.pk if plan else None},
    )
    return allowance


@transaction.atomic
def adjust(allowance, *, amount, reason, actor, override=False) -> LedgerEntry:
    """A team manager's correction: ``amount`` (signed, in the allowance's unit) with a reason. It may
    take the balance below zero only as a recorded override."""
    if not amount:
        raise BreakRefused(TEXT["not_positive"], "amount")
    if not (reason or "").strip():
        raise BreakRefused(TEXT["adjust_reason"], "reason")
    allowance = lock_for_change(allowance.pk, carer_pk=allowance.carer_id)
    now = balance_of(allowance)
    below = now + amount < 0
    if below and not override:
        raise BreakRefused(TEXT["below_zero"] % {"left": _left_text(allowance, now)}, "amount")
    entry = _entry(allowance, ledger.ADJUSTMENT, amount, actor=actor, override=below, reason=reason.strip())
    record_event(
        EventKind.ALLOWANCE_ADJUSTED,
        actor=actor,
        person=allowance.carer,
        obj=allowance,
        data={_amount_key(allowance.unit): amount, "override": below, "preventative": allowance.preventative},
    )
    return entry


def _expire(allowance, *, now) -> int:
    """Expire one locked allowance; returns the amount taken (0 if nothing was left)."""
    left = balance_of(allowance)
    taken = ledger.expiry_amount(left)
    if taken:
        _entry(allowance, ledger.EXPIRY, taken, actor=None, reason="")
    Allowance.objects.filter(pk=allowance.pk).update(expired_at=now)
    record_event(
        EventKind.ALLOWANCE_EXPIRED,
        person=allowance.carer,
        obj=allowance,
        data={_amount_key(allowance.unit): -taken, "preventative": allowance.preventative},
    )
    return -taken


def expire_ended(today: datetime.date | None = None) -> int:
    """Expire every allowance whose period ended before ``today``: what is left is written off.

    Run daily (``manage.py expire_break_allowances``); running it again does nothing more: each
    allowance is expired in its own transaction, under its lock, once (``expired_at``, and the
    database allows one expiry entry per allowance).
    """
    today = today or timezone.localdate()
    done = 0
    due = Allowance.objects.filter(ends_on__lt=today, expired_at__isnull=True).values_list("pk", "carer_id")
    for pk, carer_pk in list(due.order_by("pk")):
        with transaction.atomic():
            allowance = lock_for_change(pk, carer_pk=carer_pk)
            if allowance.expired_at is not None:
                continue
            _expire(allowance, now=timezone.now())
            done += 1
    return done


# ---------------------------------------------------------------- bookings


def _period_open(allowance, today):
    if allowance.plan_id and allowance.plan.status == SupportPlan.Status.CLOSED:
        raise BreakRefused(TEXT["plan_closed"])
    if allowance.expired_at is not None or allowance.ends_on < today:
        raise BreakRefused(TEXT["period_ended"] % {"date": _day(allowance.ends_on)})


def _check_times(allowance, starts_at, ends_at):
    if ends_at <= starts_at:
        raise BreakRefused(TEXT["end_before_start"], "end_date")
    if timezone.localtime(starts_at).date() < allowance.starts_on:
        raise BreakRefused(TEXT["start_before_period"] % {"date": _day(allowance.starts_on)}, "start_date")
    if timezone.localtime(ends_at).date() > allowance.ends_on:
        raise BreakRefused(TEXT["end_after_period"] % {"date": _day(allowance.ends_on)}, "end_date")


def _check_clashes(booking_like, *, carer_pk, cared_for_pk, exclude=None):
    """Refuse a time that overlaps a live booking of the same carer, or of the same cared-for person."""
    live = Booking.objects.filter(status__in=LIVE_STATUSES).select_related("cared_for")
    if exclude is not None:
        live = live.exclude(pk=exclude.pk)
    near = Q(starts_at__lt=booking_like.ends_at, ends_at__gt=booking_like.starts_at)
    mine = list(live.filter(near, carer_id=carer_pk).order_by("starts_at", "pk"))
    clash = intervals.first_clash(booking_like.starts_at, booking_like.ends_at, mine)
    if clash is not None:
        raise BreakRefused(
            TEXT["clash_carer"] % {"start": _when(clash.starts_at), "end": _when(clash.ends_at), "kind": clash.get_kind_display()},
            "start_date",
        )
    if cared_for_pk:
        theirs = list(live.filter(near, cared_for_id=cared_for_pk).order_by("starts_at", "pk"))
        clash = intervals.first_clash(booking_like.starts_at, booking_like.ends_at, theirs)
        if clash is not None:
            raise BreakRefused(
                TEXT["clash_cared_for"] % {
                    "name": clash.cared_for.full_name, "start": _when(clash.starts_at), "end": _when(clash.ends_at),
                    "kind": clash.get_kind_display(),
                },
                "start_date",
            )


@transaction.atomic
def request_booking(allowance, *, provider, kind, starts_at, ends_at, actor, minutes=None, cost_pence=0, caring=None,
                    notes="", override_reason="") -> Booking:
    """A break asked of a provider. Refused (BreakRefused, nothing saved) outside the allowance's
    period, for a closed plan or an ended period, for times that clash, or beyond what is left to
    book (the balance less requests not yet confirmed) unless a team manager overrides with a reason."""
    if ends_at <= starts_at:
        raise BreakRefused(TEXT["end_before_start"], "end_date")
    minutes = ledger.minutes_between(starts_at, ends_at) if minutes is None else minutes
    if minutes <= 0:
        raise BreakRefused(TEXT["hours_not_positive"], "hours")
    cost_pence = cost_pence or 0
    if cost_pence < 0:
        raise BreakRefused(TEXT["not_positive"], "cost")
    if caring is not None and caring.carer_id != allowance.carer_id:
        raise BreakRefused(TEXT["caring_other_carer"], "caring")
    cared_for_pk = caring.cared_for_id if caring is not None else None
    allowance = lock_for_change(allowance.pk, carer_pk=allowance.carer_id, cared_for_pk=cared_for_pk)
    _period_open(allowance, timezone.localdate())
    _check_times(allowance, starts_at, ends_at)
    if not allowance.is_hours and cost_pence <= 0:
        raise BreakRefused(TEXT["cost_needed"], "cost")
    booking = Booking(
        allowance=allowance, carer_id=allowance.carer_id, caring=caring, cared_for_id=cared_for_pk, provider=provider,
        kind=kind, starts_at=starts_at, ends_at=ends_at, minutes=minutes, cost_pence=cost_pence, notes=notes or "",
        requested_by=actor,
    )
    _check_clashes(booking, carer_pk=allowance.carer_id, cared_for_pk=cared_for_pk)
    room = ledger.available(balance_of(allowance), _requested_charge(allowance))
    if not ledger.fits(room, booking.charge(allowance.unit)):
        if not override_reason.strip():
            raise _too_much(allowance, room)
    else:
        override_reason = ""
    booking.override_reason = override_reason.strip()
    booking.save()
    record_event(EventKind.BREAK_REQUESTED, actor=actor, person=allowance.carer, obj=booking, data=_booking_data(booking, allowance))
    return booking


def _booking_data(booking, allowance, *, actual=False) -> dict:
    return {
        "minutes": booking.actual_minutes if actual else booking.minutes,
        "pence": booking.actual_pence if actual else booking.cost_pence,
        "type": booking.kind,
        "preventative": allowance.preventative,
        "allowance": allowance.pk,
    }


def _locked_booking(booking, expected_version, *statuses):
    """Lock what the booking touches, then claim its next version in one of ``statuses``."""
    allowance = lock_for_change(booking.allowance_id, carer_pk=booking.carer_id, cared_for_pk=booking.cared_for_id)
    fresh = Booking.objects.get(pk=booking.pk)
    if fresh.status not in statuses:
        raise BreakRefused(TEXT["wrong_status"] % {"status": str(fresh.get_status_display()).lower()})
    claim_version(fresh, expected_version, status__in=statuses)
    return allowance, fresh


@transaction.atomic
def confirm(booking, *, expected_version, actor) -> Booking:
    """The provider has confirmed: hold its hours or cost on the allowance (never beyond the
    balance, unless the booking was made with a manager's override)."""
    allowance, booking = _locked_booking(booking, expected_version, BookingStatus.REQUESTED)
    _period_open(allowance, timezone.localdate())
    charge = booking.charge(allowance.unit)
    now_balance = balance_of(allowance)
    override = not ledger.fits(now_balance, charge)
    if override and not booking.override_reason:
        raise _too_much(allowance, now_balance)
    _entry(allowance, ledger.HOLD, -charge, actor=actor, booking=booking, override=override, reason=booking.override_reason if override else "")
    now = timezone.now()
    Booking.objects.filter(pk=booking.pk).update(status=BookingStatus.CONFIRMED, confirmed_at=now, confirmed_by=actor)
    booking.status, booking.confirmed_at, booking.confirmed_by = BookingStatus.CONFIRMED, now, actor
    record_event(EventKind.BREAK_CONFIRMED, actor=actor, person=allowance.carer, obj=booking, data=_booking_data(booking, allowance))
    return booking


def _release(allowance, booking, *, actor):
    hold = LedgerEntry.objects.filter(booking=booking, kind=ledger.HOLD).first()
    if hold is not None:
        _entry(allowance, ledger.RELEASE, -hold.amount, actor=actor, booking=booking)
    return -hold.amount if hold is not None else 0


@transaction.atomic
def record_delivery(booking, *, expected_version, actual_minutes, actual_pence, actor, override_reason="") -> Booking:
    """The break took place: release its hold and take what it actually used. More than the
    allowance has left (with the hold given back) needs a manager's override with a reason."""
    if actual_minutes is None or actual_minutes <= 0:
        raise BreakRefused(TEXT["hours_not_positive"], "hours")
    actual_pence = actual_pence or 0
    allowance, booking = _locked_booking(booking, expected_version, BookingStatus.CONFIRMED)
    if booking.starts_at > timezone.now():
        raise BreakRefused(TEXT["not_started"] % {"start": _when(booking.starts_at)})
    if not allowance.is_hours and actual_pence <= 0:
        raise BreakRefused(TEXT["cost_needed"], "cost")
    booking.actual_minutes, booking.actual_pence = actual_minutes, actual_pence
    released = _release(allowance, booking, actor=actor)
    used = booking.actual_charge(allowance.unit)
    room = balance_of(allowance)
    override = not ledger.fits(room, used)
    if override and not (override_reason or "").strip():
        raise BreakRefused(TEXT["delivery_beyond"] % {"left": _left_text(allowance, room)}, "hours" if allowance.is_hours else "cost")
    if used:
        _entry(allowance, ledger.DELIVERY, -used, actor=actor, booking=booking, override=override,
               reason=override_reason.strip() if override else "")
    now = timezone.now()
    Booking.objects.filter(pk=booking.pk).update(
        status=BookingStatus.DELIVERED, delivered_at=now, delivered_by=actor, actual_minutes=actual_minutes, actual_pence=actual_pence
    )
    booking.status, booking.delivered_at, booking.delivered_by = BookingStatus.DELIVERED, now, actor
    data = _booking_data(booking, allowance, actual=True)
    data["released"] = released
    record_event(EventKind.BREAK_DELIVERED, actor=actor, person=allowance.carer, obj=booking, data=data)
    return booking


def _end(booking, *, expected_version, reason, actor, status, statuses, kind):
    allowance, booking = _locked_booking(booking, expected_version, *statuses)
    if status == BookingStatus.NO_SHOW and booking.starts_at > timezone.now():
        raise BreakRefused(TEXT["not_started"] % {"start": _when(booking.starts_at)})
    released = _release(allowance, booking, actor=actor)
    now = timezone.now()
    Booking.objects.filter(pk=booking.pk).update(status=status, ended_at=now, ended_by=actor, end_reason=reason)
    booking.status, booking.ended_at, booking.ended_by, booking.end_reason = status, now, actor, reason
    data = _booking_data(booking, allowance)
    data["released"] = released
    record_event(kind, actor=actor, person=allowance.carer, obj=booking, data=data)
    return booking


@transaction.atomic
def cancel(booking, *, expected_version, reason, actor) -> Booking:
    """Cancelled before it happened: a held booking gives its hours or cost back."""
    return _end(booking, expected_version=expected_version, reason=reason, actor=actor, status=BookingStatus.CANCELLED,
                statuses=(BookingStatus.REQUESTED, BookingStatus.CONFIRMED), kind=EventKind.BREAK_CANCELLED)


@transaction.atomic
def record_no_show(booking, *, expected_version, reason, actor) -> Booking:
    """A confirmed break that did not take place: the hold is given back, with why."""
    return _end(booking, expected_version=expected_version, reason=reason, actor=actor, status=BookingStatus.NO_SHOW,
                statuses=(BookingStatus.CONFIRMED,), kind=EventKind.BREAK_NO_SHOW)


# ---------------------------------------------------------------- reading


def providers():
    """Who breaks are booked with: care providers and third-sector organisations of the partnership."""
    kinds = [Organisation.Kind.CARE_PROVIDER, Organisation.Kind.THIRD_SECTOR, Organisation.Kind.CARERS_CENTRE]
    return Organisation.objects.filter(is_active=True, kind__in=kinds).order_by("name", "pk")


def caring_of(carer):
    """The people this carer looks after (caring that has not ended), for "for whom"."""
    return (
        CaringRelationship.objects.filter(carer=carer, ended_on__isnull=True)
        .select_related("cared_for")
        .order_by("cared_for__family_name", "cared_for__given_name", "pk")
    )


def allowance_or_404(user, pk) -> Allowance:
    allowance = get_object_or_404(Allowance.objects.select_related("carer", "plan", "decided_by", "organisation"), pk=pk)
    visible_person_or_404(user, allowance.carer_id)
    return allowance


def booking_or_404(user, pk) -> Booking:
    booking = get_object_or_404(
        Booking.objects.select_related(
            "allowance__plan", "carer", "cared_for", "provider", "requested_by", "confirmed_by", "delivered_by", "ended_by"
        ),
        pk=pk,
    )
    visible_person_or_404(user, booking.carer_id)
    return booking


def positions(allowances) -> dict:
    """{allowance pk: ledger.Position}, for a page of allowances, in one query."""
    rows = (
        LedgerEntry.objects.filter(allowance__in=[a.pk for a in allowances])
        .values_list("allowance_id", "kind")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    grouped = {a.pk: [] for a in allowances}
    for allowance_pk, kind, total in rows:
        grouped[allowance_pk].append((kind, total))
    return {pk: ledger.position(entries) for pk, entries in grouped.items()}


def ledger_of(allowance) -> list[tuple[LedgerEntry, int]]:
    """The allowance's entries in order, each with the balance after it."""
    entries = list(allowance.entries.select_related("booking", "made_by").order_by("made_at", "pk"))
    return list(zip(entries, ledger.running(e.amount for e in entries), strict=True))


def allowances_of(carer):
    return Allowance.objects.filter(carer=carer).select_related("plan", "decided_by", "organisation").order_by("-starts_on", "-pk")


def bookings_of(carer):
    return Booking.objects.filter(carer=carer).select_related("provider", "cared_for", "allowance").order_by("-starts_at", "-pk")


def current_allowance(carer, today=None):
    today = today or timezone.localdate()
    return allowances_of(carer).filter(starts_on__lte=today, ends_on__gte=today, expired_at__isnull=True).first()


def next_booking(carer, now=None):
    now = now or timezone.now()
    return (
        Booking.objects.filter(carer=carer, status__in=[BookingStatus.REQUESTED, BookingStatus.CONFIRMED], ends_at__gte=now)
        .select_related("provider")
        .order_by("starts_at", "pk")
        .first()
    )


def _for_council(user, bookings):
    if not user.organisation_id:
        return bookings.none()
    bookings = bookings.filter(allowance__organisation_id=user.organisation_id)
    related = people_services.about_related(user, "carer_id")
    return bookings.filter(related) if related is not None else bookings


def to_confirm(user):
    """Requests waiting for the provider's confirmation, of the user's council, longest waiting first."""
    rows = Booking.objects.filter(status=BookingStatus.REQUESTED)
    return _for_council(user, rows).select_related("carer", "provider").order_by("requested_at", "pk")


def to_record(user, now=None):
    """Confirmed breaks whose end has passed: the delivery (or no-show) is still to be recorded."""
    rows = Booking.objects.filter(status=BookingStatus.CONFIRMED, ends_at__lt=now or timezone.now())
    return _for_council(user, rows).select_related("carer", "provider").order_by("ends_at", "pk")


def home_items(user):
    if not user.has_perm(VIEW_BREAKS_QUEUE):
        return []
    queue = reverse("breaks:queue")
    return [
        WorkQueue(queue, _("Short breaks to confirm with the provider"), to_confirm(user).count(), order=75),
        WorkQueue(queue + "#to-record", _("Short breaks to record as delivered"), to_record(user).count(), order=76),
    ]


# ---------------------------------------------------------------- data-protection rights


def for_subject_access(person) -> dict:
    """Everything breaks holds about the person, oldest first: allowances with their ledgers, and
    bookings (as the carer, and as the cared-for person)."""
    return {
        "allowances": Allowance.objects.filter(carer=person).select_related("plan", "decided_by", "organisation").order_by("granted_at", "pk"),
        "ledger": LedgerEntry.objects.filter(allowance__carer=person).select_related("booking", "made_by").order_by("made_at", "pk"),
        "bookings": Booking.objects.filter(Q(carer=person) | Q(cared_for=person))
        .select_related("provider", "carer", "cared_for", "requested_by", "confirmed_by", "delivered_by", "ended_by")
        .order_by("starts_at", "pk"),
    }


def erase_of(person) -> dict:
    """Blank what was written about the person's breaks (reasons and notes) for privacy's erasure.

    Rows, amounts, kinds and dates stay, so the ledgers still add up and counted events make
    sense; a queryset update, since ledger entries refuse save() on an existing row.
    """
    return {
        "break_allowances": Allowance.objects.filter(carer=person).update(reason=""),
        "break_bookings": Booking.objects.filter(Q(carer=person) | Q(cared_for=person)).update(
            notes="", end_reason="", override_reason=""
        ),
        "break_ledger_entries": LedgerEntry.objects.filter(allowance__carer=person).exclude(reason="").update(reason=""),
    }
