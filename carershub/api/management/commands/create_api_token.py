"""Issue an API token for a service account, so another system can ask for eligibility decisions.

    manage.py create_api_token council-case-system            # new account and token
    manage.py create_api_token council-case-system --rotate   # replace its token

The token is printed once, on its own line on standard output; it cannot be shown again.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from rest_framework.authtoken.models import Token


class Command(BaseCommand):
    help = (
        "Create (or, with --rotate, replace) the API token of a service account, creating the account "
        "(no password, no roles) if it does not exist, and print the token once."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="The service account, e.g. the name of the connecting system.")
        parser.add_argument(
            "--rotate",
            action="store_true",
            help="Replace the account's existing token; the old one stops working at once.",
        )

    def handle(self, *args, username: str, rotate: bool, **options):
        username = username.strip()
        if not username:
            raise CommandError("Give the service account's username.")
        User = get_user_model()
        with transaction.atomic():
            user = User.objects.select_for_update().filter(username=username).first()
            created = user is None
            if created:
                user = User(username=username, is_active=True, is_staff=False, is_superuser=False)
                user.set_unusable_password()
                try:
                    user.full_clean(exclude=["password"])
                except ValidationError as error:
                    raise CommandError("; ".join(error.messages)) from None
                user.save()
            else:
                self._check_service_account(user)
            existing = Token.objects.filter(user=user).first()
            if existing and not rotate:
                raise CommandError(
                    f"{username} already has an API token. It is not shown again; "
                    "use --rotate to replace it (the old token stops working)."
                )
            if existing:
                existing.delete()
            token = Token.objects.create(user=user)

        action = "Created service account and token" if created else ("Rotated token" if existing else "Created token")
        self.stderr.write(
            f"{action} for {username}. Store it now; it is not shown again. "
            "Send it as the header 'Authorization: Token <token>'."
        )
        self.stdout.write(token.key)

    def _check_service_account(self, user) -> None:
        """A token skips the password and MFA, so only password-less accounts without roles get one."""
        problems = []
        if not user.is_active:
            problems.append("the account is deactivated")
        if user.has_usable_password():
            problems.append("the account has a password (it is a person's sign-in account)")
        if user.is_staff or user.is_superuser:
            problems.append("the account has administration rights")
        if user.roles.exists():
            problems.append("the account holds staff roles")
        if problems:
            raise CommandError(
                f"{user.get_username()} is not a service account: {'; '.join(problems)}. "
                "Choose a new username for the connecting system."
            )
