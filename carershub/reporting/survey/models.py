"""Carers survey returns and the carer measures computed by their published method (issue 12).

A return is one carer's answers to the questions behind the measures (survey/questionnaire.py),
anonymous: it names no person and links to no record, only the area and survey year it belongs to.
Its optional reference is the survey's own serial number of the questionnaire, unique in its area,
survey and year, so that loading the same returns again changes nothing.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Survey(models.TextChoices):
    SACE = "sace", _("Survey of Adult Carers in England")
    WALES = "wales", _("Carers' well-being survey (Wales)")


class SurveyReturn(models.Model):
    area = models.ForeignKey("partnership.Area", on_delete=models.PROTECT, related_name="+", verbose_name=_("area"))
    survey = models.CharField(_("survey"), max_length=8, choices=Survey.choices)
    year = models.PositiveSmallIntegerField(_("survey year"), help_text=_("The year the survey started: 2023 for 2023-24"))
    reference = models.CharField(_("questionnaire reference"), max_length=40, blank=True, default="")
    answers = models.JSONField(_("answers"), default=dict)  # question code -> answer code (questionnaire.py)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    entered_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("survey return")
        ordering = ["area__name", "-year", "pk"]
        indexes = [models.Index(fields=["survey", "year", "area"], name="survey_return_group")]
        constraints = [
            models.UniqueConstraint(fields=["area", "survey", "year", "reference"], condition=~Q(reference=""),
                                    name="survey_return_reference_once"),
        ]

    def __str__(self):
        return f"{self.get_survey_display()} {self.year} {self.area} {self.reference or self.pk}"
