"""Authenticator keys and recovery codes are encrypted in the database and never shown in the admin."""

import importlib
import subprocess
import sys

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from cryptography.fernet import Fernet
from django.apps import apps as django_apps
from django.contrib.sessions.models import Session
from django.db import connection

from carershub.accounts.models import Role
from carershub.core import crypto
from tests.accounts.test_sign_in import is_signed_in, sign_in_with_password
from tests.conftest import TEST_PASSWORD, TOTP_SECRET, totp_code
from tests.pages import Page
from tests.production.test_production_settings import ROOT, production_environment

migration = importlib.import_module("carershub.accounts.migrations.0002_encrypt_mfa_secrets")
PLAIN_SEED = "0123456789abcdef" * 5


def stored_data() -> str:
    """Every authenticator's data as the database holds it, read without the model."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT data FROM mfa_authenticator")
        return "\n".join(str(row[0]) for row in cursor.fetchall())


def sign_in_with_code(client, user, code):
    sign_in_with_password(client, user.username)
    client.post("/accounts/2fa/authenticate/", {"code": code})
    return is_signed_in(client)


def plaintext_authenticators(user):
    """Rows as they were saved before encryption: allauth's data with the secrets in clear."""
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": TOTP_SECRET})
    return Authenticator.objects.create(
        user=user, type=Authenticator.Type.RECOVERY_CODES, data={"seed": PLAIN_SEED, "used_mask": 0}
    )


class TestSettingUp:
    def test_after_setting_up_the_database_holds_no_plaintext_key_or_seed(self, client, make_user):
        user = make_user(Role.FRONT_DOOR, mfa=False)
        sign_in_with_password(client, user.username)
        client.post(client.get("/accounts/2fa/totp/activate/").url, {"password": TEST_PASSWORD})
        client.get("/accounts/2fa/totp/activate/")
        secret = client.session["mfa.totp.secret"]

        response = client.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret)})

        assert response.status_code == 302
        totp = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
        codes = Authenticator.objects.get(user=user, type=Authenticator.Type.RECOVERY_CODES)
        assert secret not in stored_data()
        assert crypto.decrypt(totp.data["secret"]) == secret
        assert crypto.is_encrypted(codes.data["seed"])
        # allauth keeps the key in the session only until the app is set up.
        assert not any(secret in str(s.get_decoded()) for s in Session.objects.all())

    def test_signing_in_with_an_authenticator_code_still_works(self, client, make_user):
        user = make_user(Role.PRACTITIONER)

        assert TOTP_SECRET not in stored_data()
        assert sign_in_with_code(client, user, totp_code())

    def test_signing_in_with_a_recovery_code_still_works(self, client, make_user):
        user = make_user(Role.PRACTITIONER)
        codes = RecoveryCodes.activate(user)
        code = codes.get_unused_codes()[0]

        assert code not in stored_data()
        assert sign_in_with_code(client, user, code)


class TestMigration:
    def test_encrypts_secrets_saved_before_and_sign_in_still_works(self, client, settings, make_user):
        user = make_user(Role.FRONT_DOOR, mfa=False)
        recovery = plaintext_authenticators(user)
        settings.MFA_ADAPTER = "allauth.mfa.adapter.DefaultMFAAdapter"  # as allauth read them before
        code = RecoveryCodes(recovery).get_unused_codes()[0]
        settings.MFA_ADAPTER = "carershub.accounts.mfa_adapter.EncryptingMFAAdapter"
        assert TOTP_SECRET in stored_data()

        migration.encrypt_secrets(django_apps, None)

        assert TOTP_SECRET not in stored_data()
        assert PLAIN_SEED not in stored_data()
        recovery.refresh_from_db()
        assert RecoveryCodes(recovery).get_unused_codes()[0] == code
        assert sign_in_with_code(client, user, totp_code())

    def test_running_it_again_changes_nothing(self, make_user):
        plaintext_authenticators(make_user(Role.FRONT_DOOR, mfa=False))
        migration.encrypt_secrets(django_apps, None)
        once = stored_data()

        migration.encrypt_secrets(django_apps, None)

        assert stored_data() == once

    def test_backwards_restores_the_plaintext(self, make_user):
        user = make_user(Role.FRONT_DOOR, mfa=False)
        recovery = plaintext_authenticators(user)
        recovery.data["migrated_codes"] = ["12345678"]
        recovery.save()
        migration.encrypt_secrets(django_apps, None)
        assert "12345678" not in stored_data()

        migration.decrypt_secrets(django_apps, None)

        assert Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP).data == {"secret": TOTP_SECRET}
        recovery.refresh_from_db()
        assert recovery.data == {"seed": PLAIN_SEED, "used_mask": 0, "migrated_codes": ["12345678"]}

    def test_a_value_encrypted_with_a_dropped_key_is_not_encrypted_twice(self, settings, make_user):
        make_user(Role.FRONT_DOOR)
        settings.CARERSHUB_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]

        with pytest.raises(crypto.InvalidToken):
            migration.encrypt_secrets(django_apps, None)


