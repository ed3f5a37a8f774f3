"""The issue's "done means" journey, in real Chromium, with axe-core on every page."""

import re

import pytest
from playwright.sync_api import expect

from carershub.accounts.models import Role
from tests.browser.conftest import check, sign_in

pytestmark = pytest.mark.browser


def test_front_door_worker_turns_an_unknown_caller_into_a_carer_and_the_manager_sees_the_access(
    page, new_page, make_user, region
):
    worker = make_user(Role.FRONT_DOOR, username="frontdoor")
    worker.first_name, worker.last_name = "Gwen", "Frontdoor"
    worker.save()
    # The front door's own manager, at the carers centre.
    manager = make_user(Role.TEAM_MANAGER, username="manager", organisation="centre")

    # Signs in with password then the code from the authenticator app.
    sign_in(page, worker)
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Gwen")

    # An unknown caller phones: the worker logs the contact.
    page.get_by_role("button", name="Log a new contact").click()
    page.wait_for_url("**/contacts/new/")
    check(page, "Log a contact")
    page.get_by_role("group", name="How did they get in touch?").get_by_label("Phone").check()
    page.get_by_role("group", name="Who got in touch?").get_by_label("The carer", exact=True).check()
    page.get_by_label("Carer's first name (optional)").fill("Bethan")
    page.get_by_label("Carer's last name (optional)").fill("Prydderch")
    page.get_by_label("Carer's postcode (optional)").fill("af1 2ab")
    page.get_by_label("Who do they care for? (optional)").fill("Her father, who has dementia")
    page.get_by_label("What matters to them").fill("Wants a break at weekends; worried about nights.")
    outcomes = page.get_by_role("group", name="Outcome")
    outcomes.get_by_label("Identified as a carer").check()
    outcomes.get_by_label("Carer's assessment offered").check()
    page.get_by_role("button", name="Save contact").click()

    page.wait_for_url(re.compile(r"/contacts/\d+/$"))
    check(page, "Contact")
    expect(page.get_by_role("heading", level=1)).to_have_text("Contact about Bethan Prydderch")
    expect(page.get_by_text("Contact logged")).to_be_visible()

    # Turns the contact into a carer record without typing the name or postcode again.
    page.get_by_role("button", name="Create a carer record from this contact").click()
    page.wait_for_url(re.compile(r"/contacts/\d+/new-carer/"))
    check(page, "Add a carer record")
    expect(page.get_by_label("First name", exact=True)).to_have_value("Bethan")
    expect(page.get_by_label("Last name", exact=True)).to_have_value("Prydderch")
    expect(page.get_by_label("Postcode (optional)", exact=True)).to_have_value("AF1 2AB")
    page.get_by_label("Address line 1").fill("1 Heol y Nant")
    page.get_by_label("Town or city").fill("Afon")
    page.get_by_role("button", name="Save carer record").click()

    page.wait_for_url(re.compile(r"/people/\d+/$"))
    check(page, "Bethan Prydderch")
    carer_url = page.url
    expect(page.get_by_text("Carer record created for Bethan Prydderch")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bethan Prydderch")
    # The contact now belongs to her record.
    expect(page.get_by_role("link", name="Contact logged: Phone")).to_have_count(1)

    # Adds the person she cares for.
    page.get_by_role("button", name="Add a cared-for person").click()
    check(page, "Add a cared-for person")
    page.get_by_label("Their first name").fill("Emrys")
    page.get_by_label("Their last name").fill("Prydderch")
    page.get_by_label("They live at the carer's address").check()
    page.get_by_label("They live with the carer").check()
    page.get_by_role("group", name="Who are they to the carer?").get_by_label("Parent", exact=True).check()
    page.get_by_role("button", name="Add cared-for person").click()

    page.wait_for_url(carer_url)
    check(page, "Bethan Prydderch")
    expect(page.get_by_text("Emrys Prydderch added as cared for by Bethan Prydderch")).to_be_visible()
    expect(page.get_by_role("link", name="Emrys Prydderch")).to_be_visible()

    # Finds her again by name.
    page.get_by_role("link", name="Find a person").click()
    check(page, "Find a person")
    page.get_by_label("Name, NHS number, postcode or date of birth").fill("Bethan Prydderch")
    page.get_by_role("button", name="Search").click()
    check(page, "Find a person")
    page.get_by_role("link", name="Bethan Prydderch").click()
    page.wait_for_url(carer_url)
    check(page, "Bethan Prydderch")

    # Signs out.
    page.get_by_role("link", name="Sign out").click()
    check(page, "Sign out")
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/accounts/login/**")

    # The team manager, in another browser, sees who looked at the record.
    manager_page = new_page()
    sign_in(manager_page, manager)
    manager_page.goto(carer_url)
    check(manager_page, "Bethan Prydderch")
    manager_page.get_by_role("link", name="Who has looked at this record").click()
    check(manager_page, "Who has looked at this record")
    by_worker = manager_page.get_by_role("row").filter(has_text="Gwen Frontdoor")
    expect(by_worker.filter(has_text="Found in a search").filter(has_text="Bethan Prydderch")).to_have_count(1)
    expect(by_worker.filter(has_text="Viewed: the record")).not_to_have_count(0)
    expect(manager_page.get_by_role("row").filter(has_text="Who has looked at the record")).to_have_count(1)
