"""Contacts at the front door: every call, email, visit or referral, logged once."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("Email")
    WEB_FORM = "web_form", _("Web form")
    WALK_IN = "walk_in", _("Walk-in")
    GP = "gp", _("GP practice")
    HOSPITAL_DISCHARGE = "hospital_discharge", _("Hospital discharge")
    SCHOOL = "school", _("School")
    OTHER_PROFESSIONAL = "other_professional", _("Other professional")
    # A partner's own work with a carer shared with them (issue 11): a one-to-one or group session.
    SESSION = "session", _("Support session")


class CallerRole(models.TextChoices):
    CARER = "carer", _("The carer")
    CARED_FOR = "cared_for", _("The person being cared for")
    FAMILY_FRIEND = "family_friend", _("Family member or friend")
    PROFESSIONAL = "professional", _("A professional")
    OTHER = "other", _("Someone else")


class Outcome(models.TextChoices):
    INFORMATION_ONLY = "information_only", _("Information and advice only")
    IDENTIFIED_AS_CARER = "identified_as_carer", _("Identified as a carer")
    REFERRAL = "referral", _("Referred to a partner organisation")
    ASSESSMENT_OFFERED = "assessment_offered", _("Carer's assessment offered")
    URGENT = "urgent", _("Urgent or safeguarding concern")


class Concern(models.TextChoices):
    """What kind of concern a contact or a case note raises: each puts an alert on the record.

    Safeguarding adults: Care Act 2014 s42 (England), Social Services and Well-being (Wales) Act
    2014 s126; children: Children Act 1989 s47 (England and Wales) and SSWA 2014 s130 (the duty
    of relevant partners in Wales to report a child at risk). Sections named from the Acts' tables
    of contents; their text was not checked here.
    """

    URGENT = "urgent", _("Urgent, but not a safeguarding concern")
    ADULT_SAFEGUARDING = "adult_safeguarding", _("A safeguarding concern about an adult")
    CHILD_SAFEGUARDING = "child_safeguarding", _("A safeguarding concern about a child")


class ContactQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Contacts about people this user may open; callers with no record yet only to the
        region-wide front door and the organisation that took the call. Partners never see those."""
        from carershub.people import relationships

        if not user.is_authenticated:
            return self.none()
        if relationships.works_region_wide(user):
            return self
        about_visible = relationships.about_related(user, "person_id", opened=True)
        if self._partner_only(user):
            # A partner organisation sees the carer's shared summary, not what the carer told others
            # (decision 36): of the contacts about a carer shared with it, only those it logged itself.
            return self.filter(about_visible, organisation_id=user.organisation_id)
        unlinked = self._unlinked_q(user)
        return self.filter(about_visible if unlinked is None else about_visible | unlinked)

    @staticmethod
    def _partner_only(user) -> bool:
        from carershub.accounts.models import SERVICE_ROLES

        return not user.has_role(*SERVICE_ROLES)

    def unlinked_visible_to(self, user):
        """The same rule for callers with no record yet alone (the front door's queue), asked directly."""
        from carershub.people import relationships

        if not user.is_authenticated:
            return self.none()
        unlinked = self.filter(person__isnull=True)
        if relationships.works_region_wide(user):
            return unlinked
        only = self._unlinked_q(user)
        return unlinked.filter(only) if only is not None else unlinked.none()

    @staticmethod
    def _unlinked_q(user):
        from carershub.accounts.models import SERVICE_ROLES

        if user.has_role(*SERVICE_ROLES) and user.organisation_id:
            return models.Q(person__isnull=True, organisation_id=user.organisation_id)
        return None


class Contact(models.Model):
    received_at = models.DateTimeField(_("when the contact was made"), default=timezone.now)
    channel = models.CharField(_("how they got in touch"), max_length=20, choices=Channel.choices)
    caller_role = models.CharField(_("who got in touch"), max_length=20, choices=CallerRole.choices)
    caller_name = models.CharField(_("their name"), max_length=200, blank=True)
    caller_organisation = models.CharField(_("their organisation"), max_length=200, blank=True)

    # The carer the contact is about: linked now, or once a record is made or found.
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("carer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contacts",
        db_index=False,
    )
    # What was said about a carer who has no record yet; copied into the new record.
    given_name = models.CharField(_("carer's first name"), max_length=100, blank=True)
    family_name = models.CharField(_("carer's last name"), max_length=100, blank=True)
    date_of_birth = models.DateField(_("carer's date of birth"), null=True, blank=True)
    postcode = models.CharField(_("carer's postcode"), max_length=8, blank=True)
    phone = models.CharField(_("carer's phone number"), max_length=16, blank=True)
    email = models.EmailField(_("carer's email address"), blank=True)
    cared_for_summary = models.CharField(_("who they care for"), max_length=500, blank=True)

    what_matters = models.TextField(_("what matters to them"), max_length=5000, blank=True)
    information_given = models.TextField(_("information and advice given"), max_length=5000, blank=True)
    signposted_to = models.TextField(_("signposted to"), max_length=2000, blank=True)
    outcomes = models.JSONField(_("outcome"), default=list)
    referred_to = models.ForeignKey(
        "partnership.Organisation",
        verbose_name=_("referred to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referrals_from_contacts",
    )
    # The setting that identified the carer or sent them (a GP practice, school, hospital, pharmacy,
    # employer): counted per setting by the identification app (issue 11).
    source_organisation = models.ForeignKey(
        "partnership.Organisation",
        verbose_name=_("setting that identified them"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="carers_identified",
    )
    urgent_details = models.TextField(_("what is urgent and what was done"), max_length=2000, blank=True)
    # A database default too: the legacy import writes contacts with COPY, naming only its columns.
    concern = models.CharField(
        _("kind of concern"), max_length=20, choices=Concern.choices, blank=True, default="", db_default=""
    )

    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey("partnership.Organisation", null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = ContactQuerySet.as_manager()

    class Meta:
        verbose_name = _("contact")
        ordering = ["-received_at"]
        indexes = [
            models.Index(fields=["person", "received_at"], name="contact_person_time"),
            models.Index(fields=["received_at"], name="contact_time"),
        ]

    def __str__(self):
        return f"{self.get_channel_display()} {self.received_at:%Y-%m-%d}"

    @property
    def carer_name(self) -> str:
        if self.person_id:
            return self.person.full_name
        return f"{self.given_name} {self.family_name}".strip()

    def get_outcomes_display(self) -> list[str]:
        labels = dict(Outcome.choices)
        return [str(labels.get(code, code)) for code in self.outcomes]
