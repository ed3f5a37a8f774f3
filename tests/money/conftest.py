import pytest

from carershub.accounts.models import Role


@pytest.fixture
def manager(make_user):
    """A team manager of the Afon council (the Test Council)."""
    return make_user(Role.TEAM_MANAGER, organisation="council")


@pytest.fixture
def manager_client(new_client, manager):
    return new_client(manager)


@pytest.fixture
def commissioner(make_user):
    """A commissioner at the region's carers centre."""
    return make_user(Role.COMMISSIONER)


@pytest.fixture
def commissioner_client(new_client, commissioner):
    return new_client(commissioner)


@pytest.fixture
def afon(region):
    return region["areas"]["afon"]
