"""allauth's MFA adapter, encrypting the secrets it keeps in ``Authenticator.data``.

allauth passes every TOTP key and recovery-code seed through ``encrypt`` before saving and
``decrypt`` after loading, so the database holds only Fernet tokens (``core.crypto``).
"""

from allauth.mfa.adapter import DefaultMFAAdapter

from carershub.core import crypto


class EncryptingMFAAdapter(DefaultMFAAdapter):
    def encrypt(self, text: str) -> str:
        return crypto.encrypt(text)

    def decrypt(self, encrypted_text: str) -> str:
        return crypto.decrypt(encrypted_text)
