"""The assessment issue's "done means" journey, in real Chromium, with axe-core on every page.

A practitioner takes the carer the foundation journey leaves (a carer record with a linked contact
and a cared-for person) through a carer's assessment, the other matters the law requires, the
decision she makes on the rules' proposal, its letter and the copy of the record, to an agreed
support plan; the team manager then sees the plan in the reviews-due queue. In Wales the decision
waits for a second person's sign-off before its letter can go; an English young carer is assessed
under the Children Act 1989, without national eligibility criteria. Only the starting data is made
through the ORM; everything after that is done through the pages.
"""

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from carershub.activity.models import EventKind
from carershub.activity.services import record_event
from carershub.accounts.models import Role
from carershub.partnership.models import Organisation
from carershub.people.models import CarerProfile, CaringRelationship, Person
from tests.browser.conftest import assert_error_summary, check, sign_in
from tests.builders import record_every_matter

pytestmark = pytest.mark.browser

SIGNIFICANT = "Only with significant pain, distress or anxiety"
SLOWLY = "Only by taking much longer than would normally be expected"
OUTCOMES_WANTED = "A full night's sleep twice a week. Time to see friends."
MANAGES = "Manages it without help, and without pain, distress, anxiety or danger"
ENGLAND_SI = "SI 2015/313"
WALES_SI = "SI 2015/1578"
DRAFT_WARNING = "This letter is a draft. It cannot be sent until the decision has been signed off."


# --- Starting data ------------------------------------------------------------------------


@pytest.fixture
def english_council(region):
    """A council whose area is in England, so its assessments apply the Care Act 2014."""
    council = Organisation.objects.create(
        name="Test Marches Council",
        kind=Organisation.Kind.COUNCIL,
        sector=Organisation.Sector.STATUTORY,
        area=region["areas"]["marches"],
    )
    region["orgs"]["english_council"] = council  # so make_user(..., organisation="english_council") works
    return council


def named(user, first, last):
    user.first_name, user.last_name = first, last
    user.save()
    return user


def foundation_carer(area, make_contact):
    """What the foundation journey leaves: a carer record, the contact that found her, and who she cares for."""
    carer = Person.objects.create(
        given_name="Bethan",
        family_name="Prydderch",
        date_of_birth=date(1968, 4, 12),
        address_line_1="1 Heol y Nant",
        town="Afon",
        postcode="AF1 2AB",
        area=area,
    )
    CarerProfile.objects.create(person=carer)
    contact = make_contact(person=carer, what_matters="Wants a break at weekends; worried about nights.")
    # As logging it at the front door would: the event the timeline shows.
    record_event(EventKind.CONTACT_LOGGED, person=carer, obj=contact, occurred_at=contact.received_at)
    father = Person.objects.create(given_name="Emrys", family_name="Prydderch", postcode="AF1 2AB", area=area)
    CaringRelationship.objects.create(carer=carer, cared_for=father, relationship="parent", lives_with_carer=True)
    return carer


# --- Steps through the pages ----------------------------------------------------------------


def radio(page, question, answer):
    page.get_by_role("group", name=question, exact=True).get_by_label(answer, exact=True).check()


def fill_date(page, question, day: date):
    group = page.get_by_role("group", name=question, exact=True)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def assert_reflows(page):
    """At 320 CSS pixels wide (WCAG 1.4.10) the page itself never scrolls sideways; wide tables scroll in their box."""
    size = page.viewport_size
    page.set_viewport_size({"width": 320, "height": size["height"]})
    try:
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{page.url} is {width}px wide at a 320px viewport"
    finally:
        page.set_viewport_size(size)


def open_section(page, heading):
    page.get_by_role("link", name=heading, exact=True).click()
    page.wait_for_url(re.compile(r"/assessments/\d+/[a-z]+/$"))
    check(page, heading)
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)


def save_section(page, heading, assessment_url):
    page.get_by_role("button", name="Save and return to the assessment").click()
    page.wait_for_url(re.compile(re.escape(assessment_url) + r"(#.*)?$"))
    check(page)
    expect(page.get_by_text(f"{heading} saved")).to_be_visible()


def start_assessment(page, council_label, *, kind="Carer's assessment", cared_for="Emrys Prydderch"):
    """From the carer's record: "Start an assessment", by the given council, covering the person she cares for."""
    page.get_by_role("link", name="Start an assessment").click()
    page.wait_for_url(re.compile(r"/assessments/new/\d+/$"))
    check(page, "Start an assessment")
    radio(page, "Type of assessment", kind)
    page.get_by_label("Assessing council").select_option(label=council_label)
    page.get_by_role("group", name="Who does this assessment cover?").get_by_label(cared_for).check()
    page.get_by_role("button", name="Start assessment").click()
    page.wait_for_url(re.compile(r"/assessments/\d+/$"))
    check(page, kind)
    expect(page.get_by_text("Assessment started")).to_be_visible()
    return page.url


def fill_common_sections(page, assessment_url, *, wellbeing_areas: int, optional_section=True):
    """The caring role, ability and willingness, outcomes, well-being, work and education (optional), views."""
    open_section(page, "The caring role")
    page.get_by_label("What care do they give, and how often?").fill(
        "Helps her father wash and dress every morning; up two or three times most nights."
    )
    page.get_by_label("What are the cared-for person's needs, as they affect the carer?").fill(
        "He has dementia and cannot be left alone at night."
    )
    save_section(page, "The caring role", assessment_url)

    open_section(page, "Ability and willingness to care")
    radio(page, "Are they able to carry on caring now?", "Partly")
    radio(page, "Are they willing to carry on caring now?", "Yes")
    page.get_by_label("Will they be able and willing to care in future?").fill(
        "Only if she can sleep through the night at least twice a week."
    )
    save_section(page, "Ability and willingness to care", assessment_url)

    open_section(page, "Outcomes the carer wants")
    page.get_by_label("What outcomes does the carer want?").fill(OUTCOMES_WANTED)
    save_section(page, "Outcomes the carer wants", assessment_url)

    open_section(page, "Impact on well-being")
    groups = page.locator("fieldset.govuk-fieldset")
    expect(groups).to_have_count(wellbeing_areas)
    for i in range(wellbeing_areas):
        groups.nth(i).get_by_label("Significant impact" if i == 1 else "Some impact", exact=True).check()
    page.get_by_label("Notes on physical and mental health and emotional well-being (optional)").fill(
        "Exhausted; has been to her GP about anxiety."
    )
    save_section(page, "Impact on well-being", assessment_url)

    if optional_section:
        open_section(page, "Work, education, training and leisure")
        page.get_by_role("textbox", name="Work, education, training and leisure").fill(
            "Works part time at the library; has given up her choir."
        )
        save_section(page, "Work, education, training and leisure", assessment_url)

    open_section(page, "The carer's views and who took part")
    page.get_by_label("The carer's own views").fill("I love him, but I cannot go on without any sleep.")
    page.get_by_label("Who took part in the assessment?").fill("Bethan, and her brother Huw by phone")
    save_section(page, "The carer's views and who took part", assessment_url)


