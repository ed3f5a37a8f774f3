from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionPlansConfig(AppConfig):
    """Action plans: priorities, workstreams and actions with owners, due quarters and RAG status (issue 12)."""

    name = "carershub.reporting.actionplans"
    label = "actionplans"
    verbose_name = _("Action plans")

    def ready(self):
        from carershub.core import workqueues
        from carershub.reporting.actionplans import services

        workqueues.register(services.home_items)
