"""The contact form's errors and its reveals for referrals and urgent concerns, in real Chromium."""

import re

import pytest
from playwright.sync_api import expect

from carershub.accounts.models import Role
from tests.browser.conftest import assert_error_summary, check, sign_in

pytestmark = pytest.mark.browser


def test_an_empty_contact_form_shows_linked_errors_and_keeps_what_was_typed(page, make_user, region):
    sign_in(page, make_user(Role.FRONT_DOOR))
    page.goto("/contacts/new/")
    check(page, "Log a contact")

    # The follow-up questions only show once their outcome is ticked.
    outcomes = page.get_by_role("group", name="Outcome")
    referred_to = page.get_by_label("Referred to", exact=True)
    urgent = page.get_by_label("What is urgent, and what has been done")
    expect(referred_to).to_be_hidden()
    expect(urgent).to_be_hidden()

    page.get_by_role("button", name="Save contact").click()
    check(page, "Log a contact", error=True)
    assert_error_summary(page, ["#id_channel", "#id_caller_role", "#id_what_matters", "#id_outcomes"])

    # Ticking "referred" and "urgent" reveals their questions; leaving them empty is an error on each.
    page.get_by_label("Carer's first name (optional)").fill("Dafydd")
    outcomes.get_by_label("Referred to a partner organisation").check()
    expect(referred_to).to_be_visible()
    outcomes.get_by_label("Urgent or safeguarding concern").check()
    expect(urgent).to_be_visible()
    page.get_by_label("What matters to them").fill("Needs help with his mother's medication")
    page.get_by_role("button", name="Save contact").click()

    check(page, "Log a contact", error=True)
    assert_error_summary(page, ["#id_channel", "#id_caller_role", "#id_referred_to", "#id_concern", "#id_urgent_details"])
    expect(page.get_by_label("Carer's first name (optional)")).to_have_value("Dafydd")
    expect(page.get_by_label("What matters to them")).to_have_value("Needs help with his mother's medication")
    expect(outcomes.get_by_label("Referred to a partner organisation")).to_be_checked()
    expect(referred_to).to_be_visible()
    expect(urgent).to_be_visible()

    page.get_by_role("group", name="How did they get in touch?").get_by_label("Walk-in").check()
    page.get_by_role("group", name="Who got in touch?").get_by_label("The carer", exact=True).check()
    referred_to.select_option(label="Test Young Carers")
    page.get_by_role("group", name="What kind of concern is it?").get_by_label("Urgent, but not a safeguarding concern").check()
    urgent.fill("Has run out of medication; GP called")
    page.get_by_role("button", name="Save contact").click()
    page.wait_for_url(re.compile(r"/contacts/\d+/$"))
    check(page, "Dafydd")
    summary = page.locator(".govuk-summary-card").filter(has_text="What happened")
    expect(summary).to_contain_text("Test Young Carers")
    expect(summary).to_contain_text("Has run out of medication; GP called")


def test_a_bad_date_of_contact_links_to_the_day_month_or_year_box_that_is_wrong(page, make_user, region):
    sign_in(page, make_user(Role.FRONT_DOOR))
    page.goto("/contacts/new/")
    check(page, "Log a contact")
    page.get_by_role("group", name="Date of contact").get_by_label("Month").fill("")
    page.get_by_role("button", name="Save contact").click()
    check(page, "Log a contact", error=True)
    hrefs = assert_error_summary(page)
    assert hrefs[0] == "#id_received_on_month"
