from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveyConfig(AppConfig):
    """Carers survey returns and the carer measures computed by their published method (issue 12)."""

    name = "carershub.reporting.survey"
    label = "survey"
    verbose_name = _("Carers survey")

    def ready(self):
        from carershub.core import workqueues
        from carershub.reporting.survey import services

        workqueues.register(services.home_items)
