from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdentificationConfig(AppConfig):
    """Identifying carers in settings: GP practices, schools, hospitals, pharmacies and employers engaged, carers champions, training, and how many carers each setting identified."""

    name = "carershub.identification"
    label = "identification"
    verbose_name = _("Identification in settings")

    def ready(self):
        from carershub.core import workqueues
        from carershub.identification import services

        workqueues.register(services.home_items)
