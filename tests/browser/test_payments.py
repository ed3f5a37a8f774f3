"""Issue 10's "done means" for direct payments, in real Chromium with axe-core on every page: a
practitioner sets up a recurring direct payment from a carer's plan, records a payment and a
monitoring return, and the position shows it; then every direct payments page in Welsh, and at 320 px."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from carershub.accounts.models import Role
from tests.browser.conftest import check, sign_in
from tests.payments.conftest import plan_with_direct_payment
from tests.welsh import compile_welsh_catalogue, cy

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True, scope="module")
def _welsh_catalogue():
    compile_welsh_catalogue()


def fill_date(page, legend, day):
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def assert_reflows(page):
    size = page.viewport_size
    page.set_viewport_size({"width": 320, "height": size["height"]})
    try:
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, page.url
    finally:
        page.set_viewport_size(size)


def test_a_practitioner_sets_up_a_recurring_direct_payment_pays_it_and_records_a_return(page, new_page, make_user, make_carer, region):
    council = region["orgs"]["council"]
    practitioner = make_user(Role.PRACTITIONER, organisation="council", username="practitioner")
    carer = make_carer(given="Dilys", family="Prydderch")
    plan_with_direct_payment(carer, actor=practitioner, council=council)
    today = timezone.localdate()

    sign_in(page, practitioner)
    page.goto(f"/people/{carer.pk}/")
    check(page, "Dilys Prydderch")
    page.get_by_role("button", name="Set up a direct payment").click()
    check(page, "Set up a direct payment")
    expect(page.get_by_label(re.compile("From the personal budget in the support plan"))).to_be_checked()
    page.get_by_role("group", name="One-off or recurring?").get_by_label("Recurring payments").check()
    page.get_by_role("group", name="How often (for recurring payments)").get_by_label("Every month").check()
    page.get_by_label("Amount of each payment, in pounds").fill("£150")  # £1,800 a year: over the £1,200 budget
    page.get_by_label("What it is for").fill("A weekly swim and a gym membership")
    fill_date(page, "End date", today.replace(year=today.year + 1) - timezone.timedelta(days=1))
    page.get_by_role("button", name="Set up direct payment").click()
    check(page, "Set up a direct payment", error=True)
    expect(page.locator(".govuk-error-summary")).to_contain_text("more than the personal budget of £1,200.00")
    page.get_by_label("Amount of each payment, in pounds").fill("50")
    page.get_by_role("button", name="Set up direct payment").click()
    page.wait_for_url(re.compile(r"/direct-payments/\d+/$"))
    check(page, "Direct payment")
    detail_url = page.url

    page.get_by_role("button", name="Record a payment").click()
    check(page, "Record a payment")
    page.get_by_label("Payment reference (optional)").fill("BACS 0001")
    page.get_by_role("button", name="Record payment").click()
    page.wait_for_url(detail_url)
    check(page)

    page.get_by_role("button", name="Record a monitoring return").click()
    check(page, "Record a monitoring return")
    fill_date(page, "End of the period", today)
    page.get_by_label("Amount spent, in pounds").fill("40")
    page.get_by_role("group", name="Were receipts seen?").get_by_label("Yes").check()
    page.get_by_role("button", name="Record monitoring return").click()
    page.wait_for_url(detail_url)
    check(page)
    expect(page.locator(".govuk-notification-banner")).to_contain_text("£10.00 was not spent")

    # The position shows it: paid £50, spent £40, £10 to recover.
    position = page.locator("h2", has_text="Position").locator("xpath=following-sibling::dl[1]")
    expect(position).to_contain_text("£50.00")
    expect(position).to_contain_text("£40.00")
    expect(position.locator(".govuk-summary-list__row", has_text="To recover")).to_contain_text("£10.00")

    page.get_by_role("button", name="Record a recovery").click()
    check(page, "Record a recovery")
    page.goto(detail_url + "end/")
    check(page, "End the direct payment")
    page.goto(f"/direct-payments/carer/{carer.pk}/")
    check(page, "Direct payments")
    page.goto("/direct-payments/council/")
    check(page, "position")
    expect(page.get_by_role("table", name="Each carer's position")).to_contain_text("Dilys Prydderch")
    assert_reflows(page)
    page.goto(detail_url)
    assert_reflows(page)

    # Every page again in Welsh, for a practitioner who works in Welsh.
    welsh = make_user(Role.PRACTITIONER, organisation="council", username="ymarferydd")
    welsh.preferred_language = "cy"
    welsh.save()
    other = new_page()
    sign_in(other, welsh)
    for path, heading in (
        (f"/direct-payments/carer/{carer.pk}/", "Direct payments"),
        (f"/direct-payments/carer/{carer.pk}/new/", "Set up a direct payment"),
        (detail_url, None),
        (detail_url + "pay/", "Record a payment"),
        (detail_url + "return/", "Record a monitoring return"),
        (detail_url + "recover/", "Record a recovery"),
        (detail_url + "end/", "End the direct payment"),
        ("/direct-payments/council/", "Direct payments: the council's position"),
        (f"/people/{carer.pk}/", None),
    ):
        other.goto(path)
        check(other)
        expect(other.locator("html")).to_have_attribute("lang", "cy")
        if heading:
            expect(other.get_by_role("heading", level=1)).to_have_text(cy(heading))
