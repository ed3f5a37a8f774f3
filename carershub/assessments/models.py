"""Carers' assessments, eligibility decisions, support plans and their reviews."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from carershub.assessments import eligibility
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


class AssessmentQuerySet(models.QuerySet):
    def visible_to(self, user):
        from carershub.accounts.models import SERVICE_ROLES

        if user.is_authenticated and user.has_role(*SERVICE_ROLES):
            return self
        return self.none()


class Assessment(models.Model):
    """One assessment of a carer's needs under the law of the assessing council's nation."""

    carer = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="assessments")
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

    # The structured answers the eligibility rules take, and what they decided.
    eligibility_answers = models.JSONField(default=dict, blank=True)
    decision = models.JSONField(null=True, blank=True)
    rule_version = models.CharField(max_length=80, blank=True)
    eligible = models.BooleanField(null=True)

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

    def stored_decision(self) -> eligibility.Decision | None:
        # Read back as decided: the stored text and rule version, whatever today's rules say.
        return eligibility.Decision.from_dict(self.decision) if self.decision else None

    def needs_answers(self) -> eligibility.CarerNeedsAnswers:
        data = {"nation": self.nation, **{k: v for k, v in self.eligibility_answers.items() if k != "nation"}}
        return eligibility.CarerNeedsAnswers.from_dict(data)


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
        Assessment, null=True, blank=True, on_delete=models.SET_NULL, related_name="self_assessment"
    )

    class Meta:
        verbose_name = _("self-assessment")
        ordering = ["-submitted_at"]
        indexes = [models.Index(fields=["assessment", "submitted_at"], name="selfassessment_queue")]

    def __str__(self):
        return f"{self.given_name} {self.family_name} ({self.submitted_at:%Y-%m-%d})"


class SupportOption(models.TextChoices):
    PREVENTATIVE = "preventative", _("Preventative support: groups, activities, training, counselling, advice")
    SHORT_BREAKS = "short_breaks", _("Short breaks")
    DIRECT_PAYMENT = "direct_payment", _("Carer's direct payment")
    CONTINGENCY_PLAN = "contingency_plan", _("Contingency or emergency plan")
    REFERRALS = "referrals", _("Referrals to partner organisations")
    TECHNOLOGY = "technology", _("Technology-enabled care")


class SupportPlan(models.Model):
    """One version of a carer's support plan. A change makes a new version; old ones stay readable."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        AGREED = "agreed", _("Agreed")
        SUPERSEDED = "superseded", _("Replaced by a newer version")
        CLOSED = "closed", _("Ended")

    carer = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="support_plans")
    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="support_plans")
    plan_version = models.PositiveIntegerField(default=1)
    previous = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT, related_name="next_version")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    outcomes = models.TextField(_("the carer's outcomes"), max_length=5000)
    support_options = models.JSONField(_("support chosen"), default=list, blank=True)
    personal_budget = models.DecimalField(
        _("personal budget (£ a year)"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    review_date = models.DateField(_("review date"))
    agreed_at = models.DateTimeField(null=True, blank=True)
    agreed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # Set when a review ends the plan (status "closed"): the day support ended.
    ended_on = models.DateField(_("support ended on"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("support plan")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "review_date"], name="plan_status_review")]
        constraints = [
            models.UniqueConstraint(fields=["carer", "plan_version"], name="plan_unique_carer_version"),
            # A carer has at most one plan being worked on and at most one in force,
            # even when two workers press the button at the same moment.
            models.UniqueConstraint(
                fields=["carer"], condition=models.Q(status="draft"), name="plan_one_draft_per_carer"
            ),
            models.UniqueConstraint(
                fields=["carer"], condition=models.Q(status="agreed"), name="plan_one_agreed_per_carer"
            ),
        ]

    def __str__(self):
        return f"{self.carer} – v{self.plan_version}"


class PlanAction(models.Model):
    class Who(models.TextChoices):
        CARER = "carer", _("The carer")
        FAMILY = "family", _("Family or friends")
        PARTNER = "partner", _("A partner organisation")
        COUNCIL = "council", _("The council")

    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(_("action"), max_length=500)
    who = models.CharField(_("who will do it"), max_length=10, choices=Who.choices)
    organisation = models.ForeignKey(
        "partnership.Organisation", verbose_name=_("organisation"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    due_by = models.DateField(_("by when"), null=True, blank=True)

    class Meta:
        ordering = ["pk"]


class Review(models.Model):
    class Outcome(models.TextChoices):
        NO_CHANGE = "no_change", _("The plan continues unchanged")
        PLAN_CHANGED = "plan_changed", _("The plan is changed")
        REASSESS = "reassess", _("Needs have changed: re-assess eligibility")
        CLOSED = "closed", _("Support ends")

    plan = models.ForeignKey(SupportPlan, on_delete=models.PROTECT, related_name="reviews")
    reviewed_on = models.DateField(_("date of the review"))
    was_due_on = models.DateField()
    outcome = models.CharField(_("outcome of the review"), max_length=20, choices=Outcome.choices)
    notes = models.TextField(_("what was discussed"), max_length=5000)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-reviewed_on"]

    @property
    def on_time(self) -> bool:
        return self.reviewed_on <= self.was_due_on
