"""Adding, listing and withdrawing a document in real Chromium: errors linked to the file field, axe on every page, 320 px."""

import re

import pytest
from playwright.sync_api import expect

from carershub.accounts.models import Role
from carershub.documents.models import Document
from tests.browser.conftest import assert_error_summary, check, sign_in
from tests.documents import files

pytestmark = pytest.mark.browser


def test_a_worker_attaches_a_signed_consent_pdf_and_withdraws_it(page, make_user, make_carer, tmp_path):
    carer = make_carer(given="Eirlys", family="Testdocument")
    sign_in(page, make_user(Role.PRACTITIONER))
    page.goto(f"/people/{carer.pk}/")
    check(page, "Eirlys")
    page.get_by_role("link", name="Add a document").first.click()
    check(page, "Add a document")

    # Nothing chosen: each error links to its field, the file field first as on the page.
    page.get_by_role("button", name="Add document").click()
    check(page, "Add a document", error=True)
    assert_error_summary(page, ["#id_file", "#id_kind", "#id_title"])

    # A program renamed to look like a PDF is refused on the field.
    fake = tmp_path / "consent.pdf"
    fake.write_bytes(files.exe())
    page.get_by_label("Upload a file").set_input_files(str(fake))
    page.get_by_role("group", name="What kind of document is it?").get_by_label("Signed consent form").check()
    page.get_by_label("Title").fill("Consent form signed 3 March 2026")
    page.get_by_role("button", name="Add document").click()
    check(page, "Add a document", error=True)
    assert_error_summary(page, ["#id_file"])
    expect(page.get_by_label("Title")).to_have_value("Consent form signed 3 March 2026")

    real = tmp_path / "Consent form.pdf"
    real.write_bytes(files.pdf())
    page.get_by_label("Upload a file").set_input_files(str(real))
    page.get_by_role("button", name="Add document").click()
    page.wait_for_url(re.compile(r"/documents/person/\d+/$"))
    check(page, "Documents")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Document added: Consent form signed 3 March 2026")
    expect(page.locator("table")).to_contain_text("Not scanned")

    # At 320 CSS pixels (WCAG 1.4.10) the page does not scroll sideways; the table scrolls in its box.
    size = page.viewport_size
    page.set_viewport_size({"width": 320, "height": size["height"]})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.set_viewport_size(size)

    with page.expect_download() as downloading:
        page.get_by_role("link", name=re.compile(r"^Consent form signed 3 March 2026")).click()
    assert downloading.value.suggested_filename == "Consent form.pdf"

    page.get_by_role("link", name=re.compile(r"^Withdraw")).click()
    check(page, "Withdraw a document")
    page.get_by_role("button", name="Withdraw document").click()
    check(page, "Withdraw a document", error=True)
    assert_error_summary(page, ["#id_reason"])
    page.get_by_label("Why are you withdrawing this document?").fill("Attached to the wrong record")
    page.get_by_role("button", name="Withdraw document").click()
    page.wait_for_url(re.compile(r"/documents/person/\d+/$"))
    check(page, "Documents")
    page.get_by_text("1 withdrawn document").click()
    expect(page.get_by_text("Attached to the wrong record")).to_be_visible()
    assert Document.objects.get().withdrawn_at is not None

    page.goto(f"/people/{carer.pk}/")
    check(page, "Eirlys")
