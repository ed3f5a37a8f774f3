"""Signing in: password then a code from the authenticator app, waits after wrong passwords, expiry, signing out."""

import time
from datetime import timedelta

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.contrib.sessions.models import Session
from django.utils import timezone

from carershub.accounts import throttling
from carershub.accounts.middleware import SESSION_STARTED_KEY
from carershub.accounts.models import Role
from carershub.audit.models import AccessEvent
from tests.conftest import TEST_PASSWORD, totp_code, wrong_totp_code
from tests.pages import Page

PERSONAL_DATA_PAGES = ["/", "/people/", "/people/{pk}/", "/contacts/"]


def sign_in_with_password(client, login, password=TEST_PASSWORD, **extra):
    return client.post("/accounts/login/", {"login": login, "password": password}, **extra)


def is_signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_password_then_totp_code_signs_in_and_shows_the_home_page(client, make_user):
    user = make_user(Role.FRONT_DOOR)

    response = sign_in_with_password(client, user.username)
    assert response.status_code == 302
    assert response.url == "/accounts/2fa/authenticate/"
    assert not is_signed_in(client), "the password alone must not sign anybody in"

    response = client.post("/accounts/2fa/authenticate/", {"code": totp_code()})
    assert response.status_code == 302
    assert is_signed_in(client)
    home = client.get(response.url)
    assert home.status_code == 200
    assert f"Hello, {user.first_name}" in Page(home).text


def test_signing_in_with_the_email_address_also_asks_for_a_code(client, make_user):
    user = make_user(Role.PRACTITIONER)

    response = sign_in_with_password(client, user.email)

    assert response.url == "/accounts/2fa/authenticate/"
    client.post("/accounts/2fa/authenticate/", {"code": totp_code()})
    assert int(client.session["_auth_user_id"]) == user.pk


def test_between_password_and_code_no_personal_data_is_reachable(client, make_user, make_carer):
    user = make_user(Role.FRONT_DOOR)
    person = make_carer(given="Hidden", family="Beforecode")
    sign_in_with_password(client, user.username)

    for path in PERSONAL_DATA_PAGES:
        response = client.get(path.format(pk=person.pk))
        assert response.status_code == 302, path
        assert response.url.startswith("/accounts/login/"), path
    assert not AccessEvent.objects.exists()


def test_a_wrong_code_is_refused_and_the_user_stays_signed_out(client, make_user):
    user = make_user(Role.FRONT_DOOR)
    sign_in_with_password(client, user.username)

    response = client.post("/accounts/2fa/authenticate/", {"code": wrong_totp_code()})

    assert response.status_code == 200
    assert Page(response).error_for("code")
    assert not is_signed_in(client)
    assert client.get("/people/").status_code == 302


def test_a_wrong_password_is_refused_without_asking_for_a_code(client, make_user):
    user = make_user(Role.FRONT_DOOR)

    response = sign_in_with_password(client, user.username, "not the password at all")

    assert response.status_code == 200
    assert Page(response).error_summary, "the sign-in page should say what went wrong"
    assert not is_signed_in(client)


@pytest.mark.parametrize("path", PERSONAL_DATA_PAGES)
def test_a_user_without_an_authenticator_is_sent_to_set_one_up_and_sees_no_personal_data(
    client, make_user, make_carer, path
):
    person = make_carer(given="Secret", family="Nomfa", nhs_number="9990000018")
    user = make_user(Role.TEAM_MANAGER, mfa=False)
    response = sign_in_with_password(client, user.username)
    assert response.status_code == 302
    assert is_signed_in(client), "without an authenticator the password signs in, but only to set one up"

    response = client.get(path.format(pk=person.pk))

    assert response.status_code == 302
    assert response.url == "/accounts/2fa/totp/activate/"
    # Setting up an authenticator is a sensitive change: allauth asks for the password again first.
    setup = client.get(response.url, follow=True)
    assert setup.status_code == 200
    assert setup.redirect_chain[-1][0].startswith("/accounts/reauthenticate/")
    for page in (response, setup):
        assert b"Secret" not in page.content
        assert b"Nomfa" not in page.content
        assert b"999 000 0018" not in page.content
    assert not AccessEvent.objects.exists()


