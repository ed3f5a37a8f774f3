from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmergencyConfig(AppConfig):
    """Contingency plans, emergency cards and the emergency response service."""

    name = "carershub.support.emergency"
    label = "emergency"
    verbose_name = _("Contingency plans and emergency cards")

    def ready(self):
        from carershub.core import workqueues
        from carershub.people import sections, timeline
        from carershub.support.emergency import person_page, services
        from carershub.support.emergency.models import ContingencyPlan

        workqueues.register(services.home_items)
        sections.register(person_page.section)
        sections.register_glance(person_page.glances)
        sections.register_action(person_page.actions)
        sections.register_holding("emergency.plan", ContingencyPlan, field="carer")
        timeline.register_group(
            "emergency", _("Contingency plans and emergencies"), order=47, visible=person_page.may_see
        )
        timeline.register("emergency", person_page.KINDS, person_page.describe)
