"""Carers' direct payments: the agreement, its payments due, monitoring returns and the ledger.

England: a carer's eligible support needs may be met by a direct payment from their personal
budget (Care Act 2014 s26) set out in their support plan (s25), on the conditions of s31 and
s33 and the Care and Support (Direct Payments) Regulations 2014 (SI 2014/2871). Wales: SSWA 2014
s52 (carers; ss50-53 in all) and the Care and Support (Direct Payments) (Wales) Regulations 2015
(SI 2015/1815). The nation is the carer's area's (people.Person.area.nation).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from carershub.support.payments import ledger, schedule


class Kind(models.TextChoices):
    ONE_OFF = schedule.ONE_OFF, _("One-off payment")
    RECURRING = schedule.RECURRING, _("Recurring payments")


class Schedule(models.TextChoices):
    WEEKLY = schedule.WEEKLY, _("Every week")
    FOUR_WEEKLY = schedule.FOUR_WEEKLY, _("Every four weeks")
    MONTHLY = schedule.MONTHLY, _("Every month")
    QUARTERLY = schedule.QUARTERLY, _("Every three months")


class EntryKind(models.TextChoices):
    PAYMENT = ledger.PAYMENT, _("Payment")
    SPEND = ledger.SPEND, _("Spending reported")
    RECOVERY_DUE = ledger.RECOVERY_DUE, _("Unspent, to recover")
    RECOVERED = ledger.RECOVERED, _("Recovered")
    ADJUSTMENT = ledger.ADJUSTMENT, _("Adjustment")


class Agreement(models.Model):
    """A carer's direct payment: from their agreed plan's personal budget, or a small one-off grant."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        ENDED = "ended", _("Ended")

    carer = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="direct_payments", db_index=False)
    plan = models.ForeignKey(
        "support.SupportPlan", null=True, blank=True, on_delete=models.PROTECT, related_name="direct_payments"
    )
    # A one-off grant without a plan: who decided and why (the plan records both otherwise).
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decision_reason = models.TextField(_("why the grant was made"), max_length=2000, blank=True)
    kind = models.CharField(_("kind of direct payment"), max_length=10, choices=Kind.choices)
    schedule = models.CharField(_("how often"), max_length=12, choices=Schedule.choices, blank=True)
    amount_pence = models.PositiveBigIntegerField(_("amount of each payment"))
    purpose = models.CharField(_("what it is for"), max_length=500)
    starts_on = models.DateField(_("start date"))
    ends_on = models.DateField(_("end date"))
    council = models.ForeignKey("partnership.Organisation", on_delete=models.PROTECT, related_name="+", db_index=False)
    payee_name = models.CharField(_("payee name"), max_length=200)
    payee_reference = models.CharField(_("payee reference in the finance system"), max_length=50, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.TextField(max_length=2000, blank=True)
    ended_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("direct payment agreement")
        ordering = ["-starts_on", "-pk"]
        indexes = [
            models.Index(fields=["carer", "status"], name="dp_agreement_carer_status"),
            models.Index(fields=["council", "status"], name="dp_agreement_council_status"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(amount_pence__gt=0), name="dp_agreement_amount_positive"),
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="dp_agreement_ends_after_start"),
            models.CheckConstraint(
                condition=(Q(kind="one_off", schedule="") | (Q(kind="recurring") & ~Q(schedule=""))),
                name="dp_agreement_schedule_for_recurring",
            ),
            # From a plan, or a one-off grant decision with its reason.
            models.CheckConstraint(
                condition=Q(plan__isnull=False) | (Q(kind="one_off") & ~Q(decision_reason="")),
                name="dp_agreement_plan_or_grant",
            ),
            models.CheckConstraint(
                condition=Q(status="active", ended_on__isnull=True) | Q(status="ended", ended_on__isnull=False),
                name="dp_agreement_ended_has_date",
            ),
        ]

    def __str__(self):
        return ledger.agreement_reference(self.pk)

    @property
    def reference(self) -> str:
        return ledger.agreement_reference(self.pk)

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE


class PaymentDue(models.Model):
    """One payment the schedule says is due; made once, by a ``payment`` entry pointing at it."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="dues", db_index=False)
    due_on = models.DateField()
    amount_pence = models.PositiveBigIntegerField()

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["due_on"], name="dp_due_on")]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "due_on"], name="dp_due_unique_date"),
            models.CheckConstraint(condition=Q(amount_pence__gt=0), name="dp_due_amount_positive"),
        ]


class MonitoringReturn(models.Model):
    """What the carer reports having spent for a period, with receipts noted or not."""

    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="returns")
    period_start = models.DateField(_("start of the period"))
    period_end = models.DateField(_("end of the period"))
    paid_pence = models.PositiveBigIntegerField()
    spent_pence = models.PositiveBigIntegerField(_("amount spent"))
    unspent_pence = models.PositiveBigIntegerField()
    receipts_seen = models.BooleanField(_("receipts seen"))
    receipts_note = models.TextField(_("about the receipts"), max_length=2000, blank=True)
    received_on = models.DateField(_("date received"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["period_start", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(period_end__gte=models.F("period_start")), name="dp_return_period_order"),
            models.CheckConstraint(condition=Q(spent_pence__lte=models.F("paid_pence")), name="dp_return_spent_at_most_paid"),
        ]


class Entry(models.Model):
    """One movement of money (ledger.py): never changed, never deleted but by erasure of its carer."""

    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="entries", db_index=False)
    # Copied from the agreement so a carer's and a council's position are single indexed sums.
    carer = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+", db_index=False)
    council = models.ForeignKey("partnership.Organisation", on_delete=models.PROTECT, related_name="+", db_index=False)
    kind = models.CharField(max_length=14, choices=EntryKind.choices)
    amount_pence = models.BigIntegerField()
    on = models.DateField()
    due = models.ForeignKey(PaymentDue, null=True, blank=True, on_delete=models.PROTECT, related_name="entries")
    monitoring_return = models.ForeignKey(
        MonitoringReturn, null=True, blank=True, on_delete=models.PROTECT, related_name="entries"
    )
    reference = models.CharField(max_length=100, blank=True)
    note = models.TextField(max_length=2000, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "entries"
        ordering = ["on", "pk"]
        indexes = [
            models.Index(fields=["agreement", "kind"], name="dp_entry_agreement_kind"),
            models.Index(fields=["carer", "kind"], name="dp_entry_carer_kind"),
            models.Index(fields=["council", "kind"], name="dp_entry_council_kind"),
        ]
        constraints = [
            # A payment due is paid once, whoever presses the button and however often.
            models.UniqueConstraint(fields=["due"], condition=Q(kind="payment"), name="dp_entry_one_payment_per_due"),
            models.CheckConstraint(
                condition=Q(kind="adjustment", amount_pence__lt=0) | Q(amount_pence__gt=0), name="dp_entry_amount_sign"
            ),
            models.CheckConstraint(condition=~Q(kind="payment") | Q(due__isnull=False), name="dp_entry_payment_has_due"),
        ]