def test_setting_up_the_authenticator_opens_the_service(client, make_user):
    user = make_user(Role.FRONT_DOOR, mfa=False)
    sign_in_with_password(client, user.username)
    response = client.get("/accounts/2fa/totp/activate/")
    assert response.url.startswith("/accounts/reauthenticate/")
    response = client.post(response.url, {"password": TEST_PASSWORD})
    assert response.url == "/accounts/2fa/totp/activate/"
    setup = client.get(response.url)
    assert "Set up your authenticator app" in Page(setup).heading
    secret = client.session["mfa.totp.secret"]
    assert secret in setup.content.decode(), "the set-up key is shown for people who cannot scan the QR code"

    response = client.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret)})

    assert response.status_code == 302
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    assert client.get("/people/").status_code == 200


def test_setting_up_the_authenticator_with_a_wrong_code_leaves_the_service_closed(client, make_user):
    user = make_user(Role.FRONT_DOOR, mfa=False)
    sign_in_with_password(client, user.username)
    client.post(client.get("/accounts/2fa/totp/activate/").url, {"password": TEST_PASSWORD})
    client.get("/accounts/2fa/totp/activate/")

    response = client.post("/accounts/2fa/totp/activate/", {"code": wrong_totp_code(client.session["mfa.totp.secret"])})

    assert response.status_code == 200
    assert Page(response).error_for("code")
    assert not Authenticator.objects.filter(user=user).exists()
    assert client.get("/people/").url == "/accounts/2fa/totp/activate/"


@pytest.fixture
def still_clock(monkeypatch):
    """The sign-in waits' clock, stopped: however slowly a test runs, no wait passes by itself."""
    now = time.time()
    monkeypatch.setattr(throttling, "clock", lambda: now)


