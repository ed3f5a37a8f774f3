"""Issue 13's "done means", on the demo region, in real Chromium with axe-core on every page.

The demo team manager of Afon Valley registers a new micro-enterprise, completes its Quality
Framework Checklist and makes it active; arranges care at home with it for four people (the fourth
with the "at its limit" warning confirmed) and is refused a fifth with the registration route
explained; matches a person with a direct payment to providers ranked with their reasons and
introduces two; and reads the provider mix by sector, for Afon Valley and across Welsh councils.
The register pages are then read in Welsh, and a provider page at 320 px.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone, translation
from playwright.sync_api import expect

from carershub.demo import region
from carershub.partnership.models import Area
from carershub.people.models import CaringRelationship, Person
from carershub.providers.arrangements.models import Arrangement
from carershub.providers.matching.models import CareRequest, Introduction
from carershub.providers.models import Provider
from tests.browser.conftest import check
from tests.browser.test_support_journey import demo_sign_in, fill_date

pytestmark = pytest.mark.browser
NEW_PROVIDER = "Cegin Cwmfelin Care"
AFON = "Afon Valley"


def cy(text: str) -> str:
    with translation.override("cy"):
        return translation.gettext(text)


def four_plus_one(manager) -> list[Person]:
    """Five people cared for in Afon Valley whom the manager may open, with no arrangement or request."""
    afon = Area.objects.get(name=AFON)
    visible = Person.objects.visible_to(manager).filter(area=afon)
    cared_for = CaringRelationship.objects.filter(cared_for__in=visible).values_list("cared_for_id", flat=True)
    busy = set(Arrangement.objects.values_list("person_id", flat=True)) | set(
        CareRequest.objects.values_list("person_id", flat=True))
    people = list(Person.objects.filter(pk__in=cared_for).exclude(pk__in=busy).order_by("pk")[:5])
    assert len(people) == 5, "the demo region should have five more people cared for in Afon Valley"
    return people


def record_check(page, provider, label, *, worker=None, expires=None):
    """From the checklist page: the item's "Record a check" link, outcome met, today, and its expiry."""
    page.goto(f"/providers/{provider.pk}/checklist/")
    check(page, "Quality Framework Checklist")
    # The link's own text is "Record a check"; the item (and worker) follow, visually hidden.
    name = re.compile(r"^Record a check\s*:\s*" + re.escape(label + (f", {worker}" if worker else "")) + "$")
    page.get_by_role("link", name=name).click()
    check(page, label)
    if worker:
        expect(page.get_by_label("Worker")).to_have_value(str(provider.workers.get(name=worker).pk))
    page.get_by_label("Met", exact=True).check()
    page.get_by_label("Evidence seen (optional)").fill("Seen at a visit on the day; a copy is on file.")
    if expires:
        fill_date(page, "Expires on", expires)
    page.get_by_role("button", name="Record the check").click()
    page.wait_for_url(re.compile(r"/providers/\d+/(checklist/)?$"))
    check(page)


def arrange(page, person, *, confirm=False):
    page.goto(f"/care-arrangements/new/{person.pk}/")
    check(page, "Arrange care at home")
    page.get_by_label("Provider", exact=True).select_option(label=f"{NEW_PROVIDER} (serves {AFON})")
    fill_date(page, "Start date", timezone.localdate())
    page.get_by_label("Hours a week (optional)").fill("6")
    if confirm:
        page.get_by_label("I understand this provider will be at its limit of four people cared for at home").check()
    page.get_by_role("button", name="Arrange care").click()


