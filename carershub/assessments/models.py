"""Carers' assessments and their eligibility decisions."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from carershub.assessments import eligibility
from carershub.assessments.frameworks import LABELS as FRAMEWORK_LABELS
from carershub.assessments.frameworks import Framework
from carershub.partnership.models import Nation


class AssessmentType(models.TextChoices):
    CARER = "carer", _("Carer's assessment")
    JOINT = "joint", _("Joint assessment with the cared-for person")
    REVIEW = "review", _("Review or re-assessment")
    YOUNG_CARER = "young_carer", _("Young carer's needs assessment")
    TRANSITION = "transition", _("Transition assessment (approaching 18)")


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for a decision")
    DECIDED = "decided", _("Decided, waiting for sign-off")
    COMPLETED = "completed", _("Completed")


class AssessmentSource(models.TextChoices):
    PRACTITIONER = "practitioner", _("Practitioner")
    SELF = "self", _("Self-assessment by the carer")
    ON_BEHALF = "on_behalf", _("Self-assessment made for the carer by someone else")


class AbleWilling(models.TextChoices):
    YES = "yes", _("Yes")
    PARTLY = "partly", _("Partly")
    NO = "no", _("No")


# The labels are marked for translation where they are written (frameworks.LABELS).
FRAMEWORK_CHOICES = [(f.value, _(FRAMEWORK_LABELS[f])) for f in Framework]


class CopyDocument(models.TextChoices):
    DECISION_LETTER = "decision_letter", _("Decision letter")
    ASSESSMENT_RECORD = "assessment_record", _("Copy of the assessment record")


class CopyRecipient(models.TextChoices):
    CARER = "carer", _("The carer")
    SOMEONE_ASKED = "someone_asked", _("Someone the carer asked us to give it to")


class CopyMethod(models.TextChoices):
    POST = "post", _("By post")
    EMAIL = "email", _("By e-mail")
    BY_HAND = "by_hand", _("By hand")


class AssessmentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Assessments of carers this user may open (people/relationships.py), for service workers."""
        from carershub.accounts.models import SERVICE_ROLES
        from carershub.people import relationships

        if not (user.is_authenticated and user.has_role(*SERVICE_ROLES)):
            return self.none()
        visible = relationships.about_related(user, "carer_id", opened=True)
        return self if visible is None else self.filter(visible)

    def worked_on_by(self, user):
        """Assessments this user's council made (or this user is assessing): theirs to change and decide."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(models.Q(assessing_organisation_id=user.organisation_id) | models.Q(assessor=user))


class Assessment(models.Model):
    """One assessment of a carer's needs under the law of the assessing council's nation."""

    carer = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="assessments", db_index=False)
    assessment_type = models.CharField(_("type of assessment"), max_length=20, choices=AssessmentType.choices)
    nation = models.CharField(_("law applied"), max_length=10, choices=Nation.choices)
    assessing_organisation = models.ForeignKey(
        "partnership.Organisation", verbose_name=_("assessing council"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("status"), max_length=20, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT)
    source = models.CharField(max_length=20, choices=AssessmentSource.choices, default=AssessmentSource.PRACTITIONER)
    contact = models.ForeignKey(
        "contacts.Contact", null=True, blank=True, on_delete=models.SET_NULL, related_name="assessments"
    )
    # The young carer's transition assessment an adult carer's assessment started from (services).
    carried_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("started from")
    )
    cared_for = models.ManyToManyField("people.Person", blank=True, related_name="+", verbose_name=_("cared-for people"))
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("assessor"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    # What the law says an assessment must cover (Care Act s10; SSWBA s24).
    caring_role = models.TextField(_("the care they give"), max_length=5000, blank=True)
    cared_for_needs = models.TextField(_("the cared-for person's needs as they affect the carer"), max_length=5000, blank=True)
    able_to_care = models.CharField(_("able to care now"), max_length=10, choices=AbleWilling.choices, blank=True)
    willing_to_care = models.CharField(_("willing to care now"), max_length=10, choices=AbleWilling.choices, blank=True)
    future_caring = models.TextField(_("ability and willingness to care in future"), max_length=5000, blank=True)
    outcomes_wanted = models.TextField(_("outcomes the carer wants"), max_length=5000, blank=True)
    wellbeing = models.JSONField(_("impact on well-being"), default=dict, blank=True)
    work_education_leisure = models.TextField(
        _("work, education, training and leisure"), max_length=5000, blank=True
    )
    carer_views = models.TextField(_("the carer's views, in their words"), max_length=5000, blank=True)
    participants = models.TextField(_("who took part"), max_length=2000, blank=True)

    # The law this assessment is made under (frameworks.choose), chosen from the carer's age and the
    # people cared for on the assessment date while it is a draft, and kept from submission on.
    framework = models.CharField(_("kind of assessment in law"), max_length=30, choices=FRAMEWORK_CHOICES, blank=True)
    framework_reason = models.CharField(max_length=40, blank=True)
    # The other matters the law requires for this framework (eligibility/matters.py), by code:
    # {"code": {"answer": "...", "does_not_apply": bool}}.
    matters = models.JSONField(_("matters the law requires"), default=dict, blank=True)

    # The structured answers the eligibility rules take, and what they decided.
    eligibility_answers = models.JSONField(default=dict, blank=True)
    decision = models.JSONField(null=True, blank=True)
    rule_version = models.CharField(max_length=80, blank=True)
    # What the rules proposed, and what the practitioner decided (they may depart, with reasons).
    proposed_eligible = models.BooleanField(null=True)
    eligible = models.BooleanField(null=True)
    # The practitioner's confirmation (see services.decide): reasons, departures, the Welsh s32(1)(b)/(c)
    # determination, and under the Children Act whether there are needs for support and services.
    determination = models.JSONField(null=True, blank=True)
    # Wales: needs that are not eligible must nevertheless be met (SSWA 2014 s32(1)(b) or (c)).
    must_meet = models.BooleanField(null=True)

    started_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    signed_off_at = models.DateTimeField(null=True, blank=True)
    signed_off_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    completed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("assessment")
        ordering = ["-started_at"]
        indexes = [
            models.Index(fields=["carer", "started_at"], name="assessment_carer_time"),
            models.Index(fields=["status", "started_at"], name="assessment_status_time"),
            models.Index(fields=["assessment_type", "completed_at"], name="assessment_type_done"),
        ]

    def __str__(self):
        return f"{self.get_assessment_type_display()} – {self.carer}"

    @property
    def is_editable(self) -> bool:
        return self.status == AssessmentStatus.DRAFT

    @property
    def needs_to_be_met(self) -> bool:
        """Whether the council is to meet (or provide services for) the carer's needs: eligible needs,
        a Welsh "must meet" determination, or, without national criteria, services decided on."""
        if self.eligible is True or self.must_meet is True:
            return True
        return bool((self.determination or {}).get("services_to_be_provided"))

    def stored_decision(self) -> eligibility.Decision | None:
        # Read back as decided: the stored text and rule version, whatever today's rules say.
        return eligibility.Decision.from_dict(self.decision) if self.decision else None

    def needs_answers(self) -> eligibility.CarerNeedsAnswers:
        data = {"nation": self.nation, **{k: v for k, v in self.eligibility_answers.items() if k != "nation"}}
        return eligibility.CarerNeedsAnswers.from_dict(data)


class AssessmentCopy(models.Model):
    """A decision letter or a copy of the assessment record given to the carer or someone they asked.

    Care Act 2014 s12(3)-(4) and s13(2); SSWA 2014 s32. Every copy given is also an activity event.
    """

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="copies", db_index=False)
    document = models.CharField(_("what was given"), max_length=30, choices=CopyDocument.choices)
    recipient = models.CharField(_("given to"), max_length=20, choices=CopyRecipient.choices)
    recipient_name = models.CharField(_("their name"), max_length=200, blank=True)
    method = models.CharField(_("how"), max_length=20, choices=CopyMethod.choices)
    given_on = models.DateField(_("when"))
    given_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("copy given")
        ordering = ["given_on", "created_at"]
        indexes = [models.Index(fields=["assessment", "document"], name="assessment_copy_document")]

    def __str__(self):
        return f"{self.get_document_display()} – {self.given_on}"
