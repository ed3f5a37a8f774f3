from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    """Matching people who need care at home to providers, with the reasons, and the introductions made."""

    name = "carershub.providers.matching"
    label = "matching"
    verbose_name = _("Matching people to providers")
