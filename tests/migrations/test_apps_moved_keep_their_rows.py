"""A database made before support plans and self-assessments had their own apps migrates forward
with every row kept, and back again (issue 6: the restructure loses no data)."""

import datetime

import pytest
from django.utils import timezone

from tests.migrations.steps import latest, migrate

BEFORE = [
    ("assessments", "0003_selfassessment_area_reference"),
    ("support", None),
    ("selfassessment", None),
    # Built on support plans, so not there before them either.
    ("casework", None),
    ("breaks", None),
    ("payments", None),
    # Signposting points at plans, contacts and assessments (issue 11).
    ("signposting", None),
]


@pytest.fixture
def old_database(transactional_db):
    apps = migrate(BEFORE)
    yield apps
    migrate(latest())


def _old_rows(apps):
    Area = apps.get_model("partnership", "Area")
    Organisation = apps.get_model("partnership", "Organisation")
    Person = apps.get_model("people", "Person")
    Assessment = apps.get_model("assessments", "Assessment")
    SupportPlan = apps.get_model("assessments", "SupportPlan")
    PlanAction = apps.get_model("assessments", "PlanAction")
    Review = apps.get_model("assessments", "Review")
    SelfAssessment = apps.get_model("assessments", "SelfAssessment")

    area = Area.objects.create(name="Old Afon", code="W06999701", nation="wales")
    council = Organisation.objects.create(name="Old Council", kind="council", sector="statutory", area=area)
    carer = Person.objects.create(given_name="Olwen", family_name="Oldrecord", postcode="AF1 2AB", area=area)
    assessment = Assessment.objects.create(
        carer=carer, assessment_type="carer", nation="wales", assessing_organisation=council, status="completed"
    )
    plan = SupportPlan.objects.create(
        carer=carer,
        assessment=assessment,
        status="agreed",
        outcomes="A break every month",
        personal_budget="250.00",
        review_date=datetime.date(2027, 1, 31),
    )
    PlanAction.objects.create(plan=plan, description="Book a sitting service", who="council")
    Review.objects.create(
        plan=plan, reviewed_on=datetime.date(2026, 11, 1), was_due_on=datetime.date(2026, 11, 30),
        outcome="no_change", notes="Going well",
    )
    SelfAssessment.objects.create(
        given_name="Sian", family_name="Sentin", date_of_birth=datetime.date(1970, 1, 2), postcode="AF1 3CD",
        area=area, reference="ABCD-EFGH", answers={"caring_role": "Every evening"}, submitted_at=timezone.now(),
        assessment=assessment,
    )
    return plan, assessment


def test_plans_reviews_and_self_assessments_keep_every_row_and_link(old_database):
    plan, assessment = _old_rows(old_database)

    apps = migrate(latest())

    SupportPlan = apps.get_model("support", "SupportPlan")
    moved = SupportPlan.objects.get(pk=plan.pk)
    assert (moved.outcomes, str(moved.personal_budget), moved.assessment_id) == (
        "A break every month", "250.00", assessment.pk
    )
    assert [a.description for a in moved.actions.all()] == ["Book a sitting service"]
    assert [r.notes for r in moved.reviews.all()] == ["Going well"]
    SelfAssessment = apps.get_model("selfassessment", "SelfAssessment")
    sent = SelfAssessment.objects.get(reference="ABCD-EFGH")
    assert (sent.answers, sent.assessment_id) == ({"caring_role": "Every evening"}, assessment.pk)


def test_the_move_can_be_undone_without_losing_rows(old_database):
    plan, _assessment = _old_rows(old_database)
    migrate(latest())

    apps = migrate(BEFORE)

    assert apps.get_model("assessments", "SupportPlan").objects.filter(pk=plan.pk).exists()
    assert apps.get_model("assessments", "SelfAssessment").objects.count() == 1
