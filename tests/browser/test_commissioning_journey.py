"""Issue 12's "done means", on the demo region, in real Chromium with axe-core on every page.

The demo commissioner picks last financial year and Afon Valley and reads the activity figures,
coverage against the Census, spend per carer and the contracts' red/amber/green status (in words),
and downloads a table as CSV; printed, the activity page leaves its form and links off. A team manager of Marchester City Council (an English council: the
Client Level Data return is England's, and the demo has no team manager there, so the test makes
one) downloads the Client Level Data CSV for last financial year. The commissioner then enters an
options appraisal (the Section 16 preset, two options, a few cells) and an action plan (a
priority, a workstream, an action) and exports both. Then every index page of the issue's seven
apps and the activity page, in Welsh at 320 px, with nothing scrolling sideways.
"""

import csv
import io
import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.utils import timezone, translation
from playwright.sync_api import expect

from carershub.accounts.models import Role, StaffRole, User
from carershub.demo import region
from carershub.partnership.models import Area, Organisation
from carershub.reporting import measures
from carershub.reporting.actionplans.models import Action, ActionPlan
from carershub.reporting.appraisal.models import Appraisal
from tests.browser.conftest import check, sign_in
from tests.browser.test_support_journey import demo_sign_in
from tests.conftest import TEST_PASSWORD, TOTP_SECRET

pytestmark = pytest.mark.browser
AFON = "Afon Valley"
CARERS = 60


def cy(text: str) -> str:
    with translation.override("cy"):
        return translation.gettext(text)


def last_financial_year():
    return measures.previous_financial_year_bounds(timezone.localdate())


def marchester_team_manager() -> User:
    """Test-only: a team manager at Marchester City Council (the demo has only a practitioner there)."""
    user = User.objects.create_user(
        username="marchestermanager", email="marchestermanager@test.invalid", password=TEST_PASSWORD,
        first_name="Test", last_name="Manager",
        organisation=Organisation.objects.get(name="Marchester City Council"),
    )
    StaffRole.objects.create(user=user, role=Role.TEAM_MANAGER)
    TOTP.activate(user, TOTP_SECRET)
    return user


def download(page, link):
    """Click a download link; the file's name and its text (a CSV) or bytes (an XLSX)."""
    with page.expect_download() as info:
        link.click()
    found = info.value
    with open(found.path(), "rb") as handle:
        body = handle.read()
    if found.suggested_filename.endswith(".csv"):
        return found.suggested_filename, body.decode("utf-8-sig")
    return found.suggested_filename, body


def sign_out(page):
    page.context.clear_cookies()


