"""Staff accounts: every user belongs to an organisation of the partnership and holds roles."""

import rules
from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    FRONT_DOOR = "front_door", _("Front door worker")
    PRACTITIONER = "practitioner", _("Practitioner")
    TEAM_MANAGER = "team_manager", _("Team manager")
    COMMISSIONER = "commissioner", _("Commissioner")
    PARTNER_WORKER = "partner_worker", _("Partner worker")
    ADMINISTRATOR = "administrator", _("Administrator")
    # Looks up a contingency plan by emergency card number, at any hour, and nothing else
    # (support/emergency).
    EMERGENCY_RESPONDER = "emergency_responder", _("Emergency responder")


# Roles whose work is the carers service itself: they can find any carer of the region, and open
# the records they have a legitimate relationship with (people/relationships.py).
SERVICE_ROLES = frozenset({Role.FRONT_DOOR, Role.PRACTITIONER, Role.TEAM_MANAGER})


class User(AbstractUser):
    organisation = models.ForeignKey(
        "partnership.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
    )
    job_title = models.CharField(_("job title"), max_length=120, blank=True)
    # The language the service is shown in from sign-in; the switch in the header changes it for
    # one session only (accounts/language.py).
    preferred_language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )

    class Meta:
        verbose_name = _("staff user")
        ordering = ["last_name", "first_name"]

    def __str__(self):
        return self.get_full_name() or self.username

    @cached_property
    def role_codes(self) -> frozenset[str]:
        return frozenset(self.roles.values_list("role", flat=True))

    def has_role(self, *roles: str) -> bool:
        return bool(self.role_codes.intersection(roles))

    def has_perm(self, perm, obj=None):
        """The service's own permissions (each app's rules.py) are answered by their rules alone.

        Django would answer True to every permission for a superuser, and the model backend
        would grant "people.view_person" to anybody given that database permission. Neither
        may open a carer's record: a superuser administers accounts and organisations, and
        sees personal data only through the roles and relationships everybody else needs.
        """
        if rules.perm_exists(perm):
            return self.is_active and rules.has_perm(perm, self, obj)
        return super().has_perm(perm, obj)

    @property
    def role_labels(self) -> list[str]:
        return [str(Role(code).label) for code in sorted(self.role_codes)]


class StaffRole(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="roles", db_index=False)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("role")
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="staffrole_unique_user_role")]

    def __str__(self):
        return self.get_role_display()
