"""The matching create forms in tests/core/test_idempotency.py (each sent twice makes one record)."""

CREATE_FORMS: list[str] = ["care_request", "introduction"]


def create_forms(*, region, make_user, new_client, carer, practitioner, front_door) -> dict:
    """{name: function returning a tests.core.test_idempotency.CreateForm}, imported there lazily."""
    from carershub.providers.matching import services
    from carershub.providers.matching.models import CareRequest, Introduction
    from tests.core.test_idempotency import CreateForm
    from tests.providers.build import make_provider

    def care_request():
        typed = {"services": ["personal_care"], "times_mon": ["morning"]}
        return CreateForm(practitioner, f"/care-matching/new/{carer.pk}/", typed, CareRequest.objects.count)

    def introduction():
        make_provider(name="Idempotent Care", area=carer.area, actor=practitioner.user,
                      services=("personal_care",), availability=("mon:morning",))
        found = services.open_request(
            carer, actor=practitioner.user, services=["personal_care"], times=["mon:morning"], hours_per_week=None,
            welsh_needed=False, other_language="", preferences="", direct_payment=False,
        )
        return CreateForm(practitioner, f"/care-matching/{found.pk}/", {}, Introduction.objects.count,
                          post_url=f"/care-matching/{found.pk}/introduce/")

    return {"care_request": care_request, "introduction": introduction}
