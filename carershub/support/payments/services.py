"""Carers' direct payments: setting one up, paying it, monitoring returns, recoveries, ending it.

Every operation is one transaction that writes its activity event; every movement of money is an
``Entry`` (ledger.py) and every position is a sum of entries. Payments due are rows made from the
schedule (schedule.py) when the agreement is set up; a due is paid once: the payment takes a row
lock on its due and a unique index allows one payment entry for it, so a double submit or two
clerks at the same moment pay once.

Law: England, Care Act 2014 ss31-33 (s33(3): the payment is used only for the needs in the plan;
s33(5): the council may ask back money not so used) and the Care and Support (Direct Payments)
Regulations 2014 (SI 2014/2871); reg 7 asks for a review of the arrangement within the first
six months, so returns are asked for each quarter (RETURN_OVERDUE_AFTER_DAYS, a local choice).
Wales, SSWA 2014 s52 (direct payments for carers' support needs; ss50-53) and the Care and
Support (Direct Payments) (Wales) Regulations 2015 (SI 2015/1815), whose provisions on
monitoring and repayment were not checked regulation by regulation against the made text.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Sum
from django.http import Http404
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from carershub.activity.models import EventKind
from carershub.activity.services import record_event
from carershub.core.locking import claim_version
from carershub.core.workqueues import WorkQueue
from carershub.partnership.models import Organisation
from carershub.people import services as people_services
from carershub.people.services import visible_person_or_404
from carershub.support.models import SupportOption, SupportPlan
from carershub.support.payments import ledger, schedule
from carershub.support.payments.models import Agreement, Entry, EntryKind, Kind, MonitoringReturn, PaymentDue
from carershub.support.payments.rules import VIEW_COUNCIL_POSITION

# A small one-off grant without a support plan (Staffordshire's "small, one-off Carers Direct
# Payment applications", replacing its Personal Wellbeing Budget): a local policy, not law. Like a
# setting: change it here when the council's policy changes. £500.
ONE_OFF_GRANT_LIMIT_PENCE = 50_000
# Payments made more than this long ago without a monitoring return covering them make the
# return overdue (a quarter; see the module docstring).
RETURN_OVERDUE_AFTER_DAYS = 91
DUE_SOON_DAYS = 7

TEXT = {
    "plan_not_agreed": gettext_lazy("The support plan must be the agreed plan in force"),
    "plan_no_direct_payment": gettext_lazy("The support plan does not have a direct payment chosen. Change the plan first"),
    "plan_no_budget": gettext_lazy("The support plan has no personal budget. Change the plan first"),
    "plan_other_carer": gettext_lazy("The support plan is another carer's"),
    "over_budget": gettext_lazy(
        "This comes to %(total)s a year with the carer's other direct payments from this plan, "
        "more than the personal budget of %(budget)s. Lower the amount or pay less often"
    ),
    "one_off_over_budget": gettext_lazy("The amount must not be more than the personal budget of %(budget)s"),
    "grant_needs_one_off": gettext_lazy("A grant without a support plan can only be a one-off payment"),
    "grant_over_limit": gettext_lazy("A one-off grant without a support plan can be at most %(limit)s"),
    "grant_needs_reason": gettext_lazy("Enter why the grant was made"),
    "needs_schedule": gettext_lazy("Select how often the payments are made"),
    "ends_before_start": gettext_lazy("The end date must be the same as or after the start date"),
    "already_paid": gettext_lazy("This payment has already been recorded as paid"),
    "due_not_found": gettext_lazy("Select a payment that is due"),
    "paid_outside": gettext_lazy("The date paid must be between %(start)s and %(end)s, the dates of the agreement"),
    "paid_in_future": gettext_lazy("The date paid must be today or in the past"),
    "paid_too_much": gettext_lazy("The amount paid must not be more than the %(amount)s due"),
    "period_outside": gettext_lazy("The period must be within the agreement, from %(start)s to %(end)s"),
    "period_order": gettext_lazy("The end of the period must be the same as or after its start"),
    "period_overlaps": gettext_lazy("A monitoring return already covers part of this period (%(start)s to %(end)s)"),
    "period_nothing_paid": gettext_lazy("No payments were made for this period, so there is nothing to report"),
    "spent_more_than_paid": gettext_lazy("The amount spent must not be more than the %(paid)s paid for this period"),
    "nothing_to_recover": gettext_lazy("There is nothing to recover on this agreement"),
    "recover_too_much": gettext_lazy("The amount recovered must not be more than the %(amount)s still to recover"),
    "not_active": gettext_lazy("This agreement has ended"),
    "end_before_start": gettext_lazy("The date it ends must be on or after the start date, %(date)s"),
    "end_after_end": gettext_lazy("The date it ends must be on or before the agreed end date, %(date)s"),
    "end_before_paid": gettext_lazy("The date it ends must be on or after the last payment made, due %(date)s"),
}


class Refused(Exception):
    """Bad input the service found: ``message`` belongs on the form's ``field`` (None: the whole form)."""

    def __init__(self, field_name, message):
        super().__init__(str(message))
        self.field = field_name
        self.message = message


