from tests.providers.build import make_provider
from carershub.accounts.models import Role
from carershub.providers import services


def test_make_provider_can_take_new_people(region, make_user):
    actor = make_user(Role.TEAM_MANAGER)
    provider = make_provider(name="Test Cartref", area=region["areas"]["afon"], actor=actor)
    assert services.new_people_problems(provider) == []
    assert provider.limit_applies()
    incomplete = make_provider(name="Test Gofal", area=[region["areas"]["afon"]], actor=actor, complete=False)
    assert services.new_people_problems(incomplete)
