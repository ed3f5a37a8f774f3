from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatutoryConfig(AppConfig):
    """Statutory exports derived from events: Client Level Data, SALT LTS003, the Welsh measures (issue 12)."""

    name = "carershub.reporting.statutory"
    label = "statutory"
    verbose_name = _("Statutory returns")

    def ready(self):
        from carershub.core import workqueues
        from carershub.reporting.statutory import services

        workqueues.register(services.home_items)
