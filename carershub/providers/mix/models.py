"""The provider mix: hours of domiciliary care by sector, per council, per period (issue 13).

A return is what a council reports (hours delivered by each sector in a quarter or a year), or, for
a published table that gives only shares, the percentages themselves (basis "percent"): the ADSS
Cymru report's Table 2 gives 2018-19 shares for the 22 Welsh councils. Hours can also be counted
from the arrangements recorded here (providers/mix/services.py); the page says which it shows.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Sector(models.TextChoices):
    IN_HOUSE = "in_house", _("Council in-house")
    PRIVATE = "private", _("Private sector")
    MICRO = "micro", _("Micro-enterprises and sole traders")
    SOCIAL_ENTERPRISE = "social_enterprise", _("Social enterprises")
    COOPERATIVE = "cooperative", _("Co-operatives")
    USER_LED = "user_led", _("User-led organisations")
    THIRD_SECTOR = "third_sector", _("Other third sector")


class Basis(models.TextChoices):
    HOURS = "hours", _("Hours delivered")
    PERCENT = "percent", _("Published percentages")


class MixReturn(models.Model):
    council_name = models.CharField(_("council"), max_length=120)
    council_code = models.CharField(_("council code"), max_length=9, blank=True, help_text=_("ONS code, like W06000016"))
    area = models.ForeignKey("partnership.Area", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    basis = models.CharField(_("figures are"), max_length=8, choices=Basis.choices, default=Basis.HOURS)
    source = models.CharField(_("source"), max_length=300, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    entered_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("provider mix return")
        ordering = ["council_name", "-period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["council_name", "period_start", "period_end"], name="mix_one_return_per_council_period"
            ),
            models.CheckConstraint(condition=Q(period_end__gte=F("period_start")), name="mix_period_in_order"),
        ]

    def __str__(self):
        return f"{self.council_name} {self.period_start}–{self.period_end}"


class MixLine(models.Model):
    mix_return = models.ForeignKey(MixReturn, on_delete=models.CASCADE, related_name="lines", db_index=False)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    amount = models.DecimalField(_("hours or percent"), max_digits=12, decimal_places=2)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["mix_return", "sector"], name="mix_one_line_per_sector"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="mix_amount_not_negative"),
        ]
