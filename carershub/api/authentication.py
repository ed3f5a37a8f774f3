"""``Authorization: Token <key>``, checked against the hashes in ``ApiToken``."""

import hmac

from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from carershub.api.models import ApiToken, hash_key


class ApiTokenAuthentication(authentication.TokenAuthentication):
    """DRF's token header (``Token <key>``, its messages and its ``WWW-Authenticate``), our hashed tokens.

    The key is looked up by its SHA-256 hash, so the database compares hashes, never keys: how long
    a lookup takes tells an attacker nothing about a key. The hash found is compared again in constant
    time, so the answer never rests on a database collation.
    """

    def authenticate_credentials(self, key):
        token = ApiToken.for_key(key)
        if token is None or not hmac.compare_digest(token.key_hash, hash_key(key)):
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        token.record_use()
        return (token.user, token)
