from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
from django.core.management.base import BaseCommand

from carershub.demo import region as demo


class Command(BaseCommand):
    help = "Print the current authenticator code of a demo user, for testers without a phone app."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        counter = next(yield_hotp_counters_from_time())
        self.stdout.write(format_hotp_value(hotp_value(demo.demo_totp_secret(username), counter)))
