"""Short breaks: allowances of hours or money, bookings with providers, and the ledger between them.

The balance of an allowance is the sum of its ledger entries (ledger.py); no balance is stored.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from carershub.support.breaks import ledger


class Unit(models.TextChoices):
    MINUTES = ledger.MINUTES, _("Hours")
    PENCE = ledger.PENCE, _("Money")


class Allowance(models.Model):
    """Hours or money granted to a carer for a period, from their agreed plan or as a preventative break."""

    carer = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="break_allowances", db_index=False
    )
    plan = models.ForeignKey(
        "support.SupportPlan", null=True, blank=True, on_delete=models.PROTECT, related_name="break_allowances"
    )
    # Coventry's preventative short breaks: granted without a full assessment, for who decided and why.
    preventative = models.BooleanField(default=False)
    unit = models.CharField(max_length=10, choices=Unit.choices)
    amount = models.PositiveBigIntegerField(help_text="granted, in the unit: minutes or pence")
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    reason = models.TextField(_("why"), max_length=2000, blank=True)
    organisation = models.ForeignKey(
        "partnership.Organisation", null=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    granted_at = models.DateTimeField(default=timezone.now)
    expired_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("break allowance")
        ordering = ["-starts_on", "-pk"]
        indexes = [
            models.Index(fields=["carer", "ends_on"], name="allowance_carer_end"),
            models.Index(fields=["ends_on"], name="allowance_to_expire", condition=Q(expired_at__isnull=True)),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="allowance_amount_positive"),
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="allowance_period_in_order"),
            models.CheckConstraint(
                condition=Q(plan__isnull=False) | Q(preventative=True), name="allowance_plan_or_preventative"
            ),
        ]

    def __str__(self):
        return f"{self.get_unit_display()} {self.starts_on}–{self.ends_on}"

    @property
    def is_hours(self) -> bool:
        return self.unit == Unit.MINUTES

    def amount_text(self, amount=None) -> str:
        return ledger.amount_text(self.unit, self.amount if amount is None else amount)


class BreakKind(models.TextChoices):
    REGULAR = "regular", _("Regular short break")
    ONE_OFF = "one_off", _("One-off planned break")
    PREVENTATIVE = "preventative", _("Preventative break")
    SITTING = "sitting", _("Sitting service")
    REPLACEMENT_HOME = "replacement_home", _("Replacement care at home")
    REPLACEMENT_RESIDENTIAL = "replacement_residential", _("Residential replacement care")
    DAY_OPPORTUNITY = "day_opportunity", _("Day opportunity for the cared-for person")


class BookingStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    CONFIRMED = "confirmed", _("Confirmed")
    DELIVERED = "delivered", _("Delivered")
    CANCELLED = "cancelled", _("Cancelled")
    NO_SHOW = "no_show", _("Did not take place (no-show)")


LIVE_STATUSES = (BookingStatus.REQUESTED, BookingStatus.CONFIRMED, BookingStatus.DELIVERED)


class Booking(models.Model):
    allowance = models.ForeignKey(Allowance, on_delete=models.PROTECT, related_name="bookings")
    carer = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="break_bookings", db_index=False)
    caring = models.ForeignKey(
        "people.CaringRelationship", verbose_name=_("for whom"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    # The cared-for person, copied from ``caring`` so clashes for them are one indexed query.
    cared_for = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="break_bookings_as_cared_for",
        db_index=False,
    )
    provider = models.ForeignKey(
        "partnership.Organisation", verbose_name=_("provider"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("type of break"), max_length=30, choices=BreakKind.choices)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    minutes = models.PositiveIntegerField(_("hours"))
    cost_pence = models.PositiveBigIntegerField(_("cost"), default=0)
    notes = models.TextField(_("notes"), max_length=2000, blank=True)
    # Set when a team manager booked beyond the balance: why (the hold is then flagged an override).
    override_reason = models.TextField(max_length=2000, blank=True)
    status = models.CharField(max_length=20, choices=BookingStatus.choices, default=BookingStatus.REQUESTED)
    requested_at = models.DateTimeField(default=timezone.now)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    delivered_at = models.DateTimeField(null=True, blank=True)
    delivered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    actual_minutes = models.PositiveIntegerField(null=True, blank=True)
    actual_pence = models.PositiveBigIntegerField(null=True, blank=True)
    # Cancelled or not attended: when, by whom and why.
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    end_reason = models.TextField(_("reason"), max_length=2000, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("break booking")
        ordering = ["starts_at", "pk"]
        indexes = [
            models.Index(fields=["carer", "starts_at"], name="booking_carer_start"),
            models.Index(fields=["cared_for", "starts_at"], name="booking_cared_for_start"),
            models.Index(fields=["status", "ends_at"], name="booking_status_end"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="booking_ends_after_start"),
            models.CheckConstraint(condition=Q(minutes__gt=0), name="booking_minutes_positive"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.starts_at:%Y-%m-%d}"

    def charge(self, unit: str) -> int:
        """What the booking takes from an allowance in ``unit``: its hours, or its cost."""
        return self.minutes if unit == ledger.MINUTES else self.cost_pence

    def actual_charge(self, unit: str) -> int:
        return (self.actual_minutes or 0) if unit == ledger.MINUTES else (self.actual_pence or 0)

    @property
    def hours_text(self) -> str:
        return ledger.hours_text(self.minutes)

    @property
    def cost_text(self) -> str:
        return ledger.money_text(self.cost_pence)

    @property
    def actual_hours_text(self) -> str:
        return ledger.hours_text(self.actual_minutes or 0)

    @property
    def actual_cost_text(self) -> str:
        return ledger.money_text(self.actual_pence or 0)


class EntryKind(models.TextChoices):
    GRANT = ledger.GRANT, _("Granted")
    HOLD = ledger.HOLD, _("Held for a confirmed booking")
    RELEASE = ledger.RELEASE, _("Released from a booking")
    DELIVERY = ledger.DELIVERY, _("Break delivered")
    EXPIRY = ledger.EXPIRY, _("Expired at the end of the period")
    ADJUSTMENT = ledger.ADJUSTMENT, _("Adjusted by a manager")


class LedgerEntry(models.Model):
    """One movement on an allowance; never changed or deleted. The balance is their sum."""

    allowance = models.ForeignKey(Allowance, on_delete=models.PROTECT, related_name="entries")
    kind = models.CharField(max_length=20, choices=EntryKind.choices)
    amount = models.BigIntegerField(help_text="signed, in the allowance's unit")
    booking = models.ForeignKey(Booking, null=True, blank=True, on_delete=models.PROTECT, related_name="entries")
    override = models.BooleanField(default=False)
    reason = models.TextField(max_length=2000, blank=True)
    made_at = models.DateTimeField(default=timezone.now)
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("ledger entry")
        ordering = ["made_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(amount=0), name="entry_not_zero"),
            models.CheckConstraint(
                condition=Q(kind__in=[ledger.GRANT, ledger.RELEASE], amount__gt=0)
                | Q(kind__in=[ledger.HOLD, ledger.DELIVERY, ledger.EXPIRY], amount__lt=0)
                | Q(kind=ledger.ADJUSTMENT),
                name="entry_sign_of_kind",
            ),
            # An allowance expires once; a booking is held, released and delivered at most once.
            models.UniqueConstraint(fields=["allowance"], condition=Q(kind=ledger.EXPIRY), name="entry_one_expiry"),
            models.UniqueConstraint(
                fields=["booking", "kind"],
                condition=Q(kind__in=[ledger.HOLD, ledger.RELEASE, ledger.DELIVERY]),
                name="entry_once_per_booking",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=[ledger.GRANT, ledger.EXPIRY, ledger.ADJUSTMENT]) | Q(booking__isnull=False),
                name="entry_booking_kinds_have_booking",
            ),
        ]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("A ledger entry is never changed: add another entry")
        if not ledger.sign_is_right(self.kind, self.amount):
            raise ValueError(f"A {self.kind} entry cannot be {self.amount}")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("A ledger entry is never deleted")
