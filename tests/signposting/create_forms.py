"""The signposting create forms in tests/core/test_idempotency.py (each sent twice makes one record)."""

CREATE_FORMS: list[str] = ["signpost_from_directory", "signpost_not_listed"]


def create_forms(*, region, make_user, new_client, carer, practitioner, front_door) -> dict:
    """{name: function returning a tests.core.test_idempotency.CreateForm}, imported there lazily."""
    from carershub.directory.models import DirectoryOrganisation, Service
    from carershub.signposting.models import Signpost
    from tests.core.test_idempotency import CreateForm

    def signpost_from_directory():
        org = DirectoryOrganisation.objects.create(name="Idempotent provider", description="A test provider")
        service = Service.objects.create(name="Idempotent group", organization=org)
        return CreateForm(front_door, f"/signposting/new/?service={service.pk}&person={carer.pk}", {"note": "Will call"},
                          Signpost.objects.count)

    def signpost_not_listed():
        return CreateForm(front_door, f"/signposting/new/?person={carer.pk}&not_listed=1",
                          {"not_listed": "The village hall lunch club"}, Signpost.objects.count)

    return {f.__name__: f for f in (signpost_from_directory, signpost_not_listed)}