def _date(day) -> str:
    from django.utils import formats

    return formats.date_format(day, "j F Y")


def _pounds(pence) -> str:
    return ledger.pounds(pence)


def budget_pence(plan: SupportPlan) -> int | None:
    if plan is None or plan.personal_budget is None:
        return None
    return int((Decimal(plan.personal_budget) * 100).to_integral_value())


# --- Finding ------------------------------------------------------------------------


def agreement_or_404(user, pk, *, permission=None) -> Agreement:
    """The agreement, if the user may open its carer's record (else 404), and may do ``permission`` to it (else 403)."""
    agreement = (
        Agreement.objects.select_related("carer__area", "council", "plan", "created_by", "decided_by", "ended_by")
        .filter(pk=pk)
        .first()
    )
    if agreement is None:
        raise Http404
    agreement.carer = visible_person_or_404(user, agreement.carer_id)
    if permission is not None and not user.has_perm(permission, agreement):
        raise PermissionDenied
    return agreement


def plan_for_direct_payment(carer) -> SupportPlan | None:
    """The carer's plan in force, if it chose a direct payment and has a personal budget."""
    plan = (
        SupportPlan.objects.select_related("assessment__assessing_organisation")
        .filter(carer=carer, status=SupportPlan.Status.AGREED)
        .first()
    )
    if plan is None or SupportOption.DIRECT_PAYMENT not in (plan.support_options or []) or plan.personal_budget is None:
        return None
    return plan


def councils():
    return Organisation.objects.filter(kind=Organisation.Kind.COUNCIL, is_active=True).order_by("name")


# --- Setting one up -------------------------------------------------------------------


def _check_plan(carer, plan: SupportPlan, *, kind, schedule_code, amount_pence, exclude_pk=None):
    if plan.carer_id != carer.pk:
        raise Refused(None, TEXT["plan_other_carer"])
    if plan.status != SupportPlan.Status.AGREED:
        raise Refused(None, TEXT["plan_not_agreed"])
    if SupportOption.DIRECT_PAYMENT not in (plan.support_options or []):
        raise Refused(None, TEXT["plan_no_direct_payment"])
    budget = budget_pence(plan)
    if budget is None:
        raise Refused(None, TEXT["plan_no_budget"])
    if kind == Kind.ONE_OFF:
        if amount_pence > budget:
            raise Refused("amount", TEXT["one_off_over_budget"] % {"budget": _pounds(budget)})
        return
    # A recurring agreement's total in a year, with the others from this plan, within the budget.
    others = Agreement.objects.filter(plan=plan, kind=Kind.RECURRING, status=Agreement.Status.ACTIVE)
    if exclude_pk:
        others = others.exclude(pk=exclude_pk)
    total = schedule.yearly_total(kind, schedule_code, amount_pence) + sum(
        schedule.yearly_total(a.kind, a.schedule, a.amount_pence) for a in others
    )
    if total > budget:
        raise Refused("amount", TEXT["over_budget"] % {"total": _pounds(total), "budget": _pounds(budget)})


def _lock_plan(plan_pk) -> None:
    """Serialise set-ups from one plan, so two at the same moment cannot both fit in the budget."""
    SupportPlan.objects.select_for_update().filter(pk=plan_pk).first()


