from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "carershub.imports"
    verbose_name = _("Imports from other systems")

    def ready(self):
        from carershub.imports import timeline as imported
        from carershub.people import timeline

        # Migrated history: shown on the timeline at the time it was imported, with its own date.
        timeline.register_group("imported", _("Imported history"), order=90)
        timeline.register("imported", imported.KINDS, imported.describe)
