"""API tokens are stored only as a hash, shown once, and can be revoked (issue 14)."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from carershub.accounts.models import Role
from carershub.api.models import ApiToken
from tests.api.conftest import client_with
from tests.pages import Page

HEALTH = "/api/v1/health/"


def token_of(key) -> ApiToken:
    return ApiToken.objects.get(prefix=key[:8])


class TestAuthentication:
    def test_a_revoked_token_is_refused_like_an_unknown_one(self, api_key):
        ApiToken.objects.revoke()
        response = client_with(api_key).get(HEALTH)
        assert response.status_code == 401
        assert response.json() == {"detail": "Invalid token."}
        assert client_with(api_key[:-1] + "x").get(HEALTH).json() == {"detail": "Invalid token."}

    def test_the_key_goes_in_the_token_header_only(self, api_key):
        client = client_with(api_key)
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {api_key}")
        assert client.get(HEALTH).status_code == 401
        client.credentials(HTTP_AUTHORIZATION=f"Token {api_key[:8]}")  # the prefix is not the key
        assert client.get(HEALTH).status_code == 401

    def test_use_is_recorded_at_most_once_a_minute(self, api_key):
        client = client_with(api_key)
        assert token_of(api_key).last_used_at is None

        client.get(HEALTH)
        first = token_of(api_key).last_used_at
        client.get(HEALTH)
        assert first is not None and token_of(api_key).last_used_at == first

        ApiToken.objects.update(last_used_at=first - timedelta(minutes=2))
        client.get(HEALTH)
        assert token_of(api_key).last_used_at > first - timedelta(minutes=2)

    def test_drfs_plaintext_token_table_is_gone(self, db):
        assert "rest_framework.authtoken" not in settings.INSTALLED_APPS
        assert "authtoken_token" not in connection.introspection.table_names()


class TestAdmin:
    @pytest.fixture
    def admin_client(self, client_for):
        client = client_for(Role.ADMINISTRATOR)
        client.user.is_staff = client.user.is_superuser = True
        client.user.save()
        return client

    def test_shows_whose_and_when_but_neither_key_nor_hash(self, admin_client, api_key):
        token = token_of(api_key)
        pages = {
            "list": admin_client.get("/admin/api/apitoken/"),
            "token": admin_client.get(f"/admin/api/apitoken/{token.pk}/change/"),
        }
        for name, response in pages.items():
            assert response.status_code == 200, name
            html = response.content.decode()
            assert api_key not in html and token.key_hash not in html, name
            assert token.prefix in html and "case-system" in html, name
        editable = {field.attrs.get("name") for field in Page(pages["token"]).find_all("input")}
        assert not editable & {"key_hash", "prefix", "name", "user", "revoked_at"}, "nothing is edited here"

    def test_tokens_are_not_added_or_deleted_here(self, admin_client, api_key):
        token = token_of(api_key)
        assert admin_client.get("/admin/api/apitoken/add/").status_code == 403
        assert admin_client.get(f"/admin/api/apitoken/{token.pk}/delete/").status_code == 403

    def test_revoking_from_the_admin_stops_the_token_and_keeps_the_record(self, admin_client, api_key):
        token = token_of(api_key)
        response = admin_client.post(
            "/admin/api/apitoken/", {"action": "revoke", "_selected_action": [token.pk]}, follow=True
        )
        assert response.status_code == 200
        assert "Revoked 1 token." in response.content.decode()
        token.refresh_from_db()
        assert token.revoked_at is not None and token.revoked_at <= timezone.now()
        assert client_with(api_key).get(HEALTH).status_code == 401
