from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    name = "carershub.casework"
    verbose_name = _("Casework")

    def ready(self):
        from carershub.casework import person_page, services
        from carershub.contacts import services as contact_services
        from carershub.core import workqueues

        workqueues.register(services.home_items)
        contact_services.on_logged(services.after_contact_logged)
        contact_services.on_linked(services.after_contact_linked)
        person_page.register()
