from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "carershub.core"
    verbose_name = _("Core")

    def ready(self):
        from carershub.core import postgres, translations

        # psycopg remembers how it converted the long statements every page runs (decision 80).
        postgres.keep_long_statements_converted()

        # Each language's messages, built once here and made quicker to ask (decision 64).
        translations.compact_all()