def test_wrong_passwords_from_a_stranger_slow_the_stranger_but_do_not_lock_the_worker_out(
    client, new_client, make_user, still_clock
):
    user = make_user(Role.FRONT_DOOR)
    for _attempt in range(5):
        sign_in_with_password(client, user.username, "wrong password guess", REMOTE_ADDR="192.0.2.66")

    refused = sign_in_with_password(client, user.username, TEST_PASSWORD, REMOTE_ADDR="192.0.2.66")
    assert refused.status_code == 200, "from the guessing address, even the right password must wait its turn"
    assert Page(refused).error_summary == [
        "Too many wrong passwords have been typed for this account. Wait 1 second, then try again."
    ]
    assert not is_signed_in(client)
    client.post("/accounts/2fa/authenticate/", {"code": totp_code()})
    assert not is_signed_in(client), "a code cannot finish a sign-in the password step refused"

    worker = new_client()
    response = sign_in_with_password(worker, user.username, TEST_PASSWORD, REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 302, "the worker at their own address is not locked out"
    assert response.url == "/accounts/2fa/authenticate/"


def test_three_wrong_passwords_do_not_slow_the_next_attempt(client, make_user):
    user = make_user(Role.FRONT_DOOR)
    for _attempt in range(2):
        sign_in_with_password(client, user.username, "wrong password guess")

    response = sign_in_with_password(client, user.username, TEST_PASSWORD)

    assert response.status_code == 302
    assert response.url == "/accounts/2fa/authenticate/"


def test_the_wait_covers_the_account_whichever_identifier_is_typed(client, make_user, still_clock):
    user = make_user(Role.FRONT_DOOR)
    for _attempt in range(5):
        sign_in_with_password(client, user.username, "wrong password guess")

    response = sign_in_with_password(client, user.email.upper(), TEST_PASSWORD)

    assert response.status_code == 200
    assert "Wait" in " ".join(Page(response).error_summary)
    assert not is_signed_in(client)


def test_waits_on_one_account_do_not_slow_another(client, make_user, still_clock):
    victim, colleague = make_user(Role.FRONT_DOOR), make_user(Role.FRONT_DOOR)
    for _attempt in range(5):
        sign_in_with_password(client, victim.username, "wrong password guess")

    response = sign_in_with_password(client, colleague.username, TEST_PASSWORD)

    assert response.status_code == 302
    assert response.url == "/accounts/2fa/authenticate/"


def test_a_session_older_than_the_maximum_age_is_signed_out(front_door, make_carer, settings):
    person = make_carer()
    assert front_door.get(f"/people/{person.pk}/").status_code == 200
    session = front_door.session
    max_age = settings.CARERSHUB_SESSION_MAX_AGE.total_seconds()
    session[SESSION_STARTED_KEY] = int(time.time() - max_age - 60)
    session.save()
    events_before = AccessEvent.objects.count()

    response = front_door.get(f"/people/{person.pk}/")

    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next=/people/{person.pk}/"
    assert not is_signed_in(front_door)
    assert AccessEvent.objects.count() == events_before
    assert front_door.get("/people/").url.startswith("/accounts/login/")


def test_a_session_younger_than_the_maximum_age_carries_on(front_door, settings):
    front_door.get("/")
    session = front_door.session
    session[SESSION_STARTED_KEY] = int(time.time() - settings.CARERSHUB_SESSION_MAX_AGE.total_seconds() + 120)
    session.save()

    assert front_door.get("/people/").status_code == 200
    assert is_signed_in(front_door)


def test_signing_out_ends_the_session(front_door):
    assert front_door.get("/people/").status_code == 200
    assert front_door.get("/accounts/logout/").status_code == 200  # asks to confirm

    response = front_door.post("/accounts/logout/")

    assert response.status_code == 302
    assert not is_signed_in(front_door)
    assert front_door.get("/people/").url.startswith("/accounts/login/")


def test_signing_out_of_every_other_session_ends_them_but_keeps_this_one(make_user, new_client):
    user = make_user(Role.FRONT_DOOR)
    laptop, shared_pc = new_client(user), new_client(user)
    assert shared_pc.get("/people/").status_code == 200
    sessions_page = laptop.get("/accounts/sessions/")
    assert sessions_page.status_code == 200
    assert len(Page(sessions_page).table_rows()) == 2

    response = laptop.post("/accounts/sessions/")

    assert response.status_code == 302
    assert laptop.get("/people/").status_code == 200
    assert shared_pc.get("/people/").url.startswith("/accounts/login/")
    assert len(Page(laptop.get("/accounts/sessions/")).table_rows()) == 1


def test_a_recovery_code_signs_in_once_when_the_phone_is_lost(client, new_client, make_user):
    user = make_user(Role.FRONT_DOOR)
    code = RecoveryCodes.activate(user).get_unused_codes()[0]
    sign_in_with_password(client, user.username)

    response = client.post("/accounts/2fa/authenticate/", {"code": code})

    assert response.status_code == 302
    assert is_signed_in(client)
    again = new_client()
    sign_in_with_password(again, user.username)
    assert again.post("/accounts/2fa/authenticate/", {"code": code}).status_code == 200
    assert not is_signed_in(again), "a recovery code works only once"


def test_an_idle_session_expires_on_the_server(front_door):
    assert front_door.get("/people/").status_code == 200
    Session.objects.filter(session_key=front_door.session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )

    assert front_door.get("/people/").url.startswith("/accounts/login/")


def test_repeated_wrong_codes_stop_further_tries_even_with_the_right_code(client, make_user):
    user = make_user(Role.FRONT_DOOR)
    sign_in_with_password(client, user.username)
    for _attempt in range(5):
        client.post("/accounts/2fa/authenticate/", {"code": wrong_totp_code()})

    response = client.post("/accounts/2fa/authenticate/", {"code": totp_code()})

    assert response.status_code == 200
    assert "Too many failed login attempts" in Page(response).error_for("code")
    assert not is_signed_in(client)


def test_the_admin_site_is_behind_the_same_authenticator_requirement(client, make_user):
    admin = make_user(Role.ADMINISTRATOR, mfa=False)
    admin.is_staff = admin.is_superuser = True
    admin.save()
    sign_in_with_password(client, admin.username)

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response.url == "/accounts/2fa/totp/activate/"
