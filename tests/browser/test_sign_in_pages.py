"""The sign-in and security-code pages, with and without errors, in real Chromium."""

import pytest
from playwright.sync_api import expect

from carershub.accounts.models import Role
from tests.browser.conftest import assert_accessible, assert_error_summary, check
from tests.conftest import TEST_PASSWORD, totp_code, wrong_totp_code

pytestmark = pytest.mark.browser


def test_wrong_password_then_wrong_code_show_accessible_errors_and_the_right_code_signs_in(page, make_user):
    user = make_user(Role.PRACTITIONER)

    page.goto("/accounts/login/")
    check(page, "Sign in")
    page.get_by_label("Username or email address").fill(user.username)
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Continue").click()

    check(page, "Sign in", error=True)
    assert_error_summary(page, ["#id_password"])
    expect(page.get_by_label("Username or email address")).to_have_value(user.username)
    expect(page.get_by_label("Password")).to_have_value("")

    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/accounts/2fa/authenticate/")
    check(page, "Enter your security code")

    page.get_by_label("Enter your security code").fill(wrong_totp_code())
    page.get_by_role("button", name="Sign in").click()
    check(page, "Enter your security code", error=True)
    assert_error_summary(page, ["#id_code"])
    expect(page.locator("#id_code-error")).to_contain_text("code")
    assert "/accounts/2fa/authenticate/" in page.url

    page.get_by_label("Enter your security code").fill(totp_code())
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/accounts/" not in url)
    check(page, "Home")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Hello, {user.first_name}")


def test_submitting_the_sign_in_form_empty_explains_what_is_missing(page, db):
    page.goto("/accounts/login/")
    page.get_by_role("button", name="Continue").click()
    check(page, "Sign in", error=True)
    assert_error_summary(page, ["#id_login", "#id_password"])


def test_the_accessibility_check_itself_catches_a_problem(page):
    """assert_accessible must fail on an inaccessible page, or every other test here proves nothing."""
    page.set_content('<html lang="en"><head><title>Broken</title></head><body><main><h1>Broken</h1>'
                     '<img src="/static/nothing.png"><input type="text"></main></body></html>')
    with pytest.raises(AssertionError) as failure:
        assert_accessible(page)
    assert "image-alt" in str(failure.value)
    assert "label" in str(failure.value)
