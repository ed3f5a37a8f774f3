"""Options appraisals: options against weighted criteria, rated or scored, compared and ranked (issue 12).

An appraisal belongs to the organisation whose commissioner or team manager made it; only that
organisation's commissioners and team managers see and change it (rules.py). The comparison is
worked out when read (scoring.py, pure), never stored.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from carershub.reporting.appraisal import scoring


class Method(models.TextChoices):
    RAG = scoring.RAG, _("Red, amber or green")
    SCORE = scoring.SCORE, _("A score on a scale")


class Rating(models.TextChoices):
    GREEN = scoring.GREEN, _("Green")
    AMBER = scoring.AMBER, _("Amber")
    RED = scoring.RED, _("Red")


class Appraisal(models.Model):
    title = models.CharField(_("title"), max_length=200)
    purpose = models.TextField(_("purpose"), blank=True)
    organisation = models.ForeignKey("partnership.Organisation", on_delete=models.PROTECT, related_name="+")
    method = models.CharField(_("method"), max_length=8, choices=Method.choices, default=Method.RAG)
    scale_min = models.PositiveSmallIntegerField(_("lowest score"), default=0)
    scale_max = models.PositiveSmallIntegerField(_("highest score"), default=5)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("options appraisal")
        ordering = ["-created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(scale_max__gt=F("scale_min")), name="appraisal_scale_in_order"),
        ]

    def __str__(self):
        return self.title


class Criterion(models.Model):
    appraisal = models.ForeignKey(Appraisal, on_delete=models.CASCADE, related_name="criteria")
    position = models.PositiveIntegerField(default=0)
    group = models.CharField(_("heading"), max_length=200, blank=True)
    name = models.CharField(_("criterion"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    weight = models.DecimalField(_("weight"), max_digits=6, decimal_places=2, default=1)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [models.CheckConstraint(condition=Q(weight__gt=0), name="appraisal_weight_positive")]

    def __str__(self):
        return self.name


class Option(models.Model):
    appraisal = models.ForeignKey(Appraisal, on_delete=models.CASCADE, related_name="options")
    position = models.PositiveIntegerField(default=0)
    group = models.CharField(_("group"), max_length=200, blank=True)
    name = models.CharField(_("option"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.name


class Cell(models.Model):
    """One option against one criterion: a colour or a score, and why."""

    option = models.ForeignKey(Option, on_delete=models.CASCADE, related_name="cells", db_index=False)
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="cells")
    rating = models.CharField(_("rating"), max_length=1, choices=Rating.choices, blank=True)
    score = models.SmallIntegerField(_("score"), null=True, blank=True)
    narrative = models.TextField(_("narrative"), blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["option", "criterion"], name="appraisal_one_cell")]

    def value(self, method):
        if method == scoring.RAG:
            return self.rating or None
        return self.score
