from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


def check_retention_schedule(app_configs, **kwargs):
    """A mistyped CARERSHUB_RETENTION stops the server starting, not the daily review failing later."""
    from carershub.privacy import retention_review

    try:
        retention_review.schedule()
    except ValueError as error:
        return [checks.Error(str(error), id="privacy.E001")]
    return []


class PrivacyConfig(AppConfig):
    name = "carershub.privacy"
    verbose_name = _("Privacy and data rights")

    def ready(self):
        from carershub.core import workqueues
        from carershub.people import sections, timeline
        from carershub.privacy import services
        from carershub.privacy import timeline as privacy_timeline
        from carershub.privacy.models import DataRightsRequest, ErasureRecord

        workqueues.register(services.home_items)
        sections.register(services.person_section)
        sections.register_holding("privacy.requests", DataRightsRequest, field="person_ref")
        sections.register_holding("privacy.erasure", ErasureRecord, field="person_ref")
        timeline.register_group("privacy", _("Data-rights requests"), order=80, visible=privacy_timeline.may_see)
        timeline.register("privacy", privacy_timeline.KINDS, privacy_timeline.describe)
        checks.register(check_retention_schedule)