class TestKeys:
    def test_a_new_key_first_still_opens_values_encrypted_with_the_old_one(self, client, settings, make_user):
        old_key = settings.CARERSHUB_ENCRYPTION_KEYS[0]
        user = make_user(Role.FRONT_DOOR)
        stored = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP).data["secret"]
        new_key = Fernet.generate_key().decode()
        settings.CARERSHUB_ENCRYPTION_KEYS = [new_key, old_key]

        assert crypto.decrypt(stored) == TOTP_SECRET
        assert sign_in_with_code(client, user, totp_code())
        # New values are encrypted with the new key only.
        assert Fernet(new_key).decrypt(crypto.encrypt("new value").encode()) == b"new value"
        settings.CARERSHUB_ENCRYPTION_KEYS = [new_key]
        with pytest.raises(crypto.InvalidToken):
            crypto.decrypt(stored)

    @pytest.mark.parametrize(
        "keys, message",
        [(None, "Set CARERSHUB_ENCRYPTION_KEYS"), ("not-a-key", "not a Fernet key")],
    )
    def test_production_will_not_start_without_a_valid_key(self, tmp_path, keys, message):
        env = production_environment(tmp_path)
        env.pop("CARERSHUB_ENCRYPTION_KEYS")
        if keys is not None:
            env["CARERSHUB_ENCRYPTION_KEYS"] = f"{Fernet.generate_key().decode()},{keys}"

        result = subprocess.run(
            [sys.executable, "-c", "import django; django.setup()"], cwd=ROOT, env=env, capture_output=True, text=True
        )

        assert result.returncode != 0
        assert "ImproperlyConfigured" in result.stderr and message in result.stderr


class TestAdmin:
    @pytest.fixture
    def admin_client(self, client_for):
        client = client_for(Role.ADMINISTRATOR)
        client.user.is_staff = client.user.is_superuser = True
        client.user.save()
        return client

    def test_authenticator_pages_show_whose_and_when_but_no_secret(self, admin_client, make_user):
        user = make_user(Role.FRONT_DOOR)
        recovery = RecoveryCodes.activate(user).instance
        totp = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
        secrets = [TOTP_SECRET, totp.data["secret"], recovery.data["seed"], crypto.decrypt(recovery.data["seed"])]
        secrets += RecoveryCodes(recovery).get_unused_codes()

        pages = {
            "list": admin_client.get("/admin/mfa/authenticator/"),
            "totp": admin_client.get(f"/admin/mfa/authenticator/{totp.pk}/change/"),
            "codes": admin_client.get(f"/admin/mfa/authenticator/{recovery.pk}/change/"),
            "user": admin_client.get(f"/admin/accounts/user/{user.pk}/change/"),
        }

        for name, response in pages.items():
            assert response.status_code == 200, name
            html = response.content.decode()
            for secret in secrets:
                assert secret not in html, f"the {name} page shows a secret"
        assert f"User: {user}" in Page(pages["totp"]).root.text()
        assert 'name="data"' not in pages["totp"].content.decode()

    def test_an_authenticator_cannot_be_added_or_edited_in_the_admin(self, admin_client, make_user):
        totp = Authenticator.objects.get(user=make_user(Role.FRONT_DOOR), type=Authenticator.Type.TOTP)

        assert admin_client.get("/admin/mfa/authenticator/add/").status_code == 403
        admin_client.post(f"/admin/mfa/authenticator/{totp.pk}/change/", {"type": "totp", "data": "{}"})

        totp.refresh_from_db()
        assert crypto.decrypt(totp.data["secret"]) == TOTP_SECRET
