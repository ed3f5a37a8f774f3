"""The seed reports' action plans held and reported: Coventry's Carers Action Plan 2024-26 and
Rotherham's Carers Programme, highlight counts worked out by hand (build.py gives the actions)."""

import datetime

from carershub.reporting.actionplans import services
from tests.actionplans import build
from tests.pages import Page


def _counts(report):
    return {row.workstream.title: (row.counts.total, row.counts.by_status["complete"], row.counts.by_status["on_track"],
                                   row.counts.by_status["at_risk"], row.counts.by_status["off_track"],
                                   row.counts.by_status["not_started"], row.counts.overdue) for row in report.rows}


def test_coventry_highlight_counts(commissioner):
    """As at 15 November 2024 (2024-25 Q3): the young carers pathway (at risk) and the tender (off track),
    both due 2024-25 Q2, are overdue; the thematic review due Q3 is not yet."""
    plan, _actions = build.coventry(commissioner)

    report = services.highlight(plan, build.COVENTRY_TODAY)

    #        total, complete, on track, at risk, off track, not started, overdue
    assert _counts(report) == {
        "Accelerated Reform Funds: breaks": (1, 0, 1, 0, 0, 0, 0),
        "Information, advice and digital support": (2, 1, 1, 0, 0, 0, 0),
        "Hospital and young carers": (2, 0, 1, 1, 0, 0, 1),
        "Recommissioning of carer support services": (1, 0, 0, 0, 1, 0, 1),
        "Carers assessments": (4, 2, 0, 0, 0, 2, 0),
    }
    whole = report.whole
    assert (whole.total, whole.by_status["complete"], whole.overdue) == (10, 3, 2)
    assert [row.priority.title for row in report.rows][:2] == [build.CV_RESPITE, build.CV_SUPPORT]


def test_rotherham_highlight_counts(commissioner):
    """As at 20 January 2021 (2020-21 Q4): every action due in Q2 or Q3 2020-21 and not complete is overdue:
    WS2 engagement (at risk), WS3 policy refresh (off track), WS4 options and WS5 coproduction (on track)."""
    plan, _actions = build.rotherham(commissioner)

    report = services.highlight(plan, build.ROTHERHAM_TODAY)

    assert _counts(report) == {
        "PMO: Governance Reset": (2, 2, 0, 0, 0, 0, 0),
        "WS1: Review of the Carer Strategy": (3, 1, 1, 0, 0, 1, 0),
        "WS2: Assistive Technology (AT)": (3, 0, 0, 2, 0, 1, 1),
        "WS3: ASC Pathway": (2, 1, 0, 0, 1, 0, 1),
        "WS4: Carers Centre": (3, 1, 1, 0, 0, 1, 1),
        "WS5: Information Offer": (3, 1, 1, 0, 0, 1, 1),
    }
    whole = report.whole
    assert (whole.total, whole.overdue) == (16, 4)
    assert whole.by_status == {"complete": 6, "on_track": 3, "at_risk": 2, "off_track": 1, "not_started": 4}


def test_the_latest_progress_note_of_a_workstream_is_shown(commissioner):
    plan, actions = build.rotherham(commissioner)
    engagement, pathway = actions["Engagement activity"], actions["AT pathway proposed and out to consultation."]
    build.note(engagement, commissioner, "Engagement moved online because of Covid 19", datetime.date(2020, 10, 2))
    build.note(pathway, commissioner, "Pathway drafted; consultation to start in February", datetime.date(2021, 1, 8))
    build.note(engagement, commissioner, "Two sessions held", datetime.date(2020, 11, 12))

    report = services.highlight(plan, build.ROTHERHAM_TODAY)

    row = next(r for r in report.rows if r.workstream.title == "WS2: Assistive Technology (AT)")
    assert row.latest.text == "Pathway drafted; consultation to start in February"
    assert row.latest_action == pathway
    assert next(r for r in report.rows if r.workstream.title == "WS3: ASC Pathway").latest is None


def test_the_highlight_page_shows_the_counts_and_the_whole_plan(commissioner, commissioner_client, monkeypatch):
    plan, _actions = build.coventry(commissioner)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: build.COVENTRY_TODAY)

    page = Page(commissioner_client.get(f"/figures/action-plans/{plan.pk}/highlight-report/"))

    rows = page.table_rows()
    #                                      actions, complete, on track, at risk, off track, not started, overdue
    assert next(r for r in rows if r[0] == "Recommissioning of carer support services")[1:8] == [
        "1", "0", "0", "0", "1", "0", "1"]
    assert next(r for r in rows if r[0] == "Whole plan")[1:8] == ["10", "3", "3", "1", "1", "2", "2"]
    assert "As at 15 November 2024" in page.text
    open_rows = [r for r in rows if r and r[0].startswith("Complete a tender exercise")]
    assert open_rows and open_rows[0][3] == "Off track Overdue"  # words with the colour
