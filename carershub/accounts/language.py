"""Which language a page is in: the browser's, the switch in the header, a member of staff's own.

Nobody signed in (the sign-in pages, the public self-assessment): Django's LocaleMiddleware
decides, from the language cookie the switch sets, else the browser's Accept-Language.
Signed in: the member of staff's ``preferred_language``, applied from the first page after
signing in, unless they have used the switch in this session. The switch's choice is kept in
the session with the user it belongs to, so it ends when they sign out, and a choice made on
the sign-in page gives way to their own preference.
"""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme

SESSION_KEY = "carershub_language"


def supported(code: str | None) -> str:
    """``code`` if the service speaks it (``cy-GB`` counts as ``cy``), else the default language."""
    try:
        return translation.get_supported_language_variant(code or "")
    except LookupError:
        return settings.LANGUAGE_CODE


def staff_language(request) -> str | None:
    """The language of this signed-in user's pages; None when nobody is signed in."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    choice = request.session.get(SESSION_KEY) or {}
    if choice.get("user") == user.pk:
        return supported(choice.get("language"))
    return supported(user.preferred_language)


def activate(request, code: str) -> None:
    translation.activate(code)
    request.LANGUAGE_CODE = translation.get_language()


class StaffLanguageMiddleware:
    """After AuthenticationMiddleware: a signed-in user's pages are in their language (see above)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        code = staff_language(request)
        if code:
            activate(request, code)
        return self.get_response(request)


def switch(request, code: str) -> HttpResponseRedirect:
    """Show the service in ``code`` from now on and go back to ``next`` (a path on this site).

    The cookie is Django's own language cookie (what ``set_language`` sets), read by
    LocaleMiddleware on every page nobody is signed in to; a signed-in user's choice also goes
    in the session, where it outranks their preference until they sign out.
    """
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, require_https=request.is_secure()):
        next_url = reverse("home")
    response = HttpResponseRedirect(next_url)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    if request.user.is_authenticated:
        request.session[SESSION_KEY] = {"user": request.user.pk, "language": code}
    return response
