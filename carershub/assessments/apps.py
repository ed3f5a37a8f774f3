from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "carershub.assessments"
    verbose_name = _("Assessments")

    def ready(self):
        from carershub.core import workqueues
        from carershub.people import sections
        from carershub.assessments import services
        from carershub.assessments import timeline as assessments_timeline
        from carershub.assessments.models import Assessment
        from carershub.people import timeline

        workqueues.register(services.home_items)
        sections.register(services.person_section)
        sections.register_holding("assessments", Assessment, field="carer")
        timeline.register_group(
            "assessments", _("Assessments and decisions"), order=30, visible=assessments_timeline.may_see
        )
        timeline.register("assessments", assessments_timeline.KINDS, assessments_timeline.describe)
        sections.register_glance(assessments_timeline.glances)