@transaction.atomic
def set_up(
    carer,
    *,
    plan: SupportPlan | None,
    kind: str,
    schedule_code: str,
    amount_pence: int,
    purpose: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    council: Organisation,
    payee_name: str,
    payee_reference: str = "",
    decision_reason: str = "",
    actor,
) -> Agreement:
    """A new agreement, its payments due from the schedule, and the DIRECT_PAYMENT_AGREED event."""
    if amount_pence <= 0:
        raise Refused("amount", ledger.MESSAGES["money_not_positive"] % {"label": _("Amount")})
    if ends_on < starts_on:
        raise Refused("ends_on", TEXT["ends_before_start"])
    if kind == Kind.RECURRING and schedule_code not in schedule.SCHEDULES:
        raise Refused("schedule", TEXT["needs_schedule"])
    if kind == Kind.ONE_OFF:
        schedule_code = ""
    if plan is not None:
        _lock_plan(plan.pk)
        _check_plan(carer, plan, kind=kind, schedule_code=schedule_code, amount_pence=amount_pence)
        decision_reason = ""
    else:
        if kind != Kind.ONE_OFF:
            raise Refused("kind", TEXT["grant_needs_one_off"])
        if amount_pence > ONE_OFF_GRANT_LIMIT_PENCE:
            raise Refused("amount", TEXT["grant_over_limit"] % {"limit": _pounds(ONE_OFF_GRANT_LIMIT_PENCE)})
        if not decision_reason.strip():
            raise Refused("decision_reason", TEXT["grant_needs_reason"])
    agreement = Agreement.objects.create(
        carer=carer,
        plan=plan,
        decided_by=None if plan is not None else actor,
        decision_reason=decision_reason.strip(),
        kind=kind,
        schedule=schedule_code,
        amount_pence=amount_pence,
        purpose=purpose.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        council=council,
        payee_name=payee_name.strip(),
        payee_reference=payee_reference.strip(),
        created_by=actor,
    )
    PaymentDue.objects.bulk_create(
        [
            PaymentDue(agreement=agreement, due_on=day, amount_pence=amount_pence)
            for day in schedule.due_dates(kind, schedule_code, starts_on, ends_on)
        ]
    )
    record_event(
        EventKind.DIRECT_PAYMENT_AGREED,
        actor=actor,
        person=carer,
        obj=agreement,
        data={
            "pence": amount_pence,
            "kind": kind,
            "schedule": schedule_code,
            "yearly_pence": schedule.yearly_total(kind, schedule_code or None, amount_pence),
            "from_plan": plan is not None,
            "council_id": council.pk,
        },
    )
    return agreement


# --- Paying ---------------------------------------------------------------------------


@dataclass
class Due:
    row: PaymentDue
    payment: Entry | None = None

    @property
    def paid(self) -> bool:
        return self.payment is not None


def dues_of(agreement: Agreement) -> list[Due]:
    payments = {e.due_id: e for e in Entry.objects.filter(agreement=agreement, kind=EntryKind.PAYMENT)}
    return [Due(row, payments.get(row.pk)) for row in agreement.dues.all()]


def unpaid_dues(agreement: Agreement):
    return agreement.dues.filter(~Exists(Entry.objects.filter(due=OuterRef("pk"), kind=EntryKind.PAYMENT)))


def _lock_due(due_pk) -> PaymentDue | None:
    """The due, locked for this transaction: a second payment of it waits here, then finds it paid."""
    return PaymentDue.objects.select_for_update().filter(pk=due_pk).first()


def _entry(agreement, kind, amount_pence, on, actor, **fields) -> Entry:
    return Entry.objects.create(
        agreement=agreement,
        carer_id=agreement.carer_id,
        council_id=agreement.council_id,
        kind=kind,
        amount_pence=amount_pence,
        on=on,
        recorded_by=actor,
        **fields,
    )


