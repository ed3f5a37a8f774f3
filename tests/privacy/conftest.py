"""Shared states for the privacy tests: a team manager, and a carer with one of every kind of record.

Everybody here is invented; third parties have names the tests look for in the downloads.
"""

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.utils import timezone

from carershub.accounts.models import Role
from carershub.contacts.models import CallerRole
from carershub.people.models import Person
from carershub.privacy import services as privacy_services
from carershub.privacy.models import Requester, RequestKind
from carershub.selfassessment import services as self_services
from carershub.support import services as support_services
from carershub.support.models import Review
from tests import formdata
from tests.builders import agreed_plan, completed_assessment

CARED_FOR_GIVEN = "Idris"
CALLER = "Gareth Testneighbour"
HELPER = "Dilys Testhelper"
REPRESENTATIVE = "Rhian Testsolicitor"
CONDITIONS = "Vascular dementia, falls at night"


@pytest.fixture
def manager(client_for):
    return client_for(Role.TEAM_MANAGER)


@dataclass
class FullCarer:
    person: Person
    practitioner: object
    request: object
    plan: object


@pytest.fixture
def full_carer(make_carer, make_user, make_consent, make_contact, region, client_for, new_client):
    """A carer with one of each: cared-for person, contact, consent, assessment and decision (so a
    letter), a support plan reviewed into a second version, a self-assessment filled in by a helper
    and linked to an assessment, a data-rights request from a representative, and access log rows."""
    council = region["orgs"]["council"]
    practitioner = make_user(Role.PRACTITIONER)
    carer = make_carer(given="Bronwen", family="Testfield", address_line_1="1 Test Row", town="Aberafon")

    front_door = new_client(make_user(Role.FRONT_DOOR))
    response = front_door.post(
        f"/people/{carer.pk}/cared-for/new/",
        formdata.cared_for(**{"caring-conditions_detail": CONDITIONS, "caring-condition_groups": ["dementia"]}),
    )
    assert response.status_code == 302
    make_contact(
        person=carer,
        caller_role=CallerRole.FAMILY_FRIEND,
        caller_name=CALLER,
        what_matters=f"{CARED_FOR_GIVEN} falls at night and Bronwen is exhausted",
    )
    make_consent(carer)

    assessment = completed_assessment(carer, actor=practitioner, organisation=council, eligible=True)
    plan = agreed_plan(assessment, actor=practitioner, review_date=timezone.localdate() + timedelta(days=30))
    support_services.record_review(
        plan,
        expected_version=plan.version,
        reviewed_on=timezone.localdate(),
        outcome=Review.Outcome.NO_CHANGE,
        notes="Breaks are working well",
        next_review_date=timezone.localdate() + timedelta(days=365),
        actor=practitioner,
    )

    sa = self_services.receive(
        details={
            "given_name": "Bronwen",
            "family_name": "Testfield",
            "date_of_birth": date(1970, 5, 17),
            "postcode": "AF1 2AB",
            "email": "bronwen@example.com",
            "phone": "",
        },
        answers={
            "caring_role": "I help my father every night",
            "cared_for_needs": "He has dementia",
            "able_to_care": "partly",
            "willing_to_care": "yes",
            "future_caring": "",
            "outcomes_wanted": "Sleep",
            "work_education_leisure": "",
            "carer_views": "",
            "wellbeing": {"health": {"impact": "significant", "notes": "Always tired"}},
        },
        area=region["areas"]["afon"],
        made_by="on_behalf",
        helper_name=HELPER,
    )
    self_services.start_assessment_from(sa, carer=carer, organisation=council, actor=practitioner)

    request = privacy_services.record_request(
        carer,
        kind=RequestKind.ACCESS,
        received_on=timezone.localdate(),
        requested_by=Requester.REPRESENTATIVE,
        representative_name=REPRESENTATIVE,
        representative_capacity="Solicitor",
        actor=practitioner,
    )
    # Somebody looked at the record: the access log has a row to show.
    assert new_client(practitioner).get(f"/people/{carer.pk}/").status_code == 200
    return FullCarer(person=Person.objects.get(pk=carer.pk), practitioner=practitioner, request=request, plan=plan)
