"""The register of providers of care and support at home (issue 13, decision 39).

A provider is an organisation of the partnership (partnership.Organisation, its sector saying who
owns it) with what the register adds: its type, status, where and when it works, what it offers,
the languages spoken, the Quality Framework Checklist (providers/checklist.py), its workers, and its
registration pathway with Care Inspectorate Wales. The secondary support service (organisations in
SupportService) records the advice it gives providers: never about a person, never directing care.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from carershub.providers import checklist, vocabulary

# Registration of a domiciliary support service with Care Inspectorate Wales "can take up to 14
# weeks" (CIW's advice quoted in the ADSS Cymru report, paragraph 9.5): the expected decision date.
REGISTRATION_WEEKS = 14


def _choices(pairs):
    return [(code, _(label)) for code, label in pairs]


class ProviderType(models.TextChoices):
    MICRO_ENTERPRISE = "micro_enterprise", _("Community micro-enterprise")
    SOLE_TRADER = "sole_trader", _("Sole trader")
    SOCIAL_ENTERPRISE = "social_enterprise", _("Social enterprise")
    COOPERATIVE = "cooperative", _("Co-operative")
    USER_LED = "user_led", _("User-led organisation")
    THIRD_SECTOR = "third_sector", _("Third sector organisation")
    PRIVATE_AGENCY = "private_agency", _("Private agency")
    IN_HOUSE = "in_house", _("Council in-house service")


class Status(models.TextChoices):
    ENQUIRY = "enquiry", _("Enquiry")
    DEVELOPING = "developing", _("Developing")
    ACTIVE = "active", _("Active")
    PAUSED = "paused", _("Paused")
    CLOSED = "closed", _("Closed")


class ProviderQuerySet(models.QuerySet):
    def serving(self, area):
        return self.filter(areas=area)

    def taking_people(self):
        """Active providers: the only ones new people can be arranged with or introduced to
        (the checklist may still refuse one: services.new_people_problems)."""
        return self.filter(status=Status.ACTIVE)


class Provider(models.Model):
    organisation = models.OneToOneField(
        "partnership.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="care_provider"
    )
    provider_type = models.CharField(_("type of provider"), max_length=20, choices=ProviderType.choices)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.ENQUIRY)
    areas = models.ManyToManyField("partnership.Area", verbose_name=_("council areas served"), related_name="+")
    wards = models.CharField(_("wards or communities served"), max_length=1000, blank=True)
    postcode_districts = models.CharField(
        _("postcode districts served"), max_length=300, blank=True, help_text=_("Like SA61, SA62")
    )
    services = models.JSONField(_("services offered"), default=list, blank=True)  # vocabulary.SERVICES codes
    availability = models.JSONField(_("days and times"), default=list, blank=True)  # vocabulary.SLOTS codes
    hours_per_week = models.PositiveSmallIntegerField(_("hours of care a week they can offer"), null=True, blank=True)
    welsh_spoken = models.BooleanField(_("Welsh spoken"), default=False)
    other_languages = models.CharField(_("other languages spoken"), max_length=200, blank=True)
    contact_name = models.CharField(_("contact name"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    address = models.TextField(_("address"), max_length=500, blank=True)
    # Set when the provider is registered with Care Inspectorate Wales (by its pathway, or as found
    # for an agency or in-house service); the four-person rule no longer applies from then.
    registered_on = models.DateField(_("registered with Care Inspectorate Wales on"), null=True, blank=True)
    registration_number = models.CharField(_("Care Inspectorate Wales registration number"), max_length=40, blank=True)
    notes = models.TextField(_("notes"), max_length=4000, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = ProviderQuerySet.as_manager()

    class Meta:
        verbose_name = _("provider of care at home")
        ordering = ["organisation__name"]
        indexes = [models.Index(fields=["status", "provider_type"])]

    def __str__(self):
        return self.organisation.name

    @property
    def name(self) -> str:
        return self.organisation.name

    @property
    def is_micro(self) -> bool:
        return self.provider_type in vocabulary.MICRO_TYPES

    @property
    def is_section_16(self) -> bool:
        return self.provider_type in vocabulary.SECTION_16_TYPES

    def is_registered(self, on: datetime.date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.registered_on is not None and self.registered_on <= on

    def limit_applies(self, on: datetime.date | None = None) -> bool:
        """The four-person rule binds an unregistered micro-provider (providers/arrangements)."""
        return self.is_micro and not self.is_registered(on)


class Worker(models.Model):
    """Someone who delivers care for a provider: DBS checks and references are held per worker."""

    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="workers")
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True)
    started_on = models.DateField(_("started"), null=True, blank=True)
    left_on = models.DateField(_("left"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("worker")
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name

    def is_current(self, on: datetime.date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.left_on is None or self.left_on > on


class Check(models.Model):
    """One checklist item checked, with its evidence: append-only; the latest per item (and worker) counts."""

    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="checks", db_index=False)
    worker = models.ForeignKey(Worker, null=True, blank=True, on_delete=models.CASCADE, related_name="checks")
    item = models.CharField(_("item"), max_length=40, choices=[(i.code, _(i.label)) for i in checklist.ITEMS])
    outcome = models.CharField(_("outcome"), max_length=16, choices=_choices(checklist.OUTCOMES))
    evidence = models.TextField(_("evidence seen"), max_length=2000, blank=True)
    checked_on = models.DateField(_("checked on"))
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("checklist item checked")
        ordering = ["-checked_on", "-pk"]
        indexes = [models.Index(fields=["provider", "item", "worker"]), models.Index(fields=["expires_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(expires_on__gte=models.F("checked_on")),
                name="providers_check_expires_after_checked",
            )
        ]

    def __str__(self):
        return f"{self.get_item_display()}: {self.get_outcome_display()}"


class RegistrationOutcome(models.TextChoices):
    PENDING = "pending", _("Waiting for a decision")
    REGISTERED = "registered", _("Registered")
    REFUSED = "refused", _("Refused")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class RegistrationApplication(models.Model):
    """A provider's application to register with Care Inspectorate Wales as a domiciliary support service."""

    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="registrations")
    submitted_on = models.DateField(_("submitted on"))
    expected_decision_on = models.DateField(_("decision expected by"))
    reference = models.CharField(_("Care Inspectorate Wales reference"), max_length=60, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=12, choices=RegistrationOutcome.choices, default=RegistrationOutcome.PENDING
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("registration application")
        ordering = ["-submitted_on", "-pk"]
        constraints = [
            # One application waits at a time.
            models.UniqueConstraint(
                fields=["provider"], condition=Q(outcome="pending"), name="providers_one_pending_registration"
            )
        ]

    @staticmethod
    def expected_for(submitted_on: datetime.date) -> datetime.date:
        return submitted_on + datetime.timedelta(weeks=REGISTRATION_WEEKS)


class SupportService(models.Model):
    """An organisation giving providers the secondary support service (ADSS Cymru, paragraphs 9.3-9.9)."""

    organisation = models.OneToOneField(
        "partnership.Organisation", verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("provider support service")

    def __str__(self):
        return str(self.organisation)


class Advice(models.Model):
    """Advice the support service gave a provider: about the business, never about a person's care."""

    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="advice")
    given_by = models.ForeignKey(
        "partnership.Organisation", verbose_name=_("given by"), on_delete=models.PROTECT, related_name="+"
    )
    topic = models.CharField(_("topic"), max_length=24)  # providers/advice.py TOPICS
    given_on = models.DateField(_("given on"))
    summary = models.TextField(_("what was advised"), max_length=4000)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("advice to a provider")
        ordering = ["-given_on", "-pk"]
