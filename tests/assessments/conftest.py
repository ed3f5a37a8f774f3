"""The people and councils the assessments' view tests start from."""

import pytest

from carershub.accounts.models import Role
from carershub.contacts.models import Contact
from carershub.partnership.models import Area, Nation, Organisation


@pytest.fixture
def english_council(region):
    area = Area.objects.create(name="Test Marchester", code="E06999802", nation=Nation.ENGLAND)
    return Organisation.objects.create(
        name="Test English Council", kind=Organisation.Kind.COUNCIL, sector=Organisation.Sector.STATUTORY, area=area
    )


@pytest.fixture
def welsh_council(region):
    council = region["orgs"]["council"]  # its area is in Wales
    council.assessment_sign_off_required = True
    council.save()
    return council


@pytest.fixture
def practitioner(client_for, english_council):
    # A delegated assessor at the carers centre: assesses for whichever council is responsible.
    return client_for(Role.PRACTITIONER, organisation="centre")


@pytest.fixture
def carer(make_carer, make_user, practitioner):
    person = make_carer(given="Eira", family="Testassessed")
    # Their case worker, so the practitioner works with them (people/relationships.py).
    person.carer.case_worker = practitioner.user
    person.carer.save()
    Contact.objects.create(
        person=person, channel="phone", caller_role="carer", what_matters="Needs a break",
        outcomes=["assessment_offered"], recorded_by=make_user(Role.FRONT_DOOR),
    )
    return person