def test_a_commissioner_reads_the_figures_and_enters_an_appraisal_and_an_action_plan(page):
    region.load(carers=CARERS)
    start, end = last_financial_year()

    page.goto("/accounts/login/", timeout=60_000)
    demo_sign_in(page, "commissioner")

    # 1. Activity: last financial year, Afon Valley.
    page.goto("/figures/")
    check(page)
    page.goto("/figures/activity/")
    check(page, "Activity figures")
    page.get_by_label("Last financial year").check()
    page.get_by_label("Area", exact=True).select_option(AFON)
    page.get_by_role("button", name="Show figures").click()
    check(page, "Activity figures")
    heading = page.get_by_role("heading", level=2).filter(has_text=AFON).first
    expect(heading).to_be_visible()
    assert page.locator("table.govuk-table").count() >= 4
    expect(page.locator("#trend-chart, figure svg[role=img]").first).to_be_visible()
    name, text = download(page, page.get_by_role("link", name="Download these activity figures as CSV"))
    assert name.endswith(".csv")
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) > 5, rows[:5]
    expect(page.locator(".app-counted").first).to_contain_text("Counted at")
    # Printed, the figures read as a report: no form, no download links, the tables whole.
    page.emulate_media(media="print")
    expect(page.locator("form.app-no-print")).to_be_hidden()
    expect(page.locator(".app-downloads").first).to_be_hidden()
    expect(page.locator("table.govuk-table").first).to_be_visible()
    page.emulate_media(media="screen")
    expect(page.locator("form.app-no-print")).to_be_visible()

    # 2. Coverage against the Census for Afon Valley.
    page.goto("/figures/coverage/")
    check(page, "Coverage against the Census")
    page.get_by_label("Area", exact=True).select_option(AFON)
    page.get_by_role("button", name="Show coverage").click()
    check(page, "Coverage against the Census")
    expect(page.locator("figure svg[role=img]").first).to_be_visible()
    coverage = page.locator("table").filter(has=page.locator("caption", has_text="Known carers as a share of Census carers"))
    expect(coverage.locator("tbody")).to_contain_text(AFON)
    expect(coverage.locator("tbody")).to_contain_text(re.compile(r"\d+(\.\d+)?%"))
    name, text = download(page, page.get_by_role("link", name="Download these coverage figures as CSV"))
    assert name.endswith(".csv") and AFON in text

    # 3. Money: spend per known carer in Afon Valley, last financial year.
    page.goto("/figures/money/")
    check(page, "Money")
    page.get_by_label("Financial year starting in April of").fill(str(start.year))
    page.get_by_label("Area", exact=True).select_option(AFON)
    page.get_by_role("button", name="Show the figures").click()
    check(page, "Money")
    per_head = page.locator("table").filter(has=page.locator("caption", has_text="Spend per head"))
    expect(per_head.locator("thead")).to_contain_text("Spend per known carer")
    expect(per_head.locator("tbody tr").first).to_contain_text(AFON)
    expect(per_head.locator("tbody tr").first.locator("td").last).to_have_text(re.compile(r"^£[\d,]+\.\d\d$"))

    # 4. Contract monitoring: RAG in words, with the chart and its table.
    page.goto("/figures/contracts/")
    check(page, "Contract monitoring")
    page.get_by_label("Area", exact=True).select_option(AFON)
    page.get_by_role("button", name="Show contracts").click()
    check(page, "Contract monitoring")
    expect(page.locator("figure svg[role=img]").first).to_be_visible()
    summary = page.locator("table").filter(has=page.locator("caption", has_text="KPIs by status in"))
    expect(summary.locator("thead")).to_contain_text("Green")
    expect(summary.locator("thead")).to_contain_text("Red")
    kpis = page.locator("table").filter(has=page.locator("caption", has_text="KPIs of")).first
    expect(kpis.locator("td strong").filter(has_text=re.compile(r"^(Green|Amber|Red)$")).first).to_be_visible()
    name, text = download(page, page.get_by_role("link", name="Download these contract KPIs as CSV"))
    assert name.endswith(".csv") and len(text.splitlines()) > 1

    # 5. The demo team manager works for a Welsh council: the statutory page, but no Client Level Data file.
    sign_out(page)
    demo_sign_in(page, "manager")
    page.goto("/figures/returns/")
    check(page, "Statutory returns")
    expect(page.get_by_role("link", name="Download the Client Level Data file (CSV)")).to_have_count(0)
    assert page.request.get("/figures/returns/client-level-data.csv?period=last_year").status == 403

    # A team manager of an English council downloads the Client Level Data file for last year.
    sign_out(page)
    manager = marchester_team_manager()
    sign_in(page, manager)
    page.goto("/figures/returns/")
    check(page, "Statutory returns")
    page.get_by_label("Last financial year").check()
    page.get_by_role("button", name="Show the returns").click()
    check(page, "Statutory returns")
    name, text = download(page, page.get_by_role("link", name="Download the Client Level Data file (CSV)"))
    assert name == f"client-level-data-E06999901-{start}-to-{end}.csv", name
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows, "the demo should have carer events in Marchester last financial year"
    assert {row["Client_Type"] for row in rows} == {"Unpaid carer"}
    assert {row["Event_Type"] for row in rows} <= {"Request", "Assessment", "Service", "Review"}

    # 6. The commissioner enters an options appraisal: Section 16 preset, two options, a few cells.
    sign_out(page)
    demo_sign_in(page, "commissioner")
    page.goto("/figures/options-appraisals/")
    check(page, "Options appraisals")
    page.get_by_role("link", name="Start an options appraisal").click()
    check(page)
    page.get_by_label("Title").fill("Short breaks: how to buy them")
    page.get_by_label("Red, amber or green").check()
    page.get_by_label("Start with the Section 16 principles as criteria").check()
    page.get_by_role("button", name="Save the appraisal").click()
    page.wait_for_url(re.compile(r"/figures/options-appraisals/\d+/$"))
    check(page, "Short breaks: how to buy them")
    appraisal = Appraisal.objects.get(title="Short breaks: how to buy them")
    assert appraisal.criteria.count() == 4
    criteria = list(appraisal.criteria.values_list("name", flat=True))
    for option, ratings in [("A: a framework of local providers", ["Green", "Amber"]),
                            ("B: one block contract", ["Red", "Green"])]:
        page.get_by_role("link", name="Add an option").click()
        check(page)
        page.get_by_label("Option", exact=True).fill(option)
        for criterion, rating in zip(criteria, ratings):
            page.get_by_role("group", name=criterion, exact=True).get_by_label(rating, exact=True).check()
        page.get_by_label(f"Narrative for “{criteria[0]}” (optional)").fill("Discussed with the carers' forum.")
        page.get_by_role("button", name="Save the option").click()
        page.wait_for_url(re.compile(r"/figures/options-appraisals/\d+/$"))
        check(page, "Short breaks: how to buy them")
    assert appraisal.options.count() == 2
    name, text = download(page, page.get_by_role("link", name="Download this appraisal as CSV"))
    assert name.endswith(".csv") and "A: a framework of local providers" in text and "B: one block contract" in text
    name, body = download(page, page.get_by_role("link", name="Download this appraisal as an Excel workbook (XLSX)"))
    assert name.endswith(".xlsx") and body[:2] == b"PK"
    page.get_by_role("link", name="Printable version of this appraisal").first.click()
    check(page, "Short breaks: how to buy them")
    expect(page.locator("main")).to_contain_text("B: one block contract")

    # 7. An action plan: a priority, a workstream, an action; the highlight report and its export.
    page.goto("/figures/action-plans/")
    check(page, "Action plans")
    page.get_by_role("link", name="Start an action plan").click()
    check(page)
    page.get_by_label("Title").fill("Carers Action Plan 2026 to 2027")
    page.get_by_role("button", name="Save the action plan").click()
    page.wait_for_url(re.compile(r"/figures/action-plans/\d+/$"))
    check(page, "Carers Action Plan 2026 to 2027")
    page.get_by_role("link", name="Add a priority").click()
    check(page)
    page.get_by_label("Priority").fill("Carers are identified early")
    page.get_by_role("button", name="Save").click()
    check(page, "Carers Action Plan 2026 to 2027")
    page.get_by_role("link", name=re.compile(r"^Add a workstream")).first.click()
    check(page)
    page.get_by_label("Workstream").fill("GP practices")
    page.get_by_role("button", name="Save").click()
    check(page, "Carers Action Plan 2026 to 2027")
    page.get_by_role("link", name=re.compile(r"^Add an action")).first.click()
    check(page)
    page.get_by_label("Action", exact=True).fill("A carers' lead in every GP practice")
    page.get_by_label("Owner (optional)").fill("Carers lead")
    page.get_by_label("Due quarter (optional)").fill("2026-27 Q2")
    page.get_by_label("On track").check()
    page.get_by_role("button", name="Save the action").click()
    page.wait_for_url(re.compile(r"/figures/action-plans/\d+/$"))
    check(page, "Carers Action Plan 2026 to 2027")
    plan = ActionPlan.objects.get(title="Carers Action Plan 2026 to 2027")
    assert Action.objects.filter(workstream__priority__plan=plan).count() == 1
    page.get_by_role("link", name="Highlight report").first.click()
    check(page, "Highlight report")
    expect(page.locator("main")).to_contain_text("A carers' lead in every GP practice")
    name, text = download(page, page.get_by_role("link", name="Download this highlight report as CSV"))
    assert name.endswith(".csv") and "A carers' lead in every GP practice" in text
    name, body = download(page, page.get_by_role("link", name="Download this highlight report as an Excel workbook (XLSX)"))
    assert name.endswith(".xlsx") and body[:2] == b"PK"


