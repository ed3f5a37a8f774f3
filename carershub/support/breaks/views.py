"""Short breaks pages: the carer's breaks, granting, booking, moving a booking on, adjusting, and the queue."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from rules.contrib.views import permission_required

from carershub.audit.models import AccessAction, AccessPart
from carershub.audit.services import record_access
from carershub.core.forms import VersionOnlyForm
from carershub.core.idempotency import creates_once, one_time
from carershub.core.locking import StaleRecordError
from carershub.core.template_helpers import error_summary_params
from carershub.core.workqueues import capped
from carershub.people.services import visible_person_or_404
from carershub.support.breaks import ledger, services
from carershub.support.breaks.forms import AdjustForm, BookingForm, DeliveryForm, EndForm, GrantForm
from carershub.support.breaks.models import BookingStatus, Unit
from carershub.support.breaks.presenters import AllowanceView
from carershub.support.breaks.rules import (
    ADJUST_ALLOWANCE,
    BOOK_BREAK,
    CHANGE_BOOKING,
    GRANT_ALLOWANCE,
    GRANT_FROM_PLAN,
    OVERRIDE_BALANCE,
    VIEW_BREAKS,
    VIEW_BREAKS_QUEUE,
)
from carershub.support.models import SupportPlan

def _stale_text():
    return _("Somebody else changed this booking while you were looking at it. Nothing was saved. Check it as it is now.")


def _refused(form, refused):
    form.add_error(refused.field if refused.field in form.fields else None, refused.message)


# ---------------------------------------------------------------- the carer's breaks


@login_required
def for_carer(request, person_pk):
    person = visible_person_or_404(request.user, person_pk)
    if not request.user.has_perm(VIEW_BREAKS, person):
        raise PermissionDenied
    allowances = list(services.allowances_of(person))
    positions = services.positions(allowances)
    views = [AllowanceView(a, positions[a.pk], services.ledger_of(a)) for a in allowances]
    bookings = list(services.bookings_of(person)[:500])
    by_status = [(status, label, [b for b in bookings if b.status == status]) for status, label in BookingStatus.choices]
    record_access(request, person, part=AccessPart.BREAKS)
    return render(
        request,
        "breaks/for_carer.jinja",
        {
            "person": person,
            "allowances": views,
            "by_status": by_status,
            "has_bookings": bool(bookings),
            "may_grant": request.user.has_perm(GRANT_ALLOWANCE, person),
            "today": timezone.localdate(),
        },
    )


def _agreed_plan(person):
    return SupportPlan.objects.filter(carer=person, status=SupportPlan.Status.AGREED).select_related("assessment").first()


@login_required
@creates_once
def grant(request, person_pk):
    person = visible_person_or_404(request.user, person_pk)
    if not request.user.has_perm(GRANT_ALLOWANCE, person):
        raise PermissionDenied
    plan = _agreed_plan(person)
    if plan is not None and not request.user.has_perm(GRANT_FROM_PLAN, plan):
        plan = None  # another council's plan: only a preventative break can be granted here
    form = one_time(request, GrantForm(request.POST or None, plan=plan))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            allowance = services.grant_allowance(
                person,
                unit=data["unit"],
                amount=data["amount_value"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                reason=data["reason"],
                plan=plan if data["source"] == "plan" else None,
                preventative=data["source"] == "preventative",
                actor=request.user,
            )
        except services.BreakRefused as refused:
            _refused(form, refused)
        else:
            messages.success(
                request,
                _("Allowance granted: %(amount)s") % {"amount": AllowanceView.amount_words(allowance.unit, allowance.amount)},
            )
            return redirect("breaks:for_carer", person_pk=person.pk)
    record_access(request, person, part=AccessPart.BREAKS)
    return render(
        request,
        "breaks/grant.jinja",
        {"form": form, "person": person, "plan": plan, "form_errors": error_summary_params(form)},
    )


# ---------------------------------------------------------------- booking


def _booking_form(request, allowance, data=None):
    return BookingForm(
        data,
        providers=services.providers(),
        caring=services.caring_of(allowance.carer),
        may_override=request.user.has_perm(OVERRIDE_BALANCE, allowance),
    )


@login_required
@creates_once
def new_booking(request, pk):
    allowance = services.allowance_or_404(request.user, pk)
    if not request.user.has_perm(BOOK_BREAK, allowance):
        raise PermissionDenied
    form = one_time(request, _booking_form(request, allowance, request.POST or None))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            booking = services.request_booking(
                allowance,
                provider=data["provider"],
                kind=data["kind"],
                caring=data.get("caring"),
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                minutes=data.get("minutes"),
                cost_pence=data.get("cost_pence", 0),
                notes=data.get("notes", ""),
                override_reason=data.get("override_reason", "") or "",
                actor=request.user,
            )
        except services.BreakRefused as refused:
            _refused(form, refused)
        else:
            messages.success(request, _("Break requested from %(provider)s") % {"provider": booking.provider.name})
            return redirect("breaks:booking", pk=booking.pk)
    record_access(request, allowance.carer, part=AccessPart.BREAKS)
    positions = services.positions([allowance])
    return render(
        request,
        "breaks/new_booking.jinja",
        {
            "form": form,
            "person": allowance.carer,
            "allowance": AllowanceView(allowance, positions[allowance.pk], []),
            "form_errors": error_summary_params(form),
        },
    )


def _forms_for(request, booking, allowance):
    user = request.user
    if not user.has_perm(CHANGE_BOOKING, booking):
        return {}
    version = {"version": booking.version}
    found = {}
    if booking.status == BookingStatus.REQUESTED:
        found["confirm"] = VersionOnlyForm(initial=version, prefix="confirm")
    if booking.status == BookingStatus.CONFIRMED:
        found["deliver"] = DeliveryForm(
            initial={**version, "hours": ledger.hours_text(booking.minutes),
                     "cost": ledger.money_text(booking.cost_pence).lstrip("£") if booking.cost_pence else ""},
            prefix="deliver",
            may_override=user.has_perm(OVERRIDE_BALANCE, booking),
        )
        found["no_show"] = EndForm(initial=version, prefix="no_show")
    if booking.status in (BookingStatus.REQUESTED, BookingStatus.CONFIRMED):
        found["cancel"] = EndForm(initial=version, prefix="cancel")
    return found


def _booking_page(request, booking, *, bound=None, status=200):
    allowance = booking.allowance
    forms = _forms_for(request, booking, allowance)
    if bound:
        forms.update(bound)
    record_access(request, booking.carer, part=AccessPart.BREAKS)
    return render(
        request,
        "breaks/booking.jinja",
        {
            "booking": booking,
            "person": booking.carer,
            "allowance": allowance,
            "forms": forms,
            "now": timezone.now(),
            "form_errors": error_summary_params(*bound.values()) if bound else None,
        },
        status=status,
    )


@login_required
def booking(request, pk):
    found = services.booking_or_404(request.user, pk)
    if not request.user.has_perm(VIEW_BREAKS, found.carer):
        raise PermissionDenied
    return _booking_page(request, found)


def _act(request, pk, name, form_class, run, done):
    """A POST that moves a booking on: the form, then the service; refused or stale -> the page again."""
    found = services.booking_or_404(request.user, pk)
    if not request.user.has_perm(CHANGE_BOOKING, found):
        raise PermissionDenied
    kwargs = {"may_override": request.user.has_perm(OVERRIDE_BALANCE, found)} if form_class is DeliveryForm else {}
    form = form_class(request.POST, prefix=name, **kwargs)
    if form.is_valid():
        try:
            run(found, form.cleaned_data)
        except StaleRecordError:
            messages.error(request, _stale_text())
            return redirect("breaks:booking", pk=found.pk)
        except services.BreakRefused as refused:
            _refused(form, refused)
        else:
            messages.success(request, done)
            return redirect("breaks:booking", pk=found.pk)
    fresh = services.booking_or_404(request.user, pk)
    return _booking_page(request, fresh, bound={name: form})


@login_required
@require_POST
def confirm(request, pk):
    return _act(
        request, pk, "confirm", VersionOnlyForm,
        lambda b, d: services.confirm(b, expected_version=d["version"], actor=request.user),
        _("Booking confirmed: its hours are held on the allowance"),
    )


@login_required
@require_POST
def deliver(request, pk):
    return _act(
        request, pk, "deliver", DeliveryForm,
        lambda b, d: services.record_delivery(
            b, expected_version=d["version"], actual_minutes=d.get("minutes"), actual_pence=d.get("cost_pence", 0),
            override_reason=d.get("override_reason", "") or "", actor=request.user,
        ),
        _("Delivery recorded"),
    )


@login_required
@require_POST
def cancel(request, pk):
    return _act(
        request, pk, "cancel", EndForm,
        lambda b, d: services.cancel(b, expected_version=d["version"], reason=d["reason"], actor=request.user),
        _("Booking cancelled"),
    )


@login_required
@require_POST
def no_show(request, pk):
    return _act(
        request, pk, "no_show", EndForm,
        lambda b, d: services.record_no_show(b, expected_version=d["version"], reason=d["reason"], actor=request.user),
        _("Recorded that the break did not take place"),
    )


# ---------------------------------------------------------------- a manager's adjustment


@login_required
@creates_once
def adjust(request, pk):
    allowance = services.allowance_or_404(request.user, pk)
    if not request.user.has_perm(ADJUST_ALLOWANCE, allowance):
        raise PermissionDenied
    form = one_time(request, AdjustForm(request.POST or None, unit=allowance.unit))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.adjust(allowance, amount=data["signed"], reason=data["reason"], override=data["override"], actor=request.user)
        except services.BreakRefused as refused:
            _refused(form, refused)
        else:
            messages.success(request, _("Adjustment recorded"))
            return redirect("breaks:for_carer", person_pk=allowance.carer_id)
    record_access(request, allowance.carer, part=AccessPart.BREAKS)
    positions = services.positions([allowance])
    return render(
        request,
        "breaks/adjust.jinja",
        {
            "form": form,
            "person": allowance.carer,
            "allowance": AllowanceView(allowance, positions[allowance.pk], []),
            "form_errors": error_summary_params(form),
        },
    )


# ---------------------------------------------------------------- the queue


@login_required
@permission_required(VIEW_BREAKS_QUEUE, raise_exception=True)
def queue(request):
    confirm_rows, more_confirm = capped(services.to_confirm(request.user))
    record_rows, more_record = capped(services.to_record(request.user))
    people = list({b.carer_id: b.carer for b in [*confirm_rows, *record_rows]}.values())
    if people:
        record_access(request, people, action=AccessAction.SEARCH, part=AccessPart.BREAKS)
    return render(
        request,
        "breaks/queue.jinja",
        {
            "to_confirm": confirm_rows,
            "more_confirm": more_confirm,
            "to_record": record_rows,
            "more_record": more_record,
            "now": timezone.now(),
            "hours_unit": Unit.MINUTES,
        },
    )
