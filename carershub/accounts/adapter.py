from allauth.account.adapter import DefaultAccountAdapter
from django.db.models import Q


class StaffAccountAdapter(DefaultAccountAdapter):
    """Staff accounts are made by an administrator, never by signing up."""

    def is_open_for_signup(self, request):
        return False

    def _get_login_attempts_cache_key(self, request, **credentials):
        # allauth counts failed sign-ins per thing typed, so five wrong passwords with the
        # username would leave five more to try with the email address. Count them per
        # account instead: the lockout (ACCOUNT_RATE_LIMITS "login_failed") is the account's.
        from carershub.accounts.models import User

        login = (credentials.get("email") or credentials.get("username") or "").strip()
        if login:
            pk = (
                User.objects.filter(Q(username__iexact=login) | Q(email__iexact=login))
                .order_by("pk")
                .values_list("pk", flat=True)
                .first()
            )
            if pk is not None:
                return f"account:{pk}"
        return super()._get_login_attempts_cache_key(request, **credentials)
