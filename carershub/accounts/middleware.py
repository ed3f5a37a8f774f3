"""No personal data before MFA: a signed-in user without an authenticator must set one up."""

import time

from allauth.mfa.utils import is_mfa_enabled
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import LazyObject, empty

from carershub.accounts.backends import has_authenticator

# Pages a signed-in user may reach before they have set up their authenticator app.
# /oruk/ is the public Open Referral UK API (decision 35): nothing there needs a second factor.
_OPEN_PREFIXES = ("/accounts/", "/static/", "/healthz", "/api/", "/oruk/")
SESSION_STARTED_KEY = "carershub_session_started"
SESSION_SEEN_KEY = "carershub_seen_at"
# How often a busy session is written back: its idle expiry moves on, and "where you are signed
# in" shows when it was last used. Writing on every page cost two UPDATEs and two commits a request.
ACTIVITY_WRITE_SECONDS = 60


def _has_authenticator(user) -> bool:
    known = has_authenticator(user)
    return is_mfa_enabled(user) if known is None else known


class ResolvedUserMiddleware:
    """After AuthenticationMiddleware: ``request.user`` is the user itself, not a lazy stand-in.

    Django sets ``request.user`` to a ``SimpleLazyObject`` that loads the user when first asked.
    Every signed-in page asks at once (StaffLanguageMiddleware), so the laziness saves nothing, and
    every later ``request.user.anything`` (the templates' permission checks, the views, the access
    log) went through the stand-in's Python ``__getattribute__`` first: 2 to 4% of a search's or a
    person page's CPU (decision 82). The user is loaded here, as it would have been a moment later,
    and put in its place.
    ``login()`` and ``logout()`` set ``request.user`` themselves, as before.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if isinstance(user, LazyObject):
            if user._wrapped is empty:
                user._setup()
            request.user = user._wrapped
        return self.get_response(request)


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
            if not request.path.startswith(_OPEN_PREFIXES) and not _has_authenticator(user):
                return redirect("mfa_activate_totp")
        return self.get_response(request)


class SessionActivityMiddleware:
    """Keep a signed-in session alive, and its entry in "where you are signed in" current, once a minute.

    In place of Django's SESSION_SAVE_EVERY_REQUEST and allauth's UserSessionsMiddleware, which
    write both on every request. Setting the time seen marks the session changed, so Django
    saves it with a new expiry; idle sign-out (SESSION_COOKIE_AGE) is therefore exact to within
    ACTIVITY_WRITE_SECONDS. A session is still saved at once whenever anything in it changes.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and request.session.session_key:
            now = int(time.time())
            if now - request.session.get(SESSION_SEEN_KEY, 0) >= ACTIVITY_WRITE_SECONDS:
                request.session[SESSION_SEEN_KEY] = now
                UserSession.objects.create_from_request(request)
        return self.get_response(request)
