"""Action plans from the seed reports, for the tests.

Coventry's Carers Action Plan 2024-26 (seed 002): its three priorities are quoted from the report
(paragraph 1.12); the actions are the progress the report lists (1.15, 1.16 and the summary), with the
due quarters the report gives ("two projects will commence in November 2024", "a practice learning
alert was issued at the beginning of April 2024 ... followed up by a thematic review in the Autumn
2024", the extension "April to September 2024"). The appendix with the plan's own table is not in the
seed, so the owners, workstream names and statuses are the tests' own.

Rotherham's Carers Programme, "Getting things back on track – programme refresh August 2020" (seed 003):
the workstreams WS1-WS5 and the PMO governance reset, each with its quarter-by-quarter activity from the
report's table (Quarter 2 July-September 2020 ... Quarter 1 April-June 2021). Owners are roles, not the
people the report names; statuses are the tests' own.
"""

import datetime

from django.utils import timezone

from carershub.reporting.actionplans import highlights, services
from carershub.reporting.actionplans.highlights import Quarter

CV_RESPITE = "Empower carers with flexible respite options, ensuring they can take breaks"
CV_SUPPORT = "Deliver the right support, at the right time, and in the right place"
CV_ASSESSMENTS = "Maximise the reach of carers assessments to benefit more carers"

# priority -> workstream -> [(action, owner, owner's organisation, due, status)]
COVENTRY = {
    CV_RESPITE: {
        "Accelerated Reform Funds: breaks": [
            ("My Time: an innovative scheme which helps support carers access recreational breaks",
             "Commissioning officer", "Coventry City Council", Quarter(2024, 3), highlights.ON_TRACK),
        ],
    },
    CV_SUPPORT: {
        "Information, advice and digital support": [
            ("Bridgit: a digital support tool which will help with the identification of carers and online information",
             "Commissioning officer", "Coventry City Council", Quarter(2024, 3), highlights.ON_TRACK),
            ("Updating and developing carer related information such as leaflets and websites",
             "Carers lead", "Coventry City Council", Quarter(2024, 2), highlights.COMPLETE),
        ],
        "Hospital and young carers": [
            ("Developing a working group with University Hospital Coventry and Warwickshire to support carers whilst "
             "in hospital and upon discharge", "Carers lead", "University Hospital Coventry and Warwickshire",
             Quarter(2024, 4), highlights.ON_TRACK),
            ("Development of Young Carer pathways including establishing a Young Carers Early Help Link",
             "Children's services lead", "Coventry City Council", Quarter(2024, 2), highlights.AT_RISK),
        ],
        "Recommissioning of carer support services": [
            ("Complete a tender exercise for the recommissioning of carers support services",
             "Commissioning manager", "Coventry City Council", Quarter(2024, 2), highlights.OFF_TRACK),
        ],
    },
    CV_ASSESSMENTS: {
        "Carers assessments": [
            ("Training sessions for staff including refresher and induction training", "Principal social worker",
             "Coventry City Council", Quarter(2024, 1), highlights.COMPLETE),
            ("A practice learning alert setting expectations around completion of assessments",
             "Principal social worker", "Coventry City Council", Quarter(2024, 1), highlights.COMPLETE),
            ("A thematic review of carers assessments", "Principal social worker", "Coventry City Council",
             Quarter(2024, 3), highlights.NOT_STARTED),
            ("Development of a new carers online self-assessment", "Carers lead", "Coventry City Council",
             Quarter(2025, 1), highlights.NOT_STARTED),
        ],
    },
}
COVENTRY_TODAY = datetime.date(2024, 11, 15)  # 2024-25 Q3: Q1 and Q2 have ended


RH_PROGRAMME = "Carers Programme: programme refresh August 2020"
RH_GOVERNANCE = "PMO: Governance Reset"
ROTHERHAM = {
    RH_GOVERNANCE: {
        "PMO: Governance Reset": [
            ("Establish Carers Programme Project Group - reports into ASC Project Assurance Meeting (PAM)",
             "Programme manager", "Rotherham Metropolitan Borough Council", Quarter(2020, 2), highlights.COMPLETE),
            ("1/4 highlight report to Health and Wellbeing Board", "Programme manager",
             "Rotherham Metropolitan Borough Council", Quarter(2020, 3), highlights.COMPLETE),
        ],
    },
    RH_PROGRAMME: {
        "WS1: Review of the Carer Strategy": [
            ("Coproduction work for the strategy", "Strategy lead", "", Quarter(2020, 3), highlights.COMPLETE),
            ("Consultation work for the strategy", "Strategy lead", "", Quarter(2020, 4), highlights.ON_TRACK),
            ("Refreshed Carer Strategy", "Strategy lead", "", Quarter(2021, 1), highlights.NOT_STARTED),
        ],
        "WS2: Assistive Technology (AT)": [
            ("Engagement activity", "Digital solutions lead", "", Quarter(2020, 3), highlights.AT_RISK),
            ("AT pathway proposed and out to consultation.", "Digital solutions lead", "", Quarter(2020, 4),
             highlights.AT_RISK),
            ("AT Carer Offer launch", "Digital solutions lead", "", Quarter(2021, 1), highlights.NOT_STARTED),
        ],
        "WS3: ASC Pathway": [
            ("Carer Journey Mapping (with all partners)", "Pathway lead", "", Quarter(2020, 3), highlights.COMPLETE),
            ("ASC Pathway: Refresh Policy / Guidance for Carers", "Pathway lead", "", Quarter(2020, 3),
             highlights.OFF_TRACK),
        ],
        "WS4: Carers Centre": [
            ("Carers Centre - Review / Impact Assessment", "Carers centre manager", "", Quarter(2020, 2),
             highlights.COMPLETE),
            ("Carers Centre - future options / consultation", "Carers centre manager", "", Quarter(2020, 3),
             highlights.ON_TRACK),
            ("Decision making", "Carers centre manager", "", Quarter(2020, 4), highlights.NOT_STARTED),
        ],
        "WS5: Information Offer": [
            ("Information Offer - scoping work (Partner conversations)", "Information lead", "", Quarter(2020, 2),
             highlights.COMPLETE),
            ("Coproduction work (Digital channels)", "Information lead", "", Quarter(2020, 3), highlights.ON_TRACK),
            ("Consultation linked to the strategy work", "Information lead", "", Quarter(2020, 4),
             highlights.NOT_STARTED),
        ],
    },
}
ROTHERHAM_TODAY = datetime.date(2021, 1, 20)  # 2020-21 Q4: Q2 and Q3 have ended


def plan_from(structure, *, actor, title, organisation=None):
    plan = services.create_plan(actor=actor, title=title, organisation=organisation)
    actions = {}
    for priority_title, workstreams in structure.items():
        priority = services.add_priority(plan, title=priority_title)
        for workstream_title, rows in workstreams.items():
            workstream = services.add_workstream(priority, title=workstream_title)
            for title, owner, organisation_name, due, status in rows:
                actions[title] = services.add_action(workstream, actor=actor, title=title, owner_name=owner,
                                                     owner_organisation=organisation_name, due=due, status=status)
    return plan, actions


def coventry(actor, organisation=None):
    return plan_from(COVENTRY, actor=actor, title="Coventry Carers Action Plan 2024-26", organisation=organisation)


def rotherham(actor, organisation=None):
    return plan_from(ROTHERHAM, actor=actor, title="Rotherham Carers Programme", organisation=organisation)


def note(action, actor, text, when):
    return services.add_note(action, actor=actor, text=text,
                             written_at=timezone.make_aware(datetime.datetime.combine(when, datetime.time(10))))
