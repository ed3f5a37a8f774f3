from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    """Referrals between the partners, under the carer's consent, and information-sharing agreements."""

    name = "carershub.referrals"
    label = "referrals"
    verbose_name = _("Referrals between partners")
