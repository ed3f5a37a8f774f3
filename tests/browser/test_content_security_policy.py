"""The Content-Security-Policy blocks nothing the service itself uses, in real Chromium.

Every page a browser test opens already fails on a CSP error in the console (the ``page``
fixture); these tests also count the browser's ``securitypolicyviolation`` events while the
GOV.UK JavaScript, the API docs and the admin do their work.
"""

import pytest
from playwright.sync_api import expect

from carershub.accounts.models import Role
from tests.browser.conftest import check, sign_in

pytestmark = pytest.mark.browser

RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`);
});
"""


@pytest.fixture
def watched(page):
    """The page, counting every CSP violation from the first byte of each document."""
    page.add_init_script(RECORD_VIOLATIONS)
    return page


def violations(page) -> list[str]:
    return page.evaluate("window.cspViolations")


def test_the_govuk_javascript_runs_with_no_violation(watched, make_user):
    page = watched
    sign_in(page, make_user(Role.FRONT_DOOR))
    page.goto("/contacts/new/")
    check(page, "Log a contact")

    # The layout's inline script (allowed by its nonce) marks the page for GOV.UK Frontend.
    expect(page.locator("body")).to_have_class("govuk-template__body js-enabled govuk-frontend-supported")
    # A character count: its message is written by the JavaScript.
    what_matters = page.get_by_label("What matters to them")
    what_matters.fill("Needs a break")
    expect(page.locator(".govuk-character-count__status").first).to_contain_text("characters remaining")
    # A conditional reveal.
    referred_to = page.get_by_label("Referred to", exact=True)
    expect(referred_to).to_be_hidden()
    page.get_by_role("group", name="Outcome").get_by_label("Referred to a partner organisation").check()
    expect(referred_to).to_be_visible()
    # The menu of the service navigation, on a phone.
    page.set_viewport_size({"width": 360, "height": 800})
    menu = page.get_by_role("button", name="Menu")
    expect(menu).to_have_attribute("aria-expanded", "false")
    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("link", name="Find a person")).to_be_visible()

    assert violations(page) == []


def test_the_check_itself_sees_a_blocked_inline_script(new_page, db):
    """An inline script without the nonce is refused and counted, or the test above proves nothing."""
    page = new_page()  # not the ``page`` fixture, which would fail on the violation provoked here
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto("/self-assessment/")
    page.evaluate("""() => {
        const script = document.createElement("script");
        script.textContent = "window.ranWithoutNonce = true";
        document.body.append(script);
    }""")

    page.wait_for_function("window.cspViolations.length > 0")
    assert violations(page) == ["script-src-elem blocked inline"]
    assert page.evaluate("window.ranWithoutNonce") is None


def test_the_api_docs_load_swagger_ui_with_no_violation(watched, db):
    page = watched
    page.goto("/api/docs/")

    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Carers Hub API")
    expect(page.get_by_text("/api/v1/eligibility/decisions/").first).to_be_visible()
    assert violations(page) == []


def test_the_admin_works_with_no_violation(watched, make_user):
    page = watched
    admin = make_user(Role.ADMINISTRATOR)
    admin.is_staff = admin.is_superuser = True
    admin.save()
    sign_in(page, admin)

    page.goto("/admin/mfa/authenticator/")
    expect(page.locator("#result_list")).to_contain_text(str(admin))
    page.goto("/admin/accounts/user/add/")
    expect(page.locator("#id_username")).to_be_visible()

    assert violations(page) == []
