"""Issue 10's "done means" for groups, in real Chromium with axe-core on every page: a group session
fills, the next carer waits on the list with their position, and a cancellation shows them as next to
be offered the place; then every groups page in English and Welsh, one at 320 px."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from carershub.accounts.models import Role
from carershub.support.groups import services
from tests.browser.conftest import check, sign_in

pytestmark = pytest.mark.browser


def _activity(worker, region, **fields):
    values = {"kind": "training", "name": "Moving and handling", "organisation": region["orgs"]["council"],
              "language": "en", "for_whom": "any", "places": 2, **fields}
    return services.create_activity(actor=worker, areas=[region["areas"]["afon"]], **values)


def test_a_session_fills_the_next_carer_waits_and_a_cancellation_shows_them_next(page, region, make_user, make_carer):
    worker = make_user(Role.PRACTITIONER, username="organiser")
    ann, bea, cai = (make_carer(given=n, family="Llenwi") for n in ("Ann", "Bea", "Cai"))
    course = _activity(worker, region)
    session = services.add_session(course, date=timezone.localdate() + datetime.timedelta(days=3), starts_at=datetime.time(10),
                                   ends_at=datetime.time(12), venue="Chapel hall", places=2, actor=worker)
    sign_in(page, worker)

    for carer in (ann, bea):
        page.goto(f"/groups/sessions/{session.pk}/")
        check(page)
        page.get_by_role("link", name="Book a carer").click()
        check(page, "Book a carer")
        page.get_by_label("Carer's name").fill(f"{carer.given_name} Llenwi")
        page.get_by_role("button", name="Find").click()
        page.get_by_role("link", name=f"Choose {carer.given_name} Llenwi").click()
        check(page, "Book a carer")
        page.get_by_role("button", name=f"Book {carer.given_name} Llenwi").click()
        page.wait_for_url(f"**/groups/sessions/{session.pk}/")
        check(page)

    # Full: the session offers the waiting list instead of a booking.
    expect(page.get_by_text("Full", exact=True)).to_be_visible()
    page.get_by_role("link", name="Add a carer to the waiting list").click()
    check(page, "Add a carer to the waiting list")
    page.get_by_label("Carer's name").fill("Cai")
    page.get_by_role("button", name="Find").click()
    page.get_by_role("link", name="Choose Cai Llenwi").click()
    page.get_by_label("Note (optional)").fill("Mornings only")
    page.get_by_role("button", name="Add to the waiting list").click()
    page.wait_for_url(f"**/groups/activities/{course.pk}/")
    check(page, "Moving and handling")
    expect(page.get_by_role("alert")).to_contain_text("Cai Llenwi is on the waiting list, number 1")
    row = page.locator("#waiting-caption").locator("xpath=..").locator("tbody tr").first
    expect(row).to_contain_text("Cai Llenwi")
    expect(row).to_contain_text("Next to be offered a place")

    # Ann cancels: the session shows Cai as the one to offer the place to.
    page.goto(f"/groups/sessions/{session.pk}/")
    page.get_by_role("link", name="Cancel Ann Llenwi").click()
    check(page, "Cancel a booking")
    page.get_by_role("button", name="Cancel the booking").click()
    page.wait_for_url(f"**/groups/sessions/{session.pk}/")
    check(page)
    expect(page.get_by_text("Cai Llenwi is next on the waiting list: offer them the place")).to_be_visible()
    expect(page.locator("#next-to-offer")).to_contain_text("Cai Llenwi")
    page.locator("#next-to-offer").get_by_role("link", name="Offer them this place").click()
    check(page, "Book a carer")
    page.get_by_role("button", name="Book Cai Llenwi").click()
    page.wait_for_url(f"**/groups/sessions/{session.pk}/")
    expect(page.get_by_role("table")).to_contain_text("Cai Llenwi")
    assert services.waiting(course).count() == 0


def test_every_groups_page_passes_axe_in_english_and_welsh(page, region, make_user, make_carer):
    worker = make_user(Role.PRACTITIONER)
    carer = make_carer(given="Gwenllian", family="Testaxe")
    other = make_carer(given="Dafydd", family="Testaxe")
    group = _activity(worker, region, kind="peer_support", name="Paned a Sgwrs", language="bilingual", places=6)
    today = services.add_session(group, date=timezone.localdate(), starts_at=datetime.time(10), ends_at=datetime.time(12),
                                 venue="Neuadd", places=6, actor=worker)
    booking = services.book(carer, activity=group, session=today, actor=worker)
    services.book(other, activity=group, session=today, actor=worker)
    counselling = _activity(worker, region, kind="counselling", name="Cwnsela", ongoing=True, places=1)
    services.book(other, activity=counselling, actor=worker)
    entry = services.join_waiting_list(counselling, person=carer, actor=worker)
    services.issue_pack(carer, issued_on=timezone.localdate(), format="printed", language="cy", actor=worker)
    sign_in(page, worker)
    pages = [
        ("/groups/", "Groups, courses and waiting lists"),
        ("/groups/?registers=1", "Groups, courses and waiting lists"),
        ("/groups/activities/new/", "Add an activity"),
        (f"/groups/activities/{group.pk}/", "Paned a Sgwrs"),
        (f"/groups/activities/{counselling.pk}/", "Cwnsela"),
        (f"/groups/activities/{group.pk}/edit/", "Change the activity"),
        (f"/groups/activities/{group.pk}/sessions/new/", "Add a session"),
        (f"/groups/sessions/{today.pk}/", "Paned a Sgwrs"),
        (f"/groups/sessions/{today.pk}/book/?q=Testaxe", "Book a carer"),
        (f"/groups/activities/{counselling.pk}/book/", "Give a carer a place"),
        (f"/groups/activities/{group.pk}/waiting/new/?person={carer.pk}", "Add a carer to the waiting list"),
        (f"/groups/bookings/{booking.pk}/cancel/", "Cancel a booking"),
        (f"/groups/waiting/{entry.pk}/leave/", "Take off the waiting list"),
        (f"/groups/carer/{carer.pk}/", "Groups and courses"),
        (f"/groups/carer/{carer.pk}/book/", "Book onto a group or course"),
        (f"/groups/carer/{carer.pk}/packs/new/", "Record an information pack"),
        (f"/people/{carer.pk}/", "Gwenllian Testaxe"),
    ]
    for url, title in pages:
        page.goto(url)
        check(page, title)

    # A form sent with mistakes shows the error summary, and passes axe too.
    page.goto(f"/groups/activities/{group.pk}/sessions/new/")
    page.get_by_label("Start time").fill("14:00")
    page.get_by_label("End time").fill("13:00")
    page.get_by_role("button", name="Add session").click()
    check(page, "Add a session", error=True)

    # The register at 320 px: nothing wider than the screen.
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(f"/groups/sessions/{today.pk}/")
    check(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.set_viewport_size({"width": 1280, "height": 900})

    page.goto("/")
    page.get_by_role("link", name="Cymraeg").click()
    page.wait_for_load_state("load")
    for url, _title in pages:
        page.goto(url)
        check(page)
        assert page.locator("html").get_attribute("lang") == "cy"
    expect(page.get_by_role("heading", name=re.compile("Grwpiau a chyrsiau"))).to_be_visible()
