"""Signposting: what carers were pointed to, picked from the directory (or typed when not listed), from a contact, an assessment, a plan or a record, so it can be counted by service.

A ``Signpost`` is one pick. It names a directory ``Service`` or, for what the directory does not
list, says in words what it was (``not_listed``): one of the two, never both (a check constraint).
It comes from at most one place: a front-door contact, an assessment (the "information and advice"
of a not-eligible decision letter), a support plan (its referrals part), or none of them when it was
made from the record itself. It is about a person, except on a contact from a caller who has no
record yet; the contact's person is given to its picks when the contact is linked.

Picks are never edited. The figures count the ``signposted`` events, not these rows (decision 6).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Source(models.TextChoices):
    CONTACT = "contact", _("A contact")
    ASSESSMENT = "assessment", _("An assessment")
    PLAN = "plan", _("A support plan")
    RECORD = "record", _("The carer's record")


class Signpost(models.Model):
    service = models.ForeignKey(
        "directory.Service", verbose_name=_("service"), null=True, blank=True, on_delete=models.PROTECT, related_name="signposts"
    )
    not_listed = models.CharField(_("what they were pointed to"), max_length=300, blank=True)
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("carer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="signposts",
        db_index=False,
    )
    contact = models.ForeignKey(
        "contacts.Contact", null=True, blank=True, on_delete=models.PROTECT, related_name="signposts"
    )
    assessment = models.ForeignKey(
        "assessments.Assessment", null=True, blank=True, on_delete=models.PROTECT, related_name="signposts"
    )
    plan = models.ForeignKey("support.SupportPlan", null=True, blank=True, on_delete=models.PROTECT, related_name="signposts")
    note = models.TextField(_("note"), max_length=1000, blank=True)
    signposted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey("partnership.Organisation", null=True, on_delete=models.PROTECT, related_name="+")
    signposted_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("signpost")
        ordering = ["-signposted_at", "-id"]
        indexes = [models.Index(fields=["person", "signposted_at"], name="signpost_person_time")]
        constraints = [
            # A service from the directory, or words for what it does not list: one of the two.
            models.CheckConstraint(
                condition=(Q(service__isnull=False) & Q(not_listed=""))
                | (Q(service__isnull=True) & ~Q(not_listed="")),
                name="signpost_service_or_not_listed",
            ),
            # From one place at most (none: from the record).
            models.CheckConstraint(
                condition=Q(contact__isnull=True, assessment__isnull=True)
                | Q(contact__isnull=True, plan__isnull=True)
                | Q(assessment__isnull=True, plan__isnull=True),
                name="signpost_one_source",
            ),
            # Only a contact's caller may have no record yet.
            models.CheckConstraint(
                condition=Q(person__isnull=False) | Q(contact__isnull=False), name="signpost_person_or_contact"
            ),
        ]

    def __str__(self):
        return self.service.name if self.service_id else self.not_listed

    @property
    def source(self) -> str:
        if self.contact_id:
            return Source.CONTACT
        if self.assessment_id:
            return Source.ASSESSMENT
        if self.plan_id:
            return Source.PLAN
        return Source.RECORD

    @property
    def name(self) -> str:
        return str(self)
