from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
from allauth.mfa.utils import decrypt
from django.core.management.base import BaseCommand, CommandError

from carershub.demo import region as demo


class Command(BaseCommand):
    help = "Print the current authenticator code of a demo user, for testers without a phone app."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        # Demo users only: the code of a real member of staff is theirs alone.
        if username not in {staff[0] for staff in demo.STAFF}:
            raise CommandError(f"{username!r} is not a demo user.")
        authenticator = Authenticator.objects.filter(
            user__username=username, type=Authenticator.Type.TOTP
        ).first()
        if authenticator is None:
            raise CommandError(f"{username!r} has no authenticator: load the demo data first (make demo-data).")
        # The key is stored encrypted (accounts.mfa_adapter); the same adapter opens it.
        secret = decrypt(authenticator.data["secret"])
        counter = next(yield_hotp_counters_from_time())
        self.stdout.write(format_hotp_value(hotp_value(secret, counter)))
