"""No personal data before MFA: a signed-in user without an authenticator must set one up."""

import time

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse

# Pages a signed-in user may reach before they have set up their authenticator app.
_OPEN_PREFIXES = ("/accounts/", "/static/", "/healthz", "/api/")
SESSION_STARTED_KEY = "carershub_session_started"


class StaffAccessMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            started = request.session.setdefault(SESSION_STARTED_KEY, int(time.time()))
            if time.time() - started > settings.CARERSHUB_SESSION_MAX_AGE.total_seconds():
                # Idle expiry is the cookie's job; this caps even a busy session at one working day.
                logout(request)
                return redirect(f"{reverse('account_login')}?next={request.path}")
            if not request.path.startswith(_OPEN_PREFIXES) and not is_mfa_enabled(user):
                return redirect("mfa_activate_totp")
        return self.get_response(request)
