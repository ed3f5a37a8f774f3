"""Data-rights requests, the record of each erasure, and records listed for retention review."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from carershub.privacy import retention


class RequestKind(models.TextChoices):
    # The rights of UK GDPR Articles 15 to 18 and 21 that a carer or cared-for person may use.
    ACCESS = "access", _("Subject access: a copy of their information (Article 15)")
    RECTIFICATION = "rectification", _("Rectification: correct their information (Article 16)")
    ERASURE = "erasure", _("Erasure: delete their information (Article 17)")
    RESTRICTION = "restriction", _("Restriction: stop using their information for now (Article 18)")
    OBJECTION = "objection", _("Objection to how their information is used (Article 21)")


class RequestStatus(models.TextChoices):
    OPEN = "open", _("Open")
    EXTENDED = "extended", _("Open, time extended")
    COMPLETED = "completed", _("Completed")
    REFUSED = "refused", _("Refused")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_STATUSES = (RequestStatus.OPEN, RequestStatus.EXTENDED)


class Requester(models.TextChoices):
    PERSON = "person", _("The person themselves")
    REPRESENTATIVE = "representative", _("Someone acting for them")


class DataRightsRequest(models.Model):
    """One request under UK GDPR Articles 15-18 or 21, with the date the law says it is due."""

    # The person may later be anonymised (the row stays) or, one day, deleted: the plain id
    # keeps the request attached to them either way, like the access log's person_ref.
    person = models.ForeignKey(
        "people.Person", null=True, on_delete=models.SET_NULL, related_name="data_rights_requests"
    )
    person_ref = models.BigIntegerField(editable=False)
    kind = models.CharField(_("what they asked for"), max_length=20, choices=RequestKind.choices)
    received_on = models.DateField(_("date the request was received"))
    due_on = models.DateField(_("respond by"))
    extended_to = models.DateField(_("respond by, extended"), null=True, blank=True)
    extension_reason = models.CharField(_("why more time is needed"), max_length=500, blank=True)
    requested_by = models.CharField(_("who asked"), max_length=20, choices=Requester.choices)
    representative_name = models.CharField(_("representative's name"), max_length=200, blank=True)
    representative_capacity = models.CharField(_("how they act for the person"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.OPEN)
    completed_on = models.DateField(_("date it was completed or closed"), null=True, blank=True)
    restriction_lifted_on = models.DateField(_("date the restriction was lifted"), null=True, blank=True)
    notes = models.TextField(_("notes"), max_length=2000, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("data-rights request")
        ordering = ["due_on", "pk"]
        indexes = [
            models.Index(fields=["status", "due_on"], name="datarights_status_due"),
            models.Index(fields=["person_ref", "received_on"], name="datarights_person"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.received_on:%Y-%m-%d}"

    @property
    def respond_by(self):
        return self.extended_to or self.due_on

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def is_overdue(self, today=None) -> bool:
        return self.is_open and self.respond_by < (today or timezone.localdate())

    @property
    def restricts_processing(self) -> bool:
        """A restriction request holds from receipt (Art 18(1)(a): while accuracy is checked) until lifted."""
        return (
            self.kind == RequestKind.RESTRICTION
            and self.status not in (RequestStatus.REFUSED, RequestStatus.WITHDRAWN)
            and self.restriction_lifted_on is None
        )


class ErasureRecord(models.Model):
    """That a record was erased: who, when and why, never what it held."""

    person = models.ForeignKey("people.Person", null=True, on_delete=models.SET_NULL, related_name="+")
    person_ref = models.BigIntegerField(editable=False)
    erased_at = models.DateTimeField(default=timezone.now, editable=False)
    erased_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.CharField(_("why the record was erased"), max_length=500)
    request = models.ForeignKey(DataRightsRequest, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # How many records of each kind were changed: numbers only.
    changed = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("erasure")
        ordering = ["-erased_at"]
        constraints = [models.UniqueConstraint(fields=["person_ref"], name="erasure_once_per_person")]


class RecordType(models.TextChoices):
    PERSON = "person", _("Person's record")
    CONTACT = "contact", _("Contact")
    SELF_ASSESSMENT = "self_assessment", _("Self-assessment")


class ReviewStatus(models.TextChoices):
    DUE = "due", _("Due for review")
    KEPT = "kept", _("Kept for longer")
    REMOVED = "removed", _("Erased or emptied")


class RetentionReviewItem(models.Model):
    """A record the daily retention task found past its period, and what a manager decided."""

    record_type = models.CharField(max_length=20, choices=RecordType.choices)
    record_id = models.BigIntegerField()
    schedule = models.CharField(max_length=40, choices=list(retention.KINDS.items()))
    last_activity_on = models.DateField(_("last activity"))
    review_due_on = models.DateField(_("due for review since"))
    listed_on = models.DateField(default=timezone.localdate)
    status = models.CharField(max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.DUE)
    keep_until = models.DateField(null=True, blank=True)
    decision_reason = models.CharField(_("reason"), max_length=500, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("record due for retention review")
        ordering = ["review_due_on", "pk"]
        constraints = [models.UniqueConstraint(fields=["record_type", "record_id"], name="retention_item_once")]
        indexes = [models.Index(fields=["status", "review_due_on"], name="retention_status_due")]
