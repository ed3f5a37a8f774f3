import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from carershub.accounts.models import User


@pytest.fixture
def service_account(db):
    user = User(username="case-system")
    user.set_unusable_password()
    user.save()
    return user


@pytest.fixture
def api_client(service_account):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=service_account).key}")
    return client
