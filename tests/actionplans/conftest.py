import pytest

from carershub.accounts.models import Role


@pytest.fixture
def commissioner(make_user):
    """A commissioner of the region's carers centre."""
    return make_user(Role.COMMISSIONER, organisation="centre")


@pytest.fixture
def commissioner_client(new_client, commissioner):
    return new_client(commissioner)
