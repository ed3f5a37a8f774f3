"""The directory in real Chromium with axe-core on every page: a front-door worker opens the directory
from a carer's record, finds a local peer group and sees Refer and Signpost carrying the record; a
partner proposes a change, the administrator sees it and approves it; the import page; 320 px."""

import datetime
import json
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from carershub.accounts.models import Role
from carershub.directory import services
from carershub.partnership.models import PostcodeDistrict
from tests.browser.conftest import assert_error_summary, check, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def directory(region):
    PostcodeDistrict.objects.get_or_create(prefix="AF", defaults={"area": region["areas"]["afon"]})
    group = services.add_service(
        organization=services.directory_organisation_for(region["orgs"]["partner"]),
        name="Young Carers Peer Group", description="Games, trips and time with other young carers.",
        needs=["peer-support", "young-carers"], carer_groups=["young-carers"],
        schedules=[{"byday": "TU", "opens_at": datetime.time(16, 30), "closes_at": datetime.time(18, 30)}],
        address={"address_1": "Youth Centre, Chapel Street", "city": "Aberafon", "state_province": "Afon",
                 "postal_code": "AF1 2DN"},
        areas=[region["areas"]["afon"]], minimum_age=8, maximum_age=17, phone="01632 960001",
        languages=[("en", "English"), ("cy", "Welsh")], costs=[{"option": "Each session", "amount": Decimal("0")}],
    )
    services.add_service(
        organization=services.directory_organisation_for(region["orgs"]["centre"]), name="Carers Advice Line",
        description="Advice by phone.", needs=["information-advice"], phone="01632 960002",
    )
    return group


def test_find_a_local_peer_group_and_refer_from_a_record(page, directory, make_user):
    # The live server's first page compiles the templates: on a busy machine that can take longer than
    # the 10-second default, which is about the machine, not the page.
    page.goto("/accounts/login/", timeout=60_000)
    sign_in(page, make_user(Role.FRONT_DOOR, username="frontdoor"))
    page.goto("/directory/?person=123&contact=45")
    check(page, "Find a service")
    page.get_by_label("Need").select_option(label="Peer support")
    page.get_by_label("Postcode, district or area").fill("AF1 4XY")
    page.get_by_label("Age of the carer").fill("13")
    page.get_by_role("button", name="Search the directory").click()
    check(page, "Find a service")
    expect(page.locator("#results")).to_have_text("1 service found")
    refer = page.get_by_role("link", name="Refer to Young Carers Peer Group")
    href = refer.get_attribute("href")
    assert f"service={directory.pk}" in href and "person=123" in href and "contact=45" in href
    page.get_by_role("link", name="Young Carers Peer Group", exact=True).click()
    check(page, "Young Carers Peer Group")
    expect(page.get_by_role("link", name="Refer a carer")).to_be_visible()

    page.goto("/directory/?age=old&time=25:00")
    check(page, error=True)
    assert_error_summary(page, ["#id_age", "#id_time"])


def test_a_partner_proposes_and_the_administrator_approves(page, new_page, directory, make_user):
    sign_in(page, make_user(Role.PARTNER_WORKER, organisation="partner", username="partner"))
    page.goto(f"/directory/services/{directory.pk}/")
    check(page, "Young Carers Peer Group")
    page.get_by_role("link", name="Propose a change to this service").click()
    check(page, "Propose a change")
    page.get_by_label("Name").fill("Young Carers Club")
    page.get_by_role("button", name="Send for approval").click()
    page.wait_for_url(f"**/directory/services/{directory.pk}/")
    check(page)

    admin_page = new_page()
    admin = make_user(Role.ADMINISTRATOR, username="admin")
    sign_in(admin_page, admin)
    admin_page.goto("/directory/proposals/")
    check(admin_page, "Changes to the directory")
    admin_page.get_by_role("link", name="Young Carers Peer Group").click()
    check(admin_page, "Proposed change")
    admin_page.get_by_role("button", name="Save the decision").click()
    check(admin_page, error=True)
    admin_page.get_by_label("Approve and apply the change").check()
    admin_page.get_by_role("button", name="Save the decision").click()
    admin_page.wait_for_url(f"**/directory/services/{directory.pk}/")
    check(admin_page, "Young Carers Club")
    expect(admin_page.get_by_text("Young Carers Peer Group → Young Carers Club")).to_be_visible()

    admin_page.goto("/directory/import/")
    check(admin_page, "Import")
    admin_page.get_by_role("button", name="Import").click()
    check(admin_page, error=True)


def test_the_directory_at_320_px(page, directory, make_user):
    page.set_viewport_size({"width": 320, "height": 800})
    sign_in(page, make_user(Role.PRACTITIONER, username="narrow"))
    page.goto("/directory/?text=carers")
    check(page, "Find a service")
    page.goto(f"/directory/services/{directory.pk}/")
    check(page, "Young Carers Peer Group")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, width


def test_the_api_answers_a_browser_on_another_site(page, directory):
    response = page.request.get("/oruk/services", headers={"Origin": "https://elsewhere.example"})
    assert response.status == 200
    assert response.headers["access-control-allow-origin"] == "*"
    assert json.loads(response.text())["total_items"] == 2
