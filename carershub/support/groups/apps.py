from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GroupsConfig(AppConfig):
    """Groups, courses and activities for carers: sessions, places, attendance and waiting lists."""

    name = "carershub.support.groups"
    label = "groups"
    verbose_name = _("Groups, courses and waiting lists")

    def ready(self):
        from carershub.core import workqueues
        from carershub.support.groups import person_page, services

        workqueues.register(services.home_items)
        person_page.register()