@transaction.atomic
def record_payment(agreement: Agreement, *, due_pk, paid_on, amount_pence, reference="", actor) -> Entry:
    """Mark a payment due as paid, once: a ``payment`` entry and the DIRECT_PAYMENT_PAID event."""
    due = _lock_due(due_pk)
    if due is None or due.agreement_id != agreement.pk:
        raise Refused("due", TEXT["due_not_found"])
    if Entry.objects.filter(due=due, kind=EntryKind.PAYMENT).exists():
        raise Refused("due", TEXT["already_paid"])
    if not agreement.starts_on <= paid_on <= agreement.ends_on:
        raise Refused(
            "paid_on", TEXT["paid_outside"] % {"start": _date(agreement.starts_on), "end": _date(agreement.ends_on)}
        )
    if paid_on > timezone.localdate():
        raise Refused("paid_on", TEXT["paid_in_future"])
    if amount_pence <= 0:
        raise Refused("amount", ledger.MESSAGES["money_not_positive"] % {"label": _("Amount paid")})
    if amount_pence > due.amount_pence:
        raise Refused("amount", TEXT["paid_too_much"] % {"amount": _pounds(due.amount_pence)})
    try:
        with transaction.atomic():
            entry = _entry(agreement, EntryKind.PAYMENT, amount_pence, paid_on, actor, due=due, reference=reference.strip())
    except IntegrityError:  # the unique index, should the lock ever be bypassed
        raise Refused("due", TEXT["already_paid"]) from None
    record_event(
        EventKind.DIRECT_PAYMENT_PAID,
        actor=actor,
        person=agreement.carer,
        obj=agreement,
        data={"pence": amount_pence, "due_on": due.due_on.isoformat(), "entry_id": entry.pk},
    )
    return entry


# --- Monitoring returns and recoveries -------------------------------------------------


def _last_day(agreement: Agreement) -> datetime.date:
    return agreement.ended_on or agreement.ends_on


def paid_for_period(agreement: Agreement, start, end) -> int:
    """Paid for the payments due in the period (what a return for it accounts for)."""
    return (
        Entry.objects.filter(agreement=agreement, kind=EntryKind.PAYMENT, due__due_on__gte=start, due__due_on__lte=end)
        .aggregate(total=Sum("amount_pence"))["total"]
        or 0
    )


@transaction.atomic
def record_return(
    agreement: Agreement,
    *,
    period_start,
    period_end,
    spent_pence: int,
    receipts_seen: bool,
    receipts_note: str = "",
    received_on,
    actor,
) -> MonitoringReturn:
    """A monitoring return: the spend entry and, for money unspent, an amount to recover."""
    Agreement.objects.select_for_update().filter(pk=agreement.pk).first()
    if period_end < period_start:
        raise Refused("period_end", TEXT["period_order"])
    last = _last_day(agreement)
    if period_start < agreement.starts_on or period_end > last:
        words = {"start": _date(agreement.starts_on), "end": _date(last)}
        raise Refused("period_start" if period_start < agreement.starts_on else "period_end", TEXT["period_outside"] % words)
    overlapping = agreement.returns.filter(period_start__lte=period_end, period_end__gte=period_start).first()
    if overlapping is not None:
        words = {"start": _date(overlapping.period_start), "end": _date(overlapping.period_end)}
        raise Refused("period_start", TEXT["period_overlaps"] % words)
    paid = paid_for_period(agreement, period_start, period_end)
    if paid == 0:
        raise Refused("period_start", TEXT["period_nothing_paid"])
    if spent_pence < 0:
        raise Refused("spent", ledger.MESSAGES["money_negative"] % {"label": _("Amount spent")})
    if spent_pence > paid:
        raise Refused("spent", TEXT["spent_more_than_paid"] % {"paid": _pounds(paid)})
    left = ledger.unspent(paid, spent_pence)
    monitoring_return = MonitoringReturn.objects.create(
        agreement=agreement,
        period_start=period_start,
        period_end=period_end,
        paid_pence=paid,
        spent_pence=spent_pence,
        unspent_pence=left,
        receipts_seen=receipts_seen,
        receipts_note=receipts_note.strip(),
        received_on=received_on,
        recorded_by=actor,
    )
    if spent_pence:
        _entry(agreement, EntryKind.SPEND, spent_pence, received_on, actor, monitoring_return=monitoring_return)
    if left:
        _entry(agreement, EntryKind.RECOVERY_DUE, left, received_on, actor, monitoring_return=monitoring_return)
    record_event(
        EventKind.DIRECT_PAYMENT_RETURN,
        actor=actor,
        person=agreement.carer,
        obj=agreement,
        data={"spent_pence": spent_pence, "unspent_pence": left, "paid_pence": paid, "return_id": monitoring_return.pk},
    )
    return monitoring_return


