"""Issue 11's "done means" for the grants fund, in real Chromium with axe-core on every page: a grant round
runs from applications to capped awards (a panel member scores, a manager awards until the budget is spent
and is told how much remains), then every grants page in English and Welsh, one at 320 px."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from carershub.accounts.models import Role
from carershub.grants import services
from carershub.grants.models import Application
from carershub.grants.services import CriterionSpec
from tests.browser.conftest import check, sign_in

pytestmark = pytest.mark.browser


def _round(manager, panel, *, budget=300000, steps=3):
    today = timezone.localdate()
    found = services.create_round(
        actor=manager, name="Carers community grants", budget_pence=budget, max_award_pence=200000,
        opens_on=today - datetime.timedelta(days=20), closes_on=today, decision_on=today + datetime.timedelta(days=20),
        panel=panel, criteria=[CriterionSpec("Co-production", 3, "How carers shaped it"), CriterionSpec("Reach", 1)],
    )
    for _n in range(steps):
        services.move_on(found, expected_version=found.version, actor=manager)
    return found


def test_a_grant_round_runs_from_applications_to_capped_awards(page, new_page, make_user):
    manager = make_user(Role.TEAM_MANAGER, organisation="council", username="fundmanager")
    scorer = make_user(Role.FRONT_DOOR, username="panelmember")
    found = _round(manager, [scorer], steps=1)  # open
    sign_in(page, manager)

    # Two applications recorded from the round page.
    for name, amount in (("Cuppa Club", "2,000"), ("Knit and Natter", "1500")):
        page.goto(f"/grants/rounds/{found.pk}/")
        check(page, "Carers community grants")
        page.get_by_role("link", name="Record an application").click()
        check(page, "Record an application")
        page.get_by_label("Name of a new group").fill(name)
        page.get_by_label("User-led service").check()
        page.get_by_label("Contact name").fill("Test Contact")
        page.get_by_label("What is the grant for?").fill("A weekly drop-in")
        page.get_by_label("Amount asked for, in pounds").fill(amount)
        page.get_by_label("How did carers co-produce it?").fill("Carers planned it at the forum")
        page.get_by_label("Carers expected to benefit").fill("25")
        page.get_by_role("button", name="Record the application").click()
        check(page, name)
    # Closed, then scoring.
    for button in ("Close the round to applications", "Start scoring"):
        page.goto(f"/grants/rounds/{found.pk}/")
        page.get_by_role("button", name=button).click()
        check(page, "Carers community grants")
    expect(page.get_by_text("Being scored").first).to_be_visible()

    # The panel member scores the first from their home page's queue.
    other = new_page()
    sign_in(other, scorer)
    other.get_by_role("link", name="Grant applications waiting for your scores").click()
    check(other, "Grant applications waiting for your scores")
    other.get_by_role("link", name="Cuppa Club").click()
    check(other, "Score the application")
    other.get_by_role("group", name="Co-production (weight 3)").get_by_label("5").check()
    other.get_by_role("group", name="Reach (weight 1)").get_by_label("3").check()
    other.get_by_role("button", name="Submit my scores").click()
    check(other, "Cuppa Club")
    expect(other.get_by_text("Weighted score 4.50 out of 5, from 1 scorer")).to_be_visible()

    # The manager awards from the ranking: the first in full, the second over what is left.
    page.goto(f"/grants/rounds/{found.pk}/ranking/")
    check(page, "Ranking")
    expect(page.locator("tbody tr").first).to_contain_text("Cuppa Club")
    page.get_by_role("link", name="Decide Cuppa Club").click()
    check(page, "Record the decision")
    page.get_by_label("Award a grant").check()
    page.get_by_label("Amount awarded, in pounds").fill("2000")
    page.get_by_role("button", name="Record the decision").click()
    check(page, "Cuppa Club")

    page.goto(f"/grants/rounds/{found.pk}/ranking/")
    page.get_by_role("link", name="Decide Knit and Natter").click()
    page.get_by_label("Award a grant").check()
    page.get_by_label("Amount awarded, in pounds").fill("1500")
    page.get_by_role("button", name="Record the decision").click()
    check(page, "Record the decision", error=True)
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "The award must not be more than the £1,000.00 left in the round's budget")
    page.get_by_label("Amount awarded, in pounds").fill("1000")
    page.get_by_role("button", name="Record the decision").click()
    check(page, "Knit and Natter")

    page.goto(f"/grants/rounds/{found.pk}/")
    budget = page.locator(".govuk-summary-list").first
    expect(budget).to_contain_text("£3,000.00")
    expect(budget.locator(".govuk-summary-list__row", has_text="Left to award")).to_contain_text("£0.00")
    assert sum(Application.objects.values_list("awarded_pence", flat=True)) == 300000


def test_every_grants_page_passes_axe_in_english_and_welsh(page, make_user):
    manager = make_user(Role.TEAM_MANAGER, organisation="council")
    found = _round(manager, [manager])
    today = timezone.localdate()
    common = {"section16_type": "cooperative", "contact_name": "Test Contact", "purpose": "Gardening mornings",
              "coproduction": "Carers chose it", "carers_expected": 12, "received_on": today}
    waiting = services.record_application(found, actor=manager, new_group_name="Tŷ Gwyrdd", requested_pence=50000, **common)
    awarded = services.record_application(found, actor=manager, new_group_name="Paned a Sgwrs", requested_pence=80000, **common)
    services.award(awarded, amount_pence=70000, expected_version=awarded.version, actor=manager)
    services.record_payment(awarded, amount_pence=35000, paid_on=today, actor=manager)
    sign_in(page, manager)
    pages = [
        ("/grants/", "Community grants fund"),
        ("/grants/rounds/new/", "Set up a grant round"),
        (f"/grants/rounds/{found.pk}/", "Carers community grants"),
        (f"/grants/rounds/{found.pk}/ranking/", "Ranking"),
        (f"/grants/rounds/{found.pk}/panel/", "Change the panel"),
        (f"/grants/rounds/{found.pk}/applications/new/", "Record an application"),
        (f"/grants/applications/{waiting.pk}/", "Tŷ Gwyrdd"),
        (f"/grants/applications/{waiting.pk}/score/", "Score the application"),
        (f"/grants/applications/{waiting.pk}/interest/", "Declare an interest"),
        (f"/grants/applications/{waiting.pk}/decide/", "Record the decision"),
        (f"/grants/applications/{awarded.pk}/", "Paned a Sgwrs"),
        (f"/grants/applications/{awarded.pk}/payments/new/", "Record a payment"),
        (f"/grants/applications/{awarded.pk}/returns/new/", "Record a monitoring return"),
        ("/grants/scoring/", "Grant applications waiting for your scores"),
    ]
    for url, title in pages:
        page.goto(url)
        check(page, title)

    page.goto("/grants/rounds/new/")
    page.get_by_label("Budget, in pounds").fill("1.234")
    page.get_by_role("button", name="Set up the round").click()
    check(page, "Set up a grant round", error=True)

    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(f"/grants/rounds/{found.pk}/")
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
