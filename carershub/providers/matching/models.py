"""Matching a person who needs care at home to providers, and the introductions made (issue 13).

A request records what the person needs (services, days and times, language, preferences, where);
the ranking (providers/matching/ranking.py) is computed when the page is read, with its reasons,
and what was shown is stored with each introduction so the record says why that provider was put
forward. An introduction is all the service does: it has no ongoing role in directing the care
(the CIW exemption quoted in the ADSS Cymru report, paragraph 9.6).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RequestStatus(models.TextChoices):
    OPEN = "open", _("Looking for a provider")
    MATCHED = "matched", _("Care arranged")
    CLOSED = "closed", _("Closed without care arranged")


class CareRequest(models.Model):
    person = models.ForeignKey(
        "people.Person", verbose_name=_("person who needs care"), on_delete=models.PROTECT, related_name="+"
    )
    area = models.ForeignKey("partnership.Area", verbose_name=_("council area"), on_delete=models.PROTECT, related_name="+")
    postcode_district = models.CharField(_("postcode district"), max_length=4, blank=True)
    services = models.JSONField(_("help needed"), default=list)  # providers.vocabulary.SERVICES codes
    times = models.JSONField(_("days and times"), default=list)  # providers.vocabulary.SLOTS codes
    hours_per_week = models.DecimalField(_("hours a week"), max_digits=5, decimal_places=2, null=True, blank=True)
    welsh_needed = models.BooleanField(_("wants care in Welsh"), default=False)
    other_language = models.CharField(_("other language needed"), max_length=100, blank=True)
    preferences = models.TextField(_("what matters to them"), max_length=2000, blank=True)
    direct_payment = models.BooleanField(_("paid through a direct payment"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.OPEN)
    closed_reason = models.CharField(_("why it closed"), max_length=300, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("request for care at home")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "area"])]

    def __str__(self):
        return f"{self.person} ({self.get_status_display()})"


class IntroductionOutcome(models.TextChoices):
    PENDING = "pending", _("Waiting to hear")
    AGREED = "agreed", _("Care agreed")
    DECLINED_BY_PERSON = "declined_by_person", _("The person chose not to go ahead")
    DECLINED_BY_PROVIDER = "declined_by_provider", _("The provider could not take them")
    NO_RESPONSE = "no_response", _("No response")


class Introduction(models.Model):
    request = models.ForeignKey(CareRequest, on_delete=models.CASCADE, related_name="introductions", db_index=False)
    provider = models.ForeignKey("providers.Provider", verbose_name=_("provider"), on_delete=models.PROTECT, related_name="+")
    rank = models.PositiveSmallIntegerField(_("place in the ranking"))
    reasons = models.JSONField(_("why they were put forward"), default=list)
    introduced_on = models.DateField(_("introduced on"))
    outcome = models.CharField(
        _("outcome"), max_length=24, choices=IntroductionOutcome.choices, default=IntroductionOutcome.PENDING
    )
    outcome_on = models.DateField(_("outcome on"), null=True, blank=True)
    notes = models.TextField(_("notes"), max_length=2000, blank=True)
    arrangement = models.ForeignKey(
        "arrangements.Arrangement", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("introduction to a provider")
        ordering = ["rank", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["request", "provider"], name="matching_one_introduction_per_provider")
        ]
