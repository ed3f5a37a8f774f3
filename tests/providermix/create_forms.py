"""The provider mix create form in tests/core/test_idempotency.py (sent twice, it makes one return)."""

CREATE_FORMS: list[str] = ["mix_return"]


def create_forms(*, region, make_user, new_client, carer, practitioner, front_door) -> dict:
    """{name: function returning a tests.core.test_idempotency.CreateForm}, imported there lazily."""
    from carershub.accounts.models import Role
    from carershub.providers.mix.models import MixReturn
    from tests.core.test_idempotency import CreateForm

    manager_client = new_client(make_user(Role.TEAM_MANAGER, organisation="council"))

    def mix_return():
        typed = {"area": str(region["areas"]["afon"].pk), "year": "2025", "quarter": "2", "basis": "hours",
                 "amount_private": "120", "amount_cooperative": "30"}
        return CreateForm(manager_client, "/provider-mix/returns/new/", typed, MixReturn.objects.count)

    return {"mix_return": mix_return}
