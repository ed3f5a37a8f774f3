from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MixConfig(AppConfig):
    """The provider mix: hours of domiciliary care by sector, and the Section 16 share over time."""

    name = "carershub.providers.mix"
    label = "providermix"
    verbose_name = _("Provider mix")

    def ready(self):
        from carershub.core import workqueues
        from carershub.providers.mix import services

        workqueues.register(services.home_items)
