import pytest

from carershub.accounts.models import Role


@pytest.fixture
def commissioner(client_for):
    """A signed-in commissioner's test client."""
    return client_for(Role.COMMISSIONER)