def fill_matters(page, assessment_url, *, texts=(), yes_no=()):
    """The "Other matters the law requires" section: each text matter written, each yes/no answered "Yes"."""
    open_section(page, "Other matters the law requires")
    for label in texts:
        page.get_by_label(label, exact=True).fill("Talked through with the carer: " + label.lower())
    for question in yes_no:
        radio(page, question, "Yes")
    save_section(page, "Other matters the law requires", assessment_url)


def submit_for_a_decision(page):
    page.get_by_role("button", name="Submit for a decision").click()
    expect(page.get_by_text("Assessment submitted for a decision")).to_be_visible()
    check(page)
    expect(page.locator("main .govuk-tag").first).to_have_text("Submitted for a decision")


def open_the_decision(page):
    """From the submitted assessment: "Make the decision", the page of the rules' proposal and the form."""
    page.get_by_role("button", name="Make the decision").click()  # a link styled, and announced, as a button
    page.wait_for_url(re.compile(r"/assessments/\d+/decide/$"))
    check(page, "Make the decision")
    expect(page.get_by_role("heading", level=1)).to_have_text("Make the decision")
    expect(page.get_by_role("heading", name="Your determination")).to_be_visible()


def record_the_decision(page):
    page.get_by_role("button", name="Record the decision").click()
    page.wait_for_url("**#decision")
    expect(page.get_by_text("Decision recorded. It and your reasons are below.")).to_be_visible()
    check(page)


def confirm_the_proposal(page, proposal="The carer's needs are eligible"):
    """On the decision page: the rules' proposal is already chosen as "Your decision"; record it."""
    decided = page.get_by_role("group", name="Your decision")
    expect(decided.get_by_label(proposal, exact=True)).to_be_checked()
    record_the_decision(page)


def submit_and_decide(page):
    submit_for_a_decision(page)
    open_the_decision(page)
    confirm_the_proposal(page)


def summary_row(page, key):
    """The summary-list row whose key is exactly ``key``."""
    return page.locator(".govuk-summary-list__row").filter(
        has=page.locator(".govuk-summary-list__key", has_text=re.compile(rf"^\s*{re.escape(key)}\s*$"))
    )


def copies_given(page, what):
    """The rows of the assessment page's "Copies given" table about ``what``."""
    return page.get_by_role("table", name="Copies given").locator("tbody tr").filter(has_text=what)


def criteria_rows(page):
    caption = "Each condition in the regulations, and whether the carer meets it"
    return page.get_by_role("table", name=caption).locator("tbody tr")


def expect_every_criterion_met(page, citation_contains):
    rows = criteria_rows(page)
    expect(rows).not_to_have_count(0)
    for i in range(rows.count()):
        row = rows.nth(i)
        expect(row.get_by_role("cell").nth(1)).to_have_text("Met")
        expect(row.get_by_role("cell").nth(0)).to_contain_text(citation_contains)
    return rows


# --- 1. The done-means journey (England) ------------------------------------------------------


