"""Support plans, what they say will happen, and their reviews."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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

    carer = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="support_plans", db_index=False)
    assessment = models.ForeignKey("assessments.Assessment", on_delete=models.PROTECT, related_name="support_plans")
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
        # Support plans, actions and reviews keep the tables they had in the assessments app.
        db_table = "assessments_supportplan"
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
        db_table = "assessments_planaction"
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
        db_table = "assessments_review"
        ordering = ["-reviewed_on"]

    @property
    def on_time(self) -> bool:
        return self.reviewed_on <= self.was_due_on
