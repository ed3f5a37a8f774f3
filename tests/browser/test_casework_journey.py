"""Issue 9's "done means", in real Chromium with axe-core on every page: a front-door worker logs an
urgent call, sees the alert and the call-back task, attaches a signed consent and writes a note; the
team manager decides the concern and reassigns the task; the timeline shows it all in order."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from carershub.accounts.models import Role
from carershub.documents import samples
from tests.browser.conftest import check, sign_in

pytestmark = pytest.mark.browser


def test_an_urgent_call_from_the_front_door_to_the_managers_decision(page, new_page, make_user, make_carer, tmp_path, settings):
    settings.CARERSHUB_DOCUMENT_ROOT = str(tmp_path / "documents")
    carer = make_carer(given="Bethan", family="Prydderch")
    worker = make_user(Role.FRONT_DOOR, username="frontdoor")
    manager = make_user(Role.TEAM_MANAGER, username="manager")  # the council of the carer's area
    colleague = make_user(Role.PRACTITIONER, username="colleague")
    colleague.first_name, colleague.last_name = "Priya", "Colleague"
    colleague.save()

    # The front-door worker logs an urgent call from the carer's record, with a call back tomorrow.
    sign_in(page, worker)
    page.goto(f"/people/{carer.pk}/")
    check(page, "Bethan Prydderch")
    page.get_by_role("button", name="Log a contact").click()
    check(page, "Log a contact")
    page.get_by_role("group", name="How did they get in touch?").get_by_label("Phone").check()
    page.get_by_role("group", name="Who got in touch?").get_by_label("The carer", exact=True).check()
    page.get_by_label("What matters to them").fill("Frightened; her son has been taking money from her father.")
    page.get_by_role("group", name="Outcome").get_by_label("Urgent or safeguarding concern").check()
    page.get_by_role("group", name="What kind of concern is it?").get_by_label("A safeguarding concern about an adult").check()
    page.get_by_label("What is urgent, and what has been done").fill("Safe tonight at her sister's. Told her we will pass it on today.")
    page.get_by_label("Call them back").check()
    tomorrow = timezone.localdate() + timezone.timedelta(days=1)
    call_back = page.get_by_role("group", name="Call back on")
    call_back.get_by_label("Day").fill(str(tomorrow.day))
    call_back.get_by_label("Month").fill(str(tomorrow.month))
    call_back.get_by_label("Year").fill(str(tomorrow.year))
    page.get_by_label("Call back at (optional)").fill("15:00")
    page.get_by_role("button", name="Save contact").click()
    page.wait_for_url(re.compile(r"/contacts/\d+/$"))
    check(page, "Contact")

    # The alert is on the record for every viewer; the call back is on "my work".
    page.goto(f"/people/{carer.pk}/")
    check(page, "Bethan Prydderch")
    expect(page.locator("[data-alert-kind=safeguarding]")).to_contain_text("Safeguarding: adult")
    page.goto("/work/")
    check(page, "My work")
    expect(page.get_by_role("table")).to_contain_text("Call back Bethan Prydderch")

    # Attaches the signed consent form.
    page.goto(f"/documents/person/{carer.pk}/new/")
    check(page)
    consent = tmp_path / "signed-consent.pdf"
    consent.write_bytes(samples.pdf(["Consent to share", "Bethan Prydderch (synthetic)"]))
    page.locator("input[type=file]").set_input_files(str(consent))
    page.get_by_role("group", name=re.compile("What kind of document")).get_by_label(re.compile("[Ss]igned consent")).check()
    page.get_by_label("Title", exact=True).fill("Signed consent to share")
    page.get_by_role("button", name="Add document").click()
    check(page)
    expect(page.get_by_text("Signed consent to share").first).to_be_visible()

    # Writes a note.
    page.goto(f"/people/{carer.pk}/")
    page.get_by_role("button", name="Write a case note").click()
    check(page, "Write a case note")
    page.get_by_role("group", name="What kind of note is it?").get_by_label("Telephone call").check()
    page.get_by_label("Note", exact=True).fill("Rang back the GP surgery to let them know; they will see her father this week.")
    page.get_by_role("button", name="Save note").click()
    page.wait_for_url(f"**/people/{carer.pk}/")
    check(page, "Bethan Prydderch")

    # The team manager of the carer's council sees the concern, decides it and reassigns the call back.
    boss = new_page()
    sign_in(boss, manager)
    boss.goto("/work/concerns/")
    check(boss, "Concerns waiting for a decision")
    boss.get_by_role("link", name="Safeguarding: adult").click()
    check(boss, "Safeguarding: adult")
    boss.get_by_role("group", name="What was decided?").get_by_label(re.compile("SSWA 2014 s126")).check()
    boss.get_by_label("Reason and what was done").fill("Reported to the council's adult safeguarding team, ref AS-0001.")
    boss.get_by_role("button", name="Record decision").click()
    boss.wait_for_url("**/work/concerns/")
    check(boss, "Concerns waiting for a decision")
    expect(boss.get_by_text("No concern is waiting for a decision.")).to_be_visible()

    boss.goto(f"/people/{carer.pk}/")
    check(boss, "Bethan Prydderch")
    boss.locator("#tasks").locator("xpath=following-sibling::ul[1]").get_by_role("link", name=re.compile("Call back")).click()
    check(boss, "Call back")
    boss.get_by_label("Give the task to").select_option(label="Priya Colleague")
    boss.get_by_role("button", name="Reassign task").click()
    check(boss, "Call back")
    expect(boss.get_by_text("Task given to Priya Colleague")).to_be_visible()

    # The timeline shows all of it, newest first.
    boss.goto(f"/people/{carer.pk}/timeline/")
    check(boss)
    titles = boss.locator("main ol.govuk-list > li h2").all_inner_texts()
    order = ["Task reassigned", "Decision on the concern", "Case note", "Document", "Alert raised: Safeguarding: adult", "Contact logged"]
    positions = [next((i for i, title in enumerate(titles) if marker in title), -1) for marker in order]
    assert all(p >= 0 for p in positions), titles
    assert positions == sorted(positions), list(zip(order, positions))

    # At 320 px wide the person page still works: nothing wider than the screen.
    boss.set_viewport_size({"width": 320, "height": 800})
    boss.goto(f"/people/{carer.pk}/")
    check(boss, "Bethan Prydderch")
    assert boss.evaluate("document.documentElement.scrollWidth") <= 320


def test_the_other_casework_pages_pass_axe_in_english_and_welsh(page, make_user, make_carer):
    from carershub.casework import services
    from tests import builders

    carer = make_carer(given="Gwenllian", family="Testaxe")
    worker = make_user(Role.PRACTITIONER)
    made = builders.casework(carer, actor=worker)
    services.add_addendum(made["note"], text="Added after talking to her daughter.", actor=worker)
    sign_in(page, worker)
    pages = [
        (f"/work/notes/{made['note'].pk}/", "Case note"),
        (f"/work/tasks/new/?person={carer.pk}", "Add a task"),
        (f"/work/tasks/new/?note={made['note'].pk}", "Add a task"),
        (f"/work/alerts/new/{carer.pk}/", "Add an alert"),
        (f"/work/alerts/person/{carer.pk}/", "Alerts"),
        (f"/work/tasks/{made['task'].pk}/", "Decide what to do about the concern"),
        ("/work/?tasks=team", "My work"),
    ]
    for url, title in pages:
        page.goto(url)
        check(page, title)
    # The same pages in Welsh (the language switch is for the session).
    page.goto("/")
    page.get_by_role("link", name="Cymraeg").click()
    page.wait_for_load_state("load")
    for url, _title in pages:
        page.goto(url)
        check(page)
        assert page.locator("html").get_attribute("lang") == "cy"
