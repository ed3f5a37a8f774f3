import pytest

from carershub.accounts.models import Role
from tests.providers.build import make_provider as build_provider


@pytest.fixture
def keeper(make_user):
    """A team manager of the Afon council: keeps the register."""
    return make_user(Role.TEAM_MANAGER, organisation="council")


@pytest.fixture
def keeper_client(new_client, keeper):
    return new_client(keeper)


@pytest.fixture
def make_provider(region, keeper):
    """make_provider(status="active", provider_type="micro_enterprise", area=..., checklist_complete=True,
    workers=("Test Worker",), **more) -> a provider on the register serving Afon unless told."""
    counter = iter(range(1, 10_000))

    def _make(status="active", provider_type="micro_enterprise", area=None, checklist_complete=True,
              workers=("Test Worker",), name=None, **more):
        return build_provider(
            name=name or f"Test Provider {next(counter)}", area=area or region["areas"]["afon"], actor=keeper,
            provider_type=provider_type, status=status, complete=checklist_complete, workers=workers, **more,
        )

    return _make
