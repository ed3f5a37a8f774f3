"""Write off what is left of break allowances whose period has ended (run daily; safe to run again)."""

from django.core.management.base import BaseCommand

from carershub.support.breaks import services


class Command(BaseCommand):
    help = "Expire break allowances whose period ended before today (idempotent)."

    def handle(self, *args, **options):
        done = services.expire_ended()
        self.stdout.write(f"{done} allowance(s) expired")
