"""Contingency plans, emergency cards, the response line and emergency response episodes.

A contingency plan is what a responder needs if the carer suddenly cannot care (Care Act 2014 s25(1)(e)
and the Care and Support Statutory Guidance 10.39 on planning for emergencies; in Wales the SSWBA 2014
s54 care and support plan and its Part 4 code of practice - neither text was checked word for word here).
One current plan per carer, edited in place under optimistic locking (decision 8); each save is an event.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

MAX_CONTACTS = 3


class ResponseLine(models.Model):
    """The emergency response line a card tells people to ring: one per area, or the region's default (no area)."""

    name = models.CharField(_("name"), max_length=120)
    phone = models.CharField(_("phone number"), max_length=16)
    hours = models.CharField(_("hours"), max_length=120, default="", blank=True)
    area = models.ForeignKey(
        "partnership.Area", verbose_name=_("area"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("emergency response line")
        ordering = ["name"]
        constraints = [
            # One line per area, and one region-wide default (no area counts as area 0).
            models.UniqueConstraint(Coalesce("area", models.Value(0)), name="responseline_one_per_area"),
        ]

    def __str__(self):
        return self.name


class ContingencyPlan(models.Model):
    """What to do if the carer cannot care: one current plan per carer, changed in place (versioned)."""

    carer = models.OneToOneField(
        "people.Person", on_delete=models.PROTECT, related_name="contingency_plan", verbose_name=_("carer")
    )
    cared_for = models.ForeignKey(
        "people.CaringRelationship",
        verbose_name=_("the person cared for"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    needs_and_routines = models.TextField(_("their needs and daily routines"), max_length=5000)
    keys = models.CharField(_("where the keys are"), max_length=500, blank=True)
    medication = models.TextField(_("medication and where it is kept"), max_length=3000, blank=True)
    allergies = models.CharField(_("allergies"), max_length=500, blank=True)
    gp_and_pharmacy = models.CharField(_("GP and pharmacy"), max_length=500, blank=True)
    care_services = models.TextField(_("care services already in place"), max_length=2000, blank=True)
    aids = models.TextField(_("mobility and continence aids"), max_length=2000, blank=True)
    safe_alone = models.CharField(_("how long they can safely be left alone"), max_length=200)
    communication = models.TextField(_("communication and behaviour"), max_length=3000, blank=True)
    pets = models.CharField(_("pets"), max_length=500, blank=True)
    carers_wishes = models.TextField(_("the carer's wishes"), max_length=3000, blank=True)
    review_by = models.DateField(_("review by"))
    written_at = models.DateTimeField(default=timezone.now)
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("contingency plan")
        indexes = [models.Index(fields=["review_by"], name="contingency_review_by")]

    def __str__(self):
        return f"Contingency plan {self.pk}"


class EmergencyContact(models.Model):
    """One of at most three people to ring (the position is 1 to 3, once each: the database's limit)."""

    plan = models.ForeignKey(ContingencyPlan, on_delete=models.CASCADE, related_name="contacts", db_index=False)
    position = models.PositiveSmallIntegerField()
    name = models.CharField(_("name"), max_length=200)
    relationship = models.CharField(_("relationship to the person cared for"), max_length=100, blank=True)
    phone = models.CharField(_("phone number"), max_length=16)
    availability = models.CharField(_("when they can come"), max_length=300, blank=True)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "position"], name="emergencycontact_one_per_position"),
            models.CheckConstraint(
                condition=models.Q(position__gte=1, position__lte=MAX_CONTACTS), name="emergencycontact_at_most_three"
            ),
        ]


def _link_key() -> str:
    return secrets.token_urlsafe(16)


class EmergencyCard(models.Model):
    """A wallet card: its number and the response line's number, nothing else about anybody."""

    class Status(models.TextChoices):
        LIVE = "live", _("In use")
        CANCELLED = "cancelled", _("Cancelled")

    plan = models.ForeignKey(ContingencyPlan, on_delete=models.PROTECT, related_name="cards")
    carer = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    number = models.CharField(_("card number"), max_length=12, unique=True)
    # Names the card in the carer's signed link, so the link does not carry the card's number.
    link_key = models.CharField(max_length=32, default=_link_key, editable=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.LIVE)
    issued_at = models.DateTimeField(default=timezone.now)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cancel_reason = models.CharField(_("why the card is cancelled"), max_length=300, blank=True)
    replaces = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT, related_name="replaced_by")
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("emergency card")
        ordering = ["-issued_at", "-pk"]
        constraints = [
            # A carer carries at most one card that opens their plan, however many workers press "issue".
            models.UniqueConstraint(
                fields=["carer"], condition=models.Q(status="live"), name="card_one_live_per_carer"
            ),
            models.CheckConstraint(
                condition=models.Q(status="live", cancelled_at__isnull=True)
                | models.Q(status="cancelled", cancelled_at__isnull=False),
                name="card_cancelled_has_date",
            ),
        ]

    def __str__(self):
        return f"Emergency card {self.pk}"

    @property
    def is_live(self) -> bool:
        return self.status == self.Status.LIVE


