"""The demo action plan (carershub/demo/actionplans.py), made with objects built here (region.load is slow)."""

import datetime

from carershub.accounts.models import Role
from carershub.demo import actionplans as demo
from carershub.partnership.models import Organisation
from carershub.reporting.actionplans import services


def test_the_demo_plan_is_made_once_with_every_status(make_user):
    icb = Organisation.objects.create(name=demo.OWNER, kind=Organisation.Kind.HEALTH_BOARD,
                                      sector=Organisation.Sector.STATUTORY)
    commissioner = make_user(Role.COMMISSIONER, organisation=icb, username="commissioner")
    today = datetime.date(2026, 12, 2)  # 2026-27 Q3
    kwargs = {"today": today, "staff": {"commissioner": commissioner}, "orgs": {demo.OWNER: icb}}

    plan = demo.make(**kwargs)

    assert demo.make(**kwargs) is None and plan.organisation == icb
    report = services.highlight(plan, today)
    assert report.whole.total == 6
    assert report.whole.by_status == {"not_started": 1, "on_track": 2, "at_risk": 1, "off_track": 1, "complete": 1}
    # Due last quarter (2026-27 Q2) and at risk: the one overdue action; the complete one due in Q1 is not.
    assert report.whole.overdue == 1
    hospital = next(row for row in report.rows if row.workstream.title == "Hospital discharge")
    assert hospital.counts.overdue == 1 and hospital.latest.text == "Wards short of staff over winter."
