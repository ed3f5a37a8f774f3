"""The money create forms in tests/core/test_idempotency.py (sent twice, each makes one record)."""

CREATE_FORMS: list[str] = ["money_budget", "money_contract", "money_reduction"]


def create_forms(*, region, make_user, new_client, carer, practitioner, front_door) -> dict:
    """{name: function returning a tests.core.test_idempotency.CreateForm}, imported there lazily."""
    import datetime

    from carershub.accounts.models import Role
    from carershub.reporting.money import services
    from carershub.reporting.money.models import Contract, ContractReduction, MoneyLine
    from tests.core.test_idempotency import CreateForm

    manager = make_user(Role.TEAM_MANAGER, organisation="council")
    manager_client = new_client(manager)

    def money_budget():
        typed = {"area": str(region["areas"]["afon"].pk), "year": "2025", "service_line": "breaks",
                 "funder": "council", "amount": "12,500.50"}
        return CreateForm(manager_client, "/figures/money/budgets/new/", typed, MoneyLine.objects.count)

    def money_contract():
        typed = {"title": "Idempotent Carers Contract", "provider": str(region["orgs"]["centre"].pk),
                 "service_line": "information", "starts_on_day": "1", "starts_on_month": "4",
                 "starts_on_year": "2025", "ends_on_day": "31", "ends_on_month": "3", "ends_on_year": "2028",
                 "annual_value": "774731"}
        return CreateForm(manager_client, "/figures/money/contracts/new/", typed, Contract.objects.count)

    def money_reduction():
        contract = services.create_contract(
            actor=manager, areas=[], commissioner=region["orgs"]["council"], provider=region["orgs"]["centre"],
            title="Reduced Carers Contract", reference="", service_line="assessment",
            starts_on=datetime.date(2025, 4, 1), ends_on=datetime.date(2028, 3, 31), annual_value_pence=77_473_100,
        )
        typed = {"starts_on_day": "1", "starts_on_month": "4", "starts_on_year": "2026", "annual_pence": "41,870"}
        return CreateForm(manager_client, f"/figures/money/contracts/{contract.pk}/reduction/new/", typed,
                          ContractReduction.objects.count)

    return {"money_budget": money_budget, "money_contract": money_contract, "money_reduction": money_reduction}
