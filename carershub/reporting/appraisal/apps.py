from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppraisalConfig(AppConfig):
    """Options appraisals: options against weighted criteria, rated or scored, compared and ranked (issue 12)."""

    name = "carershub.reporting.appraisal"
    label = "appraisal"
    verbose_name = _("Options appraisals")

    def ready(self):
        from carershub.core import workqueues
        from carershub.reporting.appraisal import services

        workqueues.register(services.home_items)
