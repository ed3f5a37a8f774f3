from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "carershub.accounts"
    verbose_name = _("Staff accounts")

    def ready(self):
        from allauth.account.signals import authentication_step_completed

        from carershub.accounts import services
        from carershub.core import workqueues

        workqueues.register(services.home_items)
        authentication_step_completed.connect(services.count_home_ahead, dispatch_uid="carershub-count-home-ahead")
