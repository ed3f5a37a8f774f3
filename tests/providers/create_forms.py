"""The register's create forms in tests/core/test_idempotency.py (each sent twice makes one record)."""

CREATE_FORMS: list[str] = [
    "provider",
    "provider_worker",
    "provider_check",
    "provider_registration",
    "provider_advice",
]


def create_forms(*, region, make_user, new_client, carer, practitioner, front_door) -> dict:
    from django.utils import timezone

    from carershub.accounts.models import Role
    from carershub.providers.models import Advice, Check, Provider, RegistrationApplication, Worker
    from tests import formdata
    from tests.core.test_idempotency import CreateForm
    from tests.providers.build import make_provider

    manager = make_user(Role.TEAM_MANAGER, organisation="council")
    client = new_client(manager)
    today = timezone.localdate()
    afon = region["areas"]["afon"]
    made = iter(range(1, 1000))

    def a_provider():
        return make_provider(name=f"Idempotent Provider {next(made)}", area=afon, actor=manager)

    def provider():
        typed = {"name": "Idempotent Care Co-op", "provider_type": "cooperative", "areas": [str(afon.pk)],
                 "services": ["personal_care"], "day_mon": ["morning"]}
        return CreateForm(client, "/providers/new/", typed, Provider.objects.count)

    def provider_worker():
        found = a_provider()
        return CreateForm(client, f"/providers/{found.pk}/workers/new/", {"name": "Once Worker"}, Worker.objects.count)

    def provider_check():
        found = a_provider()
        typed = {"outcome": "met", "evidence": "Policy seen", **formdata.date_parts("checked_on", today)}
        return CreateForm(client, f"/providers/{found.pk}/checklist/governance/", typed, Check.objects.count)

    def provider_registration():
        found = a_provider()
        typed = formdata.date_parts("submitted_on", today)
        return CreateForm(client, f"/providers/{found.pk}/registration/new/", typed,
                          RegistrationApplication.objects.count)

    def provider_advice():
        found = a_provider()
        typed = {"topic": "hr", "summary": "Advised on contracts of employment", "confirmed": "on",
                 **formdata.date_parts("given_on", today)}
        return CreateForm(client, f"/providers/{found.pk}/advice/new/", typed, Advice.objects.count)

    return {f.__name__: f for f in (provider, provider_worker, provider_check, provider_registration, provider_advice)}
