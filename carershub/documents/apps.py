from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


def check_document_settings(app_configs, **kwargs):
    """A document limit of nothing, or a scan timeout of nothing, stops the server starting."""
    from django.conf import settings

    problems = []
    if settings.CARERSHUB_DOCUMENT_MAX_BYTES <= 0:
        problems.append(checks.Error("CARERSHUB_DOCUMENT_MAX_BYTES must be more than 0.", id="documents.E001"))
    if settings.CARERSHUB_VIRUS_SCAN_TIMEOUT <= 0:
        problems.append(checks.Error("CARERSHUB_VIRUS_SCAN_TIMEOUT must be more than 0.", id="documents.E002"))
    return problems


class DocumentsConfig(AppConfig):
    name = "carershub.documents"
    verbose_name = _("Documents")

    def ready(self):
        from carershub.documents import person_page

        person_page.register()
        checks.register(check_document_settings)
