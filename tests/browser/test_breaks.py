"""Issue 10's "done means" for short breaks, in real Chromium with axe-core on every page: a practitioner
grants a carer a 40-hour allowance from their agreed plan, books and records delivered breaks down to
the balance, and a further booking is refused. Then every breaks page in Welsh, and one at 320 px."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from carershub.accounts.models import Role
from carershub.partnership.models import Organisation
from carershub.people.models import CaringRelationship, Person
from carershub.support.breaks import services
from carershub.support.breaks.models import Booking
from tests import builders
from tests.browser.conftest import assert_error_summary, check, sign_in
from tests.welsh import compile_welsh_catalogue, cy

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True, scope="module")
def _welsh_catalogue():
    compile_welsh_catalogue()


@pytest.fixture
def worker(make_user):
    # A practitioner who also manages the team, so the manager's adjustment page can be opened too.
    user = make_user(Role.PRACTITIONER, Role.TEAM_MANAGER, organisation="council", username="gwen")
    user.first_name, user.last_name = "Gwen", "Practitioner"
    user.save()
    return user


@pytest.fixture
def carer(make_carer, worker, region):
    carer = make_carer(given="Bethan", family="Seibiant")
    father = Person.objects.create(given_name="Emrys", family_name="Seibiant", postcode="AF1 2AB", area=region["areas"]["afon"])
    CaringRelationship.objects.create(carer=carer, cared_for=father, relationship="parent", lives_with_carer=True)
    done = builders.completed_assessment(carer, actor=worker, organisation=region["orgs"]["council"])
    builders.agreed_plan(done, actor=worker)
    Organisation.objects.create(name="Cwm Sitting Service", kind=Organisation.Kind.CARE_PROVIDER,
                                sector=Organisation.Sector.COOPERATIVE, area=region["areas"]["afon"])
    return carer


def fill_date(page, question, day):
    group = page.get_by_role("group", name=question, exact=True)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def request_break(page, allowance_pk, day, start, end):
    page.goto(f"/breaks/allowance/{allowance_pk}/book/")
    check(page, "Book a short break")
    page.get_by_label("Type of break").select_option(label="Sitting service")
    page.get_by_label("Provider").select_option(label="Cwm Sitting Service")
    page.get_by_label("For whom (optional)").select_option(label="Emrys Seibiant")
    fill_date(page, "Start date", day)
    page.get_by_label("Start time").fill(start)
    fill_date(page, "End date", day)
    page.get_by_label("End time").fill(end)
    page.get_by_role("button", name="Request the break").click()


def test_a_practitioner_grants_40_hours_books_them_all_and_a_further_booking_is_refused(page, worker, carer):
    sign_in(page, worker)
    page.goto(f"/people/{carer.pk}/")
    check(page, "Bethan Seibiant")
    page.get_by_role("button", name="Short breaks").click()
    check(page, "Short breaks")
    expect(page.get_by_text("No short breaks allowance has been granted.")).to_be_visible()
    page.get_by_role("button", name="Grant an allowance").click()
    check(page, "Grant a short breaks allowance")
    expect(page.get_by_label(re.compile("agreed support plan"))).to_be_checked()
    page.get_by_label("How much").fill("40")
    page.get_by_label("Why is it granted, and who decided?").fill("Agreed at the plan meeting: a break every week.")
    page.get_by_role("button", name="Grant allowance").click()
    page.wait_for_url(f"**/breaks/carer/{carer.pk}/")
    check(page, "Short breaks")
    expect(page.get_by_text("Allowance granted: 40 hours")).to_be_visible()
    allowance = services.allowances_of(carer).get()

    # Two breaks of 20 hours, each confirmed and then recorded as delivered.
    today = timezone.localdate()
    days = [max(today - datetime.timedelta(days=n), allowance.starts_on) for n in (9, 8)]
    for day in days:
        request_break(page, allowance.pk, day, "00:00", "20:00")
        page.wait_for_url(re.compile(r"/breaks/booking/\d+/$"))
        check(page, "Sitting service")
        page.get_by_role("button", name="Confirm booking").click()
        page.wait_for_url(re.compile(r"/breaks/booking/\d+/$"))
        check(page, "Sitting service")
        expect(page.get_by_label("Hours delivered")).to_have_value("20")
        page.get_by_role("button", name="Record delivery").click()
        page.wait_for_url(re.compile(r"/breaks/booking/\d+/$"))
        check(page, "Sitting service")
        expect(page.get_by_text("Delivery recorded")).to_be_visible()

    page.goto(f"/breaks/carer/{carer.pk}/")
    check(page, "Short breaks")
    expect(page.locator(".govuk-summary-list__row", has_text="Left to book")).to_contain_text("0 hours")
    expect(page.locator(".govuk-summary-list__row", has_text="Used")).to_contain_text("40 hours")

    # A further booking is refused, on the field, and nothing is saved.
    request_break(page, allowance.pk, today - datetime.timedelta(days=2), "10:00", "12:00")
    check(page, "Book a short break", error=True)
    assert_error_summary(page, ["#id_hours"])
    expect(page.locator("#id_hours-error")).to_contain_text("That is more than the 0 hours left to book on this allowance")
    assert Booking.objects.count() == 2
    assert services.balance_of(allowance) == 0


def test_the_breaks_pages_in_welsh_and_at_320_pixels(page, worker, carer, region):
    start, end = services.default_period()
    plan = carer.support_plans.get(status="agreed")
    allowance = services.grant_allowance(carer, unit="minutes", amount=2400, starts_on=start, ends_on=end,
                                         reason="Plan", plan=plan, actor=worker)
    provider = Organisation.objects.get(name="Cwm Sitting Service")
    day = max(timezone.localdate() - datetime.timedelta(days=3), start)
    begins = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
    booking = services.request_booking(allowance, provider=provider, kind="sitting", starts_at=begins,
                                       ends_at=begins + datetime.timedelta(hours=3), actor=worker)
    sign_in(page, worker)
    page.goto(f"/breaks/carer/{carer.pk}/")
    check(page, "Short breaks")
    page.get_by_role("navigation", name="Language").get_by_role("link").click()
    page.wait_for_url(f"**/breaks/carer/{carer.pk}/")
    pages = [
        (f"/breaks/carer/{carer.pk}/", "Short breaks"),
        (f"/breaks/carer/{carer.pk}/grant/", "Grant a short breaks allowance"),
        (f"/breaks/allowance/{allowance.pk}/book/", "Book a short break"),
        (f"/breaks/allowance/{allowance.pk}/adjust/", "Adjust the allowance"),
        (f"/breaks/booking/{booking.pk}/", None),
        ("/breaks/", "Short breaks to confirm and record"),
        (f"/people/{carer.pk}/", None),
    ]
    for url, heading in pages:
        page.goto(url)
        check(page)
        expect(page.locator("html")).to_have_attribute("lang", "cy")
        if heading:
            expect(page.get_by_role("heading", level=1)).to_have_text(cy(heading))
    expect(page.get_by_role("heading", name=cy("Short breaks"), level=2)).to_be_visible()

    # The carer's breaks page at 320 px: the page itself never scrolls sideways; its tables scroll in their box.
    page.goto(f"/breaks/carer/{carer.pk}/")
    size = page.viewport_size
    page.set_viewport_size({"width": 320, "height": size["height"]})
    check(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.set_viewport_size(size)
