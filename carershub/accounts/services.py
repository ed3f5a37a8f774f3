"""What staff administration offers a user's home page."""

from django.urls import reverse
from django.utils.translation import gettext as _

from carershub.accounts.rules import MANAGE_STAFF
from carershub.core.workqueues import Shortcut


def home_items(user):
    if not user.has_perm(MANAGE_STAFF):
        return []
    return [Shortcut(reverse("admin:index"), _("Manage staff accounts and organisations"), order=40)]
