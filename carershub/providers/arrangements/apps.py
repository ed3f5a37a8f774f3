from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArrangementsConfig(AppConfig):
    """Care arrangements with providers of care at home, and the four-person rule."""

    name = "carershub.providers.arrangements"
    label = "arrangements"
    verbose_name = _("Care at home arrangements")

    def ready(self):
        from carershub.providers.arrangements import person_page

        person_page.register()
