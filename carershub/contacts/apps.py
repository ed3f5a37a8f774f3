from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactsConfig(AppConfig):
    name = "carershub.contacts"
    verbose_name = _("Contacts")

    def ready(self):
        from carershub.core import workqueues
        from carershub.contacts import services, timeline as contacts_timeline
        from carershub.people import sections, timeline

        workqueues.register(services.home_items)
        timeline.register_group("contacts", _("Contacts"), order=20)
        timeline.register("contacts", contacts_timeline.KINDS, contacts_timeline.describe)
        sections.register_action(contacts_timeline.actions)
