"""The community grants fund: rounds, applications, panel scoring, capped awards, payments and monitoring.

A round is run by its funding organisation (its commissioners and team managers) and scored by a
panel of named staff. An application comes from a community group (an organisation of the
partnership, made with the application when it is new). Nothing here is a carer's record: no person
is linked, and the events written carry no person.

Money is whole pence (decision 30). The sum of a round's awards never exceeds its budget: services.py
checks it under the round's row lock (decision 38).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from carershub.partnership.models import Organisation


class RoundStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open for applications")
    CLOSED = "closed", _("Closed to applications")
    SCORING = "scoring", _("Being scored")
    DECIDED = "decided", _("Decided")


# Each status and the one that follows it.
NEXT_STATUS = {
    RoundStatus.DRAFT: RoundStatus.OPEN,
    RoundStatus.OPEN: RoundStatus.CLOSED,
    RoundStatus.CLOSED: RoundStatus.SCORING,
    RoundStatus.SCORING: RoundStatus.DECIDED,
}
# Applications may be recorded while a round is open, and (marked late, with a reason) until scoring ends.
RECEIVING = (RoundStatus.OPEN, RoundStatus.CLOSED, RoundStatus.SCORING)


# Social Services and Well-being (Wales) Act 2014, s16: a local authority must promote social
# enterprises, co-operatives, user-led services and the third sector in providing care and support
# (and preventative services). The four types are the partnership's organisation sectors. Section
# text not checked against legislation.gov.uk in this session.
SECTION_16_TYPES = [
    (Organisation.Sector.SOCIAL_ENTERPRISE, Organisation.Sector.SOCIAL_ENTERPRISE.label),
    (Organisation.Sector.COOPERATIVE, Organisation.Sector.COOPERATIVE.label),
    (Organisation.Sector.USER_LED, Organisation.Sector.USER_LED.label),
    (Organisation.Sector.OTHER_THIRD_SECTOR, Organisation.Sector.OTHER_THIRD_SECTOR.label),
]


class Round(models.Model):
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), max_length=4000, blank=True)
    funder = models.ForeignKey(
        "partnership.Organisation", verbose_name=_("funded by"), on_delete=models.PROTECT, related_name="+",
        db_index=False,
    )
    budget_pence = models.PositiveBigIntegerField(_("budget"))
    max_award_pence = models.PositiveBigIntegerField(_("most per award"))
    opens_on = models.DateField(_("opens"))
    closes_on = models.DateField(_("closes"))
    decision_on = models.DateField(_("decisions by"))
    # Scores run from 0 to this (5 unless the round says otherwise).
    score_max = models.PositiveSmallIntegerField(_("highest score"), default=5)
    # A monitoring return is due this many months after an award.
    return_months = models.PositiveSmallIntegerField(_("monitoring return due after (months)"), default=6)
    status = models.CharField(_("status"), max_length=10, choices=RoundStatus.choices, default=RoundStatus.DRAFT)
    panel = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("panel"), related_name="grant_panels")
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("grant round")
        ordering = ["-opens_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(budget_pence__gte=1), name="grants_round_budget_positive"),
            models.CheckConstraint(
                condition=Q(max_award_pence__gte=1, max_award_pence__lte=F("budget_pence")),
                name="grants_round_max_within_budget",
            ),
            models.CheckConstraint(condition=Q(closes_on__gte=F("opens_on")), name="grants_round_closes_after_opening"),
            models.CheckConstraint(condition=Q(score_max__gte=1, score_max__lte=10), name="grants_round_score_scale"),
        ]
        indexes = [models.Index(fields=["funder", "status"], name="grants_round_funder")]

    def __str__(self):
        return self.name


class Criterion(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("criterion"), max_length=200)
    weight = models.PositiveSmallIntegerField(_("weight"))
    guidance = models.TextField(_("guidance for scorers"), max_length=1000, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("criterion")
        ordering = ["order", "pk"]
        constraints = [models.CheckConstraint(condition=Q(weight__gte=1, weight__lte=100), name="grants_criterion_weight")]

    def __str__(self):
        return self.name


class Outcome(models.TextChoices):
    WAITING = "waiting", _("Waiting for a decision")
    AWARDED = "awarded", _("Awarded")
    DECLINED = "declined", _("Declined")


class Application(models.Model):
    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="applications", db_index=False)
    group = models.ForeignKey(
        "partnership.Organisation", verbose_name=_("group"), on_delete=models.PROTECT, related_name="+"
    )
    contact_name = models.CharField(_("contact name"), max_length=200)
    contact_email = models.EmailField(_("contact email"), max_length=254, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    section16_type = models.CharField(_("Section 16 type"), max_length=20, choices=SECTION_16_TYPES)
    purpose = models.TextField(_("what the grant is for"), max_length=4000)
    requested_pence = models.PositiveBigIntegerField(_("amount asked for"))
    coproduction = models.TextField(_("how carers co-produced it"), max_length=4000)
    carers_expected = models.PositiveIntegerField(_("carers expected to benefit"))
    received_on = models.DateField(_("received"))
    late_reason = models.CharField(_("why it was accepted late"), max_length=500, blank=True)
    outcome = models.CharField(_("decision"), max_length=10, choices=Outcome.choices, default=Outcome.WAITING)
    awarded_pence = models.PositiveBigIntegerField(_("amount awarded"), null=True, blank=True)
    decline_reason = models.TextField(_("why it was declined"), max_length=2000, blank=True)
    decided_on = models.DateField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("grant application")
        ordering = ["received_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(requested_pence__gte=1), name="grants_application_requested_positive"),
            # An award is there exactly when the outcome is "awarded", and never more than was asked for.
            models.CheckConstraint(
                condition=(Q(outcome="awarded", awarded_pence__gte=1, awarded_pence__lte=F("requested_pence"))
                           | (~Q(outcome="awarded") & Q(awarded_pence__isnull=True))),
                name="grants_application_award_consistent",
            ),
        ]
        indexes = [models.Index(fields=["round", "outcome"], name="grants_application_round")]

    def __str__(self):
        return f"{self.group} ({self.round})"

    @property
    def is_late(self) -> bool:
        return bool(self.late_reason)


class Interest(models.Model):
    """A panel member's declared conflict of interest: they do not score the application."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="interests", db_index=False)
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.CharField(_("what the interest is"), max_length=500)
    declared_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("declared interest")
        constraints = [models.UniqueConstraint(fields=["application", "member"], name="grants_interest_once")]


