"""Writing and changing a contingency plan: who may, the three-contact limit, bad input, locking, events."""

import datetime

import pytest
from django.db import IntegrityError

from carershub.accounts.models import Role
from carershub.activity.models import Event, EventKind
from carershub.audit.models import AccessEvent, AccessPart
from carershub.support.emergency.models import ContingencyPlan, EmergencyContact
from tests.emergency.conftest import plan_post, write_plan


def test_a_practitioner_writes_a_plan_and_it_is_an_event(client_for, caring, lines):
    client = client_for(Role.PRACTITIONER)
    relationship = caring()
    carer = relationship.carer

    response = client.post(f"/emergency/carer/{carer.pk}/plan/new/", plan_post(relationship))

    assert response.status_code == 302
    plan = ContingencyPlan.objects.get(carer=carer)
    assert plan.cared_for == relationship
    assert plan.pets == "A cat, Smwt"
    assert [c.phone for c in plan.contacts.all()] == ["+447700900123"]
    event = Event.objects.get(kind=EventKind.CONTINGENCY_PLAN_WRITTEN)
    assert event.person_id == carer.pk and event.data == {"new": 1, "contacts": 1}
    page = client.get(f"/emergency/carer/{carer.pk}/plan/")
    assert "Penicillin" in page.content.decode()
    assert AccessEvent.objects.filter(person_ref=carer.pk, part=AccessPart.CONTINGENCY_PLAN).exists()


def test_the_review_date_defaults_to_twelve_months(client_for, caring, lines):
    client = client_for(Role.FRONT_DOOR)
    carer = caring().carer
    today = datetime.date.today()

    page = client.get(f"/emergency/carer/{carer.pk}/plan/new/").content.decode()

    assert f'name="review_by_year" type="text" value="{today.year + 1}"' in page or f'value="{today.year + 1}"' in page


def test_up_to_three_contacts_and_no_more(client_for, caring, lines):
    client = client_for(Role.PRACTITIONER)
    relationship = caring()
    extra = {}
    for i in range(1, 5):
        extra.update({f"contact{i}-name": f"Contact {i}", f"contact{i}-phone": f"07700 90012{i}"})

    client.post(f"/emergency/carer/{relationship.carer_id}/plan/new/", plan_post(relationship, **extra))

    plan = ContingencyPlan.objects.get(carer=relationship.carer)
    assert [c.name for c in plan.contacts.all()] == ["Contact 1", "Contact 2", "Contact 3"]


def test_the_database_refuses_a_fourth_contact(caring, make_user):
    plan = write_plan(caring(), actor=make_user(Role.PRACTITIONER))
    with pytest.raises(IntegrityError):
        EmergencyContact.objects.create(plan=plan, position=4, name="Fourth", phone="+447700900124")


def test_a_contact_needs_a_name_and_a_real_phone_number(client_for, caring, lines):
    client = client_for(Role.PRACTITIONER)
    relationship = caring()

    response = client.post(
        f"/emergency/carer/{relationship.carer_id}/plan/new/",
        plan_post(relationship, **{"contact1-name": "", "contact1-phone": "not a phone"}),
    )

    assert response.status_code == 200
    text = response.content.decode()
    assert "Enter the contact&#39;s name" in text or "Enter the contact's name" in text
    assert 'id="contact1-phone-error"' in text or "contact1-phone" in text
    assert not ContingencyPlan.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"needs_and_routines": ""}, "Enter their needs and daily routines"),
        ({"safe_alone": ""}, "Enter how long they can safely be left alone"),
        ({"review_by_year": "2001"}, "must be today or in the future"),
        ({"review_by_year": "2099"}, "Review the plan within 2 years"),
        ({"cared_for": "999999"}, "Select who the carer looks after"),
    ],
)
def test_bad_input_is_told_on_the_field_and_saves_nothing(client_for, caring, lines, changes, message):
    client = client_for(Role.PRACTITIONER)
    relationship = caring()

    response = client.post(f"/emergency/carer/{relationship.carer_id}/plan/new/", plan_post(relationship, **changes))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ContingencyPlan.objects.exists()
    assert not Event.objects.filter(kind=EventKind.CONTINGENCY_PLAN_WRITTEN).exists()


def test_someone_elses_cared_for_person_cannot_be_chosen(client_for, caring, lines):
    client = client_for(Role.PRACTITIONER)
    mine, theirs = caring(), caring(given="Other")

    response = client.post(f"/emergency/carer/{mine.carer_id}/plan/new/", plan_post(mine, cared_for=theirs.pk))

    assert response.status_code == 200
    assert not ContingencyPlan.objects.exists()


def test_a_change_saved_by_somebody_else_first_saves_nothing(client_for, caring, make_user, lines):
    relationship = caring()
    plan = write_plan(relationship, actor=make_user(Role.PRACTITIONER))
    client = client_for(Role.PRACTITIONER)
    url = f"/emergency/carer/{relationship.carer_id}/plan/edit/"

    first = client.post(url, plan_post(relationship, version=1, pets="A dog"))
    second = client.post(url, plan_post(relationship, version=1, pets="Two cats"))

    assert first.status_code == 302
    assert second.status_code == 200 and "Somebody else changed this plan" in second.content.decode()
    plan.refresh_from_db()
    assert plan.pets == "A dog" and plan.version == 2
    assert Event.objects.filter(kind=EventKind.CONTINGENCY_PLAN_WRITTEN).count() == 2


def test_a_carer_has_one_plan(caring, make_user):
    relationship = caring()
    write_plan(relationship, actor=make_user(Role.PRACTITIONER))
    with pytest.raises(IntegrityError):
        ContingencyPlan.objects.create(
            carer=relationship.carer,
            cared_for=relationship,
            needs_and_routines="x",
            safe_alone="x",
            review_by=datetime.date.today(),
        )


@pytest.mark.parametrize("role", [Role.PARTNER_WORKER, Role.COMMISSIONER, Role.EMERGENCY_RESPONDER])
def test_other_roles_neither_read_nor_write_plans(client_for, caring, make_user, lines, role):
    relationship = caring()
    write_plan(relationship, actor=make_user(Role.PRACTITIONER))
    client = client_for(role, organisation="partner" if role == Role.PARTNER_WORKER else None)

    assert client.get(f"/emergency/carer/{relationship.carer_id}/plan/").status_code in (403, 404)
    assert client.get(f"/emergency/carer/{relationship.carer_id}/plan/edit/").status_code in (403, 404)


def test_a_carer_who_looks_after_nobody_is_asked_to_add_them_first(client_for, make_carer, lines):
    client = client_for(Role.PRACTITIONER)
    carer = make_carer()

    response = client.get(f"/emergency/carer/{carer.pk}/plan/new/", follow=True)

    assert "Add the person the carer looks after" in response.content.decode()
