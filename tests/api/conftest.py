import pytest
from rest_framework.test import APIClient

from carershub.accounts.models import User
from carershub.api.models import ApiToken


@pytest.fixture
def service_account(db):
    user = User(username="case-system")
    user.set_unusable_password()
    user.save()
    return user


@pytest.fixture
def api_key(service_account):
    """A working key of the service account, as ``create_api_token`` would print it."""
    return ApiToken.issue(service_account, name="test")[1]


def client_with(key):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


@pytest.fixture
def api_client(api_key):
    return client_with(api_key)
