"""Entering a plan through its pages: priorities, workstreams, actions with a due quarter and a status,
progress notes appended (never changed), the optimistic lock, who may see what, and the downloads."""

import io

import pytest
from openpyxl import load_workbook

from carershub.accounts.models import Role
from carershub.reporting.actionplans import services
from carershub.reporting.actionplans.highlights import Quarter
from carershub.reporting.actionplans.models import Action, ActionPlan, AppendOnly, ProgressNote
from tests.actionplans import build
from tests.pages import Page

BASE = "/figures/action-plans/"


def test_a_commissioner_builds_a_plan_from_priority_to_action(commissioner_client, commissioner):
    response = commissioner_client.post(f"{BASE}new/", {"title": "Carers Action Plan 2026-28"})
    assert response.status_code == 302, Page(response).error_summary
    plan = ActionPlan.objects.get()
    assert plan.organisation == commissioner.organisation

    commissioner_client.post(f"{BASE}{plan.pk}/priorities/new/", {"title": build.CV_RESPITE})
    priority = plan.priorities.get()
    commissioner_client.post(f"{BASE}{plan.pk}/workstreams/new/", {"priority": str(priority.pk), "title": "Breaks"})
    workstream = priority.workstreams.get()
    response = commissioner_client.post(f"{BASE}{plan.pk}/actions/new/", {
        "workstream": str(workstream.pk), "title": "Launch a breaks voucher scheme", "owner_name": "Carers lead",
        "owner_organisation": "Marchester Integrated Care Board", "due": "2099-00 Q2", "status": "on_track",
        "note": "Scheme designed with the carers forum"})

    assert response.status_code == 302, Page(response).error_summary
    action = Action.objects.get()
    assert (action.due, action.status, action.owner_name) == (Quarter(2099, 2), "on_track", "Carers lead")
    note = action.notes.get()
    assert note.author == commissioner and note.text == "Scheme designed with the carers forum"
    assert commissioner.get_full_name() in note.author_name
    page = Page(commissioner_client.get(f"{BASE}{plan.pk}/"))
    row = next(r for r in page.table_rows() if r[0].startswith("Launch a breaks voucher scheme"))
    assert row[2:4] == ["2099-00 Q2", "On track"]


@pytest.mark.parametrize(("due", "message"), [
    ("2026 Q2", "Enter the due quarter as a financial year and a quarter, like 2026-27 Q2"),
    ("2026-28 Q1", "Enter the due quarter as a financial year and a quarter, like 2026-27 Q2"),
    ("2026-27 Q5", "Enter the due quarter as a financial year and a quarter, like 2026-27 Q2"),
])
def test_a_due_quarter_that_is_not_one_is_refused_at_the_field(commissioner_client, commissioner, due, message):
    plan, _actions = build.coventry(commissioner)
    workstream = plan.priorities.first().workstreams.first()

    page = Page(commissioner_client.post(f"{BASE}{plan.pk}/actions/new/", {
        "workstream": str(workstream.pk), "title": "Something", "due": due, "status": "not_started"}))

    assert page.error_for("due") == message
    assert page.error_summary == [message]
    assert not Action.objects.filter(title="Something").exists()


def test_an_update_appends_a_note_and_a_stale_one_saves_nothing(commissioner_client, commissioner):
    plan, actions = build.coventry(commissioner)
    action = actions["Complete a tender exercise for the recommissioning of carers support services"]
    url = f"{BASE}{plan.pk}/actions/{action.pk}/"
    first = Page(commissioner_client.get(url)).form_data()
    assert first["due"] == "2024-25 Q2" and first["status"] == "off_track"

    response = commissioner_client.post(url, {**first, "status": "on_track", "note": "Tender published"})
    assert response.status_code == 302

    response = commissioner_client.post(url, {**first, "status": "complete", "note": "From an old page"})

    assert response.status_code == 302 and response.url == url
    action.refresh_from_db()
    assert action.status == "on_track"
    assert list(action.notes.values_list("text", flat=True)) == ["Tender published"]
    assert "your progress note was not saved" in Page(commissioner_client.get(url)).text


def test_a_progress_note_is_never_changed_or_deleted(commissioner):
    plan, actions = build.rotherham(commissioner)
    note = services.add_note(actions["Decision making"], actor=commissioner, text="Options paper drafted")

    note.text = "Something else"
    with pytest.raises(AppendOnly):
        note.save()
    with pytest.raises(AppendOnly):
        note.delete()
    assert ProgressNote.objects.get().text == "Options paper drafted"


def test_another_organisation_neither_sees_nor_changes_a_plan(client_for, commissioner):
    plan, actions = build.coventry(commissioner)
    other = client_for(Role.TEAM_MANAGER, organisation="council")
    action = next(iter(actions.values()))

    assert other.get(f"{BASE}{plan.pk}/").status_code == 404
    assert other.get(f"{BASE}{plan.pk}/highlight-report.csv").status_code == 404
    assert other.post(f"{BASE}{plan.pk}/actions/{action.pk}/", {"title": "Taken"}).status_code == 404
    assert "Coventry" not in Page(other.get(BASE)).text


@pytest.mark.parametrize("role", [Role.PRACTITIONER, Role.FRONT_DOOR, Role.PARTNER_WORKER, Role.ADMINISTRATOR])
def test_other_roles_see_no_plans(client_for, role):
    assert client_for(role).get(BASE).status_code == 403


def test_the_highlight_report_downloads_as_csv_and_xlsx(commissioner_client, commissioner, monkeypatch):
    plan, actions = build.rotherham(commissioner)
    build.note(actions["Engagement activity"], commissioner, "Two sessions held", build.ROTHERHAM_TODAY)
    formula = services.add_action(actions["Decision making"].workstream, actor=commissioner,
                                  title="=HYPERLINK(\"http://x.invalid\") decide", status="complete")
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: build.ROTHERHAM_TODAY)

    csv_text = commissioner_client.get(f"{BASE}{plan.pk}/highlight-report.csv").content.decode("utf-8-sig")
    book = load_workbook(io.BytesIO(commissioner_client.get(f"{BASE}{plan.pk}/highlight-report.xlsx").content))

    assert "Highlight report: Rotherham Carers Programme" in csv_text
    assert "'=HYPERLINK" in csv_text and formula.pk  # a formula typed as an action is made plain text
    sheet = book[book.sheetnames[0]]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    ws2 = next(r for r in rows if r[1] == "WS2: Assistive Technology (AT)")
    assert ws2[:9] == [build.RH_PROGRAMME, "WS2: Assistive Technology (AT)", 3, 0, 0, 2, 0, 1, 1]
    assert ws2[9] == "Engagement activity"
    whole = next(r for r in rows if r[0] == "Whole plan")
    assert whole[2:9] == [17, 7, 3, 2, 1, 4, 4]  # the 16 of build.py and the complete one added here
    actions_sheet = book[book.sheetnames[1]]
    assert actions_sheet.max_row == 1 + 1 + 17  # title, headings, one row per action