def test_practitioner_takes_the_carer_from_contact_to_an_agreed_plan_and_the_manager_sees_the_review_due(
    page, new_page, make_user, make_contact, region, english_council
):
    practitioner = named(make_user(Role.PRACTITIONER, organisation="english_council"), "Priya", "Assessor")
    manager = named(make_user(Role.TEAM_MANAGER, organisation="english_council"), "Mo", "Manager")
    carer = foundation_carer(region["areas"]["marches"], make_contact)
    carer_url = f"/people/{carer.pk}/"
    today = timezone.localdate()

    sign_in(page, practitioner)
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Priya")

    # Finds the carer's record and starts a carer's assessment by the English council.
    page.get_by_role("link", name="Find a person").click()
    check(page, "Find a person")
    page.get_by_label("Name, NHS number, postcode or date of birth").fill("Bethan Prydderch")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("link", name="Bethan Prydderch")).to_be_visible()
    check(page, "Find a person")
    page.get_by_role("link", name="Bethan Prydderch").click()
    page.wait_for_url(f"**{carer_url}")
    check(page, "Bethan Prydderch")
    expect(page.get_by_role("link", name="Contact logged: Phone")).to_have_count(1)  # the contact that found her
    assessment_url = start_assessment(page, "Test Marches Council (England)")
    expect(page.get_by_text("Under the Care Act 2014, section 10, assessed by Test Marches Council.")).to_be_visible()
    sections = page.locator(".govuk-task-list__item")
    expect(sections).to_have_count(8)
    submit_button = page.get_by_role("button", name="Submit for a decision")
    expect(submit_button).to_have_accessible_description(
        re.compile("^Before submitting: record: What care do they give, and how often?")
    )
    # What is still to record, in the words of the law this carer is assessed under (Care Act 2014 s10),
    # not another framework's (checked at the end of the test).
    before_submitting = submit_button.evaluate(
        "button => document.getElementById(button.getAttribute('aria-describedby')).textContent"
    )

    fill_common_sections(page, assessment_url, wellbeing_areas=9)

    # The eligibility questions: one outcome achieved only with significant distress is enough in England.
    open_section(page, "Eligibility questions")
    radio(page, "Who do they care for?", "An adult")
    radio(page, "Do their needs arise because of the care they give?", "Yes")
    radio(page, "Is the care they give necessary?", "Yes")
    radio(page, "Is their physical or mental health getting worse, or at risk of it?", "No")
    outcome_groups = page.locator("fieldset:has(select)")
    expect(outcome_groups).to_have_count(8)
    for i in range(8):
        outcome_groups.nth(i).get_by_label("How do they manage it?").select_option(label=MANAGES)
    page.get_by_role("group", name="Keeping up family and other personal relationships").get_by_label(
        "How do they manage it?"
    ).select_option(label=SIGNIFICANT)
    radio(page, "As a result, is there, or is there likely to be, a significant impact on their well-being?", "Yes")
    radio(page, "Do their needs go up and down?", "Yes")
    page.get_by_label("Over what period were their circumstances looked at?").fill("The last 6 months")
    save_section(page, "Eligibility questions", assessment_url)

    # The answers point to eligible, but the other matters the Care Act requires are still to be recorded.
    expect(
        page.get_by_text("On the answers so far the rules would propose that the carer's needs are eligible.")
    ).to_be_visible()
    expect(page.locator(".govuk-task-list__item").filter(has_text="Other matters the law requires")).to_contain_text(
        "Incomplete"
    )
    page.get_by_role("button", name="Submit for a decision").click()
    expect(page.get_by_text(re.compile("This cannot be done yet"))).to_be_visible()
    check(page)
    expect(page.locator("main .govuk-tag").first).to_have_text("Draft")
    fill_matters(
        page,
        assessment_url,
        texts=(
            "Could support contribute to achieving those outcomes, and how far?",
            "Could things other than support help them achieve their outcomes?",
        ),
        yes_no=("Is the adult they care for ordinarily resident in this council's area?",),
    )

    # Every section is done; the page says what the rules would propose, but nothing is decided.
    expect(page.locator(".govuk-task-list__status").filter(has_text="Incomplete")).to_have_count(0)
    expect(submit_button).not_to_have_attribute("aria-describedby", re.compile("."))
    expect(summary_row(page, "Is the adult they care for ordinarily resident in this council's area?")).to_contain_text(
        "Yes"
    )

    submit_for_a_decision(page)
    expect(page.get_by_text("The rules propose that the carer's needs are eligible.")).to_be_visible()
    open_the_decision(page)
    assert_reflows(page)
    # What the rules propose, criterion by criterion, before she decides.
    expect(page.get_by_role("heading", name="What the rules propose")).to_be_visible()
    proposed = expect_every_criterion_met(page, ENGLAND_SI)
    expect(proposed).to_have_count(4)
    expect(page.get_by_role("heading", name=re.compile("The impact on well-being recorded"))).to_be_visible()
    confirm_the_proposal(page)
    expect(page.locator("main .govuk-tag").first).to_have_text("Completed")

    # The explained decision: eligible, and every condition met with the regulation it comes from.
    expect(page.locator(".govuk-panel__title")).to_have_text("Eligible")
    rows = expect_every_criterion_met(page, ENGLAND_SI)
    expect(rows).to_have_count(4)
    for citation in ("reg. 3(1)(a)", "reg. 3(1)(b), 3(2) and 3(3)", "reg. 3(1)(c)", "reg. 3(4)"):
        expect(rows.filter(has_text=citation)).to_have_count(1)
    expect(rows.filter(has_text="keeping up family and other personal relationships")).to_have_count(1)
    expect(summary_row(page, "The rules proposed")).to_have_text(re.compile(r"The rules proposed\s+Eligible"))
    expect(summary_row(page, "The practitioner decided")).to_have_text(
        re.compile(r"The practitioner decided\s+Eligible")
    )
    expect(page.get_by_text(re.compile(r"Decided .* by Priya Assessor\."))).to_be_visible()
    expect(page.get_by_text("No letter or copy has been recorded as given yet.")).to_be_visible()

    # The decision letter, as a page and as a PDF.
    page.get_by_role("link", name="Decision letter", exact=True).click()
    page.wait_for_url(re.compile(r"/assessments/\d+/letter/$"))
    check(page, "Decision letter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your carer's assessment: our decision")
    expect(page.get_by_text("Dear Bethan,")).to_be_visible()
    expect(page.get_by_text(re.compile("under section 10 of the Care Act 2014"))).to_be_visible()
    expect(page.locator("main li.app-criterion")).to_have_count(4)
    expect(page.get_by_text("Draft: not signed off, do not send")).to_have_count(0)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download this letter as a PDF").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    assert "draft" not in download.suggested_filename
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    response = page.request.get(page.get_by_role("link", name="Download this letter as a PDF").get_attribute("href"))
    assert response.ok
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")

    # She records that the letter was posted; the form sent twice records it once.
    page.get_by_role("link", name="Record that this letter was sent").click()
    page.wait_for_url(re.compile(r"/assessments/\d+/letter/issue/$"))
    check(page, "Record that the decision letter was sent")
    issue_url = page.url
    radio(page, "How was it given?", "By post")
    expect(page.get_by_role("group", name="Date given").get_by_label("Year")).to_have_value(str(today.year))
    issue_form = page.locator("main form").filter(has=page.get_by_role("button", name="Save"))
    sent = issue_form.evaluate("form => Object.fromEntries(new FormData(form))")
    assert sent.get("form_token")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(assessment_url)
    expect(page.get_by_text("The decision letter was recorded as issued")).to_be_visible()
    check(page)
    expect(copies_given(page, "Decision letter")).to_have_count(1)
    # The same form again (a second click, a resend from the history): nothing new is made.
    again = page.request.post(issue_url, form=sent, max_redirects=0)
    assert again.status == 302, again.status
    assert again.headers["location"].endswith(re.search(r"/assessments/\d+/$", assessment_url).group(0))
    page.reload()
    check(page)
    expect(
        page.get_by_text("This form was sent more than once. It was saved once, and this is what was saved.")
    ).to_be_visible()
    letter_rows = copies_given(page, "Decision letter")
    expect(letter_rows).to_have_count(1)
    expect(letter_rows).to_contain_text("By post")
    expect(letter_rows).to_contain_text("Priya Assessor")

    # The copy of the assessment record, and giving one to her brother, whom she asked us to give it to.
    page.get_by_role("link", name="Copy of the assessment record", exact=True).click()
    page.wait_for_url(re.compile(r"/assessments/\d+/record/$"))
    check(page, "Copy of the assessment record")
    assert_reflows(page)
    page.get_by_role("link", name="Record that a copy was given").click()
    page.wait_for_url(re.compile(r"/assessments/\d+/record/give/$"))
    check(page, "Record that a copy of the assessment record was given")
    radio(page, "Who was it given to?", "Someone the carer asked us to give it to")
    radio(page, "How was it given?", "By hand")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check(page, "Record that a copy of the assessment record was given", error=True)
    assert_error_summary(page, ["#id_recipient_name"])
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter the name of the person the carer asked us to give it to"
    )
    page.get_by_label("Their name").fill("Huw Prydderch")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(assessment_url)
    expect(page.get_by_text("The copy of the assessment record was recorded as given")).to_be_visible()
    check(page)
    record_rows = copies_given(page, "Copy of the assessment record")
    expect(record_rows).to_have_count(1)
    expect(record_rows).to_contain_text("Huw Prydderch")
    expect(record_rows).to_contain_text("By hand")

    # The support plan: made from the assessment, first with two mistakes.
    page.get_by_role("button", name="Make a support plan").click()
    page.wait_for_url(re.compile(r"/plans/new/\d+/$"))
    check(page, "Make a support plan")
    expect(page.get_by_label("The carer's outcomes")).to_have_value(OUTCOMES_WANTED)  # from the assessment
    action = page.get_by_role("group", name="Action 1")
    action.get_by_label("What will be done").fill("Arrange a night sitter two nights a week")
    action.get_by_label("Who will do it").select_option(label="A partner organisation")
    action.get_by_label("Which organisation (optional)").select_option(label="Test Carers Centre")
    fill_date(action, "By when (optional)", today + timedelta(days=14))
    support = page.get_by_role("group", name="Support chosen")
    support.get_by_label("Short breaks").check()
    support.get_by_label("Carer's direct payment").check()
    page.get_by_label("Personal budget, in pounds a year (optional)").fill("abc")
    fill_date(page, "Review date", today - timedelta(days=1))
    page.get_by_role("button", name="Save draft plan").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check(page, "Make a support plan", error=True)
    assert_error_summary(page, ["#id_personal_budget", "#id_review_date_day"])
    expect(page.locator(".govuk-error-summary")).to_contain_text("Personal budget must be an amount of money")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Review date must be in the future")
    # What was typed is kept.
    expect(action.get_by_label("What will be done")).to_have_value("Arrange a night sitter two nights a week")

    review_date = today + timedelta(days=20)
    page.get_by_label("Personal budget, in pounds a year (optional)").fill("£1,200")
    fill_date(page, "Review date", review_date)
    page.get_by_role("button", name="Save draft plan").click()
    page.wait_for_url(re.compile(r"/plans/\d+/$"))
    check(page, "Support plan")
    plan_url = page.url
    expect(page.get_by_text("Draft plan saved")).to_be_visible()
    page.get_by_role("button", name="Agree the plan").click()
    expect(page.get_by_text("Plan agreed. Give the carer a copy.")).to_be_visible()
    check(page, "Support plan")
    assert_reflows(page)
    expect(page.locator("main .govuk-tag").first).to_have_text("Agreed")
    plan = page.locator(".govuk-summary-list")
    expect(plan).to_contain_text("£1,200.00 a year")
    expect(plan).to_contain_text("Short breaks")
    expect(plan).to_contain_text(f"{review_date.day} {review_date:%B %Y}")
    expect(page.get_by_role("row").filter(has_text="Arrange a night sitter two nights a week")).to_contain_text(
        "Test Carers Centre"
    )

    # The record shows the assessment, and its support plans page lists the plan.
    page.goto(carer_url)
    check(page, "Bethan Prydderch")
    expect(page.get_by_role("row").filter(has_text="Carer's assessment")).to_contain_text("Completed")
    page.get_by_role("link", name="Support plans").click()
    page.wait_for_url(f"**/plans/carer/{carer.pk}/")
    check(page, "Support plans")
    expect(page.get_by_role("row").filter(has_text="Version 1")).to_contain_text("Agreed")
    assert_reflows(page)

    # The team manager, in another browser, sees the review coming up.
    manager_page = new_page()
    sign_in(manager_page, manager)
    due_row = manager_page.get_by_role("row").filter(has_text="Reviews due in the next 28 days")
    expect(due_row.get_by_role("cell").nth(1)).to_have_text("1")
    due_row.get_by_role("link").click()
    manager_page.wait_for_url("**/plans/reviews/")
    check(manager_page, "Support plan reviews")
    assert_reflows(manager_page)
    due = manager_page.get_by_role("table", name="Due in the next 28 days")
    carer_row = due.get_by_role("row").filter(has_text="Bethan Prydderch")
    expect(carer_row).to_have_count(1)
    expect(carer_row).to_contain_text(f"{review_date.day} {review_date:%B %Y}")
    overdue = manager_page.get_by_role("table", name="Overdue")
    expect(overdue.get_by_role("row").filter(has_text="None.")).to_have_count(1)
    expect(carer_row.get_by_role("link", name="Record a review for Bethan Prydderch")).to_be_visible()
    carer_row.get_by_role("link", name="Bethan Prydderch", exact=True).click()
    manager_page.wait_for_url(plan_url)
    check(manager_page, "Support plan")

    # Said before submitting, about this adult carer in England (s10(5)(d) and (e) of the Care Act 2014).
    assert "What outcomes do they want to achieve in day-to-day life?" in before_submitting, before_submitting
    support = "record: Could support contribute to achieving those outcomes, and how far?"
    assert support in before_submitting, before_submitting
    assert "young carer" not in before_submitting, before_submitting


