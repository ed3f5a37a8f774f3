"""The list filters in a real browser: axe-clean with and without errors, above the table and within
320 CSS pixels on a narrow screen, and the filters carried into the next page of results."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from carershub.accounts.models import Role
from carershub.contacts.models import Channel, Outcome
from tests.browser.conftest import assert_error_summary, check, sign_in


def assert_reflows(page):
    """At 320 CSS pixels wide (WCAG 1.4.10) the page never scrolls sideways, and the filters come before the table."""
    size = page.viewport_size
    page.set_viewport_size({"width": 320, "height": size["height"]})
    try:
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{page.url} is {width}px wide at a 320px viewport"
        filters = page.get_by_role("button", name="Apply filters").bounding_box()
        table = page.locator("table").first.bounding_box()
        assert filters["y"] < table["y"], "the filters are above the list"
    finally:
        page.set_viewport_size(size)


def test_filtering_the_contact_list(page, make_user, make_carer, make_contact):
    worker = make_user(Role.FRONT_DOOR)
    carer = make_carer(given="Gwen", family="Filtered")
    now = timezone.now()
    for i in range(26):
        make_contact(carer, channel=Channel.EMAIL, received_at=now - timedelta(hours=i + 1))
    make_contact(make_carer(given="Urgent", family="Caller"), outcomes=[Outcome.URGENT], received_at=now - timedelta(days=3))
    make_contact(given_name="Nobody", family_name="Yet", received_at=now - timedelta(days=9))

    sign_in(page, worker)
    page.goto("/contacts/")
    check(page, "Contacts")
    assert_reflows(page)

    page.get_by_label("How they got in touch").select_option(label="Email")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**/contacts/?*channel=email*")
    check(page, "Contacts")
    expect(page.get_by_role("row").filter(has_text="Gwen Filtered")).to_have_count(25)
    page.get_by_role("link", name="Next").click()
    page.wait_for_url("**page=2*")
    check(page, "Contacts")
    expect(page.get_by_label("How they got in touch")).to_have_value("email")
    expect(page.get_by_role("row").filter(has_text="Gwen Filtered")).to_have_count(1)

    page.goto("/contacts/")
    page.get_by_label("Outcome").select_option(label="Urgent or safeguarding concern")
    page.get_by_role("button", name="Apply filters").click()
    check(page, "Contacts")
    rows = page.locator("#contacts tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Urgent Caller")

    page.goto("/contacts/?show=unlinked")
    check(page, "Contacts")
    expect(page.locator("#contacts tbody tr").first).to_contain_text("Waiting for a record: 9 days")

    # A date that does not exist: the list is still there, with the error on the field.
    page.goto("/contacts/")
    start = page.get_by_role("group", name="Start date")
    start.get_by_label("Day").fill("31")
    start.get_by_label("Month").fill("2")
    start.get_by_label("Year").fill("2026")
    page.get_by_role("button", name="Apply filters").click()
    check(page, "Contacts", error=True)
    assert_error_summary(page, ["#id_from_day"])
    expect(page.locator("#contacts tbody tr").first).to_be_visible()
    assert_reflows(page)

    page.get_by_role("link", name="Clear filters").click()
    page.wait_for_url("**/contacts/")
    check(page, "Contacts")


def test_the_queues_with_their_filters(page, make_user):
    manager = make_user(Role.TEAM_MANAGER, organisation="council")
    sign_in(page, manager)

    for path, title in (
        ("/assessments/", "Assessments"),
        ("/assessments/young-carers-turning-18/", "Young carers turning 18"),
        ("/plans/reviews/", "Support plan reviews"),
    ):
        page.goto(path)
        check(page, title)
        assert_reflows(page)
        page.goto(path + "?council=nowhere&area=nowhere")
        check(page, title, error=True)
        assert_reflows(page)

    page.goto("/self-assessment/review/")
    check(page, "Self-assessments to review")
