from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    """Contract KPIs with targets, actuals counted from events, RAG status and quarterly returns (issue 12)."""

    name = "carershub.reporting.monitoring"
    label = "monitoring"
    verbose_name = _("Contract monitoring")

    def ready(self):
        from carershub.core import workqueues
        from carershub.reporting.monitoring import services

        workqueues.register(services.home_items)
