from allauth.account.adapter import DefaultAccountAdapter


class StaffAccountAdapter(DefaultAccountAdapter):
    """Staff accounts are made by an administrator, never by signing up."""

    def is_open_for_signup(self, request):
        return False
