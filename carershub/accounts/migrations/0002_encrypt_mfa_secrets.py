"""Encrypt the authenticator keys and recovery-code seeds already in the database.

From now on allauth encrypts them as it saves (``accounts.mfa_adapter``); this does the same
for rows saved before, with the keys in CARERSHUB_ENCRYPTION_KEYS. Safe to run again: a value
that is already encrypted is left as it is. Backwards, every value is decrypted again.
"""

from django.db import migrations

from carershub.core import crypto


def _map_secrets(data: dict, kind: str, change) -> dict:
    """``data`` with each secret allauth keeps for this kind of authenticator passed through ``change``."""
    data = dict(data)
    if kind == "totp" and "secret" in data:
        data["secret"] = change(data["secret"])
    elif kind == "recovery_codes":
        if "seed" in data:
            data["seed"] = change(data["seed"])
        if "migrated_codes" in data:
            data["migrated_codes"] = [change(code) for code in data["migrated_codes"]]
    return data


def _encrypt(value: str) -> str:
    return value if crypto.is_encrypted(value) else crypto.encrypt(value)


def _decrypt(value: str) -> str:
    return crypto.decrypt(value) if crypto.is_encrypted(value) else value


def _apply(apps, change):
    Authenticator = apps.get_model("mfa", "Authenticator")
    for authenticator in Authenticator.objects.filter(type__in=["totp", "recovery_codes"]).iterator():
        data = _map_secrets(authenticator.data, authenticator.type, change)
        if data != authenticator.data:
            Authenticator.objects.filter(pk=authenticator.pk).update(data=data)


def encrypt_secrets(apps, schema_editor):
    _apply(apps, _encrypt)


def decrypt_secrets(apps, schema_editor):
    _apply(apps, _decrypt)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [migrations.RunPython(encrypt_secrets, decrypt_secrets)]