class Scoresheet(models.Model):
    """One panel member's scores of one application, submitted once."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="scoresheets", db_index=False)
    scorer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    comment = models.TextField(_("overall comment"), max_length=2000, blank=True)
    submitted_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("scoresheet")
        ordering = ["submitted_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["application", "scorer"], name="grants_scoresheet_once")]


class Score(models.Model):
    sheet = models.ForeignKey(Scoresheet, on_delete=models.CASCADE, related_name="scores", db_index=False)
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(_("score"))
    comment = models.CharField(_("comment"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("score")
        constraints = [
            models.UniqueConstraint(fields=["sheet", "criterion"], name="grants_score_once"),
            models.CheckConstraint(condition=Q(score__lte=10), name="grants_score_scale"),
        ]


class Payment(models.Model):
    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="payments")
    amount_pence = models.PositiveBigIntegerField(_("amount"))
    paid_on = models.DateField(_("paid on"))
    reference = models.CharField(_("finance reference"), max_length=100, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("grant payment")
        ordering = ["paid_on", "pk"]
        constraints = [models.CheckConstraint(condition=Q(amount_pence__gte=1), name="grants_payment_positive")]


class MonitoringReturn(models.Model):
    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="returns")
    received_on = models.DateField(_("received"))
    achieved = models.TextField(_("what the grant achieved"), max_length=4000)
    carers_reached = models.PositiveIntegerField(_("carers reached"))
    spent_pence = models.PositiveBigIntegerField(_("spent to date"))
    coproduction_evidence = models.TextField(_("how carers were involved"), max_length=4000, blank=True)
    unspent_pence = models.PositiveBigIntegerField(_("unspent to return"), default=0)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("monitoring return")
        ordering = ["received_on", "pk"]
