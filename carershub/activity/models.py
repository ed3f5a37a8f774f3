"""Activity events: everything that happens to a record, for the commissioners' figures.

Reports count these rows instead of asking anybody to re-key a figure.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.encoding import force_str
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
    ASSESSMENT_SIGNED_OFF = "assessment.signed_off", _("Assessment decision signed off")
    ASSESSMENT_LETTER_ISSUED = "assessment.letter_issued", _("Assessment decision letter issued")
    ASSESSMENT_RECORD_GIVEN = "assessment.record_given", _("Copy of the assessment record given")
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
    # Support delivered (issue 10): short breaks and break allowances (support/breaks).
    ALLOWANCE_GRANTED = "allowance.granted", _("Break allowance granted")
    ALLOWANCE_ADJUSTED = "allowance.adjusted", _("Break allowance adjusted by a manager")
    ALLOWANCE_EXPIRED = "allowance.expired", _("Break allowance expired at the end of its period")
    BREAK_REQUESTED = "break.requested", _("Short break requested")
    BREAK_CONFIRMED = "break.confirmed", _("Short break confirmed")
    BREAK_DELIVERED = "break.delivered", _("Short break delivered")
    BREAK_CANCELLED = "break.cancelled", _("Short break cancelled")
    BREAK_NO_SHOW = "break.no_show", _("Short break not taken up (no-show)")
    # Carers' direct payments (support/payments).
    DIRECT_PAYMENT_AGREED = "direct_payment.agreed", _("Direct payment agreed")
    DIRECT_PAYMENT_PAID = "direct_payment.paid", _("Direct payment paid")
    DIRECT_PAYMENT_RETURN = "direct_payment.return", _("Direct payment monitoring return recorded")
    DIRECT_PAYMENT_RECOVERED = "direct_payment.recovered", _("Unspent direct payment recovered")
    DIRECT_PAYMENT_ENDED = "direct_payment.ended", _("Direct payment ended")
    # Contingency plans, emergency cards and the emergency response service (support/emergency).
    CONTINGENCY_PLAN_WRITTEN = "contingency_plan.written", _("Contingency plan written or updated")
    EMERGENCY_CARD_ISSUED = "emergency_card.issued", _("Emergency card issued")
    EMERGENCY_CARD_CANCELLED = "emergency_card.cancelled", _("Emergency card cancelled")
    EMERGENCY_CARD_LOOKED_UP = "emergency_card.looked_up", _("Contingency plan looked up by emergency card")
    EMERGENCY_CALL_OUT = "emergency.call_out", _("Emergency response service called out")
    EMERGENCY_CLOSED = "emergency.closed", _("Emergency response closed")
    # Groups, courses and waiting lists (support/groups).
    SESSION_BOOKED = "session.booked", _("Place booked at a group or course session")
    SESSION_CANCELLED = "session.cancelled", _("Place at a group or course session cancelled")
    SESSION_ATTENDED = "session.attended", _("Attended a group or course session")
    SESSION_MISSED = "session.missed", _("Did not attend a group or course session")
    WAITING_LIST_JOINED = "waiting_list.joined", _("Added to a waiting list")
    WAITING_LIST_LEFT = "waiting_list.left", _("Left a waiting list")
    INFORMATION_PACK_ISSUED = "information_pack.issued", _("Carers information pack issued")
    # The partnership (issue 11): referrals, signposting from the directory, settings, the grants fund.
    REFERRAL_SENT = "referral.sent", _("Referral sent to a partner")
    REFERRAL_RECEIVED = "referral.received", _("Referral received by the partner")
    REFERRAL_ACCEPTED = "referral.accepted", _("Referral accepted")
    REFERRAL_DECLINED = "referral.declined", _("Referral declined")
    REFERRAL_COMPLETED = "referral.completed", _("Referral completed")
    REFERRAL_WITHDRAWN = "referral.withdrawn", _("Referral withdrawn by the sender")
    SIGNPOSTED = "signposted", _("Signposted to a service in the directory")
    SETTING_ENGAGED = "setting.engaged", _("Engagement with a GP practice, school or other setting")
    TRAINING_DELIVERED = "training.delivered", _("Carer awareness training delivered to professionals")
    GRANT_APPLIED = "grant.applied", _("Community grant application received")
    GRANT_AWARDED = "grant.awarded", _("Community grant awarded")
    GRANT_DECLINED = "grant.declined", _("Community grant application declined")
    GRANT_PAID = "grant.paid", _("Community grant payment made")
    GRANT_MONITORED = "grant.monitored", _("Community grant monitoring return received")
    # Care at home through Section 16 providers and micro-enterprises (issue 13).
    PROVIDER_ADDED = "provider.added", _("Provider of care at home added to the register")
    PROVIDER_CHANGED = "provider.changed", _("Provider's register entry changed")
    PROVIDER_STATUS = "provider.status", _("Provider's status changed")
    PROVIDER_WORKER = "provider.worker", _("Provider's worker added or changed")
    PROVIDER_CHECKED = "provider.checked", _("Provider checklist item checked")
    REGISTRATION_SUBMITTED = "provider.registration_submitted", _("Provider applied to register with Care Inspectorate Wales")
    REGISTRATION_DECIDED = "provider.registration_decided", _("Provider's registration decided")
    PROVIDER_ADVISED = "provider.advised", _("Advice given to a provider by the support service")
    ARRANGEMENT_STARTED = "arrangement.started", _("Care at home arranged with a provider")
    ARRANGEMENT_CHANGED = "arrangement.changed", _("Care at home arrangement changed")
    ARRANGEMENT_ENDED = "arrangement.ended", _("Care at home arrangement ended")
    ARRANGEMENT_REFUSED = "arrangement.refused", _("Care at home arrangement refused by the four-person rule")
    CARE_REQUEST_OPENED = "care_request.opened", _("Request for care at home recorded")
    CARE_REQUEST_CLOSED = "care_request.closed", _("Request for care at home closed")
    INTRODUCTION_MADE = "introduction.made", _("Person introduced to a provider of care at home")
    INTRODUCTION_OUTCOME = "introduction.outcome", _("Outcome of an introduction recorded")
    MIX_RETURN = "provider_mix.return", _("Provider mix return entered")
    # Commissioning (issue 12): a provider's quarterly contract-monitoring return.
    MONITORING_RETURN_SUBMITTED = "monitoring.return_submitted", _("Contract monitoring return submitted")
    MONITORING_RETURN_ACCEPTED = "monitoring.return_accepted", _("Contract monitoring return accepted")
    MONITORING_RETURN_SENT_BACK = "monitoring.return_sent_back", _("Contract monitoring return sent back for changes")


class Event(models.Model):
    kind = models.CharField(_("what happened"), max_length=40, choices=EventKind.choices)
    occurred_at = models.DateTimeField(_("when"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("who"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    organisation = models.ForeignKey("partnership.Organisation", null=True, on_delete=models.SET_NULL, related_name="+")
    # No index of its own: event_person_time (person, occurred_at) below answers every look-up by
    # person, and one index fewer is one write fewer for every event (an import writes millions).
    person = models.ForeignKey(
        "people.Person", null=True, on_delete=models.SET_NULL, related_name="events", db_index=False
    )
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

    def get_kind_display(self) -> str:
        """What happened, in the language of the request; the kind itself if it is not (or no longer) known.

        Django's own ``get_FOO_display`` hashes every choice's label to look one up, translating all
        of the kinds each time; a timeline page asks for ten or more.
        """
        return force_str(_KIND_LABELS.get(self.kind, self.kind))


# Each kind's label, untranslated until it is shown.
_KIND_LABELS = dict(EventKind.choices)
