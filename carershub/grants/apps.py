from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrantsConfig(AppConfig):
    """The community grants fund: rounds, applications, panel scoring, capped awards, payments and monitoring."""

    name = "carershub.grants"
    label = "grants"
    verbose_name = _("Community grants fund")

    def ready(self):
        from carershub.core import workqueues
        from carershub.grants import services

        workqueues.register(services.home_items)
