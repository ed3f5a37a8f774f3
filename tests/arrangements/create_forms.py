"""The arrangement create form in tests/core/test_idempotency.py (sent twice makes one arrangement)."""

CREATE_FORMS: list[str] = ["arrangement"]


def create_forms(*, region, make_user, new_client, carer, practitioner, front_door) -> dict:
    from django.utils import timezone

    from carershub.providers.arrangements.models import Arrangement
    from tests import formdata
    from tests.core.test_idempotency import CreateForm
    from tests.providers.build import make_provider

    today = timezone.localdate()

    def arrangement():
        provider = make_provider(name="Idempotent Arranged Care", area=region["areas"]["afon"], actor=practitioner.user)
        typed = {"provider": str(provider.pk), "kind": "regular", "covering_for": "", "setting": "in_home",
                 **formdata.date_parts("starts_on", today), **formdata.date_parts("ends_on", None),
                 "hours_per_week": "6", "funded_by": "council"}
        return CreateForm(practitioner, f"/care-arrangements/new/{carer.pk}/", typed, Arrangement.objects.count)

    return {"arrangement": arrangement}
