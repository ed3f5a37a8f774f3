from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProvidersConfig(AppConfig):
    """Care at home through Section 16 providers and micro-enterprises: the register, the Quality
    Framework Checklist, the registration pathway and the support service's advice (issue 13)."""

    name = "carershub.providers"
    label = "providers"
    verbose_name = _("Providers of care at home")

    def ready(self):
        from carershub.core import workqueues
        from carershub.providers import services

        workqueues.register(services.home_items)
