"""Issue 10's emergency "done means", in real Chromium with axe-core on every page: a practitioner
writes a contingency plan and prints the card; the emergency responder finds the plan by card number
with a reason; a team manager sees the look-up in the record's access history. Then every emergency
page in Welsh, and the carer's card on a 320-pixel phone."""

import re

import pytest
from playwright.sync_api import expect

from carershub.accounts.models import Role
from carershub.people.models import CaringRelationship, Person
from carershub.support.emergency import services
from carershub.support.emergency.models import EmergencyCard, ResponseLine
from tests.browser.conftest import check, sign_in
from tests.emergency.conftest import write_plan
from tests.welsh import compile_welsh_catalogue, cy

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True, scope="module")
def _welsh_catalogue():
    compile_welsh_catalogue()


@pytest.fixture
def carer(make_carer, region):
    ResponseLine.objects.create(
        name="Afon Carers Emergency Response", phone="+441632960101", hours="24 hours", area=region["areas"]["afon"]
    )
    carer = make_carer(given="Gwenllian", family="Prosser")
    father = Person.objects.create(given_name="Emrys", family_name="Prosser", area=carer.area)
    CaringRelationship.objects.create(carer=carer, cared_for=father, relationship="parent", lives_with_carer=True)
    return carer


def test_a_plan_is_written_its_card_printed_and_the_responder_finds_it(page, new_page, make_user, carer):
    worker = make_user(Role.PRACTITIONER, username="practitioner")

    # The practitioner writes the plan from the carer's record.
    sign_in(page, worker)
    page.goto(f"/people/{carer.pk}/")
    check(page, "Gwenllian Prosser")
    page.get_by_role("button", name="Contingency plan").click()
    check(page, "Contingency plan")
    page.get_by_role("button", name="Write a contingency plan").click()
    check(page, "Write a contingency plan")
    page.get_by_role("button", name="Save the plan").click()
    check(page, "Write a contingency plan", error=True)
    page.get_by_label("Emrys Prosser").check()
    page.get_by_label("Their needs and daily routines").fill(
        "Needs help to wash and dress. Tablets at 8 with breakfast."
    )
    page.get_by_label("How long can they safely be left alone?").fill("Up to an hour")
    page.get_by_label("Where the keys are, or who holds a spare (optional)").fill("Key safe by the back door")
    page.get_by_label("Medication, and where it is kept (optional)").fill("Blister pack in the kitchen cupboard")
    page.get_by_label("Pets (optional)").fill("A cat, Smwt")
    contact = page.get_by_role("group", name="Contact 1")
    contact.get_by_label("Name").fill("Siân Pritchard")
    contact.get_by_label("Phone number").fill("07700 900501")
    contact.get_by_label("When they can come (optional)").fill("Any time; 20 minutes away")
    page.get_by_role("button", name="Save the plan").click()
    page.wait_for_url(f"**/emergency/carer/{carer.pk}/plan/")
    check(page, "Contingency plan")
    expect(page.get_by_text("Key safe by the back door")).to_be_visible()

    # Issues the card and prints it.
    page.get_by_role("button", name="Issue an emergency card").click()
    check(page, "Issue an emergency card")
    page.get_by_role("button", name="Issue the card").click()
    page.wait_for_url(re.compile(r"/emergency/cards/\d+/$"))
    check(page, "Emergency card")
    card = EmergencyCard.objects.get(carer=carer, status="live")
    pdf = page.request.get(f"/emergency/cards/{card.pk}/card.pdf")
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")
    number = page.locator("[data-card-number]").inner_text().strip()
    assert number.replace(" ", "") == card.number
    link = page.locator("[data-card-link]").get_attribute("href")

    # The carer opens their card on a small phone, without signing in.
    phone = new_page()
    phone.set_viewport_size({"width": 320, "height": 640})
    phone.goto(link)
    check(phone, "Emergency card")
    expect(phone.locator("[data-card-number]").first).to_have_text(number)
    expect(phone.get_by_text("Gwenllian")).to_have_count(0)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 320

    # The emergency responder signs in at night, is offered the look-up, and finds the plan.
    responder_user = make_user(Role.EMERGENCY_RESPONDER, username="responder")
    responder = new_page()
    sign_in(responder, responder_user)
    responder.get_by_role("button", name="Look up a plan by emergency card number").click()
    check(responder, "Look up a plan by emergency card number")
    responder.get_by_label("Card number").fill(number[:-1] + str((int(number[-1]) + 1) % 10))
    responder.get_by_label("Why do you need the plan?").fill("Carer taken to hospital; neighbour rang the line")
    responder.get_by_role("button", name="Look up the plan").click()
    check(responder, "Look up a plan by emergency card number", error=True)
    expect(responder.locator(".govuk-error-summary")).to_contain_text("a digit may have been typed wrongly")
    responder.get_by_label("Card number").fill(number)
    responder.get_by_role("button", name="Look up the plan").click()
    check(responder, "Contingency plan")
    expect(responder.get_by_text("Blister pack in the kitchen cupboard")).to_be_visible()
    expect(responder.get_by_text("Siân Pritchard")).to_be_visible()

    # Records the call-out.
    responder.get_by_role("button", name="Record a call-out for this plan").click()
    check(responder, "Record a call-out")
    responder.get_by_label("Who called the service?").fill("The neighbour")
    responder.get_by_label("What happened").fill("The carer was taken to hospital; her father was alone.")
    responder.get_by_label("A responder stayed with the person").check()
    responder.get_by_role("button", name="Save the call-out").click()
    responder.wait_for_url(re.compile(r"/emergency/responses/\d+/$"))
    check(responder, "Emergency response")
    responder.get_by_role("button", name="Close the response").click()
    check(responder, "Close the emergency response")
    responder.get_by_label("Hours of emergency support given").fill("6.5")
    responder.get_by_label("Family or friends are caring for now").check()
    responder.get_by_role("button", name="Close the response").click()
    check(responder, "Emergency response")
    expect(responder.get_by_text("6 hours 30 minutes")).to_be_visible()

    # A team manager sees the look-up, with its reason, in the record's access history.
    manager = new_page()
    sign_in(manager, make_user(Role.TEAM_MANAGER, username="manager"))
    manager.goto(f"/people/{carer.pk}/access-history/")
    check(manager)
    expect(manager.get_by_text("Carer taken to hospital; neighbour rang the line")).to_be_visible()

    # Back at the office: the queue, the lost card cancelled and reissued.
    page.goto("/emergency/")
    check(page, "Emergency responses and contingency plans")
    page.goto(f"/emergency/cards/{card.pk}/")
    page.get_by_role("button", name="Cancel the card (lost or no longer needed)").click()
    check(page, "Cancel the emergency card")
    page.get_by_label("Why is the card being cancelled?").fill("Lost in town")
    page.get_by_role("button", name="Cancel the card").click()
    page.wait_for_url(re.compile(r"/emergency/cards/\d+/$"))
    check(page, "Emergency card")
    assert page.locator("[data-card-number]").inner_text().strip() != number
    phone.goto(link)
    expect(phone.locator("h1")).not_to_have_text("Emergency card")


