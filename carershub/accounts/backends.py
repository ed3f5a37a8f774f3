"""Loading the signed-in member of staff once per request, with everything every page asks of them.

Every page needs the user's organisation, roles and whether they have an authenticator (no
personal data before MFA, accounts/middleware.py). Asked separately they are four queries per
request; here they are one.
"""

from allauth.account.auth_backends import AuthenticationBackend
from allauth.mfa.models import Authenticator
from django.db.models import Exists, OuterRef, StringAgg, Subquery, Value

from carershub.accounts.models import StaffRole, User
from carershub.core.queries import Prepared, as_key

HAS_AUTHENTICATOR = "_carershub_has_authenticator"


def _user_with_everything(pk):
    roles = (
        StaffRole.objects.filter(user=OuterRef("pk"))
        .values("user")
        .annotate(codes=StringAgg("role", delimiter=Value(",")))
        .values("codes")
    )
    return (
        User._default_manager.select_related("organisation")
        .annotate(
            _role_list=Subquery(roles),
            _has_authenticator=Exists(Authenticator.objects.filter(user=OuterRef("pk"))),
        )
        .filter(pk=pk)
        .order_by()  # one row by its key: nothing to sort
    )


# Compiled once per process: every request runs it (core/queries.py, decision 65).
LOAD_USER = Prepared(_user_with_everything, name="the signed-in user")


class StaffBackend(AuthenticationBackend):
    """allauth's sign-in (username or e-mail, rate limits), with the per-request user loaded in one query."""

    def get_user(self, user_id):
        key = as_key(user_id)
        user = next(iter(LOAD_USER(key)), None) if key is not None else None
        if user is None or not self.user_can_authenticate(user):
            return None
        # Filled in now, so the properties that would each ask the database do not.
        user.role_codes = frozenset(filter(None, (user._role_list or "").split(",")))
        user.__dict__[HAS_AUTHENTICATOR] = bool(user._has_authenticator)
        return user


def has_authenticator(user) -> bool | None:
    """Whether the user loaded for this request has an authenticator; None when not loaded here."""
    return getattr(user, HAS_AUTHENTICATOR, None)
