from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    """The region's directory of services and community assets, served as Open Referral UK 3.0 at /oruk/."""

    name = "carershub.directory"
    label = "directory"
    verbose_name = _("The directory of services and community assets (Open Referral UK 3.0)")

    def ready(self):
        from carershub.core import workqueues
        from carershub.directory import services

        workqueues.register(services.home_items)
