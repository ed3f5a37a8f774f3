"""Known carers against the Census 2021 unpaid-care counts, by area and hours band (issue 12).

One row per area of the region: the published Census 2021 counts (ONS TS039) of usual residents aged
5 and over by hours of unpaid care a week. Importing the same area again replaces its row (in the
import's one transaction), so an import can be run again. These are published Census estimates, not
people we hold: they are shown as published, not suppressed.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CensusUnpaidCare(models.Model):
    area = models.OneToOneField("partnership.Area", on_delete=models.CASCADE, related_name="census_unpaid_care",
                                verbose_name=_("area"))
    area_name = models.CharField(_("area name in the file"), max_length=200, blank=True)
    census_year = models.PositiveSmallIntegerField(_("Census year"), default=2021)
    population = models.PositiveIntegerField(_("usual residents aged 5 and over"))
    no_care = models.PositiveIntegerField(_("provides no unpaid care"))
    band_9_or_less = models.PositiveIntegerField(_("9 hours a week or less"))
    band_10_to_19 = models.PositiveIntegerField(_("10 to 19 hours a week"))
    band_20_to_34 = models.PositiveIntegerField(_("20 to 34 hours a week"))
    band_35_to_49 = models.PositiveIntegerField(_("35 to 49 hours a week"))
    band_50_or_more = models.PositiveIntegerField(_("50 or more hours a week"))
    synthetic = models.BooleanField(_("synthetic (demonstration) figures"), default=False)
    source = models.CharField(_("source"), max_length=300, blank=True)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    imported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("Census unpaid care figures")
        ordering = ["area__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(population__gte=models.F("no_care") + models.F("band_9_or_less") + models.F("band_10_to_19")
                            + models.F("band_20_to_34") + models.F("band_35_to_49") + models.F("band_50_or_more")),
                name="census_population_holds_its_parts",
            ),
        ]

    def __str__(self):
        return f"{self.area} {self.census_year}"

    def band(self, code: str) -> int:
        return getattr(self, f"band_{code}")

    @property
    def carers(self) -> int:
        return (self.band_9_or_less + self.band_10_to_19 + self.band_20_to_34 + self.band_35_to_49
                + self.band_50_or_more)