@transaction.atomic
def record_recovery(agreement: Agreement, *, amount_pence: int, on, reference="", actor) -> Entry:
    """Money the carer paid back: a ``recovered`` entry, at most what is still to recover."""
    Agreement.objects.select_for_update().filter(pk=agreement.pk).first()
    owed = position_of(agreement).to_recover
    if owed <= 0:
        raise Refused("amount", TEXT["nothing_to_recover"])
    if amount_pence <= 0:
        raise Refused("amount", ledger.MESSAGES["money_not_positive"] % {"label": _("Amount recovered")})
    if amount_pence > owed:
        raise Refused("amount", TEXT["recover_too_much"] % {"amount": _pounds(owed)})
    if on > timezone.localdate():
        raise Refused("on", TEXT["paid_in_future"])
    entry = _entry(agreement, EntryKind.RECOVERED, amount_pence, on, actor, reference=reference.strip())
    record_event(
        EventKind.DIRECT_PAYMENT_RECOVERED,
        actor=actor,
        person=agreement.carer,
        obj=agreement,
        data={"pence": amount_pence, "entry_id": entry.pk},
    )
    return entry


# --- Ending ----------------------------------------------------------------------------


@transaction.atomic
def end_agreement(agreement: Agreement, *, expected_version: int, ended_on, reason: str, actor) -> Agreement:
    """Stop the payments: unpaid payments due after ``ended_on`` go; what was paid stays."""
    if not agreement.is_active:
        raise Refused(None, TEXT["not_active"])
    if ended_on < agreement.starts_on:
        raise Refused("ended_on", TEXT["end_before_start"] % {"date": _date(agreement.starts_on)})
    if ended_on > agreement.ends_on:
        raise Refused("ended_on", TEXT["end_after_end"] % {"date": _date(agreement.ends_on)})
    last_paid = (
        Entry.objects.filter(agreement=agreement, kind=EntryKind.PAYMENT).order_by("-due__due_on").values_list("due__due_on", flat=True).first()
    )
    if last_paid is not None and ended_on < last_paid:
        raise Refused("ended_on", TEXT["end_before_paid"] % {"date": _date(last_paid)})
    claim_version(agreement, expected_version, status=Agreement.Status.ACTIVE)
    unpaid_dues(agreement).filter(due_on__gt=ended_on).delete()
    agreement.status, agreement.ended_on, agreement.end_reason, agreement.ended_by = (
        Agreement.Status.ENDED, ended_on, reason.strip(), actor,
    )
    agreement.save(update_fields=["status", "ended_on", "end_reason", "ended_by"])
    record_event(
        EventKind.DIRECT_PAYMENT_ENDED,
        actor=actor,
        person=agreement.carer,
        obj=agreement,
        data={"ended_on": ended_on.isoformat()},
    )
    return agreement


# --- Positions --------------------------------------------------------------------------


def _sums(queryset) -> dict:
    return {row["kind"]: row["total"] for row in queryset.values("kind").annotate(total=Sum("amount_pence")).order_by()}


def position_of(agreement: Agreement) -> ledger.Position:
    return ledger.position(_sums(Entry.objects.filter(agreement=agreement)))


def position_of_carer(carer) -> ledger.Position:
    return ledger.position(_sums(Entry.objects.filter(carer=carer)))


def positions_by_agreement(agreements) -> dict:
    rows = (
        Entry.objects.filter(agreement__in=agreements)
        .values("agreement_id", "kind")
        .annotate(total=Sum("amount_pence"))
        .order_by()
    )
    found = {}
    for row in rows:
        found.setdefault(row["agreement_id"], []).append((row["kind"], row["total"]))
    return {pk: ledger.position(pairs) for pk, pairs in found.items()}


def _council_scope(queryset, user, carer_field="carer_id"):
    """The user's council's rows about carers they work with (decision 22)."""
    queryset = queryset.filter(**{"council_id" if carer_field == "carer_id" else "agreement__council_id": user.organisation_id})
    related = people_services.about_related(user, carer_field)
    return queryset.filter(related) if related is not None else queryset


@dataclass
class CarerPosition:
    carer: object
    position: ledger.Position
    agreements: list = field(default_factory=list)


