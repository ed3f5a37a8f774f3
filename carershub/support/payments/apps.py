from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    """Carers' direct payments: agreements, payments due and made, monitoring returns, recoveries."""

    name = "carershub.support.payments"
    label = "payments"
    verbose_name = _("Direct payments")

    def ready(self):
        from carershub.core import workqueues
        from carershub.support.payments import person_page, services

        workqueues.register(services.home_items)
        person_page.register()
