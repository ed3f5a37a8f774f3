"""One-time form tokens: a create form sent twice makes one record, not two.

A double click, a page sent again from the browser's history, two tabs or two concurrent posts
of the same form all carry the same token, and only the first use of a token may create
anything. A create view needs three things, one line each:

    @login_required
    @permission_required(ADD_CONTACT, raise_exception=True)
    @creates_once                                        # 1. the view
    def new_contact(request):
        form = one_time(request, ContactForm(request.POST or None))   # 2. its form
        ...

and ``{{ form_field(form["form_token"]) }}`` inside the page's ``<form>`` (3. the template).

- Showing the form: it carries a fresh token, random, signed for this user and dated.
- A post with a good token: ``creates_once`` runs the view in one transaction and claims the
  token first (a ``UsedFormToken`` row, unique). If the view redirects (it made something), the
  row keeps where to; if it shows the page again (a mistake to correct, a possible duplicate),
  the row goes and the token can be sent again.
- The same token again, one after the other or at the same moment (the unique index makes the
  second post wait for the first one's transaction): nothing is saved and the user lands on
  what the first post made, with a message.
- A missing, forged or out-of-date token: nothing is saved, the form says why, keeps what was
  typed and carries a fresh token.

Django's test client without CSRF checks (``Client()``, the default) gets a fresh token for a
post that has none, as it skips the CSRF token: tests that post a dict keep working, and a test
that wants a browser's behaviour uses ``Client(enforce_csrf_checks=True)``.
"""

import secrets
from datetime import timedelta
from functools import wraps

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from carershub.core.models import UsedFormToken

FIELD = "form_token"
# How long a form may stay open. Tokens used longer ago than this are deleted: they would be
# refused anyway. A day covers a carer filling in the self-assessment over an evening.
MAX_AGE = timedelta(days=1)
CLEAN_UP_EVERY_SECONDS = 60 * 60
_SALT = "carershub.core.idempotency"
_REDIRECTS = (301, 302, 303)  # 307 and 308 send the same post on: nothing was made yet

PROBLEMS = {
    "missing": _("This form could not be checked, so nothing was saved. Check your answers and send them again."),
    "expired": _("This page was open for more than a day, so nothing was saved. Check your answers and send them again."),
}
ALREADY_SENT = _("This form was sent more than once. It was saved once, and this is what was saved.")


def _user_pk(request):
    user = getattr(request, "user", None)
    return user.pk if user is not None and user.is_authenticated else None


def _signer(request):
    # Signed for the user who was shown the form, so nobody else's form can be replayed.
    return signing.TimestampSigner(salt=f"{_SALT}:{_user_pk(request) or ''}")


def new_token(request) -> str:
    return _signer(request).sign(secrets.token_urlsafe(24))


def _posted_token(request) -> str:
    # A form with a prefix ("person-form_token") sends it under its own name.
    for name, value in request.POST.items():
        if name == FIELD or name.endswith(f"-{FIELD}"):
            return value
    return ""


def _read(request) -> tuple[str | None, str | None]:
    """(the token's random part, None) for a good token; (None, problem code) otherwise."""
    raw = _posted_token(request)
    if not raw:
        if getattr(request, "_dont_enforce_csrf_checks", False):
            return secrets.token_urlsafe(24), None  # Django's test client: see the module docstring
        return None, "missing"
    try:
        nonce = _signer(request).unsign(raw, max_age=MAX_AGE)
    except signing.SignatureExpired:
        return None, "expired"
    except signing.BadSignature:
        return None, "missing"
    return nonce, None


class _AlreadySent(Exception):
    def __init__(self, nonce):
        super().__init__(nonce)
        self.nonce = nonce


def delete_expired() -> int:
    """Forget tokens older than MAX_AGE; returns how many."""
    deleted, _by_model = UsedFormToken.objects.filter(used_at__lt=timezone.now() - MAX_AGE).delete()
    return deleted


def _claim(request, nonce) -> UsedFormToken:
    if cache.add("carershub:form-tokens:cleaned", True, CLEAN_UP_EVERY_SECONDS):
        delete_expired()
    try:
        with transaction.atomic():
            return UsedFormToken.objects.create(token=nonce, user_pk=_user_pk(request), path=request.path[:500])
    except IntegrityError:
        raise _AlreadySent(nonce) from None


def _already_sent(request, nonce):
    used = UsedFormToken.objects.filter(token=nonce).first()
    messages.success(request, ALREADY_SENT)
    if used is not None and used.result_url and used.user_pk == _user_pk(request):
        return redirect(used.result_url)
    return redirect(request.path)


def creates_once(view):
    """Run a create view's posts in one transaction that first claims the form's one-time token."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        request._creates_once = True
        if request.method != "POST":
            return view(request, *args, **kwargs)
        nonce, request._form_token_problem = _read(request)
        try:
            with transaction.atomic():
                claim = _claim(request, nonce) if nonce else None
                response = view(request, *args, **kwargs)
                if claim is not None:
                    if response.status_code in _REDIRECTS:
                        claim.result_url = response["Location"][:500]
                        claim.save(update_fields=["result_url"])
                    else:
                        claim.delete()
                return response
        except _AlreadySent as sent:
            return _already_sent(request, sent.nonce)

    wrapped.creates_once = True
    return wrapped


class FormTokenField(forms.CharField):
    widget = forms.HiddenInput

    def __init__(self, *, request, refused):
        super().__init__(required=False, initial=lambda: new_token(request))
        self.refused = refused

    def bound_data(self, data, initial):
        # The page shown again keeps a good token (nothing was made with it) and replaces a refused one.
        return initial if self.refused or not data else data


def one_time(request, form):
    """Give a create form its one-time token; a post without a good one gets the reason on the form."""
    if not getattr(request, "_creates_once", False):
        raise ImproperlyConfigured("A view that uses one_time() must be decorated with @creates_once.")
    problem = getattr(request, "_form_token_problem", None) if form.is_bound else None
    form.fields[FIELD] = FormTokenField(request=request, refused=problem is not None)
    if problem:
        checked_clean = form.clean

        def clean():
            try:
                return checked_clean()
            finally:
                form.add_error(None, PROBLEMS[problem])

        form.clean = clean
    return form
