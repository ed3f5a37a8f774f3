"""Issue or revoke the API token of a service account, so another system can ask for eligibility decisions.

    manage.py create_api_token council-case-system                # new account and token
    manage.py create_api_token council-case-system --rotate       # replace its token
    manage.py create_api_token council-case-system --revoke       # stop its token working

The key is printed once, on its own line on standard output. The database keeps only its hash, so
it cannot be shown again: a lost key is replaced with --rotate.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from carershub.api.models import ApiToken

class Command(BaseCommand):
    help = (
        "Create (or, with --rotate, replace) the API token of a service account, creating the account "
        "(no password, no roles) if it does not exist, and print the key once. With --revoke, stop the "
        "account's token working."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="The service account, e.g. the name of the connecting system.")
        action = parser.add_mutually_exclusive_group()
        action.add_argument(
            "--rotate",
            action="store_true",
            help="Replace the account's existing token; the old one stops working at once.",
        )
        action.add_argument(
            "--revoke",
            action="store_true",
            help="Revoke the account's token: it stops working at once. No new token is issued.",
        )
        parser.add_argument(
            "--name",
            default="",
            help="What the token is for, shown in the admin (default: the username).",
        )

    def handle(self, *args, username: str, rotate: bool, revoke: bool, name: str, **options):
        username = username.strip()
        if not username:
            raise CommandError("Give the service account's username.")
        if revoke:
            self._revoke(username)
        else:
            self._issue(username, rotate=rotate, name=name.strip() or username)

    def _issue(self, username: str, *, rotate: bool, name: str) -> None:
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
            existing = user.api_tokens.active()
            had_token = existing.exists()
            if had_token and not rotate:
                raise CommandError(
                    f"{username} already has an API token. It is not shown again; "
                    "use --rotate to replace it (the old token stops working)."
                )
            existing.revoke()
            token, key = ApiToken.issue(user, name=name)

        action = "Created service account and token" if created else ("Rotated token" if had_token else "Created token")
        self.stderr.write(
            f"{action} for {username} (it starts {token}). Store it now; it is not shown again. "
            "Send it as the header 'Authorization: Token <token>'."
        )
        self.stdout.write(key)

    def _revoke(self, username: str) -> None:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"There is no account called {username}.")
        with transaction.atomic():
            revoked = list(user.api_tokens.active().select_for_update())
            user.api_tokens.filter(pk__in=[token.pk for token in revoked]).revoke()
        if not revoked:
            self.stderr.write(f"{username} has no API token that works; nothing to revoke.")
            return
        names = ", ".join(str(token) for token in revoked)
        self.stderr.write(f"Revoked the API token of {username} (it started {names}). It no longer works.")

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