INDEX_PAGES = [
    ("/figures/", None),
    ("/figures/activity/", "Activity figures"),
    ("/figures/coverage/", "Coverage against the Census"),
    ("/figures/money/", "Money: budgets, spend and contracts"),
    ("/figures/contracts/", "Contract monitoring"),
    ("/figures/survey/", None),
    ("/figures/returns/", "Statutory returns"),
    ("/figures/options-appraisals/", "Options appraisals"),
    ("/figures/action-plans/", "Action plans"),
]


def test_the_commissioning_pages_in_welsh_at_320_px(page):
    region.load(carers=CARERS)
    page.goto("/accounts/login/", timeout=60_000)
    demo_sign_in(page, "commissioner")
    page.goto("/")
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Cymraeg").click()
    page.wait_for_load_state("load")
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    page.set_viewport_size({"width": 320, "height": 800})
    wide = []
    afon = Area.objects.get(name=AFON).pk
    year = last_financial_year()[0].year
    chosen = [  # the same pages with Afon Valley and last financial year chosen: more rows, longer words
        (f"/figures/activity/?period=last_year&area={afon}&breakdown=age_band", "Activity figures"),
        (f"/figures/coverage/?area={afon}", "Coverage against the Census"),
        (f"/figures/money/?year={year}&area={afon}", "Money: budgets, spend and contracts"),
        (f"/figures/contracts/?area={afon}", "Contract monitoring"),
        (f"/figures/returns/?period=last_year&area={afon}", "Statutory returns"),
    ]
    for url, heading in INDEX_PAGES + chosen:
        response = page.goto(url)
        assert response.status == 200, f"{url} answered {response.status}"
        check(page)
        expect(page.locator("html"), url).to_have_attribute("lang", "cy")
        if heading:
            assert cy(heading) != heading, f"no Welsh for {heading!r}: is the catalogue compiled?"
            expect(page.get_by_role("heading", level=1)).to_have_text(cy(heading))
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            wide.append(f"{url}: {width}px")
    assert not wide, "pages scrolling sideways at 320 px in Welsh:\n" + "\n".join(wide)
