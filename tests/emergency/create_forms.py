"""The emergency create forms in tests/core/test_idempotency.py (each sent twice makes one record)."""

CREATE_FORMS: list[str] = ["contingency_plan", "emergency_card", "emergency_call_out"]


def _relationship(carer):
    from carershub.people.models import CaringRelationship, Person

    cared_for = Person.objects.create(given_name="Idris", family_name="Idempotent", area=carer.area)
    return CaringRelationship.objects.create(carer=carer, cared_for=cared_for, relationship="parent")


def _plan(carer, user):
    from tests.emergency.conftest import write_plan

    return write_plan(_relationship(carer), actor=user)


def create_forms(*, region, make_user, new_client, carer, practitioner, front_door) -> dict:
    """{name: function returning a tests.core.test_idempotency.CreateForm}, imported there lazily."""
    from carershub.support.emergency.models import ContingencyPlan, EmergencyCard, EmergencyEpisode
    from tests.core.test_idempotency import CreateForm
    from tests.emergency.conftest import plan_post

    def contingency_plan():
        relationship = _relationship(carer)
        typed = plan_post(relationship)
        return CreateForm(practitioner, f"/emergency/carer/{carer.pk}/plan/new/", typed, ContingencyPlan.objects.count)

    def emergency_card():
        _plan(carer, practitioner.user)
        return CreateForm(practitioner, f"/emergency/carer/{carer.pk}/card/new/", {}, EmergencyCard.objects.count)

    def emergency_call_out():
        plan = _plan(carer, practitioner.user)
        typed = {
            "called_by": "A neighbour",
            "what_happened": "The carer fell and went to hospital",
            "arranged": "family",
        }
        return CreateForm(practitioner, f"/emergency/plans/{plan.pk}/call-out/", typed, EmergencyEpisode.objects.count)

    return {
        "contingency_plan": contingency_plan,
        "emergency_card": emergency_card,
        "emergency_call_out": emergency_call_out,
    }
