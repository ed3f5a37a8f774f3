"""manage.py create_api_token: a token for another system, printed once, stored only as a hash; and revoked."""

import hashlib
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from carershub.accounts.models import StaffRole, User
from carershub.api.models import ApiToken
from tests.api.conftest import client_with

DECIDE = "/api/v1/eligibility/decisions/"


def create_api_token(*args):
    out, err = StringIO(), StringIO()
    call_command("create_api_token", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def works(key) -> bool:
    status = client_with(key).post(DECIDE, {"nation": "england"}, format="json").status_code
    assert status in (200, 401)
    return status == 200


def test_creates_a_service_account_and_prints_a_working_token(db):
    out, err = create_api_token("council-case-system")

    key = out.strip()
    assert out == key + "\n"  # only the key on stdout, so a script can capture it
    assert "not shown again" in err
    user = User.objects.get(username="council-case-system")
    assert not user.has_usable_password()
    assert not user.is_staff and not user.is_superuser and user.is_active
    assert not user.roles.exists()

    token = ApiToken.objects.get(user=user)
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert token.prefix == key[:8] and f"it starts {key[:8]}" in err
    assert token.name == "council-case-system"
    assert token.revoked_at is None and token.last_used_at is None

    response = client_with(key).post(DECIDE, {"nation": "england"}, format="json")
    assert response.status_code == 200
    assert response.json()["eligible"] is None
    assert client_with(key).get("/api/v1/health/").json() == {"status": "ok", "user": "council-case-system"}


def test_the_database_holds_no_key(db):
    key = create_api_token("council-case-system", "--name", "Marchester case system")[0].strip()

    row = ApiToken.objects.values().get()
    assert row["name"] == "Marchester case system"
    assert not any(key in str(value) for value in row.values())
    assert len(key) >= 43, "256 random bits"


def test_will_not_show_or_replace_an_existing_token_without_rotate(db):
    key = create_api_token("council-case-system")[0].strip()
    with pytest.raises(CommandError, match="--rotate"):
        create_api_token("council-case-system")
    assert ApiToken.objects.count() == 1
    assert works(key)


def test_rotate_replaces_the_token_and_the_old_one_stops_working(db):
    old = create_api_token("council-case-system")[0].strip()
    new, err = create_api_token("council-case-system", "--rotate")
    new = new.strip()

    assert new != old
    assert "Rotated" in err
    assert not works(old)
    assert works(new)
    # The old token stays on record, revoked.
    assert ApiToken.objects.active().count() == 1
    assert ApiToken.objects.filter(prefix=old[:8], revoked_at__isnull=False).exists()


def test_rotate_creates_a_token_when_there_is_none(db):
    key = create_api_token("council-case-system", "--rotate")[0].strip()
    assert works(key)


def test_an_existing_service_account_without_a_token_gets_one(service_account):
    out, err = create_api_token(service_account.username)
    assert ApiToken.objects.get(user=service_account).prefix == out[:8]
    assert "Created token" in err


def test_refuses_a_persons_sign_in_account(make_user):
    # A token skips the password and MFA, so a member of staff's account must never get one.
    person = make_user("practitioner", username="ann.worker")
    with pytest.raises(CommandError, match="not a service account"):
        create_api_token("ann.worker")
    assert not ApiToken.objects.filter(user=person).exists()


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


class TestRevoke:
    def test_revoked_token_stops_working_and_stays_on_record(self, db):
        key = create_api_token("council-case-system")[0].strip()

        out, err = create_api_token("council-case-system", "--revoke")

        assert out == ""
        assert f"Revoked the API token of council-case-system (it started {key[:8]}" in err
        assert not works(key)
        token = ApiToken.objects.get()
        assert token.revoked_at is not None

    def test_after_revoking_a_new_token_needs_no_rotate(self, db):
        create_api_token("council-case-system")
        create_api_token("council-case-system", "--revoke")
        key = create_api_token("council-case-system")[0].strip()
        assert works(key)

    def test_revoking_when_there_is_no_token_changes_nothing(self, service_account):
        out, err = create_api_token(service_account.username, "--revoke")
        assert out == "" and "nothing to revoke" in err

    def test_revoking_needs_an_existing_account_and_creates_none(self, db):
        with pytest.raises(CommandError, match="no account called"):
            create_api_token("council-case-sytsem", "--revoke")
        assert not User.objects.exists()

    def test_a_deactivated_accounts_token_can_still_be_revoked(self, service_account, api_key):
        service_account.is_active = False
        service_account.save()
        create_api_token(service_account.username, "--revoke")
        assert not ApiToken.objects.active().exists()

    def test_rotate_and_revoke_together_are_refused(self, db):
        with pytest.raises(CommandError, match="not allowed with"):
            create_api_token("council-case-system", "--rotate", "--revoke")
