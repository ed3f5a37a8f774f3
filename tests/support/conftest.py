"""Fixtures for the support plan tests."""

import pytest

from carershub.accounts.models import Role


@pytest.fixture
def practitioner(client_for):
    return client_for(Role.PRACTITIONER)
