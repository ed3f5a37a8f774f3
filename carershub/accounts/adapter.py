from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from carershub.accounts import throttling
from carershub.core.clientip import client_ip

# allauth has no Welsh catalogue, so the messages our sign-in pages can show are our own, in the
# same English words, and the Welsh catalogue carries them.
ERROR_MESSAGES = {
    "account_inactive": _("This account is currently inactive."),
    "email_password_mismatch": _("The email address and/or password you specified are not correct."),
    "enter_current_password": _("Please type your current password."),
    "incorrect_code": _("Incorrect code."),
    "incorrect_password": _("Incorrect password."),
    "invalid_login": _("Invalid login."),
    "invalid_or_expired_key": _("Invalid or expired key."),
    "invalid_password_reset": _("The password reset token was invalid."),
    "rate_limited": _("Be patient, you are sending too many requests."),
    "same_as_current": _("The new value must be different from the current one."),
    "too_many_login_attempts": _("Too many failed login attempts. Try again later."),
    "unknown_email": _("The email address is not assigned to any user account."),
    "username_password_mismatch": _("The username and/or password you specified are not correct."),
}
# Django's password checks (AUTH_PASSWORD_VALIDATORS), by their codes, in our words: Django's
# Welsh catalogue has none of them.
PASSWORD_MESSAGES = {
    "password_too_short": _("Your password must be %(min_length)d characters or more."),
    "password_too_common": _("This password is too common. Choose one that is harder to guess."),
    "password_entirely_numeric": _("Your password must not be only numbers."),
    "password_too_similar": _("Your password is too like your name, username or email address."),
}


class StaffAccountAdapter(DefaultAccountAdapter):
    """Staff accounts are made by an administrator, never by signing up.

    Wrong passwords slow further attempts down (accounts/throttling.py) instead of locking the
    account, so nobody can lock a worker out by typing at their username. This replaces allauth's
    "login_failed" limit for passwords; that limit still guards the authenticator code step.
    """

    error_messages = {**DefaultAccountAdapter.error_messages, **ERROR_MESSAGES}

    def is_open_for_signup(self, request):
        return False

    def clean_password(self, password, user=None):
        try:
            return super().clean_password(password, user=user)
        except ValidationError as error:
            raise ValidationError(
                [
                    ValidationError(PASSWORD_MESSAGES[e.code], code=e.code, params=e.params)
                    if e.code in PASSWORD_MESSAGES
                    else e
                    for e in error.error_list
                ]
            ) from None

    def send_mail(self, template_prefix, email, context):
        # An e-mail goes out in its reader's language: the member of staff's own, else the page's.
        from carershub.accounts import language
        from carershub.accounts.models import User

        user = context.get("user") or User.objects.filter(email__iexact=email).order_by("pk").first()
        with translation.override(language.supported(user.preferred_language) if user else translation.get_language()):
            return super().send_mail(template_prefix, email, context)

    def post_login(self, request, user, **kwargs):
        # The first page after signing in, and its "signed in" message, in the user's own language.
        from carershub.accounts import language

        language.activate(request, language.supported(user.preferred_language))
        return super().post_login(request, user, **kwargs)

    def get_client_ip(self, request) -> str:
        """The same address the access log records (core/clientip.py), for allauth's rate limits too."""
        ip = client_ip(request)
        if not ip:
            raise PermissionDenied("Unable to determine client IP address")
        return ip

    def _attempt(self, request, credentials) -> throttling.Attempt:
        login = credentials.get("username") or credentials.get("email") or ""
        return throttling.Attempt(login, self.get_client_ip(request))

    def pre_authenticate(self, request, **credentials):
        self._sign_in_attempt = self._attempt(request, credentials)
        wait = self._sign_in_attempt.wait()
        if wait:
            raise forms.ValidationError(throttling.wait_message(wait), code="too_many_login_attempts")

    def authenticate(self, request, **credentials):
        user = super().authenticate(request, **credentials)
        if user is not None:
            self._sign_in_attempt.succeeded()
        return user

    def authentication_failed(self, request, **credentials):
        self._sign_in_attempt.failed()
