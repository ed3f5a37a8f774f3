"""The directory's create form in tests/core/test_idempotency.py: a proposal sent twice is one proposal."""

CREATE_FORMS: list[str] = ["directory_proposal"]


def create_forms(*, region, make_user, new_client, carer, practitioner, front_door) -> dict:
    from carershub.accounts.models import Role
    from carershub.directory import services
    from carershub.directory.models import ChangeProposal
    from tests.core.test_idempotency import CreateForm

    def directory_proposal():
        partner = region["orgs"]["partner"]
        worker = new_client(make_user(Role.PARTNER_WORKER, organisation="partner"))
        service = services.add_service(
            organization=services.directory_organisation_for(partner), name="Idempotent group"
        )
        typed = {"name": "Idempotent group, renamed"}
        return CreateForm(worker, f"/directory/services/{service.pk}/propose/", typed, ChangeProposal.objects.count)

    return {"directory_proposal": directory_proposal}