# --- 2. Wales, where the council needs a team manager's sign-off -------------------------------


def test_a_welsh_decision_waits_for_the_team_managers_sign_off(page, new_page, make_user, make_contact, region):
    council = region["orgs"]["council"]  # Test Council, in the Welsh area
    council.assessment_sign_off_required = True
    council.save()
    practitioner = named(make_user(Role.PRACTITIONER, organisation="council"), "Rhys", "Assessor")
    manager = named(make_user(Role.TEAM_MANAGER, organisation="council"), "Mair", "Manager")
    carer = foundation_carer(region["areas"]["afon"], make_contact)

    sign_in(page, practitioner)
    page.goto(f"/people/{carer.pk}/")
    check(page, "Bethan Prydderch")
    assessment_url = start_assessment(page, "Test Council (Wales)")
    expect(page.get_by_text("Under the Social Services and Well-being (Wales) Act 2014, section 24")).to_be_visible()
    fill_common_sections(page, assessment_url, wellbeing_areas=10, optional_section=False)
    fill_matters(
        page,
        assessment_url,
        texts=(
            "Could support, preventative services, or information, advice or assistance contribute to achieving "
            "those outcomes, and how far?",
        ),
        yes_no=("Is the person they care for ordinarily resident in this council's area, or otherwise within it?",),
    )

    open_section(page, "Eligibility questions")
    radio(page, "Who do they care for?", "An adult")
    radio(page, "Do their needs arise because of the care they give?", "Yes")
    matters = page.locator("fieldset:has(select)")
    expect(matters).to_have_count(7)
    for i in range(7):
        matters.nth(i).get_by_label("How do they manage it?").select_option(label=MANAGES)
    # Taking much longer than normal is "unable" in Wales (reg. 6), unlike England.
    family = matters.filter(has_text="family")
    family.get_by_label("How do they manage it?").select_option(label=SLOWLY)
    # Reg. 6 again: help from others that costs the carer significant distress is no help; nobody can help here.
    others = family.get_by_label(
        "Can people willing to help, or community services, meet this need, and at what cost to the carer?"
    )
    expect(others.locator("option")).to_contain_text(
        [
            "Not answered yet",
            "Yes, without",
            "Only with the carer enduring",
            "Only by the carer endangering",
            "Only by the carer taking",
            "No",
        ]
    )
    others.select_option(label="No")
    radio(family, "Are they unlikely to achieve their personal outcomes here without support from the council?", "Yes")
    radio(page, "Do their needs go up and down?", "No")
    save_section(page, "Eligibility questions", assessment_url)

    # Work, education, training and leisure was left out, but the law requires it (SSWA 2014 s24): submitting
    # waits for it, so the page must not call it optional (checked at the end of the test).
    expect(page.get_by_role("button", name="Submit for a decision")).to_have_accessible_description(
        "Before submitting: record: Do they work or want to, and do they take part, or want to, in education, "
        "training or recreation?."
    )
    life_status = (
        page.locator(".govuk-task-list__item").filter(has_text="Work, education").locator(".govuk-task-list__status")
    ).inner_text()
    open_section(page, "Work, education, training and leisure")
    page.get_by_role("textbox", name="Work, education, training and leisure").fill(
        "Works part time at the library; has given up her choir."
    )
    save_section(page, "Work, education, training and leisure", assessment_url)
    expect(page.locator(".govuk-task-list__status").filter(has_text="Incomplete")).to_have_count(0)
    submit_for_a_decision(page)
    open_the_decision(page)
    expect(expect_every_criterion_met(page, WALES_SI).filter(has_text="reg. 5 and reg. 6")).to_have_count(1)
    # In Wales the practitioner is also asked whether needs that are not eligible must be met anyway.
    expect(
        page.get_by_role("group", name="If the needs are not eligible: must they be met anyway, to protect the carer?")
    ).to_be_visible()
    confirm_the_proposal(page)
    expect(page.locator(".govuk-panel__title")).to_have_text("Eligible")
    expect(page.locator("main .govuk-tag").first).to_have_text("Decided, waiting for sign-off")
    expect(page.get_by_role("button", name="Sign off")).to_have_count(0)  # a practitioner cannot sign off
    expect(expect_every_criterion_met(page, WALES_SI).filter(has_text="reg. 5 and reg. 6")).to_have_count(1)
    # No plan until the decision is signed off.
    expect(page.get_by_role("button", name="Make a support plan")).to_have_count(0)

    # Nor a letter: it is a draft, and it cannot be recorded as sent.
    expect(page.get_by_role("button", name="Record that the decision letter was sent")).to_have_count(0)
    expect(
        page.get_by_text(re.compile("The decision letter cannot be issued yet because the decision has not been"))
    ).to_contain_text("signed off")
    page.get_by_role("link", name="Decision letter", exact=True).click()
    page.wait_for_url(re.compile(r"/assessments/\d+/letter/$"))
    check(page, "Decision letter")
    expect(page.get_by_text(DRAFT_WARNING)).to_be_visible()
    expect(page.get_by_text("Draft: not signed off, do not send").first).to_be_visible()
    expect(page.get_by_role("link", name="Record that this letter was sent")).to_have_count(0)
    issue_url = page.url.replace("/letter/", "/letter/issue/")
    page.goto(issue_url)
    check(page, "Record that the decision letter was sent")
    expect(page.locator(".govuk-inset-text")).to_contain_text("The letter cannot be issued yet")
    expect(page.get_by_role("button", name="Save")).to_have_count(0)
    page.get_by_role("link", name="Back to the assessment").first.click()
    page.wait_for_url(assessment_url)
    check(page)
    expect(page.get_by_text("No letter or copy has been recorded as given yet.")).to_be_visible()

    manager_page = new_page()
    sign_in(manager_page, manager)
    waiting = manager_page.get_by_role("row").filter(has_text="Decisions waiting for your sign-off")
    expect(waiting.get_by_role("cell").nth(1)).to_have_text("1")
    waiting.get_by_role("link").click()
    manager_page.wait_for_url("**/assessments/")
    check(manager_page, "Assessments")
    assert_reflows(manager_page)
    manager_page.get_by_role("table", name="Waiting for sign-off").get_by_role("link", name="Bethan Prydderch").click()
    manager_page.wait_for_url(assessment_url)
    check(manager_page, "Carer's assessment")
    manager_page.get_by_role("button", name="Sign off").click()
    expect(manager_page.get_by_text("Assessment signed off", exact=True)).to_be_visible()
    check(manager_page, "Carer's assessment")
    expect(manager_page.locator("main .govuk-tag").first).to_have_text("Completed")
    expect(manager_page.get_by_text(re.compile(r"Signed off .* by Mair Manager\."))).to_be_visible()

    # The practitioner now sees it completed, and can make the plan and send the letter.
    page.reload()
    check(page)
    expect(page.locator("main .govuk-tag").first).to_have_text("Completed")
    expect(page.get_by_role("button", name="Make a support plan")).to_be_visible()
    page.get_by_role("link", name="Decision letter", exact=True).click()
    page.wait_for_url(re.compile(r"/assessments/\d+/letter/$"))
    check(page, "Decision letter")
    expect(page.get_by_text(DRAFT_WARNING)).to_have_count(0)
    expect(page.get_by_text("Draft: not signed off, do not send")).to_have_count(0)
    page.get_by_role("link", name="Back to the assessment").first.click()
    page.wait_for_url(assessment_url)
    check(page)
    page.get_by_role("button", name="Record that the decision letter was sent").click()
    page.wait_for_url(issue_url)
    check(page, "Record that the decision letter was sent")
    radio(page, "How was it given?", "By e-mail")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(assessment_url)
    expect(page.get_by_text("The decision letter was recorded as issued")).to_be_visible()
    check(page)
    expect(copies_given(page, "Decision letter")).to_have_count(1)

    # The section the law requires is not shown as "Optional" while submitting waits for it.
    assert life_status.strip() == "Incomplete", (
        f"'Work, education, training and leisure' is marked {life_status.strip()!r} on the task list, "
        "but the assessment cannot be submitted without it"
    )


