"""What carers (or someone for them) send in through the public self-assessment."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from carershub.assessments.models import AssessmentSource


class SelfAssessment(models.Model):
    """What a carer (or someone for them) sent in, kept as typed; staff start an assessment from it."""

    submitted_at = models.DateTimeField(default=timezone.now)
    made_by = models.CharField(max_length=20, choices=AssessmentSource.choices, default=AssessmentSource.SELF)
    helper_name = models.CharField(_("name of the person helping"), max_length=200, blank=True)
    given_name = models.CharField(_("first name"), max_length=100)
    family_name = models.CharField(_("last name"), max_length=100)
    date_of_birth = models.DateField(_("date of birth"))
    postcode = models.CharField(_("postcode"), max_length=8)
    email = models.EmailField(_("email address"), blank=True)
    phone = models.CharField(_("phone number"), max_length=16, blank=True)
    # The council area the carer chose: it decides the nation, so the law and its well-being areas.
    area = models.ForeignKey(
        "partnership.Area", verbose_name=_("council area"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Given to the carer on the confirmation page; random, so it says nothing about volumes.
    reference = models.CharField(_("reference number"), max_length=12, unique=True, null=True, blank=True, editable=False)
    answers = models.JSONField(default=dict)
    assessment = models.OneToOneField(
        "assessments.Assessment", null=True, blank=True, on_delete=models.SET_NULL, related_name="self_assessment"
    )

    class Meta:
        # The table it has had since self-assessment was part of the assessments app.
        db_table = "assessments_selfassessment"
        verbose_name = _("self-assessment")
        ordering = ["-submitted_at"]
        indexes = [models.Index(fields=["assessment", "submitted_at"], name="selfassessment_queue")]

    def __str__(self):
        return f"{self.given_name} {self.family_name} ({self.submitted_at:%Y-%m-%d})"
