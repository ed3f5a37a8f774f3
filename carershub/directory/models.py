"""The region's directory of services and community assets, shaped like Open Referral UK 3.0.

Each table is an Open Referral (HSDS 3.0, UK profile) object with the standard's UUID ids and field
names, so the API at /oruk/ (directory/oruk/) is a plain rendering of rows and an imported feed
(directory/importing.py) keeps its own ids.

Who runs a service: an ORUK ``organization`` is a ``DirectoryOrganisation``; when it is one of the
partnership's organisations its ``partner`` says which. That is the one source of truth.
``Service.organisation`` (FK, related name ``directory_services``) is a copy of its directory
organisation's partner, kept by ``Service.save()`` and ``DirectoryOrganisation.save()`` so other apps can
filter and join on it; only a carer can be *referred* to a service with a partner (see
``services.referable_organisation``), any service can be *signposted* to.

Nothing here is about carers: the directory is public data (it is served without sign-in).
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from carershub.core import ukdata


class ServiceStatus(models.TextChoices):
    # HSDS 3.0 service.status enum.
    ACTIVE = "active", _("Active")
    INACTIVE = "inactive", _("Inactive")
    DEFUNCT = "defunct", _("Defunct")
    TEMPORARILY_CLOSED = "temporarily closed", _("Temporarily closed")


class LocationType(models.TextChoices):
    PHYSICAL = "physical", _("Physical")
    POSTAL = "postal", _("Postal")
    VIRTUAL = "virtual", _("Virtual")


class Frequency(models.TextChoices):
    WEEKLY = "WEEKLY", _("Weekly")
    MONTHLY = "MONTHLY", _("Monthly")


class Source(models.TextChoices):
    LOCAL = "local", _("Kept in Carers Hub")
    IMPORTED = "imported", _("Imported from another directory")


class Taxonomy(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), max_length=2000)
    uri = models.URLField(_("address"), max_length=500, blank=True)
    version = models.CharField(_("version"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("taxonomy")
        verbose_name_plural = _("taxonomies")
        ordering = ["name", "id"]

    def __str__(self):
        return self.name


class TaxonomyTerm(models.Model):
    """A term of a taxonomy: a need (breaks, peer support...) or a group of carers a service is for."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    taxonomy = models.ForeignKey(
        Taxonomy, null=True, blank=True, on_delete=models.PROTECT, related_name="terms", verbose_name=_("taxonomy"),
        db_index=False,
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), max_length=2000)
    # ORUK ``term``: the term's code in its taxonomy (ours: "peer-support"; LGA's: "LGA-123").
    code = models.CharField(_("code"), max_length=100, blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children", verbose_name=_("parent")
    )
    term_uri = models.URLField(_("address"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("taxonomy term")
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["taxonomy", "code"], name="directory_term_code")]

    def __str__(self):
        return self.name


class DirectoryOrganisation(models.Model):
    """An ORUK ``organization``: whoever provides a service, a partner of Carers Hub or not."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), max_length=4000)
    email = models.EmailField(_("email address"), blank=True)
    website = models.URLField(_("website"), max_length=500, blank=True)
    uri = models.URLField(_("address of its record"), max_length=500, blank=True)
    partner = models.ForeignKey(
        "partnership.Organisation",
        verbose_name=_("partner organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="directory_organisations",
        help_text=_("The partnership organisation this is, when it is one; only then can carers be referred to its services"),
    )
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.LOCAL)
    last_modified = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("directory organisation")
        ordering = ["name", "id"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # Keep each service's copy of the partner (module docstring).
        self.services.exclude(organisation_id=self.partner_id).update(organisation_id=self.partner_id)


class Service(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(
        DirectoryOrganisation,
        verbose_name=_("provided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="services",
    )
    # A copy of organization.partner (module docstring): set by save(), never by hand.
    organisation = models.ForeignKey(
        "partnership.Organisation",
        verbose_name=_("partner organisation"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="directory_services",
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), max_length=4000, blank=True)
    url = models.URLField(_("website"), max_length=500, blank=True)
    email = models.EmailField(_("email address"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=ServiceStatus.choices, default=ServiceStatus.ACTIVE)
    fees = models.CharField(_("fees"), max_length=500, blank=True)
    accreditations = models.CharField(_("accreditations"), max_length=500, blank=True)
    # Eligibility by age (HSDS 3.0 has service.minimum_age / maximum_age), in whole years.
    minimum_age = models.PositiveSmallIntegerField(_("youngest age"), null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(_("oldest age"), null=True, blank=True)
    assured_date = models.DateField(_("date last checked"), null=True, blank=True)
    assurer_email = models.EmailField(_("checked by (email address)"), blank=True)
    alert = models.CharField(_("alert"), max_length=500, blank=True)
    last_modified = models.DateTimeField(default=timezone.now, db_index=True)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.LOCAL)
    # Where an imported service came from (the feed's address or file name).
    source_feed = models.CharField(max_length=500, blank=True)
    # SHA-256 of the feed's JSON of it when last imported: the same again is "unchanged".
    source_hash = models.CharField(max_length=64, blank=True, editable=False)
    # Free-text search key: name, description and organisation name, lower-case (services.search).
    search_text = models.TextField(blank=True, editable=False)
    terms = models.ManyToManyField(TaxonomyTerm, through="Attribute", related_name="services", blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("service")
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(minimum_age__isnull=True) | Q(maximum_age__isnull=True) | Q(maximum_age__gte=models.F("minimum_age")),
                name="directory_service_ages_in_order",
            ),
        ]
        indexes = [models.Index(fields=["status", "name"], name="directory_service_status")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        org = self.organization if self.organization_id else None
        self.organisation_id = org.partner_id if org else None
        self.search_text = " ".join(
            part for part in (self.name, self.description, org.name if org else "") if part
        ).lower()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = set(kwargs["update_fields"]) | {"organisation", "search_text"}
        super().save(*args, **kwargs)

    @property
    def is_active(self) -> bool:
        return self.status == ServiceStatus.ACTIVE


class Attribute(models.Model):
    """ORUK ``attribute``: links a service to a taxonomy term (a need it meets, a carer group it is for)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="attributes", db_index=False)
    taxonomy_term = models.ForeignKey(TaxonomyTerm, on_delete=models.PROTECT, related_name="attributes", db_index=False)

    class Meta:
        verbose_name = _("attribute")
        constraints = [
            models.UniqueConstraint(fields=["service", "taxonomy_term"], name="directory_attribute_once"),
        ]
        indexes = [models.Index(fields=["taxonomy_term", "service"], name="directory_attribute_term")]


