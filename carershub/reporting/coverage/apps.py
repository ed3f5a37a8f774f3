from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoverageConfig(AppConfig):
    """Known carers against the Census 2021 unpaid-care counts, by area and hours band (issue 12)."""

    name = "carershub.reporting.coverage"
    label = "coverage"
    verbose_name = _("Coverage against the Census")

    def ready(self):
        from carershub.core import workqueues
        from carershub.reporting.coverage import services

        workqueues.register(services.home_items)
