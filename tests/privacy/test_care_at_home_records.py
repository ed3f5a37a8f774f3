"""A person's data-protection rights reach care at home (issue 13): the care arranged for them and
the requests to find it are in the subject access download, and an erasure blanks what was written
while the arrangement itself stays (the four-person rule and the provider mix still count it)."""

import json
from decimal import Decimal

import pytest
from django.utils import timezone

from carershub.accounts.models import Role
from carershub.privacy import services as privacy_services
from carershub.privacy.models import Requester, RequestKind
from carershub.providers.arrangements import services as arrangements
from carershub.providers.arrangements.models import Arrangement
from carershub.providers.matching import services as matching
from carershub.providers.matching.models import CareRequest, Introduction
from tests.privacy.test_erasure import REASON, erase_url
from tests.privacy.test_subject_access import download
from tests.providers.build import make_provider


@pytest.fixture
def cared_for(region, make_user, make_carer):
    practitioner = make_user(Role.PRACTITIONER, organisation="council")
    person = make_carer(given="Morwen", family="Homecarefield")
    provider = make_provider(name="Test Glan Micro Care", area=region["areas"]["afon"], actor=practitioner)
    today = timezone.localdate()
    arrangement = arrangements.start_arrangement(
        provider=provider, person=person, starts_on=today, hours_per_week=Decimal("7.5"),
        funded_by="direct_payment", actor=practitioner,
    )
    arrangements.end_arrangement(arrangement, expected_version=arrangement.version, ends_on=today,
                                 reason="Moved in with her daughter in Cardiff", actor=practitioner)
    request = matching.open_request(
        person, actor=practitioner, services=["personal_care"], times=["mon:morning"], hours_per_week=Decimal(6),
        welsh_needed=True, other_language="", preferences="Likes to be called Mor; hates early starts",
        direct_payment=True,
    )
    matching.introduce(request, provider, actor=practitioner)
    Introduction.objects.filter(request=request).update(notes="Her daughter will phone them")
    data_request = privacy_services.record_request(person, kind=RequestKind.ACCESS, received_on=today,
                                                   requested_by=Requester.PERSON, actor=practitioner)
    return person, data_request


def test_the_download_holds_the_care_arranged_and_the_search_for_it(manager, cared_for):
    _person, request = cared_for

    data = json.loads(download(manager, request, "for_review").content)

    arranged = data["care_arrangements"][0]
    assert arranged["provider"] == "Test Glan Micro Care"
    assert arranged["hours_per_week"] == "7.50" and arranged["funded_by"] == "Direct payment"
    assert arranged["ended_reason"] == "Moved in with her daughter in Cardiff"
    looked = data["care_requests"][0]
    assert looked["preferences"] == "Likes to be called Mor; hates early starts"
    assert looked["direct_payment"] == "Yes" and looked["times"] == "Monday morning"
    assert looked["introductions"] == "Test Glan Micro Care (Waiting to hear)"


def test_erasure_blanks_what_was_written_and_keeps_the_care_counted(manager, cared_for):
    person, _request = cared_for

    response = manager.post(erase_url(person), {"reason": REASON, "confirm": "on"})

    assert response.status_code == 302
    arrangement = Arrangement.objects.get(person=person)
    assert arrangement.ended_reason == "" and arrangement.hours_per_week == Decimal("7.5")
    request = CareRequest.objects.get(person=person)
    assert request.preferences == "" and request.services == ["personal_care"]
    assert Introduction.objects.get(request=request).notes == ""