class Arranged(models.TextChoices):
    REPLACEMENT_CARE = "replacement_care", _("Replacement care at home")
    RESPONDER_STAYED = "responder_stayed", _("A responder stayed with the person")
    FAMILY = "family", _("Family or an emergency contact came")
    RESIDENTIAL = "residential", _("Emergency residential or respite care")
    HEALTH = "health", _("Health services (GP, ambulance, hospital)")
    SOCIAL_CARE = "social_care", _("Referred to the council's social care team")
    OTHER = "other", _("Something else")


class Outcome(models.TextChoices):
    CARER_RESUMED = "carer_resumed", _("The carer is caring again")
    FAMILY = "family", _("Family or friends are caring for now")
    SERVICES = "services", _("Care services are in place")
    ADMITTED = "admitted", _("The person cared for went into hospital or residential care")
    OTHER = "other", _("Other")


class EmergencyEpisode(models.Model):
    """One call-out of the emergency response service, from the call to its close."""

    plan = models.ForeignKey(ContingencyPlan, on_delete=models.PROTECT, related_name="episodes")
    carer = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+", db_index=False)
    called_out_at = models.DateTimeField(_("called out at"))
    called_by = models.CharField(_("who called"), max_length=200)
    what_happened = models.TextField(_("what happened"), max_length=5000)
    arranged = models.JSONField(_("what was arranged"), default=list, blank=True)
    arranged_detail = models.TextField(_("more about what was arranged"), max_length=3000, blank=True)
    minutes = models.PositiveIntegerField(_("hours of emergency support"), default=0)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    follow_up_on = models.DateField(_("follow up with the carer on"), null=True, blank=True)
    follow_up = models.CharField(_("what the follow-up is"), max_length=500, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("emergency response")
        ordering = ["-called_out_at", "-pk"]
        indexes = [
            models.Index(fields=["carer", "-called_out_at"], name="episode_carer_called"),
            models.Index(fields=["called_out_at"], condition=models.Q(closed_at__isnull=True), name="episode_open"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closed_at__isnull=True) | models.Q(outcome__gt=""), name="episode_closed_has_outcome"
            ),
        ]

    def __str__(self):
        return f"Emergency response {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @property
    def support_given(self) -> str:
        return hours_text(self.minutes)

    def arranged_labels(self) -> list[str]:
        names = dict(Arranged.choices)
        return [str(names[code]) for code in self.arranged if code in names]


def hours_text(minutes: int) -> str:
    """ "3 hours 30 minutes", in the reader's language."""
    hours, rest = divmod(minutes or 0, 60)
    parts = []
    if hours or not rest:
        parts.append(ngettext("%(count)s hour", "%(count)s hours", hours) % {"count": hours})
    if rest:
        parts.append(ngettext("%(count)s minute", "%(count)s minutes", rest) % {"count": rest})
    return " ".join(parts)
