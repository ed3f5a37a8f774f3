"""People: one record per human being, whether carer, cared-for person or both."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from carershub.core.ukdata import age_on
from carershub.people import caring, choices, matching, relationships


class PersonQuerySet(models.QuerySet):
    """The record-level rules as queries; who relates to whom is decided in people/relationships.py."""

    def related_to(self, user):
        """People this user works with (a legitimate relationship), without break-glass grants.

        Each person is tested (an EXISTS per reason on their own rows). Other apps' queries
        filter with ``relationships.about_related(user, "carer_id")`` rather than "carer in
        related_to(user)", which would work the list out for the whole region first.
        """
        q = relationships.related_q(user)
        return self if q is None else self.filter(q)

    def visible_to(self, user):
        """People this user may open: a relationship, or a reason given to break the glass."""
        q = relationships.related_q(user)
        return self if q is None else self.filter(q | relationships.granted_q(user))

    def findable_by(self, user):
        """People this user may find in a search or a duplicate warning (they may still need a reason to open)."""
        if relationships.can_find_region_wide(user):
            return self
        return self.visible_to(user)


class Person(models.Model):
    given_name = models.CharField(_("first name"), max_length=100)
    family_name = models.CharField(_("last name"), max_length=100)
    preferred_name = models.CharField(_("preferred name"), max_length=100, blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    nhs_number = models.CharField(_("NHS number"), max_length=10, null=True, blank=True)

    address_line_1 = models.CharField(_("address line 1"), max_length=200, blank=True)
    address_line_2 = models.CharField(_("address line 2"), max_length=200, blank=True)
    town = models.CharField(_("town or city"), max_length=100, blank=True)
    postcode = models.CharField(_("postcode"), max_length=8, blank=True)
    area = models.ForeignKey(
        "partnership.Area", verbose_name=_("local authority area"), null=True, blank=True, on_delete=models.PROTECT
    )

    phone = models.CharField(_("phone number"), max_length=16, blank=True)
    email = models.EmailField(_("email address"), blank=True)
    preferred_contact_method = models.CharField(
        _("preferred way to be contacted"), max_length=10, choices=choices.ContactMethod.choices, blank=True
    )
    preferred_language = models.CharField(
        _("preferred language"), max_length=2, choices=choices.Language.choices, default=choices.Language.ENGLISH
    )
    communication_needs = models.CharField(_("communication needs"), max_length=500, blank=True)

    # Equality monitoring: optional, each with "prefer not to say".
    sex = models.CharField(_("sex"), max_length=20, choices=choices.Sex.choices, blank=True)
    gender_same_as_sex = models.CharField(
        _("gender identity the same as sex registered at birth"),
        max_length=20,
        choices=choices.YesNoPreferNot.choices,
        blank=True,
    )
    ethnic_group = models.CharField(_("ethnic group"), max_length=30, choices=choices.EthnicGroup.choices, blank=True)
    religion = models.CharField(_("religion"), max_length=20, choices=choices.Religion.choices, blank=True)
    sexual_orientation = models.CharField(
        _("sexual orientation"), max_length=20, choices=choices.SexualOrientation.choices, blank=True
    )
    disability = models.CharField(_("disability"), max_length=20, choices=choices.Disability.choices, blank=True)

    gp_practice = models.ForeignKey(
        "partnership.Organisation",
        verbose_name=_("GP practice"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "gp_practice"},
    )
    school = models.ForeignKey(
        "partnership.Organisation",
        verbose_name=_("school or college"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "school"},
    )
    employer = models.CharField(_("employer"), max_length=200, blank=True)

    # Search keys, kept in step with the names on every save; indexed for a million records.
    search_given = models.CharField(max_length=100, editable=False, default="")
    search_family = models.CharField(max_length=100, editable=False, default="")
    given_key = models.CharField(max_length=12, editable=False, default="")
    family_key = models.CharField(max_length=12, editable=False, default="")

    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        ordering = ["family_name", "given_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["nhs_number"], condition=Q(nhs_number__isnull=False), name="person_unique_nhs_number"
            )
        ]
        indexes = [
            models.Index(fields=["search_family", "search_given"], name="person_family_prefix",
                         opclasses=["varchar_pattern_ops", "varchar_pattern_ops"]),
            models.Index(fields=["search_given"], name="person_given_prefix", opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["family_key", "given_key"], name="person_name_keys"),
            # Search ORs the given-name key with the other name conditions: without an index
            # led by it, that one branch turns every name search into a full table scan. The
            # date of birth serves the duplicate check's "given key and date of birth" (and
            # stops SQLite, which has no statistics, reading every "JN" for it).
            models.Index(fields=["given_key", "date_of_birth"], name="person_given_key"),
            models.Index(fields=["date_of_birth", "family_key"], name="person_dob"),
            models.Index(fields=["postcode"], name="person_postcode", opclasses=["varchar_pattern_ops"]),
        ]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()

    @property
    def display_name(self) -> str:
        if self.preferred_name and self.preferred_name != self.given_name:
            return f"{self.full_name} ({self.preferred_name})"
        return self.full_name

    def age(self, on: datetime.date | None = None) -> int | None:
        if not self.date_of_birth:
            return None
        return age_on(self.date_of_birth, on or timezone.localdate())

    def refresh_search_keys(self):
        self.search_given = matching.normalise_name(self.given_name)
        self.search_family = matching.normalise_name(self.family_name)
        self.given_key = matching.name_key(self.given_name)
        self.family_key = matching.name_key(self.family_name)

    def save(self, *args, **kwargs):
        self.refresh_search_keys()
        self.nhs_number = self.nhs_number or None
        super().save(*args, **kwargs)

    def as_candidate(self) -> matching.Candidate:
        return matching.Candidate(
            id=self.pk,
            given_name=self.given_name,
            family_name=self.family_name,
            date_of_birth=self.date_of_birth,
            postcode=self.postcode or None,
            nhs_number=self.nhs_number or None,
        )


class CarerProfile(models.Model):
    """What makes a person a carer in this service: identification, type and case worker."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="carer", primary_key=True)
    identified_on = models.DateField(_("identified as a carer on"), default=timezone.localdate)
    is_parent_carer = models.BooleanField(_("parent carer of a disabled child"), default=False)
    caring_ended_on = models.DateField(_("caring ended on"), null=True, blank=True)
    case_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("case worker"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="carers",
        db_index=False,
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("carer")
        indexes = [models.Index(fields=["case_worker"], name="carer_case_worker")]

    def __str__(self):
        return str(self.person)

    def carer_type(self, on: datetime.date | None = None) -> str | None:
        # Derived each time, so a young carer becomes a young adult carer on their birthday.
        on = on or timezone.localdate()
        return caring.derive_carer_type(
            self.person.date_of_birth,
            on,
            is_parent_carer=self.is_parent_carer,
            caring_ended=bool(self.caring_ended_on and self.caring_ended_on <= on),
        )

    def get_carer_type_display(self) -> str:
        code = self.carer_type()
        return str(choices.CarerType(code).label) if code else str(_("Not known"))


class CaringRelationship(models.Model):
    carer = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="cares_for", db_index=False)
    cared_for = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="cared_for_by")
    relationship = models.CharField(
        _("who they are to the carer"), max_length=20, choices=choices.Relationship.choices
    )
    lives_with_carer = models.BooleanField(_("lives with the carer"), default=False)
    caring_since = models.DateField(_("caring since"), null=True, blank=True)
    hours_per_week = models.PositiveSmallIntegerField(_("hours of care a week"), null=True, blank=True)
    # The Census 2021 band, chosen where the exact hours are not known, else worked out from them (save()).
    census_band = models.CharField(
        _("hours of care a week, as a Census band"),
        max_length=12,
        choices=choices.HoursBand.choices,
        blank=True,
        default="",
        db_default="",  # rows an import writes with COPY name only the columns it knows
    )
    condition_groups = models.JSONField(_("main conditions"), default=list, blank=True)
    conditions_detail = models.CharField(_("more about their conditions"), max_length=500, blank=True)
    ended_on = models.DateField(_("caring ended on"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("caring relationship")
        constraints = [
            models.UniqueConstraint(fields=["carer", "cared_for"], name="caring_unique_pair"),
            models.CheckConstraint(condition=~Q(carer=models.F("cared_for")), name="caring_not_self"),
        ]

    def __str__(self):
        return f"{self.carer} → {self.cared_for}"

    @property
    def hours_band(self) -> str | None:
        """The Census band: from the exact hours where known (an import writes only those), else the band chosen."""
        if self.hours_per_week is not None:
            return caring.census_hours_band(self.hours_per_week)
        return self.census_band or None

    def save(self, *args, **kwargs):
        if self.hours_per_week is not None:
            self.census_band = caring.census_hours_band(self.hours_per_week)
        super().save(*args, **kwargs)

    def get_condition_groups_display(self) -> list[str]:
        labels = dict(choices.ConditionGroup.choices)
        return [str(labels.get(code, code)) for code in self.condition_groups]


class ConsentQuerySet(models.QuerySet):
    def active(self, on: datetime.date | None = None):
        on = on or timezone.localdate()
        return self.filter(given_on__lte=on, withdrawn_on__isnull=True).filter(
            Q(expires_on__isnull=True) | Q(expires_on__gte=on)
        )


class Consent(models.Model):
    """Permission to share a person's record with one partner organisation for one purpose."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="consents")
    organisation = models.ForeignKey(
        "partnership.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="consents",
        db_index=False,
    )
    purpose = models.CharField(_("purpose"), max_length=30, choices=choices.ConsentPurpose.choices)
    given_on = models.DateField(_("date consent was given"))
    method = models.CharField(_("how consent was given"), max_length=10, choices=choices.ConsentMethod.choices)
    expires_on = models.DateField(_("consent ends on"), null=True, blank=True)
    withdrawn_on = models.DateField(_("consent withdrawn on"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    withdrawn_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = ConsentQuerySet.as_manager()

    class Meta:
        verbose_name = _("consent to share")
        ordering = ["-given_on"]
        indexes = [models.Index(fields=["organisation", "person"], name="consent_org_person")]

    def __str__(self):
        return f"{self.person} → {self.organisation} ({self.get_purpose_display()})"

    def status(self, on: datetime.date | None = None) -> str:
        on = on or timezone.localdate()
        if self.withdrawn_on:
            return "withdrawn"
        if self.expires_on and self.expires_on < on:
            return "expired"
        if self.given_on > on:
            return "not_started"
        return "active"


class AccessGrantQuerySet(models.QuerySet):
    def active(self, now=None):
        return self.filter(expires_at__gt=now or timezone.now())

    def to_review_by(self, user):
        """Reasons given by the staff of this manager's organisation, not yet reviewed, oldest first.

        Never a manager's own: another manager of the organisation reviews those.
        """
        return (
            self.filter(user__organisation_id=user.organisation_id, reviewed_at__isnull=True)
            .exclude(user=user)
            .order_by("granted_at")
        )


class AccessGrant(models.Model):
    """A reason given to open a record outside any relationship ("break glass"); lasts a working day."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="access_grants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", db_index=False)
    reason = models.TextField(_("why you need to open this record"), max_length=1000)
    granted_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    review_note = models.CharField(_("note"), max_length=500, blank=True)

    objects = AccessGrantQuerySet.as_manager()

    class Meta:
        verbose_name = _("access outside a relationship")
        indexes = [models.Index(fields=["user", "expires_at"], name="grant_user_expiry")]
