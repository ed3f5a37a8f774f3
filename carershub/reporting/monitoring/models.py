"""Contract KPIs with targets, actuals counted from events, RAG status and quarterly returns (issue 12).

A KPI belongs to a contract (money.Contract). Its actual for a quarter is either counted from the
activity events (a measure of ``Measure``, for the contract's provider and/or areas, services.py) or
reported by the provider in its quarterly return (``ReturnValue``). Returns move draft → submitted →
accepted, or → sent back → resubmitted → accepted (or sent back again); each move is one transaction
with its event (services.py). One return per contract per quarter (a unique constraint).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from carershub.reporting.monitoring import rag


class Source(models.TextChoices):
    COUNTED = "counted", _("Counted from what is recorded in Carers Hub")
    REPORTED = "reported", _("Reported by the provider in its quarterly return")


class Measure(models.TextChoices):
    """What a counted KPI counts: events of fixed kinds (services.MEASURE_KINDS says which)."""

    CARERS_IDENTIFIED = "carers_identified", _("Carers identified")
    CONTACTS_LOGGED = "contacts_logged", _("Contacts giving information and advice")
    ASSESSMENTS_COMPLETED = "assessments_completed", _("Carers' assessments completed")
    PLANS_AGREED = "plans_agreed", _("Support plans agreed")
    REVIEWS_COMPLETED = "reviews_completed", _("Support plan reviews completed")
    BREAKS_DELIVERED = "breaks_delivered", _("Short breaks delivered")
    CONTINGENCY_PLANS = "contingency_plans", _("Contingency plans written or updated")
    EMERGENCY_CARDS = "emergency_cards", _("Emergency cards issued")
    GROUP_ATTENDANCES = "group_attendances", _("Group and course attendances")
    REFERRALS_ACCEPTED = "referrals_accepted", _("Referrals accepted")
    SIGNPOSTED = "signposted", _("Carers signposted to a service")
    INFORMATION_PACKS = "information_packs", _("Carers information packs issued")


class Scope(models.TextChoices):
    """Whose events a counted KPI counts."""

    PROVIDER = "provider", _("Recorded by the provider, in any area")
    AREAS = "areas", _("About carers in the contract's areas, whoever recorded them")
    PROVIDER_IN_AREAS = "provider_in_areas", _("Recorded by the provider, about carers in the contract's areas")


class Unit(models.TextChoices):
    NUMBER = "number", _("A number")
    PERCENT = "percent", _("A percentage")


class Direction(models.TextChoices):
    HIGHER = rag.HIGHER, _("Higher is better")
    LOWER = rag.LOWER, _("Lower is better")


class Kpi(models.Model):
    contract = models.ForeignKey("money.Contract", on_delete=models.CASCADE, related_name="+", db_index=False)
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("what it counts"), max_length=1000)
    source = models.CharField(_("where the actual comes from"), max_length=10, choices=Source.choices)
    measure = models.CharField(_("measure"), max_length=30, choices=Measure.choices, blank=True)
    scope = models.CharField(_("whose events"), max_length=20, choices=Scope.choices, blank=True)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices, default=Unit.NUMBER)
    target = models.DecimalField(_("target per quarter"), max_digits=12, decimal_places=2)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices, default=Direction.HIGHER)
    tolerance = models.DecimalField(_("amber tolerance"), max_digits=12, decimal_places=2, default=0)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                   editable=False)

    class Meta:
        verbose_name = _("contract KPI")
        ordering = ["contract", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "name"], name="monitoring_kpi_name_once_per_contract"),
            models.CheckConstraint(condition=Q(target__gte=0), name="monitoring_kpi_target_not_negative"),
            models.CheckConstraint(condition=Q(tolerance__gte=0), name="monitoring_kpi_tolerance_not_negative"),
            models.CheckConstraint(
                condition=(Q(source="counted") & ~Q(measure="") & ~Q(scope="") & Q(unit="number"))
                | (Q(source="reported") & Q(measure="") & Q(scope="")),
                name="monitoring_kpi_counted_has_measure",
            ),
        ]

    def __str__(self):
        return self.name


class ReturnStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    SENT_BACK = "sent_back", _("Sent back for changes")
    RESUBMITTED = "resubmitted", _("Resubmitted")
    ACCEPTED = "accepted", _("Accepted")


EDITABLE = (ReturnStatus.DRAFT, ReturnStatus.SENT_BACK)  # the provider may change and submit it
AWAITING_DECISION = (ReturnStatus.SUBMITTED, ReturnStatus.RESUBMITTED)  # the commissioner decides
COUNTS = (ReturnStatus.SUBMITTED, ReturnStatus.RESUBMITTED, ReturnStatus.ACCEPTED)  # its values are shown


class MonitoringReturn(models.Model):
    contract = models.ForeignKey("money.Contract", on_delete=models.CASCADE, related_name="+", db_index=False)
    year = models.PositiveSmallIntegerField(_("financial year"))  # starting in April of
    quarter = models.PositiveSmallIntegerField(_("quarter"))
    status = models.CharField(_("status"), max_length=12, choices=ReturnStatus.choices, default=ReturnStatus.DRAFT)
    narrative = models.TextField(_("narrative"), max_length=10000, blank=True)
    sent_back_reason = models.TextField(_("reason for sending it back"), max_length=2000, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("contract monitoring return")
        ordering = ["contract", "-year", "-quarter"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "year", "quarter"], name="monitoring_one_return_per_quarter"),
            models.CheckConstraint(condition=Q(quarter__gte=1) & Q(quarter__lte=4), name="monitoring_quarter_1_to_4"),
        ]

    def __str__(self):
        return f"{self.contract_id} {self.year} Q{self.quarter}"


class ReturnValue(models.Model):
    monitoring_return = models.ForeignKey(
        MonitoringReturn, on_delete=models.CASCADE, related_name="values", db_index=False
    )
    kpi = models.ForeignKey(Kpi, on_delete=models.CASCADE, related_name="+")
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2, null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["monitoring_return", "kpi"], name="monitoring_one_value_per_kpi"),
            models.CheckConstraint(condition=Q(value__gte=0) | Q(value__isnull=True),
                                   name="monitoring_value_not_negative"),
        ]
