from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from carershub.demo import region as demo


class Command(BaseCommand):
    help = "Load the fictional demo region, its synthetic people and one staff user per role (safe to repeat)."

    def add_arguments(self, parser):
        parser.add_argument("--carers", type=int, default=300)
        parser.add_argument(
            "--allow-outside-debug",
            action="store_true",
            help="Load demo accounts even though DEBUG is off (a training or test server only).",
        )

    def handle(self, *args, carers, allow_outside_debug, **options):
        if not settings.DEBUG and not allow_outside_debug:
            raise CommandError("Demo accounts have published passwords: refusing to load them with DEBUG off.")
        result = demo.load(carers=carers)
        self.stdout.write(
            self.style.SUCCESS("Demo data loaded." if result["created"] else "Demo data already present; nothing changed.")
        )
        self.stdout.write("\nDemo sign-in (password for everyone: %s)\n" % demo.DEMO_PASSWORD)
        self.stdout.write(f"{'username':<14}{'roles':<36}authenticator key (TOTP, SHA1, 6 digits, 30 s)")
        for username, user in result["staff"].items():
            roles = ", ".join(user.role_labels)
            self.stdout.write(f"{username:<14}{roles:<36}{demo.demo_totp_secret(username)}")
        self.stdout.write(
            "\nAdd a key to any authenticator app, or print a code with:\n"
            "  make demo-code USERNAME=frontdoor\n"
        )