def council_positions(user) -> tuple[list[CarerPosition], ledger.Position]:
    """Each carer's position with the user's council, and the council's totals."""
    from carershub.people.models import Person

    rows = (
        _council_scope(Entry.objects.all(), user)
        .values("carer_id", "kind")
        .annotate(total=Sum("amount_pence"))
        .order_by()
    )
    pairs = {}
    for row in rows:
        pairs.setdefault(row["carer_id"], []).append((row["kind"], row["total"]))
    carers_with_agreements = set(
        _council_scope(Agreement.objects.all(), user).values_list("carer_id", flat=True)
    )
    people = {p.pk: p for p in Person.objects.filter(pk__in=set(pairs) | carers_with_agreements)}
    found = [CarerPosition(people[pk], ledger.position(pairs.get(pk, []))) for pk in people]
    found.sort(key=lambda c: (c.carer.family_name.lower(), c.carer.given_name.lower(), c.carer.pk))
    total = sum((c.position for c in found), ledger.Position())
    return found, total


def council_dues(user, start, end, *, unpaid_only=True):
    """Payments due in [start, end] that the user's council pays, for carers they work with."""
    dues = _council_scope(PaymentDue.objects.all(), user, "agreement__carer_id").filter(due_on__gte=start, due_on__lte=end)
    if unpaid_only:
        dues = dues.filter(~Exists(Entry.objects.filter(due=OuterRef("pk"), kind=EntryKind.PAYMENT)))
    return dues.select_related("agreement__carer").order_by("due_on", "agreement__carer__family_name", "pk")


def dues_soon_or_overdue(user, today=None):
    today = today or timezone.localdate()
    return council_dues(user, datetime.date(1900, 1, 1), today + datetime.timedelta(days=DUE_SOON_DAYS))


def returns_overdue(user, today=None):
    """Agreements with a payment made for a due more than a quarter ago that no return covers."""
    today = today or timezone.localdate()
    uncovered = Entry.objects.filter(
        agreement=OuterRef("pk"),
        kind=EntryKind.PAYMENT,
        due__due_on__lt=today - datetime.timedelta(days=RETURN_OVERDUE_AFTER_DAYS),
    ).filter(
        ~Exists(
            MonitoringReturn.objects.filter(
                agreement=OuterRef("agreement"), period_start__lte=OuterRef("due__due_on"), period_end__gte=OuterRef("due__due_on")
            )
        )
    )
    agreements = _council_scope(Agreement.objects.all(), user).filter(Exists(uncovered))
    return agreements.select_related("carer").order_by("starts_on", "pk")


def home_items(user):
    if not user.has_perm(VIEW_COUNCIL_POSITION):
        return []
    page = reverse("payments:council")
    return [
        WorkQueue(page + "#due", _("Direct payments due in the next 7 days or overdue"), dues_soon_or_overdue(user).count(), order=75),
        WorkQueue(page + "#returns", _("Direct payment monitoring returns overdue"), returns_overdue(user).count(), order=76),
    ]


# --- Data-protection rights (privacy) ----------------------------------------------------


def for_subject_access(person) -> dict:
    """Everything direct payments hold about the person, oldest first."""
    agreements = Agreement.objects.filter(carer=person).select_related("council", "created_by", "decided_by").order_by("starts_on", "pk")
    return {
        "agreements": agreements,
        "payments_due": PaymentDue.objects.filter(agreement__carer=person).order_by("due_on", "pk"),
        "returns": MonitoringReturn.objects.filter(agreement__carer=person).order_by("period_start", "pk"),
        "entries": Entry.objects.filter(carer=person).order_by("on", "pk"),
    }


ERASED_REASON = "Erased"  # stands for a grant's reason once erased, as privacy/erasure.py names the person


def erase_of(person) -> dict:
    """Blank what was written about the person (privacy's erasure): purposes, reasons, payee and notes.

    The amounts, dates and kinds stay, so the council's accounts and the counted events still add up.
    """
    agreements = Agreement.objects.filter(carer=person)
    blank = {"purpose": "", "end_reason": "", "payee_name": "", "payee_reference": ""}
    # A grant without a plan must keep some reason (dp_agreement_plan_or_grant): it says it was erased.
    erased = agreements.filter(plan__isnull=True).update(decision_reason=ERASED_REASON, **blank)
    erased += agreements.filter(plan__isnull=False).update(decision_reason="", **blank)
    return {
        "direct_payment_agreements": erased,
        "direct_payment_returns": MonitoringReturn.objects.filter(agreement__carer=person).update(receipts_note=""),
        "direct_payment_entries": Entry.objects.filter(carer=person).update(reference="", note=""),
    }
