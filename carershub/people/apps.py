from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "carershub.people"
    verbose_name = _("People")

    def ready(self):
        from carershub.core import workqueues
        from carershub.people import person_page, sections, services, timeline
        from carershub.people.models import Consent

        workqueues.register(services.home_items)
        timeline.register_group("record", _("Record and caring"), order=10)
        timeline.register("record", person_page.RECORD_KINDS, person_page.describe_record)
        timeline.register_group("consent", _("Consent to share"), order=60)
        timeline.register("consent", person_page.CONSENT_KINDS, person_page.describe_consent)
        sections.register_glance(person_page.glances)
        sections.register_action(person_page.actions)
        sections.register_holding("consents", Consent)
