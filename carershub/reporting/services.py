"""What the reporting app offers a user's home page. It owns no personal data: counts only."""

from django.urls import reverse
from django.utils.translation import gettext as _

from carershub.core.workqueues import Shortcut
from carershub.reporting.rules import VIEW_FIGURES


def home_items(user):
    if not user.has_perm(VIEW_FIGURES):
        return []
    return [
        Shortcut(reverse("figures:index"), _("Assessment figures"), order=30),
        Shortcut(reverse("figures:activity"), _("Activity figures"), order=31),
    ]
