"""The steps of an assessment through its pages, shared by the assessments' view tests."""

from carershub.assessments import eligibility, services, wellbeing
from carershub.assessments.models import Assessment, AssessmentStatus
from tests.pages import Page


def start(client, carer, council, assessment_type="carer"):
    response = client.post(
        f"/assessments/new/{carer.pk}/", {"assessment_type": assessment_type, "assessing_organisation": council.pk}
    )
    assert response.status_code == 302, Page(response).error_summary
    return Assessment.objects.get(carer=carer)


def save(client, assessment, section, data):
    assessment.refresh_from_db()
    return client.post(f"/assessments/{assessment.pk}/{section}/", {**data, "version": assessment.version})


def field(code, part="achievable"):
    return f"{code.replace('.', '_')}__{part}"


def england_eligibility(struggling=None, **overrides):
    data = {
        "cared_for": "adult",
        "needs_arise_from_providing_care": "yes",
        "provides_necessary_care": "yes",
        "health_deteriorating_or_at_risk": "no",
        "significant_impact_on_wellbeing": "yes",
        "needs_fluctuate": "no",
    }
    for code in eligibility.OUTCOMES_BY_NATION[eligibility.Nation.ENGLAND]:
        data[field(code)] = "yes"
    if struggling:
        data[field(struggling[0])] = struggling[1]
    data.update(overrides)
    return data


def matters_data(assessment) -> dict:
    """The "other matters" section answered for every matter of the assessment's framework."""
    assessment.refresh_from_db()
    return {m.code: "yes" if m.kind == "yes_no" else "Talked through with the carer" for m in services.matters_asked(assessment)}


def fill_every_section(client, assessment, eligibility_data):
    for section, data in (
        ("matters", matters_data(assessment)),
        ("caring", {"caring_role": "Washes and dresses her mother", "cared_for_needs": "Advanced dementia"}),
        ("ability", {"able_to_care": "partly", "willing_to_care": "yes", "future_caring": "Unsure"}),
        ("outcomes", {"outcomes_wanted": "One night's sleep a week"}),
        ("wellbeing", {f"{code}_impact": "some" for code in wellbeing.AREAS_BY_NATION[assessment.nation]}),
        ("life", {"work_education_leisure": "Gave up work last year"}),
        ("views", {"carer_views": "I am worn out", "participants": "The carer"}),
        ("eligibility", eligibility_data),
    ):
        response = save(client, assessment, section, data)
        assert response.status_code == 302, (section, Page(response).field_errors())


def confirm_proposal(client, assessment, **answers):
    """Open the decision page and record the rules' proposal as the decision (with ``answers`` added)."""
    page = Page(client.get(f"/assessments/{assessment.pk}/decide/"))
    assessment.refresh_from_db()
    data = {"version": assessment.version, "decided": page.value_of("decided"), **answers}
    if assessment.nation == "wales" and data["decided"] == "no":
        data.setdefault("must_meet", "no")
    return client.post(f"/assessments/{assessment.pk}/decide/", {k: v for k, v in data.items() if v is not None})


def submit_and_decide(client, assessment, **answers):
    assessment.refresh_from_db()
    client.post(f"/assessments/{assessment.pk}/submit/", {"version": assessment.version})
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.SUBMITTED
    response = confirm_proposal(client, assessment, **answers)
    assert response.status_code == 302, Page(response).field_errors()
    assessment.refresh_from_db()
    return assessment


def welsh_eligibility():
    data = {"cared_for": "adult", "needs_arise_from_providing_care": "yes", "needs_fluctuate": "no"}
    for i, code in enumerate(eligibility.OUTCOMES_BY_NATION[eligibility.Nation.WALES]):
        if i == 0:
            data.update({field(code): "takes_significantly_longer", field(code, "others_help"): "no", field(code, "council"): "yes"})
        else:
            data[field(code)] = "yes"
    return data
