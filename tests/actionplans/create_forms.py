"""The action plan create forms in tests/core/test_idempotency.py (sent twice, each makes one record)."""

CREATE_FORMS: list[str] = ["action_plan", "action_plan_priority", "action_plan_workstream", "action_plan_action"]


def create_forms(*, region, make_user, new_client, carer, practitioner, front_door) -> dict:
    """{name: function returning a tests.core.test_idempotency.CreateForm}, imported there lazily."""
    from carershub.accounts.models import Role
    from carershub.reporting.actionplans import services
    from carershub.reporting.actionplans.models import Action, ActionPlan, Priority, Workstream
    from tests.core.test_idempotency import CreateForm

    manager = make_user(Role.TEAM_MANAGER, organisation="council")
    client = new_client(manager)
    base = "/figures/action-plans/"

    def action_plan():
        return CreateForm(client, f"{base}new/", {"title": "Carers plan"}, ActionPlan.objects.count)

    def action_plan_priority():
        plan = services.create_plan(actor=manager, title="Priorities twice")
        return CreateForm(client, f"{base}{plan.pk}/priorities/new/", {"title": "Breaks"}, Priority.objects.count)

    def action_plan_workstream():
        plan = services.create_plan(actor=manager, title="Workstreams twice")
        priority = services.add_priority(plan, title="Breaks")
        return CreateForm(client, f"{base}{plan.pk}/workstreams/new/", {"priority": str(priority.pk),
                                                                          "title": "Vouchers"},
                          Workstream.objects.count)

    def action_plan_action():
        plan = services.create_plan(actor=manager, title="Actions twice")
        workstream = services.add_workstream(services.add_priority(plan, title="Breaks"), title="Vouchers")
        return CreateForm(client, f"{base}{plan.pk}/actions/new/", {"workstream": str(workstream.pk),
                                                                      "title": "Design the scheme", "due": "2026-27 Q2"},
                          Action.objects.count)

    return {"action_plan": action_plan, "action_plan_priority": action_plan_priority,
            "action_plan_workstream": action_plan_workstream, "action_plan_action": action_plan_action}
