from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignpostingConfig(AppConfig):
    """Signposting: what carers were pointed to, picked from the directory (or typed when not listed), from a contact, an assessment, a plan or a record, so it can be counted by service."""

    name = "carershub.signposting"
    label = "signposting"
    verbose_name = _("Signposting")

    def ready(self):
        from carershub.signposting import registrations

        registrations.register()
