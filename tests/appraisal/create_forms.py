"""The options appraisal create forms in tests/core/test_idempotency.py (sent twice, each makes one record)."""

CREATE_FORMS: list[str] = ["appraisal", "appraisal_criterion", "appraisal_option"]


def create_forms(*, region, make_user, new_client, carer, practitioner, front_door) -> dict:
    """{name: function returning a tests.core.test_idempotency.CreateForm}, imported there lazily."""
    from carershub.accounts.models import Role
    from carershub.reporting.appraisal import services
    from carershub.reporting.appraisal.models import Appraisal, Criterion, Option
    from tests.core.test_idempotency import CreateForm

    manager = make_user(Role.TEAM_MANAGER, organisation="council")
    client = new_client(manager)
    base = "/figures/options-appraisals/"

    def appraisal():
        typed = {"title": "Breaks service", "method": "rag", "section16": "on"}
        return CreateForm(client, f"{base}new/", typed, Appraisal.objects.count)

    def appraisal_criterion():
        made = services.create_appraisal(actor=manager, title="Criteria twice")
        return CreateForm(client, f"{base}{made.pk}/criteria/new/", {"name": "Reach", "weight": "2"},
                          Criterion.objects.count)

    def appraisal_option():
        made = services.create_appraisal(actor=manager, title="Options twice", section16=True)
        return CreateForm(client, f"{base}{made.pk}/options/new/", {"name": "In-house"}, Option.objects.count)

    return {"appraisal": appraisal, "appraisal_criterion": appraisal_criterion, "appraisal_option": appraisal_option}
