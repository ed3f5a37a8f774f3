"""The service in Welsh, in real Chromium: the header's language switch and the main pages, axe-core on each.

A team manager of a Welsh council signs in (in English, their own language), switches to Welsh
from the header, works through the main pages (each checked with axe-core, ``lang="cy"`` and Welsh
words from the catalogue), then switches back and lands on the same page. The switch is a plain
link, so it is used here with the keyboard, and it must fit a 320 px wide screen.
"""

import re

import pytest
from playwright.sync_api import expect

from carershub.accounts.models import Role
from tests import builders
from tests.browser.conftest import check, sign_in
from tests.welsh import compile_welsh_catalogue, cy

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True, scope="module")
def _welsh_catalogue():
    compile_welsh_catalogue()


@pytest.fixture
def manager(make_user, region):
    user = make_user(Role.TEAM_MANAGER, Role.PRACTITIONER, organisation="council")  # Test Council, in Wales
    user.first_name, user.last_name = "Gareth", "Llwyd"
    user.save()
    return user


@pytest.fixture
def assessment(manager, make_carer, region):
    council = region["orgs"]["council"]
    council.bilingual_correspondence = True  # the letter goes out in Welsh, then English
    council.save()
    carer = make_carer(given="Eirlys", family="Prydderch", preferred_language="cy")
    carer.carer.case_worker = manager
    carer.carer.save()
    return builders.completed_assessment(carer, actor=manager, organisation=council, eligible=True)


def switch_link(page):
    return page.get_by_role("navigation", name=re.compile(f"^(Language|{cy('Language')})$")).get_by_role("link")


def in_welsh(page, heading: str | None = None):
    """The page is Welsh: lang="cy", the menu in Welsh, the heading the catalogue's Welsh, axe-core clean."""
    check(page)
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    expect(page.get_by_role("link", name=cy("Find a person"), exact=True)).to_be_visible()
    if heading:
        expect(page.get_by_role("heading", level=1)).to_have_text(cy(heading))
    link = switch_link(page)
    expect(link).to_have_text("English")
    expect(link).to_have_attribute("lang", "en-GB")
    expect(link).to_have_attribute("hreflang", "en-GB")


def test_a_manager_of_a_welsh_council_works_in_welsh_and_switches_back(page, manager, assessment):
    sign_in(page, manager)
    carer = assessment.carer

    page.goto(f"/people/?q={carer.given_name}")
    check(page)
    link = switch_link(page)
    expect(link).to_have_text("Cymraeg")
    expect(link).to_have_attribute("lang", "cy")
    link.focus()
    page.keyboard.press("Enter")  # a plain link: the keyboard works it like any other
    page.wait_for_url(re.compile(r"/people/\?q=Eirlys$"))
    in_welsh(page, "Find a person")
    expect(page.get_by_role("link", name=re.compile("Eirlys Prydderch"))).to_be_visible()

    page.goto("/")
    in_welsh(page)
    page.goto(f"/people/{carer.pk}/")
    in_welsh(page)
    page.goto(f"/assessments/{assessment.pk}/")
    in_welsh(page)
    expect(page.get_by_role("heading", name=cy("Decision"), exact=True)).to_be_visible()
    page.goto(f"/assessments/{assessment.pk}/letter/")
    in_welsh(page, "Decision letter")
    heading = "Your carer's assessment: our decision"
    expect(page.locator("main [lang] > h2.govuk-heading-l")).to_have_text([cy(heading), heading])
    page.goto("/figures/")
    in_welsh(page)

    # At 320 px the switch is still there and the page does not scroll sideways (WCAG 1.4.10).
    size = page.viewport_size
    page.set_viewport_size({"width": 320, "height": size["height"]})
    expect(switch_link(page)).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.set_viewport_size(size)

    page.goto("/figures/?period=last_quarter")
    switch_link(page).click()
    page.wait_for_url(re.compile(r"/figures/\?period=last_quarter$"))
    check(page)
    expect(page.locator("html")).to_have_attribute("lang", "en-GB")
    expect(switch_link(page)).to_have_text("Cymraeg")
    expect(page.get_by_role("link", name="Find a person", exact=True)).to_be_visible()


def test_a_public_page_in_welsh_for_a_browser_that_asks_for_welsh(chromium, live_server, transactional_db, region):
    context = chromium.new_context(base_url=live_server.url, locale="cy-GB")
    try:
        page = context.new_page()
        page.goto("/self-assessment/")
        check(page)
        expect(page.locator("html")).to_have_attribute("lang", "cy")
        expect(switch_link(page)).to_have_text("English")
    finally:
        context.close()
