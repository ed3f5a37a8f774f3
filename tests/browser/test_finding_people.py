"""Search, the person page and what a partner worker may not see, in real Chromium."""

import re

import pytest
from playwright.sync_api import expect

from carershub.accounts.models import Role
from tests.builders import share_consented
from tests.browser.conftest import assert_error_summary, check, sign_in

pytestmark = pytest.mark.browser


def test_search_results_an_invalid_search_and_the_person_page_are_accessible(page, make_user, make_carer):
    ann = make_carer(given="Ann", family="Testcarer", nhs_number="9434765919")
    make_carer(given="Bob", family="Testcarer", postcode="AF1 3CD")
    make_carer(given="Cerys", family="Otherperson")
    sign_in(page, make_user(Role.PRACTITIONER))

    page.goto("/people/")
    check(page, "Find a person")
    search_box = page.get_by_label("Name, NHS number, postcode or date of birth")
    search_box.fill("Testcarer 31/02/1970")
    page.get_by_role("button", name="Search").click()
    check(page, "Find a person", error=True)
    assert_error_summary(page, ["#q"])
    expect(page.locator("#q-error")).to_contain_text("not a real date")
    expect(search_box).to_have_value("Testcarer 31/02/1970")

    search_box.fill("Testcarer")
    page.get_by_role("button", name="Search").click()
    check(page, "Find a person")
    results = page.get_by_role("table")
    expect(results.get_by_role("row")).to_have_count(3)  # the header and two people
    expect(results).to_contain_text("Ann Testcarer")
    expect(results).to_contain_text("Bob Testcarer")
    expect(results).not_to_contain_text("Otherperson")

    # On a phone-sized screen the results table scrolls in its own box; the page does not (WCAG 1.4.10).
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    check(page, "Find a person")
    page.set_viewport_size({"width": 1280, "height": 900})

    results.get_by_role("link", name="Ann Testcarer").click()
    page.wait_for_url(f"**/people/{ann.pk}/")
    check(page, "Ann Testcarer")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ann Testcarer")
    expect(page.get_by_text("943 476 5919").first).to_be_visible()
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_a_partner_worker_gets_an_accessible_not_found_page_for_a_record_not_shared_with_them(
    page, make_user, make_carer, make_consent
):
    shared = make_carer(given="Shared", family="Withpartner")
    share_consented(make_consent(shared, organisation="partner"))
    private = make_carer(given="Notshared", family="Withpartner")
    sign_in(page, make_user(Role.PARTNER_WORKER, organisation="partner"))

    page.goto(f"/people/{shared.pk}/")
    check(page, "Shared Withpartner")

    response = page.goto(f"/people/{private.pk}/")
    assert response.status == 404
    check(page, "Page not found")
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    expect(page.locator("main")).not_to_contain_text("Notshared")

    page.goto("/people/?q=Withpartner")
    check(page, "Find a person")
    expect(page.get_by_role("table")).to_contain_text("Shared Withpartner")
    expect(page.get_by_role("table")).not_to_contain_text("Notshared")
    assert re.search(r"/people/\?q=", page.url)
