"""manage.py create_api_token: a token for another system, printed once."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from carershub.accounts.models import StaffRole, User

DECIDE = "/api/v1/eligibility/decisions/"


def create_api_token(*args):
    out, err = StringIO(), StringIO()
    call_command("create_api_token", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def client_with(token):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def test_creates_a_service_account_and_prints_a_working_token(db):
    out, err = create_api_token("council-case-system")

    token = out.strip()
    assert out == token + "\n"  # only the token on stdout, so a script can capture it
    assert "not shown again" in err
    user = User.objects.get(username="council-case-system")
    assert not user.has_usable_password()
    assert not user.is_staff and not user.is_superuser and user.is_active
    assert not user.roles.exists()
    assert Token.objects.get(user=user).key == token

    response = client_with(token).post(DECIDE, {"nation": "england"}, format="json")
    assert response.status_code == 200
    assert response.json()["eligible"] is None
    assert client_with(token).get("/api/v1/health/").json() == {"status": "ok", "user": "council-case-system"}


def test_will_not_show_or_replace_an_existing_token_without_rotate(db):
    first, _ = create_api_token("council-case-system")
    with pytest.raises(CommandError, match="--rotate"):
        create_api_token("council-case-system")
    assert Token.objects.get().key == first.strip()


def test_rotate_replaces_the_token_and_the_old_one_stops_working(db):
    old = create_api_token("council-case-system")[0].strip()
    new, err = create_api_token("council-case-system", "--rotate")
    new = new.strip()

    assert new != old
    assert "Rotated" in err
    assert Token.objects.count() == 1
    assert client_with(old).post(DECIDE, {"nation": "wales"}, format="json").status_code == 401
    assert client_with(new).post(DECIDE, {"nation": "wales"}, format="json").status_code == 200


def test_rotate_creates_a_token_when_there_is_none(db):
    out, _ = create_api_token("council-case-system", "--rotate")
    assert Token.objects.get().key == out.strip()


def test_an_existing_service_account_without_a_token_gets_one(service_account):
    out, err = create_api_token(service_account.username)
    assert Token.objects.get(user=service_account).key == out.strip()
    assert "Created token" in err


def test_refuses_a_persons_sign_in_account(make_user):
    # A token skips the password and MFA, so a member of staff's account must never get one.
    person = make_user("practitioner", username="ann.worker")
    with pytest.raises(CommandError, match="not a service account"):
        create_api_token("ann.worker")
    assert not Token.objects.filter(user=person).exists()


def test_refuses_an_account_with_roles_even_without_a_password(service_account):
    StaffRole.objects.create(user=service_account, role="administrator")
    with pytest.raises(CommandError, match="holds staff roles"):
        create_api_token(service_account.username)


def test_refuses_a_deactivated_account(service_account):
    service_account.is_active = False
    service_account.save()
    with pytest.raises(CommandError, match="deactivated"):
        create_api_token(service_account.username, "--rotate")


def test_refuses_an_invalid_username(db):
    with pytest.raises(CommandError):
        create_api_token("not a valid name!")
    assert not User.objects.exists()
