from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "carershub.people"
    verbose_name = _("People")

    def ready(self):
        from carershub.core import workqueues
        from carershub.people import services

        workqueues.register(services.home_items)
