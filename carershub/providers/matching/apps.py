from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    """Matching people who need care at home to providers, with the reasons, and the introductions made."""

    name = "carershub.providers.matching"
    label = "matching"
    verbose_name = _("Matching people to providers")

    def ready(self):
        from carershub.core import workqueues
        from carershub.providers.matching import person_page, rules, services  # noqa: F401 (rules adds the permissions)

        workqueues.register(services.home_items)
        person_page.register()
