"""What the base layer keeps in the database: the one-time form tokens that have been used."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UsedFormToken(models.Model):
    """A create form that was sent: the same form sent again lands on what the first made.

    ``token`` is the random part of the one-time token the form carried (core/idempotency.py);
    its unique index is what stops a second, concurrent post. Rows older than the token's
    lifetime are deleted: a token that old is refused anyway.
    """

    token = models.CharField(max_length=64, unique=True)
    # The user's id, not a foreign key: the base layer knows nothing of accounts (decision 10).
    user_pk = models.BigIntegerField(null=True, blank=True)
    path = models.CharField(max_length=500, help_text=_("Where the form was sent"))
    result_url = models.CharField(max_length=500, blank=True, help_text=_("Where the record it made is"))
    used_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("used form token")

    def __str__(self):
        return f"{self.path} at {self.used_at:%Y-%m-%d %H:%M}"
