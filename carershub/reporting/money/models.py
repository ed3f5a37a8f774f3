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
