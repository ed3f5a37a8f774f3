"""API tokens, kept only as a hash.

A key is shown once, when it is issued (``manage.py create_api_token``); the database keeps its
SHA-256 hash and its first few characters (the prefix, not secret) so an administrator can tell
tokens apart. Someone who reads the database, a backup or the admin cannot call the API with
what they find. The key has 256 random bits, so a fast hash is enough: there is nothing to guess.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

PREFIX_LENGTH = 8
# Writing "last used" on every request would make every API call a write; once a minute is plenty.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def hash_key(key: str) -> str:
    """The stored form of a key. Never change it: every issued key would stop working."""
    return hashlib.sha256(key.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)

    def revoke(self) -> int:
        """Revoke every active token here; they stop working at once. Returns how many were revoked."""
        return self.active().update(revoked_at=timezone.now())


class ApiToken(models.Model):
    """A key another system sends as ``Authorization: Token <key>`` to act as a service account."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("service account"),
    )
    name = models.CharField(
        _("what it is for"), max_length=100, blank=True, help_text=_("For example, the system that uses it.")
    )
    prefix = models.CharField(
        _("starts with"), max_length=PREFIX_LENGTH, help_text=_("The first characters of the key. Not secret.")
    )
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]
        constraints = [
            # One working key per service account: rotating revokes the old one in the same transaction.
            models.UniqueConstraint(
                fields=["user"], condition=Q(revoked_at__isnull=True), name="api_one_active_token_per_account"
            ),
        ]

    def __str__(self):
        return f"{self.prefix}…"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    @classmethod
    def issue(cls, user, name: str = "") -> tuple["ApiToken", str]:
        """A new token for ``user`` and its key. The key exists only in the return value: show it once."""
        key = secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, name=name, prefix=key[:PREFIX_LENGTH], key_hash=hash_key(key))
        return token, key

    @classmethod
    def for_key(cls, key: str) -> "ApiToken | None":
        """The active token with this key, with its user, or None."""
        return cls.objects.active().select_related("user").filter(key_hash=hash_key(key)).first()

    def record_use(self) -> None:
        now = timezone.now()
        if self.last_used_at is None or now - self.last_used_at >= LAST_USED_RESOLUTION:
            type(self).objects.filter(pk=self.pk).update(last_used_at=now)
            self.last_used_at = now