def test_every_emergency_page_in_welsh(page, new_page, make_user, carer):
    worker = make_user(Role.PRACTITIONER, username="ymarferydd")
    worker.preferred_language = "cy"
    worker.save()
    plan = write_plan(CaringRelationship.objects.get(carer=carer), actor=worker)
    card = services.issue_card(plan, actor=worker)
    from django.utils import timezone

    episode = services.record_call_out(
        plan, data={"called_out_at": timezone.now(), "called_by": "Cymydog", "what_happened": "Syrthiodd"}, actor=worker
    )

    sign_in(page, worker)
    for url, heading in (
        (f"/emergency/carer/{carer.pk}/plan/", "Contingency plan"),
        (f"/emergency/carer/{carer.pk}/plan/edit/", "Change the contingency plan"),
        (f"/emergency/cards/{card.pk}/", "Emergency card"),
        (f"/emergency/cards/{card.pk}/cancel/", "Cancel the emergency card"),
        (f"/emergency/plans/{plan.pk}/call-out/", "Record a call-out"),
        (f"/emergency/responses/{episode.pk}/", "Emergency response"),
        (f"/emergency/responses/{episode.pk}/close/", "Close the emergency response"),
        ("/emergency/", "Emergency responses and contingency plans"),
    ):
        page.goto(url)
        check(page)
        expect(page.locator("html")).to_have_attribute("lang", "cy")
        expect(page.get_by_role("heading", level=1)).to_have_text(cy(heading))
    page.goto(f"/people/{carer.pk}/")
    check(page)
    expect(page.get_by_role("heading", name=cy("Contingency plan and emergency card"))).to_be_visible()
    services.cancel_card(card, reason="test", actor=worker, expected_version=1, reissue=False)
    page.goto(f"/emergency/carer/{carer.pk}/card/new/")
    check(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(cy("Issue an emergency card"))
    card = services.issue_card(plan, actor=worker)

    responder_user = make_user(Role.EMERGENCY_RESPONDER, username="ymatebwr")
    responder_user.preferred_language = "cy"
    responder_user.save()
    responder = new_page()
    sign_in(responder, responder_user)
    responder.goto("/emergency/look-up/")
    check(responder)
    expect(responder.get_by_role("heading", level=1)).to_have_text(cy("Look up a plan by emergency card number"))
    responder.get_by_label(cy("Card number")).fill(card.number)
    responder.get_by_label(cy("Why do you need the plan?")).fill("Mae'r gofalwr yn yr ysbyty")
    responder.get_by_role("button", name=cy("Look up the plan")).click()
    check(responder)
    expect(responder.get_by_role("heading", level=1)).to_have_text(cy("Contingency plan"))

    # The carer's phone page in Wales: Welsh first, then English.
    phone = new_page()
    phone.goto(services.card_link(card))
    check(phone)
    expect(phone.locator("main section").first).to_have_attribute("lang", "cy")
    expect(phone.locator("main h1")).to_have_text(cy("Emergency card"))
