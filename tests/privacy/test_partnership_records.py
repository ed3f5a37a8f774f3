"""A carer's data-protection rights reach the partnership's records (issue 11): referrals and what
they were signposted to are in the subject access download, and erased with the rest."""

import json

import pytest
from django.utils import timezone

from carershub.accounts.models import Role
from carershub.privacy import services as privacy_services
from carershub.privacy.models import Requester, RequestKind
from carershub.referrals.models import Referral
from carershub.signposting import services as signposting
from carershub.signposting.models import Signpost, Source
from tests.builders import shared_with_partner
from tests.privacy.test_erasure import REASON, erase_url
from tests.privacy.test_subject_access import download


@pytest.fixture
def referred(region, make_user, make_carer):
    practitioner = make_user(Role.PRACTITIONER, organisation="council")
    carer = make_carer(given="Ffion", family="Partnerfield")
    referral = shared_with_partner(carer, region["orgs"]["partner"])
    Referral.objects.filter(pk=referral.pk).update(reason="Struggling since her mother's fall")
    origin = signposting.Origin(source=Source.RECORD, person=carer)
    signposting.signpost(origin, actor=practitioner, not_listed="The chapel's Tuesday lunch club",
                         note="Would like company on Tuesdays")
    request = privacy_services.record_request(carer, kind=RequestKind.ACCESS, received_on=timezone.localdate(),
                                              requested_by=Requester.PERSON, actor=practitioner)
    return carer, request


def test_the_download_holds_the_referrals_and_the_signposting(manager, referred):
    _carer, request = referred

    data = json.loads(download(manager, request, "for_review").content)

    referral = data["referrals"][0]
    assert referral["to"] == "Test Young Carers"
    assert referral["reason"] == "Struggling since her mother's fall"
    assert referral["status"] == "Accepted"
    assert data["signposts"][0]["service"] == "The chapel's Tuesday lunch club"
    assert data["signposts"][0]["note"] == "Would like company on Tuesdays"


def test_erasure_blanks_what_was_written_and_keeps_who_referred_where(manager, referred):
    carer, _request = referred

    response = manager.post(erase_url(carer), {"reason": REASON, "confirm": "on"})

    assert response.status_code == 302
    referral = Referral.objects.get(person=carer)
    assert "fall" not in referral.reason and referral.to_organisation.name == "Test Young Carers"
    pick = Signpost.objects.get(person=carer)
    assert pick.note == "" and "chapel" not in pick.not_listed
