from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    """Referrals between the partners, under the carer's consent, and information-sharing agreements."""

    name = "carershub.referrals"
    label = "referrals"
    verbose_name = _("Referrals between partners")

    def ready(self):
        from carershub.core import workqueues
        from carershub.referrals import person_page, services

        workqueues.register(services.home_items)
        person_page.register()
