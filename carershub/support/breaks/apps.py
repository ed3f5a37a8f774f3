from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BreaksConfig(AppConfig):
    """Short breaks: allowances of hours or money, bookings with providers, and the ledger between them."""

    name = "carershub.support.breaks"
    label = "breaks"
    verbose_name = _("Short breaks")

    def ready(self):
        from carershub.core import workqueues
        from carershub.support.breaks import person_page, services

        workqueues.register(services.home_items)
        person_page.register()
