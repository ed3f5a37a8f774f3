"""The support delivered (issue 10) in a person's subject access download, and erased with them."""

import json

import pytest
from django.utils import timezone

from carershub.accounts.models import Role
from carershub.partnership.models import Organisation
from carershub.privacy import services as privacy_services
from carershub.privacy.models import Requester, RequestKind
from carershub.support.breaks.models import Allowance, Booking
from carershub.support.emergency.models import ContingencyPlan, EmergencyCard, EmergencyContact
from carershub.support.groups.models import WaitingListEntry
from carershub.support.payments.models import Agreement, MonitoringReturn
from tests import builders
from tests.privacy.test_erasure import REASON, erase_url
from tests.privacy.test_subject_access import download

PARTS = ["break_allowances", "short_breaks", "direct_payments", "contingency_plans", "emergency_cards",
         "group_bookings", "waiting_lists", "information_packs"]


@pytest.fixture
def supported(region, make_user, make_carer):
    council = region["orgs"]["council"]
    practitioner = make_user(Role.PRACTITIONER, organisation="council")
    carer = make_carer(given="Nerys", family="Supportfield")
    provider = Organisation.objects.create(name="Test Sitting Co-op", kind=Organisation.Kind.CARE_PROVIDER,
                                           sector=Organisation.Sector.COOPERATIVE, area=region["areas"]["afon"])
    delivered = builders.support_delivered(carer, actor=practitioner, council=council, provider=provider)
    request = privacy_services.record_request(carer, kind=RequestKind.ACCESS, received_on=timezone.localdate(),
                                              requested_by=Requester.PERSON, actor=practitioner)
    return carer, request, delivered


def test_the_download_holds_the_support_delivered(manager, supported):
    _carer, request, delivered = supported

    data = json.loads(download(manager, request, "for_review").content)

    for part in PARTS:
        assert data[part], f"nothing under {part}"
    allowance = data["break_allowances"][0]
    assert allowance["amount"] == "40 hours"
    assert [row["amount"] for row in allowance["ledger"]] == ["40 hours", "-3 hours", "3 hours", "-3 hours"]
    assert data["short_breaks"][0]["notes"] == "Likes the same sitter each week"
    payment = data["direct_payments"][0]
    assert payment["amount"] == "£250.00"
    assert payment["returns"][0]["unspent"] == "£50.00"
    assert [e["amount"] for e in payment["money"]] == ["£250.00", "£200.00", "£50.00"]
    assert data["emergency_cards"][0]["number"] == delivered["card"].number
    assert data["waiting_lists"][0]["note"] == "Prefers mornings"


def test_the_release_version_withholds_the_cared_for_persons_health_and_the_emergency_contact(manager, supported):
    _carer, request, _delivered = supported

    text = download(manager, request, "for_release").content.decode()

    for secret in ("Needs help to wash and dress", "Blister pack", "Sian Buildercontact", "+447700900123", "Emrys"):
        assert secret not in text, f"{secret!r} was released"
    data = json.loads(text)
    assert data["contingency_plans"][0]["keys"] == "With the neighbour at number 4"  # the carer's own


def test_erasure_blanks_what_was_written_and_cancels_the_live_card(manager, supported):
    carer, _request, delivered = supported

    manager.post(erase_url(carer), {"reason": REASON, "confirm": "on"})

    assert Allowance.objects.get(carer=carer).reason == ""
    assert Booking.objects.get(carer=carer).notes == ""
    agreement = Agreement.objects.get(carer=carer)
    assert agreement.purpose == "" and agreement.payee_name == ""
    assert agreement.amount_pence == 25_000  # the money stays, so the council's accounts add up
    assert MonitoringReturn.objects.get(agreement__carer=carer).receipts_note == ""
    plan = ContingencyPlan.objects.get(carer=carer)
    assert plan.needs_and_routines == "" and plan.medication == "" and plan.keys == ""
    assert not EmergencyContact.objects.filter(plan=plan).exists()
    assert EmergencyCard.objects.get(pk=delivered["card"].pk).status != EmergencyCard.Status.LIVE
    assert WaitingListEntry.objects.get(person=carer).note == ""
