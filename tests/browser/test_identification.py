"""Identification in settings in real Chromium with axe-core on every page: a worker adds a GP practice
(a wrong ODS code is refused on the field first), records a visit, names a carers champion and records
training; the list then answers how many practices in the area were engaged. The list at 320 px."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from carershub.accounts.models import Role
from tests.browser.conftest import assert_error_summary, check, sign_in

pytestmark = pytest.mark.browser


def _date(page, legend, day):
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def test_a_worker_records_a_practice_engaged_and_the_list_answers(page, region, make_user):
    worker = make_user(Role.PRACTITIONER, username="engager")
    today = timezone.localdate()
    sign_in(page, worker)

    page.goto("/settings-engaged/")
    check(page, "Carers identified in settings")
    expect(page.locator("#coverage")).to_contain_text("0 of 1 GP practices in Test Afon engaged in the last 12 months")
    page.get_by_role("link", name="Add a setting").click()
    check(page, "Add a setting")
    page.get_by_label("Name").fill("Glan yr Afon Surgery")
    page.get_by_label("GP practice").check()
    page.get_by_label("Council area").select_option(label="Test Afon")
    page.get_by_label("ODS code (optional)").fill("12345")
    page.get_by_role("button", name="Save setting").click()
    check(page, "Add a setting", error=True)
    assert_error_summary(page, ["#id_ods_code"])
    page.get_by_label("ODS code (optional)").fill("W99123")
    page.get_by_role("button", name="Save setting").click()
    page.wait_for_url(re.compile(r"/settings-engaged/\d+/$"))
    check(page, "Glan yr Afon Surgery")

    page.get_by_role("link", name="Record engagement").click()
    check(page, "Record engagement")
    _date(page, "Date", today)
    page.get_by_label("Carers' register check").check()
    page.get_by_label("Who you met there (optional)").fill("Practice manager")
    page.get_by_role("button", name="Save engagement").click()
    page.wait_for_url(re.compile(r"/settings-engaged/\d+/$"))
    check(page, "Glan yr Afon Surgery")
    expect(page.get_by_text("Yes, last on")).to_be_visible()

    page.get_by_role("link", name="Add a carers champion").click()
    check(page, "Add a carers champion")
    page.get_by_label("Name").fill("Nia Synthetic")
    page.get_by_label("Job or role").fill("Receptionist")
    _date(page, "Champion since", today)
    page.get_by_role("button", name="Save champion").click()
    page.wait_for_url(re.compile(r"/settings-engaged/\d+/$"))
    expect(page.get_by_role("link", name=re.compile("Nia Synthetic"))).to_be_visible()

    page.get_by_role("link", name="Record training for its staff").click()
    check(page, "Record training delivered")
    _date(page, "Date", today)
    page.get_by_label("Title").fill("Identifying carers at reception")
    page.get_by_label("Number attending").fill("12")
    page.get_by_role("button", name="Save training").click()
    page.wait_for_url(re.compile(r"/settings-engaged/training/\d+/$"))
    check(page, "Identifying carers at reception")

    page.goto("/settings-engaged/")
    check(page, "Carers identified in settings")
    expect(page.locator("#coverage")).to_contain_text("1 of 2 GP practices in Test Afon engaged in the last 12 months")
    page.set_viewport_size({"width": 320, "height": 800})
    check(page, "Carers identified in settings")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
