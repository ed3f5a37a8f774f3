from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SelfAssessmentConfig(AppConfig):
    name = "carershub.selfassessment"
    verbose_name = _("Self-assessment")

    def ready(self):
        from carershub.core import workqueues
        from carershub.selfassessment import services

        workqueues.register(services.home_items)
