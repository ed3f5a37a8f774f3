"""Contract monitoring create forms in tests/core/test_idempotency.py (sent twice, each makes one record)."""

CREATE_FORMS: list[str] = ["monitoring_kpi", "monitoring_return"]


def create_forms(*, region, make_user, new_client, carer, practitioner, front_door) -> dict:
    """{name: function returning a tests.core.test_idempotency.CreateForm}, imported there lazily."""
    from carershub.accounts.models import Role
    from carershub.reporting.monitoring.models import Kpi, MonitoringReturn
    from tests.core.test_idempotency import CreateForm
    from tests.monitoring.build import make_contract

    contract = make_contract(commissioner=region["orgs"]["council"], provider=region["orgs"]["partner"],
                             title="Idempotent Contract")

    def monitoring_kpi():
        client = new_client(make_user(Role.TEAM_MANAGER, organisation="council"))
        typed = {"name": "Carers identified", "description": "New carers identified by the provider",
                 "source": "counted", "measure": "carers_identified", "scope": "provider", "unit": "number",
                 "target": "150", "direction": "higher", "tolerance": "15"}
        return CreateForm(client, f"/figures/contracts/{contract.pk}/kpis/new/", typed, Kpi.objects.count)

    def monitoring_return():
        client = new_client(make_user(Role.PARTNER_WORKER, organisation="partner"))
        return CreateForm(client, f"/figures/contracts/{contract.pk}/returns/new/", {"quarter": "2025-q1"},
                          MonitoringReturn.objects.count)

    return {"monitoring_kpi": monitoring_kpi, "monitoring_return": monitoring_return}
