"""Activity events: everything that happens to a record, for the commissioners' figures.

Reports count these rows instead of asking anybody to re-key a figure.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    PERSON_CREATED = "person.created", _("Person record created")
    PERSON_CHANGED = "person.changed", _("Person record changed")
    CARER_IDENTIFIED = "carer.identified", _("Identified as a carer")
    CARER_CHANGED = "carer.changed", _("Carer details changed")
    CARING_ADDED = "caring.added", _("Cared-for person added")
    CARING_CHANGED = "caring.changed", _("Caring relationship changed")
    CONTACT_LOGGED = "contact.logged", _("Contact logged")
    CONTACT_LINKED = "contact.linked", _("Contact linked to a record")
    CONSENT_GIVEN = "consent.given", _("Consent to share given")
    CONSENT_WITHDRAWN = "consent.withdrawn", _("Consent to share withdrawn")
    ASSESSMENT_STARTED = "assessment.started", _("Assessment started")
    ASSESSMENT_SUBMITTED = "assessment.submitted", _("Assessment submitted for a decision")
    ASSESSMENT_DECIDED = "assessment.decided", _("Eligibility decided")
    ASSESSMENT_COMPLETED = "assessment.completed", _("Assessment completed")
    SELF_ASSESSMENT_RECEIVED = "self_assessment.received", _("Self-assessment received")
    PLAN_AGREED = "plan.agreed", _("Support plan agreed")
    REVIEW_COMPLETED = "review.completed", _("Support plan reviewed")
    SELF_ASSESSMENT_DISCARDED = "self_assessment.discarded", _("Self-assessment discarded as junk")
    DATA_RIGHTS_RECEIVED = "data_rights.received", _("Data-rights request received")
    DATA_RIGHTS_EXTENDED = "data_rights.extended", _("Data-rights request time extended")
    DATA_RIGHTS_CLOSED = "data_rights.closed", _("Data-rights request closed")
    PERSON_ERASED = "person.erased", _("Person record erased or anonymised")
    RETENTION_KEPT = "retention.kept", _("Record kept after its retention review")
    RETENTION_EMPTIED = "retention.emptied", _("Record emptied after its retention review")
    # A row of another system's export, added or merged (manage.py import_people): migrated
    # history, never counted as new work. Its data says the source, kind, source id and date.
    IMPORTED = "imported", _("Imported from another system")
    # Casework (issue 9): the working file, tasks and concerns.
    NOTE_WRITTEN = "note.written", _("Case note written")
    NOTE_ADDENDUM = "note.addendum", _("Addendum added to a case note")
    TASK_CREATED = "task.created", _("Task created")
    TASK_REASSIGNED = "task.reassigned", _("Task reassigned")
    TASK_COMPLETED = "task.completed", _("Task completed")
    ALERT_RAISED = "alert.raised", _("Alert raised")
    CONCERN_DECIDED = "concern.decided", _("Decision recorded on a concern")
    ALERT_ENDED = "alert.ended", _("Alert ended")
    # Documents on a person's record (documents app, decision 27).
    DOCUMENT_ADDED = "document.added", _("Document added")
    DOCUMENT_WITHDRAWN = "document.withdrawn", _("Document withdrawn")
    DOCUMENT_REFUSED = "document.refused", _("Document refused: the virus scanner found a virus")


class Event(models.Model):
    kind = models.CharField(_("what happened"), max_length=40, choices=EventKind.choices)
    occurred_at = models.DateTimeField(_("when"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("who"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    organisation = models.ForeignKey("partnership.Organisation", null=True, on_delete=models.SET_NULL, related_name="+")
    person = models.ForeignKey("people.Person", null=True, on_delete=models.SET_NULL, related_name="events")
    # The carer's area when it happened, so figures by area do not move when somebody moves house.
    area = models.ForeignKey("partnership.Area", null=True, on_delete=models.SET_NULL, related_name="+")
    object_type = models.CharField(max_length=40, blank=True)
    object_id = models.BigIntegerField(null=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-occurred_at"]
        indexes = [
            models.Index(fields=["kind", "occurred_at"], name="event_kind_time"),
            models.Index(fields=["person", "occurred_at"], name="event_person_time"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.occurred_at:%Y-%m-%d %H:%M}"
