"""Who receives care at home from which provider, from when to when (issue 13, decision 39).

An arrangement is the fact the four-person rule counts: an unregistered micro-provider may care for
at most four people at any one time in their own homes, counting the people it covers for another
micro-provider (providers/fourperson.py). Care outside the person's home (day opportunities, a
community activity, respite in the provider's home) does not count toward it (CIW's advice quoted in
the ADSS Cymru report, paragraph 9.5).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    REGULAR = "regular", _("Regular care")
    COVER = "cover", _("Cover for another provider")


class Setting(models.TextChoices):
    IN_HOME = "in_home", _("In the person's own home")
    OUTSIDE_HOME = "outside_home", _("Outside the person's home (day opportunities, community, the provider's home)")


class FundedBy(models.TextChoices):
    DIRECT_PAYMENT = "direct_payment", _("Direct payment")
    COUNCIL = "council", _("Arranged by the council")
    HEALTH = "health", _("NHS continuing health care")
    SELF = "self", _("Paid for by the person")
    OTHER = "other", _("Other")


class ArrangementQuerySet(models.QuerySet):
    def overlapping(self, starts_on, ends_on):
        """Arrangements whose dates meet [starts_on, ends_on] (``ends_on`` None: open-ended)."""
        qs = self.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=starts_on))
        return qs if ends_on is None else qs.filter(starts_on__lte=ends_on)

    def current(self, on):
        return self.overlapping(on, on)

    def counted(self):
        """The ones the four-person rule counts: care in the person's own home."""
        return self.filter(setting=Setting.IN_HOME)


class Arrangement(models.Model):
    provider = models.ForeignKey(
        "providers.Provider", verbose_name=_("provider"), on_delete=models.PROTECT, related_name="arrangements",
        db_index=False,
    )
    person = models.ForeignKey(
        "people.Person", verbose_name=_("person receiving care"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("regular or cover"), max_length=10, choices=Kind.choices, default=Kind.REGULAR)
    covering_for = models.ForeignKey(
        "providers.Provider", verbose_name=_("covering for"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    setting = models.CharField(_("where care is given"), max_length=14, choices=Setting.choices, default=Setting.IN_HOME)
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    hours_per_week = models.DecimalField(_("hours a week"), max_digits=5, decimal_places=2, null=True, blank=True)
    funded_by = models.CharField(_("paid for by"), max_length=16, choices=FundedBy.choices, default=FundedBy.DIRECT_PAYMENT)
    ended_reason = models.CharField(_("why it ended"), max_length=300, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = ArrangementQuerySet.as_manager()

    class Meta:
        verbose_name = _("care arrangement")
        ordering = ["-starts_on", "-pk"]
        indexes = [models.Index(fields=["provider", "starts_on", "ends_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")), name="arrangements_ends_after_start"
            ),
            models.CheckConstraint(
                condition=(Q(kind="cover") & Q(covering_for__isnull=False)) | (Q(kind="regular") & Q(covering_for__isnull=True)),
                name="arrangements_cover_names_provider",
            ),
        ]

    def __str__(self):
        return f"{self.provider} – {self.person}"
