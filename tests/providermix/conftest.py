import pytest

from carershub.accounts.models import Role


@pytest.fixture
def manager(make_user):
    """A team manager of the Afon council."""
    return make_user(Role.TEAM_MANAGER, organisation="council")


@pytest.fixture
def manager_client(new_client, manager):
    return new_client(manager)


@pytest.fixture
def afon(region):
    return region["areas"]["afon"]
