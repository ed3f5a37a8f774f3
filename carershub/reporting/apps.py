from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "carershub.reporting"
    verbose_name = _("Figures")

    def ready(self):
        from carershub.core import workqueues
        from carershub.reporting import services

        workqueues.register(services.home_items)