class Location(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    location_type = models.CharField(
        _("type of location"), max_length=10, choices=LocationType.choices, default=LocationType.PHYSICAL
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    external_identifier = models.CharField(_("external identifier"), max_length=100, blank=True)
    external_identifier_type = models.CharField(_("type of external identifier"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("location")
        ordering = ["name", "id"]

    def __str__(self):
        return self.name or str(self.id)


class Address(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="addresses")
    attention = models.CharField(_("for the attention of"), max_length=200, blank=True)
    address_1 = models.CharField(_("address line 1"), max_length=200)
    city = models.CharField(_("town or city"), max_length=100)
    region = models.CharField(_("region"), max_length=100, blank=True)
    state_province = models.CharField(_("county"), max_length=100)
    postal_code = models.CharField(_("postcode"), max_length=10)
    country = models.CharField(_("country"), max_length=2, default="GB")
    address_type = models.CharField(
        _("type of address"), max_length=10, choices=LocationType.choices, default=LocationType.PHYSICAL
    )
    # The postcode's outward code ("CF37"), upper-case, for searching by postcode area.
    outward_code = models.CharField(max_length=4, blank=True, editable=False, db_index=True)

    class Meta:
        verbose_name = _("address")
        verbose_name_plural = _("addresses")
        ordering = ["id"]

    def __str__(self):
        return ", ".join(p for p in (self.address_1, self.city, self.postal_code) if p)

    def save(self, *args, **kwargs):
        try:
            self.postal_code = ukdata.normalise_postcode(self.postal_code)
            self.outward_code = ukdata.postcode_outward(self.postal_code)
        except ukdata.ValidationProblem:
            # An imported address with a postcode we cannot read keeps it as given; it is not found by area.
            self.outward_code = ""
        super().save(*args, **kwargs)


class Accessibility(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="accessibility")
    description = models.CharField(_("description"), max_length=500, blank=True)
    details = models.CharField(_("details"), max_length=1000, blank=True)
    url = models.URLField(_("address"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("accessibility")
        verbose_name_plural = _("accessibility")
        ordering = ["id"]


class ServiceAtLocation(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="service_at_locations", db_index=False)
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="service_at_locations")

    class Meta:
        verbose_name = _("service at a location")
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["service", "location"], name="directory_sal_once")]


class Schedule(models.Model):
    """When a service (or a service at one location) is open: HSDS 3.0 schedule, RFC 5545-like."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, null=True, blank=True, on_delete=models.CASCADE, related_name="schedules")
    service_at_location = models.ForeignKey(
        ServiceAtLocation, null=True, blank=True, on_delete=models.CASCADE, related_name="schedules"
    )
    valid_from = models.DateField(_("from"), null=True, blank=True)
    valid_to = models.DateField(_("until"), null=True, blank=True)
    dtstart = models.DateField(_("first date"), null=True, blank=True)
    freq = models.CharField(_("how often"), max_length=10, choices=Frequency.choices, blank=True)
    interval = models.PositiveSmallIntegerField(_("every"), null=True, blank=True)
    # RFC 5545 BYDAY, comma-separated: "MO,WE" (or "1TU" for the first Tuesday of the month).
    byday = models.CharField(_("days"), max_length=50, blank=True)
    bymonthday = models.CharField(_("days of the month"), max_length=50, blank=True)
    description = models.CharField(_("description"), max_length=500, blank=True)
    opens_at = models.TimeField(_("opens at"), null=True, blank=True)
    closes_at = models.TimeField(_("closes at"), null=True, blank=True)
    schedule_link = models.URLField(_("link"), max_length=500, blank=True)
    attending_type = models.CharField(_("how to attend"), max_length=100, blank=True)
    notes = models.CharField(_("notes"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("schedule")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(service__isnull=False) | Q(service_at_location__isnull=False),
                name="directory_schedule_of_something",
            ),
        ]


class Phone(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, null=True, blank=True, on_delete=models.CASCADE, related_name="phones")
    contact = models.ForeignKey("Contact", null=True, blank=True, on_delete=models.CASCADE, related_name="phones")
    number = models.CharField(_("phone number"), max_length=30)
    description = models.CharField(_("description"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("phone")
        ordering = ["id"]


class Contact(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=200, blank=True)
    title = models.CharField(_("job title"), max_length=200, blank=True)
    email = models.EmailField(_("email address"), blank=True)

    class Meta:
        verbose_name = _("contact")
        ordering = ["id"]


class CostOption(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="cost_options")
    valid_from = models.DateField(_("from"), null=True, blank=True)
    valid_to = models.DateField(_("until"), null=True, blank=True)
    option = models.CharField(_("what it is for"), max_length=200, blank=True)
    # Pounds, exact; the currency is always GBP.
    amount = models.DecimalField(_("amount (£)"), max_digits=9, decimal_places=2, null=True, blank=True)
    amount_description = models.CharField(_("about the amount"), max_length=200, blank=True)
    currency = "GBP"

    class Meta:
        verbose_name = _("cost option")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__isnull=True) | Q(amount__gte=0), name="directory_cost_not_negative")
        ]


class Language(models.Model):
    """A language a service is delivered in (without interpretation): ISO 639-1 code and its name."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="languages")
    code = models.CharField(_("language code"), max_length=10, help_text=_("ISO 639-1, like cy for Welsh"))
    name = models.CharField(_("language"), max_length=100, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("language")
        ordering = ["code", "id"]


class ServiceArea(models.Model):
    """Where a service is offered: a council area, or a postcode area or district ("CF", "CF37")."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="service_areas")
    name = models.CharField(_("name"), max_length=200, blank=True)
    extent = models.TextField(_("extent"), blank=True)
    extent_type = models.CharField(_("type of extent"), max_length=50, blank=True)
    uri = models.CharField(_("address"), max_length=500, blank=True)
    area = models.ForeignKey(
        "partnership.Area", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("council area")
    )
    postcode_prefix = models.CharField(_("postcode area or district"), max_length=6, blank=True, db_index=True)

    class Meta:
        verbose_name = _("service area")
        ordering = ["id"]


class Funding(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="funding")
    source = models.CharField(_("funded by"), max_length=500)

    class Meta:
        verbose_name = _("funding")
        ordering = ["id"]


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class ChangeProposal(models.Model):
    """A change to a service (or a new service) that a partner proposes and an administrator decides.

    ``changes`` holds the proposed values of the service's own fields (directory/changes.py); the
    service's version at the time is kept so approval can tell it was changed since (decision 8).
    """

    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="proposals"
    )
    organization = models.ForeignKey(DirectoryOrganisation, on_delete=models.PROTECT, related_name="proposals")
    changes = models.JSONField(default=dict)
    against_version = models.PositiveIntegerField(null=True, blank=True)
    note = models.TextField(_("why"), max_length=2000, blank=True)
    status = models.CharField(max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.PROPOSED)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    proposed_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(_("reason"), max_length=2000, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("change proposal")
        ordering = ["proposed_at", "pk"]
        indexes = [models.Index(fields=["status", "proposed_at"], name="directory_proposal_status")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(reason=""), name="directory_proposal_rejected_with_reason"
            ),
        ]


class ServiceChange(models.Model):
    """History: every change applied to a service, who made it, when, and its fields before and after."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="history", db_index=False)
    proposal = models.ForeignKey(ChangeProposal, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)
    how = models.CharField(max_length=20)  # "proposal", "import", "created"
    before = models.JSONField(default=dict)
    after = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("change to a service")
        ordering = ["-changed_at", "-pk"]
        indexes = [models.Index(fields=["service", "changed_at"], name="directory_change_service")]
