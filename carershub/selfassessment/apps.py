from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SelfAssessmentConfig(AppConfig):
    name = "carershub.selfassessment"
    verbose_name = _("Self-assessment")

    def ready(self):
        from carershub.core import workqueues
        from carershub.people import timeline
        from carershub.selfassessment import services
        from carershub.selfassessment import timeline as self_timeline

        workqueues.register(services.home_items)
        timeline.register(self_timeline.GROUP, self_timeline.KINDS, self_timeline.describe)