def test_a_micro_enterprise_joins_the_register_cares_for_four_and_people_are_matched(page):
    region.load(carers=100)
    today = timezone.localdate()

    page.goto("/accounts/login/", timeout=60_000)
    manager = demo_sign_in(page, "manager")
    page.goto("/providers/")
    check(page, "Providers of care at home")

    # 1. Register a new micro-enterprise serving Afon Valley.
    page.get_by_role("link", name="Add a provider").click()
    check(page, "Add a provider")
    page.get_by_label("Or the name of a new organisation").fill(NEW_PROVIDER)
    page.get_by_label("Community micro-enterprise").check()
    page.get_by_role("group", name="Council areas served").get_by_label(AFON, exact=True).check()
    page.get_by_label("Postcode districts served (optional)").fill("AF1, AF2")
    for service in ("Personal care (washing, dressing, toileting)", "Meal preparation"):
        page.get_by_label(service).check()
    for day in ("Monday", "Wednesday", "Friday"):
        page.get_by_role("group", name=day, exact=True).get_by_label("Morning").check()
    page.get_by_label("Welsh spoken").check()
    page.get_by_role("button", name="Add the provider").click()
    page.wait_for_url(re.compile(r"/providers/\d+/$"))
    check(page, NEW_PROVIDER)
    provider = Provider.objects.get(organisation__name=NEW_PROVIDER)
    assert provider.status == "enquiry" and provider.is_micro
    expect(page.locator("#cannot-take-new-people")).to_be_visible()

    # 2. A worker, every essential item through the pages, then enquiry -> developing -> active.
    page.get_by_role("link", name="Add a worker").click()
    check(page, "Add a worker")
    page.get_by_label("Name", exact=True).fill("Nia Cwmfelin")
    page.get_by_label("Role (optional)").fill("Care worker")
    page.get_by_role("button", name="Add the worker").click()
    check(page, NEW_PROVIDER)
    year_on = today + timedelta(days=365)
    record_check(page, provider, "DBS check", worker="Nia Cwmfelin", expires=year_on)
    record_check(page, provider, "References", worker="Nia Cwmfelin")
    record_check(page, provider, "Safeguarding policy", expires=year_on)
    record_check(page, provider, "Capacity and cover arrangements")
    record_check(page, provider, "Insurance", expires=year_on)
    for status in ("Developing", "Active"):
        page.goto(f"/providers/{provider.pk}/")
        page.get_by_role("link", name="Change status").click()
        check(page, "Change the provider's status")
        page.get_by_label(status, exact=True).check()
        page.get_by_role("button", name="Change the status").click()
        page.wait_for_url(f"**/providers/{provider.pk}/")
        check(page, NEW_PROVIDER)
    provider.refresh_from_db()
    assert provider.status == "active"
    expect(page.locator("#cannot-take-new-people")).to_have_count(0)
    expect(page.locator("#people-now")).to_contain_text("0 of 4 people")
    page.goto(f"/providers/{provider.pk}/checklist/")
    check(page, "Quality Framework Checklist")
    expect(page.get_by_text("Cannot take new people:")).to_have_count(0)

    # 3. Care at home for four people; the fourth asks for the limit to be confirmed.
    people = four_plus_one(manager)
    for person in people[:3]:
        arrange(page, person)
        page.wait_for_url(re.compile(r"/care-arrangements/\d+/$"))
        check(page, "Care at home arrangement")
    arrange(page, people[3])
    check(page, "Arrange care at home", error=True)
    expect(page.locator(".govuk-warning-text")).to_contain_text("This will be their fourth person")
    assert not Arrangement.objects.filter(person=people[3]).exists()
    page.get_by_label("I understand this provider will be at its limit of four people cared for at home").check()
    page.get_by_role("button", name="Arrange care").click()
    page.wait_for_url(re.compile(r"/care-arrangements/\d+/$"))
    check(page, "Care at home arrangement")
    assert Arrangement.objects.filter(provider=provider).count() == 4

    # 4. A fifth is refused: the four-person rule and the route to registering with CIW (about 14 weeks).
    arrange(page, people[4])
    check(page, "Arrange care at home", error=True)
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Care Inspectorate Wales")
    expect(summary).to_contain_text("14 weeks")
    expect(summary).to_contain_text("may care for at most 4 people at any one time")
    expect(summary).to_contain_text("To care for more than 4 people at home at one time")
    assert not Arrangement.objects.filter(person=people[4]).exists()
    assert Arrangement.objects.filter(provider=provider).count() == 4
    expect(page.get_by_role("link", name="Record its application to register")).to_be_visible()
    page.goto(f"/providers/{provider.pk}/")
    check(page, NEW_PROVIDER)
    expect(page.locator("#people-now")).to_contain_text("4 of 4 people")
    page.get_by_role("link", name="Care arrangements with this provider").click()
    check(page, NEW_PROVIDER)

    # 5. The demo's open request with a direct payment: ranked providers with reasons; introduce two.
    found = (CareRequest.objects.filter(status="open", direct_payment=True, area__name=AFON)
             .exclude(pk__in=Introduction.objects.values("request_id")).get())
    page.goto("/care-matching/")
    check(page, "People waiting for care at home")
    page.goto(f"/care-matching/{found.pk}/")
    check(page, "Care at home for")
    ranked = page.locator("ol.govuk-list > li")
    assert ranked.count() >= 2, "at least two providers should fit the request"
    names = []
    for i in range(2):
        entry = ranked.nth(i)
        expect(entry.locator("ul.govuk-list--bullet li").first).to_be_visible()
        names.append(re.sub(r"^\d+\.\s*|\s*\(score.*$", "", entry.locator("h3").inner_text()).strip())
    not_fitting = page.locator("details.govuk-details").first
    not_fitting.locator("summary").click()
    reasons_for_new = not_fitting.locator(f"h3:text-is('{NEW_PROVIDER}') + ul")
    expect(reasons_for_new).to_contain_text(
        "Already cares for 4 people, the most an unregistered provider may care for")
    for name in names:
        page.get_by_role("button", name=f"Introduce to {name}").click()
        check(page, "Care at home for")
    introduced = set(Introduction.objects.filter(request=found).values_list("provider__organisation__name", flat=True))
    assert introduced == set(names)
    assert NEW_PROVIDER not in introduced
    expect(page.get_by_text("Already introduced.")).to_have_count(2)

    # 6. The provider mix: Afon Valley's chart and table with its Section 16 share; the report's Table 2.
    page.goto("/provider-mix/")
    check(page, "Provider mix")
    page.get_by_label("Council", exact=True).select_option(AFON)
    page.get_by_role("button", name="Show the provider mix").click()
    check(page, "Provider mix")
    chart = page.locator("figure svg[role=img]")
    expect(chart).to_be_visible()
    expect(chart.locator("title").first).to_have_text(f"Share of care at home by sector, {AFON}")
    caption = f"share of care at home by sector, {AFON}"
    table = page.locator("table").filter(has=page.locator("caption", has_text=caption))
    expect(table.locator("thead")).to_contain_text("Section 16 share")
    assert table.locator("tbody tr").count() >= 6
    expect(table.locator("tbody tr").first.locator("td").last).to_have_text(re.compile(r"^\d+(\.\d+)?%$"))
    page.goto("/provider-mix/table/")
    check(page, "Provider mix by council")
    page.get_by_label("Period").select_option(value="2018-04-01_2019-03-31")
    page.get_by_role("button", name="Show this period").click()
    check(page, "Provider mix by council")
    flintshire = page.locator("tbody tr").filter(has=page.locator("th", has_text="Flintshire"))
    expect(flintshire.locator("td")).to_have_text(["81", "19", "0", "100"])

    # The reminders queue, and a provider page at 320 px with nothing scrolling sideways.
    page.goto("/providers/reminders/")
    check(page, "Provider checks due")
    expect(page.get_by_text("Helping Hands Pontafon").first).to_be_visible()
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(f"/providers/{provider.pk}/")
    check(page, NEW_PROVIDER)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.set_viewport_size({"width": 1280, "height": 900})

    # In Welsh: the register, the reminders queue, the checklist and a provider page.
    page.goto("/")
    page.get_by_role("link", name="Cymraeg").click()
    page.wait_for_load_state("load")
    for url, heading in [
        ("/providers/", "Providers of care at home"),
        ("/providers/reminders/", "Provider checks due and registrations overdue"),
        (f"/providers/{provider.pk}/checklist/", "Quality Framework Checklist"),
        (f"/providers/{provider.pk}/", NEW_PROVIDER),
    ]:
        page.goto(url)
        check(page)
        assert page.locator("html").get_attribute("lang") == "cy"
        expect(page.get_by_role("heading", level=1)).to_have_text(cy(heading))
