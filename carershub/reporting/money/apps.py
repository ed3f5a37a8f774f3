from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MoneyConfig(AppConfig):
    """Budgets, contracts and spend on carers' services, by service line and funder (issue 12)."""

    name = "carershub.reporting.money"
    label = "money"
    verbose_name = _("Money")

    def ready(self):
        from carershub.core import workqueues
        from carershub.reporting.money import services

        workqueues.register(services.home_items)