# --- 3. The public self-assessment becomes a draft with the carer's own words ------------------


def test_a_carers_self_assessment_becomes_a_draft_assessment_without_retyping(
    page, new_page, make_user, region, english_council
):
    practitioner = named(make_user(Role.PRACTITIONER, organisation="english_council"), "Priya", "Assessor")
    caring = "I help my husband with everything since his stroke: washing, meals, and his tablets."
    wanted = "One afternoon a week to myself, and someone to talk to."
    views = "I do not want to give up work. Please ring after 6pm."

    # Signed out, a carer fills in the public form.
    page.goto("/self-assessment/")
    check(page, "Tell us about your caring")
    page.get_by_role("button", name="Start now").click()
    page.wait_for_url("**/self-assessment/where-you-live/")
    check(page, "Which council area do you live in?")
    page.get_by_label("Test Marches").check()
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(re.compile(r"/self-assessment/questions/\?area=\d+"))
    check(page, "Tell us about you and your caring")

    radio(page, "Who is filling in this form?", "I am the carer")
    page.get_by_label("First name").fill("Gwenllian")
    page.get_by_label("Last name").fill("Hopkins")
    fill_date(page, "Date of birth", date(1961, 3, 27))
    page.get_by_label("Postcode").fill("mr1 4xy")
    page.get_by_label("What care do you give, and how often?").fill(caring)
    page.get_by_label("Tell us about the person you care for and what they need help with").fill(
        "My husband, who had a stroke last year."
    )
    radio(page, "Are you able to keep caring?", "Some of the time, or only some of it")
    radio(page, "Do you want to keep caring?", "Yes")
    page.get_by_label("What would you like to be different?").fill(wanted)
    impacts = page.locator("fieldset").filter(has_text="How much does caring affect this part of your life?")
    expect(impacts).to_have_count(9)
    for i in range(9):
        impacts.nth(i).get_by_label("A little", exact=True).check()
    page.get_by_label("Is there anything else you want to tell us? (optional)").fill(views)
    # Forgets to say how to reach her.
    page.get_by_role("button", name="Send self-assessment").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check(page, "Tell us about you and your caring", error=True)
    assert_error_summary(page, ["#id_email"])
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter an email address or a phone number")
    expect(page.get_by_label("What care do you give, and how often?")).to_have_value(caring)

    page.get_by_label("Phone number (optional)").fill("07700 900 982")
    page.get_by_role("button", name="Send self-assessment").click()
    page.wait_for_url("**/self-assessment/sent/")
    check(page, "Self-assessment sent")
    reference = page.locator(".govuk-panel__body strong").inner_text().strip()
    assert reference

    # A practitioner picks it up and starts a draft for a new carer record.
    staff = new_page()
    sign_in(staff, practitioner)
    staff.get_by_role("row").filter(has_text="Self-assessments to review").get_by_role("link").click()
    staff.wait_for_url("**/self-assessment/review/")
    check(staff, "Self-assessments to review")
    assert_reflows(staff)
    row = staff.get_by_role("row").filter(has_text="Gwenllian Hopkins")
    expect(row).to_contain_text(reference)
    row.get_by_role("link", name="Gwenllian Hopkins").click()
    staff.wait_for_url(re.compile(r"/self-assessment/review/\d+/$"))
    check(staff, "Self-assessment from Gwenllian Hopkins")
    expect(staff.get_by_text("Assessing council: Test Marches Council")).to_be_visible()
    expect(staff.locator(".govuk-summary-list").filter(has_text=caring)).to_have_count(1)
    staff.get_by_role("button", name="Create a new carer record from this self-assessment").click()
    staff.wait_for_url(re.compile(r"/assessments/\d+/$"))
    check(staff, "Carer's assessment")
    assessment_url = staff.url
    expect(staff.get_by_text("Draft assessment started for Gwenllian Hopkins")).to_be_visible()
    expect(staff.get_by_text("Started from a self-assessment.")).to_be_visible()

    # Her words are already in the assessment.
    def recorded(key):
        return staff.locator(".govuk-summary-list__row").filter(has=staff.locator("dt", has_text=key))

    expect(recorded("The care they give")).to_contain_text(caring)
    expect(recorded("Outcomes the carer wants")).to_contain_text(wanted)
    expect(recorded("The carer's views")).to_contain_text(views)
    expect(recorded("Able to care now")).to_contain_text("Partly")
    expect(recorded("Control over day-to-day life")).to_contain_text("Some impact")
    expect(staff.get_by_role("heading", name="Impact on well-being")).to_be_visible()
    open_section(staff, "The caring role")
    expect(staff.get_by_label("What care do they give, and how often?")).to_have_value(caring)
    staff.get_by_role("link", name="Back to the assessment").click()
    staff.wait_for_url(assessment_url)
    check(staff, "Carer's assessment")
    open_section(staff, "Outcomes the carer wants")
    expect(staff.get_by_label("What outcomes does the carer want?")).to_have_value(wanted)

    # The new record is a carer record holding what she gave.
    staff.get_by_role("link", name="Back to the assessment").click()
    staff.wait_for_url(assessment_url)
    check(staff, "Carer's assessment")
    staff.get_by_role("link", name="Back to the record").click()
    staff.wait_for_url(re.compile(r"/people/\d+/$"))
    check(staff, "Gwenllian Hopkins")
    expect(staff.get_by_text("MR1 4XY")).to_be_visible()
    expect(staff.get_by_role("row").filter(has_text="Carer's assessment")).to_contain_text("Draft")


