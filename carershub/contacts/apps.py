from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactsConfig(AppConfig):
    name = "carershub.contacts"
    verbose_name = _("Contacts")

    def ready(self):
        from carershub.core import workqueues
        from carershub.contacts import services

        workqueues.register(services.home_items)
