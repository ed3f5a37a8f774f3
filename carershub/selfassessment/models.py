"""What carers (or someone for them) send in through the public self-assessment."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from carershub.assessments.models import AssessmentSource


class SelfAssessmentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """What carers sent in, for those who would work with them: the carers centre (the region's
        front door), the council of the area the carer chose, and any council for an area that has
        no council of its own in the partnership (so nothing a carer sends waits unseen)."""
        from carershub.accounts.models import SERVICE_ROLES
        from carershub.partnership.models import Organisation

        if not (user.is_authenticated and user.has_role(*SERVICE_ROLES)):
            return self.none()
        org = user.organisation
        if org is not None and org.kind == Organisation.Kind.CARERS_CENTRE:
            return self
        if org is None or org.kind != Organisation.Kind.COUNCIL or not org.area_id:
            return self.none()
        councils = Organisation.objects.filter(kind=Organisation.Kind.COUNCIL, is_active=True, area=models.OuterRef("area"))
        return self.filter(models.Q(area_id=org.area_id) | ~models.Exists(councils))


class SelfAssessment(models.Model):
    """What a carer (or someone for them) sent in, kept as typed; staff start an assessment from it."""

    submitted_at = models.DateTimeField(default=timezone.now)
    made_by = models.CharField(max_length=20, choices=AssessmentSource.choices, default=AssessmentSource.SELF)
    helper_name = models.CharField(_("name of the person helping"), max_length=200, blank=True)
    given_name = models.CharField(_("first name"), max_length=100)
    family_name = models.CharField(_("last name"), max_length=100)
    # Empty once the content is removed (junk discarded, or the carer's record erased).
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
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
    # Junk (spam, tests, abuse) a reviewer discarded: who, when and why are kept, the content is not.
    discarded_at = models.DateTimeField(null=True, blank=True)
    discarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    discard_reason = models.CharField(_("why it was discarded"), max_length=500, blank=True)
    content_removed_at = models.DateTimeField(null=True, blank=True)

    objects = SelfAssessmentQuerySet.as_manager()

    class Meta:
        # The table it has had since self-assessment was part of the assessments app.
        db_table = "assessments_selfassessment"
        verbose_name = _("self-assessment")
        ordering = ["-submitted_at"]
        indexes = [models.Index(fields=["assessment", "submitted_at"], name="selfassessment_queue")]

    def __str__(self):
        return f"{self.given_name} {self.family_name} ({self.submitted_at:%Y-%m-%d})"
