"""Budgets, contracts and spend on carers' services, by service line and funder (issue 12).

Money is integer pence throughout (core/amounts.py), so totals and per-head figures are exact.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ServiceLine(models.TextChoices):
    INFORMATION = "information", _("Information, advice and identification")
    ASSESSMENT = "assessment", _("Carers' assessments and support planning")
    BREAKS = "breaks", _("Short breaks and replacement care")
    EMERGENCY = "emergency", _("Emergency response and contingency planning")
    GROUPS = "groups", _("Groups, courses and peer support")
    YOUNG_CARERS = "young_carers", _("Young carers' service")
    DIRECT_PAYMENTS = "direct_payments", _("Direct payments and personal budgets")
    GRANTS = "grants", _("Grants to community groups")
    HOSPITAL = "hospital", _("Hospital and discharge support")
    OTHER = "other", _("Other carers' support")


class Contract(models.Model):
    """A contract a commissioner holds with a provider for carers' services.

    Its value is the annual value agreed at the start; extensions and agreed reductions are
    recorded as their own rows (money app), so the value in any year is worked out, never re-keyed.
    Contract monitoring (reporting.monitoring) hangs its KPIs and quarterly returns on this row.
    """

    commissioner = models.ForeignKey(
        "partnership.Organisation", verbose_name=_("commissioner"), on_delete=models.PROTECT, related_name="+"
    )
    provider = models.ForeignKey(
        "partnership.Organisation", verbose_name=_("provider"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("contract name"), max_length=200)
    reference = models.CharField(_("contract reference"), max_length=50, blank=True)
    service_line = models.CharField(_("service line"), max_length=20, choices=ServiceLine.choices)
    # The areas it serves; none means every area of the region.
    areas = models.ManyToManyField("partnership.Area", verbose_name=_("areas served"), blank=True, related_name="+")
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    annual_value_pence = models.BigIntegerField(_("annual value"))
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )

    class Meta:
        ordering = ["title", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name="contract_ends_after_start"),
            models.CheckConstraint(condition=models.Q(annual_value_pence__gte=0), name="contract_value_not_negative"),
        ]

    def __str__(self):
        return self.title


class Funder(models.TextChoices):
    COUNCIL = "council", _("Council")
    ICB = "icb", _("Integrated care board")
    HEALTH_BOARD = "health_board", _("Health board")
    GRANT = "grant", _("Grant")
    OTHER = "other", _("Other")


class LineKind(models.TextChoices):
    BUDGET = "budget", _("Budget")
    SPEND = "spend", _("Spend")


class MoneyLine(models.Model):
    """A budget for a financial year, or actual spend in one of its quarters, by service line and funder.

    Entered by the commissioning organisation (``organisation``, the entering user's). ``area`` is the
    council area it is for; none means the whole region, not split by area. A budget has no quarter;
    spend always has one (Q1 April to June ... Q4 January to March).
    """

    organisation = models.ForeignKey(
        "partnership.Organisation", verbose_name=_("commissioner"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("budget or spend"), max_length=10, choices=LineKind.choices)
    area = models.ForeignKey("partnership.Area", verbose_name=_("area"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("financial year starting in April of"))
    quarter = models.PositiveSmallIntegerField(_("quarter"), null=True, blank=True)
    service_line = models.CharField(_("service line"), max_length=20, choices=ServiceLine.choices)
    funder = models.CharField(_("funder"), max_length=20, choices=Funder.choices)
    amount_pence = models.BigIntegerField(_("amount"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )

    class Meta:
        ordering = ["year", "kind", "quarter", "service_line", "funder", "pk"]
        indexes = [models.Index(fields=["year", "kind"], name="money_line_year_kind")]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount_pence__gte=0), name="money_line_not_negative"),
            models.CheckConstraint(
                condition=models.Q(kind="budget", quarter__isnull=True)
                | models.Q(kind="spend", quarter__gte=1, quarter__lte=4),
                name="money_line_quarter_of_spend",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.year} {self.get_service_line_display()}"


class ContractExtension(models.Model):
    """The contract runs on to ``ends_on``; the days added are worth ``annual_value_pence`` a year."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="extensions")
    ends_on = models.DateField(_("new end date"))
    annual_value_pence = models.BigIntegerField(_("value a year during the extension"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )

    class Meta:
        ordering = ["ends_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(annual_value_pence__gte=0), name="extension_value_not_negative"),
        ]


class ContractReduction(models.Model):
    """An agreed reduction: from ``starts_on`` the contract is worth ``annual_pence`` a year less."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="reductions")
    starts_on = models.DateField(_("from"))
    annual_pence = models.BigIntegerField(_("amount a year less"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )

    class Meta:
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(annual_pence__gt=0), name="reduction_positive"),
        ]


class ContractContribution(models.Model):
    """Another body's contribution to the contract, an amount a year for as long as it runs."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="contributions")
    funder = models.CharField(_("funder"), max_length=20, choices=Funder.choices)
    funder_name = models.CharField(_("name of the funder"), max_length=200)
    annual_pence = models.BigIntegerField(_("amount a year"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )

    class Meta:
        ordering = ["funder_name", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(annual_pence__gt=0), name="contribution_positive"),
        ]
