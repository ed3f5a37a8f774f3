from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmergencyConfig(AppConfig):
    """Contingency plans, emergency cards and the emergency response service."""

    name = "carershub.support.emergency"
    label = "emergency"
    verbose_name = _("Contingency plans and emergency cards")
