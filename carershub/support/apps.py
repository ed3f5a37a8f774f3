from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    name = "carershub.support"
    verbose_name = _("Support plans")

    def ready(self):
        from carershub.core import workqueues
        from carershub.support import services

        workqueues.register(services.home_items)
