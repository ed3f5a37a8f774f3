"""What staff administration offers a user's home page, and what signing in starts for it."""

from django.urls import reverse
from django.utils.translation import gettext as _

from carershub.accounts import language
from carershub.accounts.rules import MANAGE_STAFF
from carershub.core import workqueues
from carershub.core.workqueues import Shortcut


def home_items(user):
    if not user.has_perm(MANAGE_STAFF):
        return []
    return [Shortcut(reverse("admin:index"), _("Manage staff accounts and organisations"), order=40)]


def count_home_ahead(sender, request, user, method, **kwargs) -> None:
    """Once the password is right, the home page's counts are counted while the code is typed.

    Connected to allauth's ``authentication_step_completed`` (accounts/apps.py). Counted in the
    language the first page will be in: the user's own (a switch made before signing in gives
    way to it: accounts/language.py). Nothing is shown to anybody here, so a wrong code costs only a count.
    """
    if method == "password":
        workqueues.count_ahead(user, language.supported(user.preferred_language))

