"""Shared set-up for the emergency tests: a carer who looks after someone, the response lines,
a contingency plan and a card."""

import datetime

import pytest

from carershub.people.models import CaringRelationship, Person
from carershub.support.emergency import services
from carershub.support.emergency.models import ResponseLine

PLAN_POST = {
    "needs_and_routines": "Needs help to wash and dress; breakfast at 8, tablets with food.",
    "safe_alone": "Up to an hour",
    "keys": "Key safe by the back door, code with the line",
    "medication": "Donepezil 10mg at night; blister pack in the kitchen cupboard",
    "allergies": "Penicillin",
    "gp_and_pharmacy": "Test Surgery; High Street Pharmacy",
    "care_services": "",
    "aids": "Walking frame; continence pads upstairs",
    "communication": "Hard of hearing: speak on his left side",
    "pets": "A cat, Smwt",
    "carers_wishes": "Ring her sister first",
    "contact1-name": "Sian Jones",
    "contact1-relationship": "Daughter",
    "contact1-phone": "07700 900123",
    "contact1-availability": "Evenings",
}


def plan_post(relationship, **changes) -> dict:
    review = datetime.date.today() + datetime.timedelta(days=300)
    data = {
        **PLAN_POST,
        "cared_for": relationship.pk,
        "review_by_day": review.day,
        "review_by_month": review.month,
        "review_by_year": review.year,
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def lines(region):
    return {
        "default": ResponseLine.objects.create(name="Region emergency line", phone="+441632960000", hours="24 hours"),
        "afon": ResponseLine.objects.create(
            name="Afon Carers Emergency Response",
            phone="+441632960001",
            hours="24 hours, every day",
            area=region["areas"]["afon"],
        ),
    }


@pytest.fixture
def caring(make_carer):
    """caring(carer=None) -> a CaringRelationship of a new (or the given) carer with their father."""

    def _make(carer=None, **carer_fields):
        carer = carer or make_carer(**carer_fields)
        father = Person.objects.create(given_name="Emrys", family_name=carer.family_name, area=carer.area)
        return CaringRelationship.objects.create(carer=carer, cared_for=father, relationship="parent")

    return _make


def write_plan(relationship, *, actor, review_by=None, contacts=None):
    data = {
        "cared_for": relationship,
        "needs_and_routines": "Needs help to wash and dress",
        "safe_alone": "Not at all",
        "keys": "With the neighbour at number 4",
        "review_by": review_by or datetime.date.today() + datetime.timedelta(days=365),
    }
    return services.write_plan(
        relationship.carer,
        data=data,
        contacts=contacts
        if contacts is not None
        else [{"name": "Sian", "relationship": "Daughter", "phone": "+447700900123", "availability": ""}],
        actor=actor,
    )


@pytest.fixture
def planned(caring, make_user, lines):
    """planned(**carer_fields) -> (plan, card): a carer with a contingency plan and a live card."""
    from carershub.accounts.models import Role

    worker = make_user(Role.PRACTITIONER)

    def _make(**carer_fields):
        relationship = caring(**carer_fields)
        plan = write_plan(relationship, actor=worker)
        return plan, services.issue_card(plan, actor=worker)

    return _make
