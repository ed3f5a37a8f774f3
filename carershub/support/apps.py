from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    name = "carershub.support"
    verbose_name = _("Support plans")

    def ready(self):
        from carershub.core import workqueues
        from carershub.people import sections, timeline
        from carershub.support import services
        from carershub.support import timeline as support_timeline
        from carershub.support.models import SupportPlan

        workqueues.register(services.home_items)
        workqueues.register(services.partner_home_items)
        timeline.register_group("plans", _("Support plans and reviews"), order=40, visible=support_timeline.may_see)
        timeline.register("plans", support_timeline.PLAN_KINDS, support_timeline.describe_plans)
        timeline.register("plans", support_timeline.REVIEW_KINDS, support_timeline.describe_reviews)
        sections.register_glance(support_timeline.glances)
        sections.register_holding("plans", SupportPlan, field="carer")
