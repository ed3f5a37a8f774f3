from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "carershub.accounts"
    verbose_name = _("Staff accounts")

    def ready(self):
        from carershub.core import workqueues
        from carershub.accounts import services

        workqueues.register(services.home_items)
