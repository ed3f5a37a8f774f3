"""The survey return create form in tests/core/test_idempotency.py (sent twice, it makes one return)."""

CREATE_FORMS: list[str] = ["survey_return"]


def create_forms(*, region, make_user, new_client, carer, practitioner, front_door) -> dict:
    """{name: function returning a tests.core.test_idempotency.CreateForm}, imported there lazily."""
    from carershub.accounts.models import Role
    from carershub.reporting.survey.models import SurveyReturn
    from tests.core.test_idempotency import CreateForm

    commissioner_client = new_client(make_user(Role.COMMISSIONER))

    def survey_return():
        typed = {"survey": "sace", "area": str(region["areas"]["marches"].pk), "year": "2023", "reference": "",
                 "occupation": "1", "control": "2", "satisfaction": "1"}
        return CreateForm(commissioner_client, "/figures/survey/returns/new/?survey=sace", typed,
                          SurveyReturn.objects.count)

    return {"survey_return": survey_return}