# --- 4. The team manager's figures and the young carers turning 18 ----------------------------


def test_the_figures_page_and_the_young_carers_turning_18_queue(page, make_user, region, english_council):
    from carershub.assessments import services
    from carershub.assessments.eligibility import (
        Ability,
        CaredFor,
        CarerNeedsAnswers,
        EnglandOutcome,
        Nation,
        OutcomeAnswer,
    )
    from carershub.assessments.models import AssessmentType

    manager = named(make_user(Role.TEAM_MANAGER, organisation="english_council"), "Mo", "Manager")
    practitioner = make_user(Role.PRACTITIONER, organisation="english_council")
    area = region["areas"]["marches"]
    # Something to count: one completed assessment, whose carer manages everything, so is not eligible.
    adult = Person.objects.create(given_name="Ann", family_name="Counted", date_of_birth=date(1970, 5, 17), area=area)
    CarerProfile.objects.create(person=adult)
    assessment = services.start_assessment(
        carer=adult, assessment_type=AssessmentType.CARER, organisation=english_council, actor=practitioner
    )
    assessment.caring_role = assessment.outcomes_wanted = assessment.carer_views = "Recorded"
    assessment.able_to_care = assessment.willing_to_care = "yes"
    assessment.wellbeing = {"health": {"impact": "some", "notes": ""}}
    assessment.eligibility_answers = CarerNeedsAnswers(
        nation=Nation.ENGLAND,
        cared_for=CaredFor.ADULT,
        needs_arise_from_providing_care=True,
        provides_necessary_care=True,
        health_deteriorating_or_at_risk=False,
        outcomes=tuple(OutcomeAnswer(o, Ability.YES) for o in EnglandOutcome),
        significant_impact_on_wellbeing=True,
        needs_fluctuate=False,
    ).to_dict()
    record_every_matter(assessment)
    assessment.save()
    services.submit(assessment, expected_version=assessment.version, actor=practitioner)
    services.decide(
        assessment,
        expected_version=assessment.version,
        actor=practitioner,
        determination=services.agreeing_with_proposal(assessment),
    )
    # A young carer who turns 18 in about three months, with no transition assessment yet.
    turns_18 = timezone.localdate() + timedelta(days=90)
    if (turns_18.month, turns_18.day) == (2, 29):
        turns_18 += timedelta(days=1)
    CarerProfile.objects.create(
        person=Person.objects.create(
            given_name="Dylan", family_name="Young", date_of_birth=turns_18.replace(year=turns_18.year - 18), area=area
        )
    )

    sign_in(page, manager)
    page.get_by_role("link", name="Assessment figures").click()
    page.wait_for_url("**/figures/")
    check(page, "Assessment figures")
    assert_reflows(page)
    by_type = page.get_by_role("table", name="Assessments started and completed, by type")
    # One assessment is a small number: it is counted, and not shown as a number anybody could trace.
    expect(by_type.get_by_role("row").filter(has_text="Carer's assessment")).to_contain_text("fewer than 5")
    eligibility = page.get_by_role("table", name="Eligibility decisions")
    expect(eligibility.get_by_role("row").filter(has_text="Not eligible")).to_contain_text("not shown")
    expect(page.locator(".govuk-inset-text")).to_contain_text("Some numbers are not shown")
    # Choosing dates, wrongly, shows the error summary.
    radio(page, "Period", "Choose dates")
    page.get_by_role("button", name="Show figures").click()
    page.wait_for_url("**/figures/?period=custom*")
    check(page, "Assessment figures", error=True)
    assert_error_summary(page, ["#id_date_from_day"])
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the dates the figures should start and end")

    page.get_by_role("link", name="Carers Hub").click()
    page.wait_for_url(re.compile(r"://[^/]+/$"))
    check(page, "Home")
    turning = page.get_by_role("row").filter(has_text="Young carers turning 18 without a transition assessment")
    expect(turning.get_by_role("cell").nth(1)).to_have_text("1")
    turning.get_by_role("link").click()
    page.wait_for_url("**/assessments/young-carers-turning-18/")
    check(page, "Young carers turning 18")
    assert_reflows(page)
    row = page.get_by_role("row").filter(has_text="Dylan Young")
    expect(row).to_contain_text(f"{turns_18.day} {turns_18:%B %Y}")

    # The not-eligible decision: not shown as a green "success", and with the advice the law requires.
    page.goto(f"/assessments/{assessment.pk}/")
    check(page, "Carer's assessment")
    panel = page.locator(".govuk-panel")
    expect(panel.locator(".govuk-panel__title")).to_have_text("Not eligible")
    expect(panel).to_have_css("background-color", "rgb(243, 243, 243)")
    expect(page.locator(".govuk-inset-text")).to_contain_text("Care Act 2014, section 13(5)")


