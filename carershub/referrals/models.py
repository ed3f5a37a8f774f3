"""Referrals between the partners, under the carer's consent, and information-sharing agreements.

A referral sends a carer from one organisation of the partnership to another (or to one of its
services in the directory) with the reason, how urgent it is and what the carer agreed to share. It
is sent only under an active consent to the receiving organisation for its purpose, or under a
recorded lawful exception with the reason (lawful.py, enforced in services.py). Its status moves
only along flow.py's arrows, each move optimistic-locked (decision 8) and leaving an event.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from carershub.people.choices import ConsentPurpose
from carershub.referrals import flow, lawful


class Urgency(models.TextChoices):
    ROUTINE = "routine", _("Routine")
    SOON = "soon", _("Soon")
    URGENT = "urgent", _("Urgent")


# Working days the receiving organisation has to accept (or decline) a referral: the partnership's
# agreed response times. A local agreement, not law; change here and in the decision record.
ROUTINE_WORKING_DAYS = 5
SOON_WORKING_DAYS = 2
URGENT_WORKING_DAYS = 1
WORKING_DAYS_TO_ACCEPT = {
    Urgency.ROUTINE: ROUTINE_WORKING_DAYS,
    Urgency.SOON: SOON_WORKING_DAYS,
    Urgency.URGENT: URGENT_WORKING_DAYS,
}


class SharedPart(models.TextChoices):
    """What the carer agreed the receiving organisation may see (the shared summary)."""

    CONTACT_DETAILS = "contact_details", _("Contact details")
    CARING_SITUATION = "caring_situation", _("Caring situation: who they care for")
    CARED_FOR_HEALTH = "cared_for_health", _("The cared-for person's health conditions")
    WHAT_MATTERS = "what_matters", _("What matters to them: their story")
    PLAN_OUTCOMES = "plan_outcomes", _("Support plan outcomes")


class LawfulBasis(models.TextChoices):
    CONSENT = lawful.CONSENT, _("The carer's consent")
    SAFEGUARDING = lawful.SAFEGUARDING, _("Safeguarding a child or an adult at risk")
    VITAL_INTERESTS = lawful.VITAL_INTERESTS, _("Vital interests: someone's life or health is at risk")
    LEGAL_DUTY = lawful.LEGAL_DUTY, _("A legal duty")


class Status(models.TextChoices):
    SENT = flow.SENT, _("Sent")
    RECEIVED = flow.RECEIVED, _("Received")
    ACCEPTED = flow.ACCEPTED, _("Accepted")
    DECLINED = flow.DECLINED, _("Declined")
    COMPLETED = flow.COMPLETED, _("Completed")
    WITHDRAWN = flow.WITHDRAWN, _("Withdrawn")


class Source(models.TextChoices):
    """Where the referral was made from."""

    RECORD = "record", _("The carer's record")
    CONTACT = "contact", _("A contact")
    ASSESSMENT = "assessment", _("An assessment")
    PLAN = "plan", _("A support plan")
    DIRECTORY = "directory", _("The directory")


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_FORCE = "in_force", _("In force")
    ENDED = "ended", _("Ended")


class SharingAgreement(models.Model):
    """An information-sharing agreement between organisations of the partnership."""

    title = models.CharField(_("title"), max_length=200)
    parties = models.ManyToManyField(
        "partnership.Organisation", verbose_name=_("organisations that signed it"), related_name="sharing_agreements"
    )
    purposes = models.JSONField(_("purposes"), default=list)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    review_on = models.DateField(_("review by"))
    reference = models.CharField(_("document reference"), max_length=200, blank=True)
    url = models.URLField(_("link to the document"), max_length=500, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=AgreementStatus.choices, default=AgreementStatus.IN_FORCE)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("information-sharing agreement")
        ordering = ["title", "pk"]

    def __str__(self):
        return self.title

    def due_for_review(self, today) -> bool:
        return self.status != AgreementStatus.ENDED and self.review_on <= today

    def purpose_labels(self) -> list[str]:
        labels = dict(ConsentPurpose.choices)
        return [str(labels.get(p, p)) for p in self.purposes]


class Referral(models.Model):
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="referrals", db_index=False)
    from_organisation = models.ForeignKey(
        "partnership.Organisation", verbose_name=_("from"), on_delete=models.PROTECT, related_name="referrals_sent",
        db_index=False,
    )
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    to_organisation = models.ForeignKey(
        "partnership.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT,
        related_name="referrals_received",
        db_index=False,
    )
    # A service of the directory that organisation runs (directory.services.referable_organisation).
    service = models.ForeignKey(
        "directory.Service", verbose_name=_("service"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="referrals",
    )
    reason = models.TextField(_("reason for the referral"), max_length=2000)
    urgency = models.CharField(_("how urgent"), max_length=10, choices=Urgency.choices, default=Urgency.ROUTINE)
    purpose = models.CharField(
        _("purpose"), max_length=30, choices=ConsentPurpose.choices, default=ConsentPurpose.SUPPORT_AND_REFERRAL
    )
    shared = models.JSONField(_("what the carer agreed to share"), default=list)
    lawful_basis = models.CharField(_("lawful basis"), max_length=20, choices=LawfulBasis.choices)
    consent = models.ForeignKey(
        "people.Consent", verbose_name=_("consent relied on"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="referrals",
    )
    legal_duty = models.CharField(_("legal duty"), max_length=300, blank=True)
    exception_reason = models.TextField(_("why without consent"), max_length=2000, blank=True)
    agreement = models.ForeignKey(
        SharingAgreement, verbose_name=_("information-sharing agreement"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="referrals",
    )
    source = models.CharField(_("made from"), max_length=12, choices=Source.choices, default=Source.RECORD)
    source_id = models.CharField(max_length=36, blank=True)

    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SENT)
    sent_at = models.DateTimeField(default=timezone.now)
    due_on = models.DateField(_("to be accepted by"))
    received_at = models.DateTimeField(null=True, blank=True)
    received_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decline_reason = models.TextField(_("why it was declined"), max_length=2000, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    outcome = models.TextField(_("outcome"), max_length=2000, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("referral")
        ordering = ["-sent_at", "-pk"]
        constraints = [
            # The database holds the lawful basis too: consent names its row, an exception its reason.
            models.CheckConstraint(
                condition=(Q(lawful_basis=lawful.CONSENT) & Q(consent__isnull=False))
                | (~Q(lawful_basis=lawful.CONSENT) & ~Q(exception_reason="")),
                name="referral_lawful_basis_recorded",
            ),
            models.CheckConstraint(
                condition=~Q(status=flow.DECLINED) | ~Q(decline_reason=""), name="referral_decline_has_reason"
            ),
            models.CheckConstraint(
                condition=~Q(status=flow.COMPLETED) | ~Q(outcome=""), name="referral_completed_has_outcome"
            ),
            models.CheckConstraint(condition=Q(status__in=flow.STATUSES), name="referral_status_known"),
        ]
        indexes = [
            models.Index(fields=["to_organisation", "status", "due_on"], name="referral_to_status"),
            models.Index(fields=["from_organisation", "status", "due_on"], name="referral_from_status"),
            models.Index(fields=["person", "to_organisation", "status"], name="referral_person_to"),
        ]

    def __str__(self):
        return f"{self.person} → {self.to_organisation} ({self.status})"

    def is_overdue(self, today) -> bool:
        return self.status in flow.WAITING and self.due_on < today

    def shared_labels(self) -> list[str]:
        labels = dict(SharedPart.choices)
        return [str(labels[p]) for p in SharedPart.values if p in self.shared]
