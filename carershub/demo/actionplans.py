"""A demo action plan (issue 12; called at the end of demo/region.py's load()).

Marchester Integrated Care Board's carers action plan: two priorities, three workstreams and a few
actions at each status, with due quarters around today's, so the highlight report has something
complete, on track, at risk, off track and overdue. Names are invented; made through the app's services.
"""

import datetime

from django.utils import timezone

from carershub.reporting.actionplans import highlights, services
from carershub.reporting.actionplans.models import ActionPlan

OWNER = "Marchester Integrated Care Board"
TITLE = "Marchester Carers Action Plan"

# priority -> workstream -> [(action, owner, owner's organisation, quarters from today's, status, note)]
PLAN = {
    "Identify carers earlier": {
        "Carer-friendly GP practices": [
            ("Every practice names a carers champion", "Primary care lead", OWNER, -2, highlights.COMPLETE,
             "All practices have named a champion."),
            ("Carers register checked against the practice lists", "Primary care lead", OWNER, 0,
             highlights.ON_TRACK, "Two of four practices done."),
        ],
        "Hospital discharge": [
            ("Ask about carers at every discharge planning meeting", "Discharge team manager",
             "Marchester Hospitals NHS Trust", -1, highlights.AT_RISK, "Wards short of staff over winter."),
        ],
    },
    "Give carers a break": {
        "Short breaks": [
            ("Appraise how breaks are provided from next April", "Commissioning manager", OWNER, 0,
             highlights.ON_TRACK, "Options appraisal drafted."),
            ("Start a breaks voucher scheme", "Commissioning manager", "Marchester City Council", 1,
             highlights.OFF_TRACK, "Waiting for the budget decision."),
            ("Publish the breaks offer in the directory", "Information officer", "Marchester City Council", 2,
             highlights.NOT_STARTED, ""),
        ],
    },
}


def _quarter_from(today: datetime.date, offset: int) -> highlights.Quarter:
    current = highlights.quarter_of(today)
    index = current.year * 4 + current.number - 1 + offset
    return highlights.Quarter(index // 4, index % 4 + 1)


def make(*, today, staff, orgs) -> ActionPlan | None:
    """staff: {username: User}; orgs: {name: Organisation}. Made once: a second load leaves it."""
    owner = orgs.get(OWNER)
    commissioner = staff.get("commissioner")
    if owner is None or commissioner is None or ActionPlan.objects.filter(organisation=owner, title=TITLE).exists():
        return None
    plan = services.create_plan(actor=commissioner, organisation=owner, title=TITLE,
                                summary="Overseen by the Marchester carers partnership board (the demo's own example).")
    noon = timezone.make_aware(datetime.datetime.combine(today - datetime.timedelta(days=7), datetime.time(12)))
    for priority_title, workstreams in PLAN.items():
        priority = services.add_priority(plan, title=priority_title)
        for workstream_title, actions in workstreams.items():
            workstream = services.add_workstream(priority, title=workstream_title)
            for title, owner_name, owner_org, offset, status, note in actions:
                action = services.add_action(workstream, actor=commissioner, title=title, owner_name=owner_name,
                                             owner_organisation=owner_org, due=_quarter_from(today, offset),
                                             status=status)
                if note:
                    services.add_note(action, actor=commissioner, text=note, written_at=noon)
    return plan
