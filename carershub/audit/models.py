"""Append-only record of who looked at whose personal data, when, why and from where."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AccessAction(models.TextChoices):
    VIEW = "view", _("Viewed")
    SEARCH = "search", _("Found in a search")
    EXPORT = "export", _("Exported")
    API = "api", _("Read through the API")
    BREAK_GLASS = "break_glass", _("Opened outside a relationship, with a reason")
    # An emergency responder opened a contingency plan from its card number (support/emergency).
    EMERGENCY = "emergency", _("Opened in an emergency by card number, with a reason")


class AccessPart(models.TextChoices):
    RECORD = "record", _("the record")
    SEARCH_RESULTS = "search_results", _("search results")
    POSSIBLE_DUPLICATES = "possible_duplicates", _("possible duplicate records")
    CONTACT = "contact", _("a contact")
    CONTACT_LIST = "contact_list", _("the list of contacts")
    DETAILS = "details", _("personal and contact details")
    EQUALITY = "equality", _("equality information")
    SETTINGS = "settings", _("GP practice, school and work")
    CARER_DETAILS = "carer_details", _("carer details")
    ACCESS_HISTORY = "access_history", _("who has looked at the record")
    WHOLE_RECORD = "whole_record", _("the whole record")
    ASSESSMENT = "assessment", _("an assessment")
    DECISION_LETTER = "decision_letter", _("an eligibility decision letter")
    ASSESSMENT_RECORD = "assessment_record", _("a copy of an assessment record")
    SUPPORT_PLAN = "support_plan", _("a support plan")
    REVIEW_QUEUE = "review_queue", _("the list of support plan reviews due")
    TRANSITION_QUEUE = "transition_queue", _("the list of young carers approaching 18")
    CARING_RELATIONSHIPS = "caring_relationships", _("as a carer or cared-for person on another record")
    DATA_RIGHTS_REQUESTS = "data_rights_requests", _("the list of data-rights requests")
    DATA_RIGHTS_REQUEST = "data_rights_request", _("a data-rights request")
    RETENTION_REVIEW = "retention_review", _("the list of records due for a retention review")
    # Casework (issue 9).
    CASE_NOTE = "case_note", _("a case note")
    TASK = "task", _("a task")
    MY_WORK = "my_work", _("a work queue")
    CONCERNS = "concerns", _("the list of urgent and safeguarding concerns")
    CONCERN = "concern", _("an alert or concern")
    TIMELINE = "timeline", _("the timeline")
    DOCUMENT = "document", _("a document")
    DOCUMENT_LIST = "document_list", _("the list of documents")
    # Support delivered (issue 10).
    BREAKS = "breaks", _("short breaks and break allowances")
    DIRECT_PAYMENTS = "direct_payments", _("direct payments")
    CONTINGENCY_PLAN = "contingency_plan", _("a contingency plan")
    EMERGENCY_CARD = "emergency_card", _("an emergency card")
    EMERGENCY_RESPONSE = "emergency_response", _("an emergency response")
    # The partnership (issue 11).
    REFERRAL = "referral", _("a referral")
    REFERRAL_LIST = "referral_list", _("a list of referrals")
    SHARED_SUMMARY = "shared_summary", _("the summary shared with a partner")
    SHARED_CARERS = "shared_carers", _("the list of carers shared with an organisation")
    GROUPS = "groups", _("groups, courses and waiting lists")
    # Care at home through providers (issue 13).
    ARRANGEMENTS = "arrangements", _("care at home arrangements")
    CARE_REQUEST = "care_request", _("a request for care at home and its matches")
    # Commissioning intelligence (issue 12).
    FIGURE_EVENTS = "figure_events", _("the events behind a figure")
    CLIENT_LEVEL_DATA = "client_level_data", _("the Client Level Data return")


class AppendOnlyError(Exception):
    pass


class AccessEvent(models.Model):
    at = models.DateTimeField(_("when"), default=timezone.now, editable=False)
    # No index of its own: access_actor_time (actor, at) answers every look-up by actor (decision 76).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("who"), on_delete=models.PROTECT, related_name="+", editable=False,
        db_index=False,
    )
    actor_organisation = models.ForeignKey(
        "partnership.Organisation", null=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    # A plain id, not a foreign key: the trail must outlive an erased record, and
    # the database refuses to update these rows, so nothing may cascade into them.
    person_ref = models.BigIntegerField(_("person"), null=True, editable=False)
    # A caller with no record yet is still somebody whose details were shown: their contact is named.
    contact_ref = models.BigIntegerField(_("contact"), null=True, editable=False)
    action = models.CharField(_("what"), max_length=20, choices=AccessAction.choices, editable=False)
    part = models.CharField(_("which part"), max_length=40, choices=AccessPart.choices, editable=False)
    purpose = models.CharField(_("why"), max_length=300, blank=True, editable=False)
    ip_address = models.GenericIPAddressField(_("from"), null=True, editable=False)
    user_agent = models.CharField(max_length=300, blank=True, editable=False)
    path = models.CharField(max_length=300, blank=True, editable=False)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("access event")
        indexes = [
            models.Index(fields=["person_ref", "at"], name="access_person_time"),
            models.Index(fields=["actor", "at"], name="access_actor_time"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(person_ref__isnull=False) | models.Q(contact_ref__isnull=False),
                name="access_names_someone",
            )
        ]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("Access events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Access events cannot be deleted.")
