"""Issue 10's "done means", on the demo region, in real Chromium with axe-core on every page.

A practitioner grants a demo carer a 40-hour allowance from their plan, books and records delivered
breaks down to the balance, sets up a recurring direct payment and records a monitoring return, writes
a contingency plan and prints the card; the emergency responder finds the plan by card number and the
look-up is in the record's access history; a group session fills and the next carer waits on the list.
"""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from carershub.accounts.models import Role, User
from carershub.demo import region
from carershub.people.models import Person
from carershub.support.breaks.models import Booking
from carershub.support.emergency.models import EmergencyCard
from carershub.support.groups.models import Activity
from carershub.support.models import SupportOption, SupportPlan
from tests.browser.conftest import check, sign_in
from tests.conftest import TEST_PASSWORD

pytestmark = pytest.mark.browser


def demo_user(username: str) -> User:
    """A demo user, with the test password; their authenticator key is the demo's own."""
    user = User.objects.get(username=username)
    user.set_password(TEST_PASSWORD)
    user.save()
    return user


def demo_sign_in(page, username: str) -> User:
    user = demo_user(username)
    sign_in(page, user, secret=region.demo_totp_secret(username))
    return user


def fill_date(page, question, day):
    group = page.get_by_role("group", name=question, exact=True)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def test_the_support_a_demo_carer_receives_from_breaks_to_the_emergency_card(page, new_page, make_user):
    region.load(carers=100)
    # A Marchester carer whose agreed plan chose a direct payment that is not set up yet, with no
    # allowance or contingency plan: the demo leaves one for this walk.
    plan = next(
        (p for p in SupportPlan.objects.filter(
            status="agreed", carer__direct_payments__isnull=True, carer__break_allowances__isnull=True,
            carer__contingency_plan__isnull=True,
        ).select_related("carer", "assessment") if SupportOption.DIRECT_PAYMENT in p.support_options),
        None,
    )
    assert plan is not None, "the demo should leave a carer with a direct payment chosen and not set up"
    carer, today = plan.carer, timezone.localdate()
    cared_for = carer.cares_for.select_related("cared_for").first().cared_for

    # Short breaks: a 40-hour allowance from the plan, booked and delivered down to nothing. The live
    # server's first page compiles the templates, which on a busy machine takes longer than 10 seconds.
    page.goto("/accounts/login/", timeout=60_000)
    demo_sign_in(page, "practitioner")
    page.goto(f"/people/{carer.pk}/")
    check(page, carer.full_name)
    page.get_by_role("button", name="Short breaks").click()
    check(page, "Short breaks")
    page.get_by_role("button", name="Grant an allowance").click()
    check(page, "Grant a short breaks allowance")
    page.get_by_label("How much").fill("40")
    page.get_by_label("Why is it granted, and who decided?").fill("Agreed at the plan meeting: a break every week.")
    page.get_by_role("button", name="Grant allowance").click()
    page.wait_for_url(f"**/breaks/carer/{carer.pk}/")
    check(page, "Short breaks")
    allowance = carer.break_allowances.get()
    provider = "Cwm Care Co-operative"
    for days_ago in (9, 8, 2):
        day = max(today - datetime.timedelta(days=days_ago), allowance.starts_on)
        page.goto(f"/breaks/allowance/{allowance.pk}/book/")
        check(page, "Book a short break")
        page.get_by_label("Type of break").select_option(label="Sitting service")
        page.get_by_label("Provider").select_option(label=provider)
        fill_date(page, "Start date", day)
        page.get_by_label("Start time").fill("00:00" if days_ago != 2 else "10:00")
        fill_date(page, "End date", day)
        page.get_by_label("End time").fill("20:00" if days_ago != 2 else "12:00")
        page.get_by_role("button", name="Request the break").click()
        if days_ago == 2:
            break
        page.wait_for_url(re.compile(r"/breaks/booking/\d+/$"))
        check(page, "Sitting service")
        page.get_by_role("button", name="Confirm booking").click()
        check(page, "Sitting service")
        page.get_by_role("button", name="Record delivery").click()
        check(page, "Sitting service")
        expect(page.get_by_text("Delivery recorded")).to_be_visible()
    # The 40 hours are used: a further booking is refused where the hours were typed.
    check(page, "Book a short break", error=True)
    expect(page.locator("#id_hours-error")).to_contain_text("more than the 0 hours left to book")
    assert Booking.objects.filter(carer=carer).count() == 2
    page.goto(f"/breaks/carer/{carer.pk}/")
    check(page, "Short breaks")
    expect(page.locator(".govuk-summary-list__row", has_text="Left to book")).to_contain_text("0 hours")

    # A recurring direct payment from the plan's personal budget, a payment and a monitoring return.
    page.goto(f"/people/{carer.pk}/")
    check(page, carer.full_name)
    page.get_by_role("button", name="Set up a direct payment").click()
    check(page, "Set up a direct payment")
    page.get_by_role("group", name="One-off or recurring?").get_by_label("Recurring payments").check()
    page.get_by_role("group", name="How often (for recurring payments)").get_by_label("Every month").check()
    page.get_by_label("Amount of each payment, in pounds").fill("40")
    page.get_by_label("What it is for").fill("A weekly swim and a gym membership")
    fill_date(page, "End date", today.replace(year=today.year + 1) - datetime.timedelta(days=1))
    page.get_by_role("button", name="Set up direct payment").click()
    page.wait_for_url(re.compile(r"/direct-payments/\d+/$"))
    check(page, "Direct payment")
    page.get_by_role("button", name="Record a payment").click()
    check(page, "Record a payment")
    page.get_by_role("button", name="Record payment").click()
    check(page, "Direct payment")
    page.get_by_role("button", name="Record a monitoring return").click()
    check(page, "Record a monitoring return")
    fill_date(page, "End of the period", today)
    page.get_by_label("Amount spent, in pounds").fill("30")
    page.get_by_role("group", name="Were receipts seen?").get_by_label("Yes").check()
    page.get_by_role("button", name="Record monitoring return").click()
    check(page, "Direct payment")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("£10.00 was not spent")

    # A contingency plan for the person they care for, and the emergency card printed.
    page.goto(f"/people/{carer.pk}/")
    check(page, carer.full_name)
    page.get_by_role("button", name="Contingency plan").click()
    check(page, "Contingency plan")
    page.get_by_role("button", name="Write a contingency plan").click()
    check(page, "Write a contingency plan")
    page.get_by_label(cared_for.full_name).check()
    page.get_by_label("Their needs and daily routines").fill("Needs help to wash and dress. Tablets at 8.")
    page.get_by_label("How long can they safely be left alone?").fill("Up to an hour")
    page.get_by_label("Medication, and where it is kept (optional)").fill("Blister pack in the kitchen cupboard")
    contact = page.get_by_role("group", name="Contact 1")
    contact.get_by_label("Name").fill("Siân Demo-Neighbour")
    contact.get_by_label("Phone number").fill("07700 900501")
    page.get_by_role("button", name="Save the plan").click()
    page.wait_for_url(f"**/emergency/carer/{carer.pk}/plan/")
    check(page, "Contingency plan")
    page.get_by_role("button", name="Issue an emergency card").click()
    check(page, "Issue an emergency card")
    page.get_by_role("button", name="Issue the card").click()
    page.wait_for_url(re.compile(r"/emergency/cards/\d+/$"))
    check(page, "Emergency card")
    card = EmergencyCard.objects.get(carer=carer, status="live")
    pdf = page.request.get(f"/emergency/cards/{card.pk}/card.pdf")
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"
    number = page.locator("[data-card-number]").inner_text().strip()

    # The emergency responder, at night, finds the plan by the card's number and a reason.
    responder = new_page()
    demo_sign_in(responder, "responder")
    responder.get_by_role("button", name="Look up a plan by emergency card number").click()
    check(responder, "Look up a plan by emergency card number")
    responder.get_by_label("Card number").fill(number)
    responder.get_by_label("Why do you need the plan?").fill("Carer taken ill; the cared-for person is alone")
    responder.get_by_role("button", name="Look up the plan").click()
    check(responder, "Contingency plan")
    expect(responder.get_by_text("Blister pack in the kitchen cupboard")).to_be_visible()

    # The look-up is in the record's access history, for the council's team manager.
    manager = make_user(Role.TEAM_MANAGER, username="marchester_manager")
    manager.organisation = plan.assessment.assessing_organisation
    manager.save()
    office = new_page()
    sign_in(office, manager)
    office.goto(f"/people/{carer.pk}/access-history/")
    check(office)
    expect(office.get_by_text("Carer taken ill; the cared-for person is alone")).to_be_visible()

    # A group session fills, and the next carer waits on the list (the carers centre runs the course).
    course = Activity.objects.get(name="Moving and handling for carers")
    others = list(Person.objects.filter(carer__isnull=False, area__isnull=False).exclude(pk=carer.pk)
                  .exclude(group_bookings__activity=course).exclude(group_waiting__activity=course)[:1])
    front_door = new_page()
    demo_sign_in(front_door, "frontdoor")
    front_door.goto(f"/groups/activities/{course.pk}/sessions/new/")
    check(front_door, "Add a session")
    fill_date(front_door, "Date", today + datetime.timedelta(days=14))
    front_door.get_by_label("Start time").fill("10:00")
    front_door.get_by_label("End time").fill("12:00")
    front_door.get_by_label("Venue").fill("Chapel hall")
    front_door.get_by_label("Places").fill("1")
    front_door.get_by_role("button", name="Add session").click()
    front_door.wait_for_url(re.compile(r"/groups/sessions/\d+/$"))
    check(front_door)
    session_url = front_door.url
    front_door.get_by_role("link", name="Book a carer").click()
    check(front_door, "Book a carer")
    front_door.get_by_label("Carer's name").fill(carer.full_name)
    front_door.get_by_role("button", name="Find").click()
    front_door.get_by_role("link", name=f"Choose {carer.full_name}").click()
    front_door.get_by_role("button", name=f"Book {carer.full_name}").click()
    front_door.wait_for_url(session_url)
    check(front_door)
    expect(front_door.get_by_text("Full", exact=True)).to_be_visible()
    waiting_before = course.waiting.filter(left_at__isnull=True).count()
    front_door.get_by_role("link", name="Add a carer to the waiting list").click()
    check(front_door, "Add a carer to the waiting list")
    front_door.get_by_label("Carer's name").fill(others[0].full_name)
    front_door.get_by_role("button", name="Find").click()
    front_door.get_by_role("link", name=f"Choose {others[0].full_name}").first.click()
    front_door.get_by_role("button", name="Add to the waiting list").click()
    front_door.wait_for_url(f"**/groups/activities/{course.pk}/")
    check(front_door, course.name)
    expect(front_door.get_by_role("alert")).to_contain_text(
        f"{others[0].full_name} is on the waiting list, number {waiting_before + 1}"
    )
