"""Identification in settings: what the service did with GP practices, schools, hospitals, pharmacies
and employers to help them identify carers, the carers champions named there, and the training given
to their staff.

A setting is a ``partnership.Organisation`` of one of SETTING_KINDS (decision 37): these models point
at it. How many carers a setting identified is not stored here: it is counted from the contacts that
name it (``contacts.Contact.source_organisation``).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from carershub.partnership.models import Organisation

K = Organisation.Kind
SETTING_KINDS = (K.GP_PRACTICE, K.SCHOOL, K.NHS_TRUST, K.PHARMACY, K.EMPLOYER)

# The kinds in the plural, for "12 of 14 GP practices in Afon Valley engaged".
KIND_PLURAL = {
    K.GP_PRACTICE: _("GP practices"),
    K.SCHOOL: _("schools and colleges"),
    K.NHS_TRUST: _("hospitals and NHS trusts"),
    K.PHARMACY: _("pharmacies"),
    K.EMPLOYER: _("employers"),
}

MAX_ATTENDING = 1000


class EngagementKind(models.TextChoices):
    VISIT = "visit", _("Visit")
    MEETING = "meeting", _("Meeting with staff or managers")
    AWARENESS = "awareness", _("Carer awareness session")
    STAND = "stand", _("Information stand")
    REGISTER_CHECK = "register_check", _("Carers' register check")
    NEWSLETTER = "newsletter", _("Newsletter or bulletin article")
    MATERIALS = "materials", _("Leaflets and posters supplied")
    COMMITMENT = "commitment", _("Signed commitment or award (like a carers' quality award)")
    OTHER = "other", _("Other")


class Engagement(models.Model):
    """One piece of engagement with a setting: never changed once recorded (it is what happened)."""

    setting = models.ForeignKey(
        Organisation, verbose_name=_("setting"), on_delete=models.PROTECT, related_name="+", db_index=False
    )
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind of engagement"), max_length=20, choices=EngagementKind.choices)
    unit = models.CharField(_("ward, department or year group"), max_length=200, blank=True)
    with_whom = models.CharField(_("who you met there"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), max_length=2000, blank=True)
    # A signed commitment counts until this day (none: until withdrawn by a later record).
    commitment_until = models.DateField(_("commitment runs until"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("engaged by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("engagement")
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(commitment_until__isnull=True) | Q(kind="commitment"), name="identification_until_commitment"
            ),
            models.CheckConstraint(
                condition=Q(commitment_until__isnull=True) | Q(commitment_until__gte=models.F("date")),
                name="identification_until_after_date",
            ),
        ]
        indexes = [models.Index(fields=["setting", "date"], name="identification_engaged_day")]

    def __str__(self):
        return f"{self.setting} {self.date:%Y-%m-%d} {self.kind}"


class Champion(models.Model):
    """A named carers champion at a setting: a professional, not a carer, but still personal data."""

    setting = models.ForeignKey(
        Organisation, verbose_name=_("setting"), on_delete=models.PROTECT, related_name="+", db_index=False
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("job or role"), max_length=200)
    unit = models.CharField(_("ward, department or year group"), max_length=200, blank=True)
    email = models.EmailField(_("email address"), blank=True)
    phone = models.CharField(_("phone number"), max_length=16, blank=True)
    since = models.DateField(_("champion since"))
    trained_on = models.DateField(_("trained on"), null=True, blank=True)
    is_active = models.BooleanField(_("still a champion"), default=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("carers champion")
        ordering = ["-is_active", "name", "pk"]
        indexes = [models.Index(fields=["setting", "is_active"], name="identification_champions")]

    def __str__(self):
        return self.name


class AttendeeRole(models.TextChoices):
    GP = "gp", _("GPs")
    NURSE = "nurse", _("Nurses and healthcare assistants")
    RECEPTION = "reception", _("Receptionists and practice managers")
    WARD = "ward", _("Ward and discharge staff")
    PHARMACY = "pharmacy", _("Pharmacists and pharmacy staff")
    TEACHER = "teacher", _("Teachers and school staff")
    HR = "hr", _("Managers and HR staff")
    SOCIAL_CARE = "social_care", _("Social care staff")
    OTHER = "other", _("Others")


class Training(models.Model):
    """A training session on identifying and supporting carers, given to professionals."""

    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=200)
    # No settings: open to staff of any setting.
    for_settings = models.ManyToManyField(Organisation, verbose_name=_("settings"), blank=True, related_name="+")
    delivered_by = models.ForeignKey(
        Organisation, verbose_name=_("delivered by"), on_delete=models.PROTECT, related_name="+"
    )
    trainer = models.CharField(_("trainer"), max_length=200, blank=True)
    attending = models.PositiveIntegerField(_("number attending"))
    roles = models.JSONField(_("who attended"), default=list, blank=True)
    notes = models.TextField(_("notes"), max_length=2000, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("training session")
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(attending__gte=1) & Q(attending__lte=MAX_ATTENDING), name="identification_attending_range"
            )
        ]
        indexes = [models.Index(fields=["date"], name="identification_training_day")]

    def __str__(self):
        return f"{self.title} {self.date:%Y-%m-%d}"