# --- 5. An English young carer, assessed under the Children Act 1989 -----------------------------


def test_an_english_young_carer_is_assessed_under_section_17ZA_without_national_criteria(
    page, make_user, region, english_council
):
    practitioner = named(make_user(Role.PRACTITIONER, organisation="english_council"), "Priya", "Assessor")
    area = region["areas"]["marches"]
    today = timezone.localdate()
    carer = Person.objects.create(
        given_name="Cerys",
        family_name="Lloyd",
        date_of_birth=date(today.year - 15, 3, 1),
        address_line_1="4 Mill Lane",
        town="Marches",
        postcode="MR1 4XY",
        area=area,
    )
    CarerProfile.objects.create(person=carer)
    mother = Person.objects.create(
        given_name="Sian", family_name="Lloyd", date_of_birth=date(1980, 6, 2), postcode="MR1 4XY", area=area
    )
    CaringRelationship.objects.create(carer=carer, cared_for=mother, relationship="parent", lives_with_carer=True)

    sign_in(page, practitioner)
    page.goto(f"/people/{carer.pk}/")
    check(page, "Cerys Lloyd")
    kind = "Young carer's needs assessment"
    assessment_url = start_assessment(page, "Test Marches Council (England)", kind=kind, cared_for="Sian Lloyd")
    expect(page.get_by_role("heading", level=1)).to_have_text(kind)
    expect(
        page.get_by_text("Under the Children Act 1989, sections 17ZA and 17ZB, assessed by Test Marches Council.")
    ).to_be_visible()
    expect(page.get_by_text(f"Kind of assessment: {kind}.")).to_be_visible()
    # No national eligibility criteria for a young carer: no eligibility questions to answer.
    expect(page.get_by_role("link", name="Eligibility questions")).to_have_count(0)
    expect(page.get_by_role("heading", name="No national eligibility criteria")).to_be_visible()
    expect(page.locator(".govuk-task-list__item")).to_have_count(7)

    open_section(page, "The caring role")
    page.get_by_label("What care do they give, and how often?").fill(
        "Gets her mum up and gives her tablets before school; cooks tea most evenings."
    )
    page.get_by_label("What are the cared-for person's needs, as they affect the carer?").fill(
        "Her mum has multiple sclerosis and is often too tired to stand."
    )
    save_section(page, "The caring role", assessment_url)
    open_section(page, "Ability and willingness to care")
    radio(page, "Are they able to carry on caring now?", "Partly")
    radio(page, "Are they willing to carry on caring now?", "Yes")
    save_section(page, "Ability and willingness to care", assessment_url)
    open_section(page, "Outcomes the carer wants")
    page.get_by_label("What outcomes does the carer want?").fill(
        "To get to school on time and go to football on Saturdays."
    )
    save_section(page, "Outcomes the carer wants", assessment_url)
    open_section(page, "Impact on well-being")
    groups = page.locator("fieldset.govuk-fieldset")
    expect(groups).to_have_count(9)
    for i in range(9):
        groups.nth(i).get_by_label("Some impact", exact=True).check()
    save_section(page, "Impact on well-being", assessment_url)
    open_section(page, "Work, education, training and leisure")
    page.get_by_role("textbox", name="Work, education, training and leisure").fill(
        "Often late for school; has stopped football."
    )
    save_section(page, "Work, education, training and leisure", assessment_url)
    open_section(page, "The carer's views and who took part")
    page.get_by_label("The carer's own views").fill("I want to help Mum, but I miss my friends.")
    page.get_by_label("Who took part in the assessment?").fill("Cerys, and her mum")
    save_section(page, "The carer's views and who took part", assessment_url)
    fill_matters(
        page,
        assessment_url,
        texts=(
            "Is it appropriate for them to provide, or to carry on providing, this care?",
            "What does the young carer want about their caring?",
            "Could any of their needs for support be met by services for the person they care for?",
        ),
    )
    expect(page.locator(".govuk-task-list__status").filter(has_text="Incomplete")).to_have_count(0)

    submit_for_a_decision(page)
    open_the_decision(page)
    no_criteria = page.locator(".govuk-inset-text").filter(has_text="There are no national eligibility criteria")
    expect(no_criteria).to_have_count(1)
    expect(page.get_by_role("heading", name="What the rules propose")).to_have_count(0)
    expect(page.get_by_role("group", name="Your decision")).to_have_count(0)
    assert_reflows(page)

    # Recorded with nothing said: each missing answer at its field.
    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check(page, "Make the decision", error=True)
    assert_error_summary(page, ["#id_needs_for_support", "#id_reasons"])
    expect(page.locator(".govuk-error-summary")).to_contain_text("Say whether the carer has needs for support")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Give your reasons for the determination")
    assert_reflows(page)

    radio(page, "Does the carer have needs for support?", "Yes")
    radio(page, "Will the council provide or arrange services to meet them?", "Yes")
    # Reasons left out again: only that is wrong now.
    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check(page, "Make the decision", error=True)
    assert_error_summary(page, ["#id_reasons"])
    reasons = (
        "Cerys is missing school and football because of the care she gives; "
        "a young carers' group and a break after school would help."
    )
    page.get_by_label("Your reasons").fill(reasons)
    record_the_decision(page)

    expect(page.locator("main .govuk-tag").first).to_have_text("Completed")
    expect(page.locator(".govuk-panel")).to_have_count(0)  # no "eligible" or "not eligible" to announce
    expect(summary_row(page, "Needs for support")).to_contain_text("Yes")
    expect(summary_row(page, "Services to be provided or arranged")).to_contain_text("Yes")
    expect(summary_row(page, "Reasons")).to_contain_text(reasons)
    expect(page.get_by_text(re.compile(r"Decided .* by Priya Assessor\."))).to_be_visible()
    assert_reflows(page)

    page.get_by_role("link", name="Decision letter", exact=True).click()
    page.wait_for_url(re.compile(r"/assessments/\d+/letter/$"))
    check(page, "Decision letter")
    assert_reflows(page)
    letter = page.locator(".app-letter")
    expect(page.get_by_text("Dear Cerys,")).to_be_visible()
    expect(letter).to_contain_text("under section 17ZA of the Children Act 1989")
    expect(letter).to_contain_text("There are no national eligibility criteria for young carers")
    expect(letter).to_contain_text("We found that you have needs for support.")
    expect(letter).to_contain_text("We will provide services for you under section 17 of the Children Act 1989.")
    expect(letter).to_contain_text(reasons)
    expect(letter).not_to_contain_text("SI 2015/313")
