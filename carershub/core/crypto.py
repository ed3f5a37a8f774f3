"""Encrypting short secrets that must be kept in the database (authenticator keys and the like).

Fernet (AES-128-CBC with an HMAC-SHA256, from the ``cryptography`` package) with the keys in
``settings.CARERSHUB_ENCRYPTION_KEYS``, newest first: the first key encrypts, any listed key
decrypts (``MultiFernet``), so a new key goes first and an old one stays listed until no
stored value was encrypted with it.
"""

from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings

__all__ = ["InvalidToken", "decrypt", "encrypt", "is_encrypted"]

# Every Fernet token is URL-safe base64 of a version byte 0x80 and a 64-bit timestamp, so it
# starts with this; a base32 authenticator key or a hex seed never does.
_TOKEN_PREFIX = "gAAAAA"


@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(key) for key in keys])


def _current() -> MultiFernet:
    return _fernet(tuple(settings.CARERSHUB_ENCRYPTION_KEYS))


def encrypt(text: str) -> str:
    return _current().encrypt(text.encode()).decode("ascii")


def decrypt(token: str) -> str:
    """The text of a token made by ``encrypt`` with any listed key; ``InvalidToken`` otherwise."""
    return _current().decrypt(token.encode()).decode()


def is_encrypted(value: str) -> bool:
    """Whether a stored value is already a token: it decrypts with a listed key.

    A value shaped like a token that no listed key opens raises ``InvalidToken``: it was
    encrypted with a key that has since been dropped, and must not be taken for plain text.
    """
    try:
        decrypt(value)
    except InvalidToken:
        if value.startswith(_TOKEN_PREFIX):
            raise
        return False
    return True
