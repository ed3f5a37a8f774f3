from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "carershub.assessments"
    verbose_name = _("Assessments")

    def ready(self):
        from carershub.core import workqueues
        from carershub.people import sections
        from carershub.assessments import services

        workqueues.register(services.home_items)
        sections.register(services.person_section)
