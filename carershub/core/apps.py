from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "carershub.core"
    verbose_name = _("Core")

    def ready(self):
        from carershub.core import translations

        # Each language's messages, built once here and made quicker to ask (decision 64).
        translations.compact_all()
