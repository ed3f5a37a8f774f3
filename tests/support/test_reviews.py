"""Reviews of support plans (the team queue and recording a review), and who may open each support plan page.

The young carers turning 18 queue is tested in tests/assessments/test_transitions.py.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from carershub.accounts.models import Role
from carershub.activity.models import Event, EventKind
from carershub.assessments.models import Assessment, AssessmentType
from carershub.audit.models import AccessEvent, AccessPart
from carershub.people.models import CarerProfile
from carershub.support import services as plan_services
from carershub.support.models import Review, SupportPlan
from tests.builders import agreed_plan, completed_assessment, draft_plan
from tests.formdata import date_parts
from tests.pages import Page

FD, PR, TM, CO, PW, AD = (
    Role.FRONT_DOOR,
    Role.PRACTITIONER,
    Role.TEAM_MANAGER,
    Role.COMMISSIONER,
    Role.PARTNER_WORKER,
    Role.ADMINISTRATOR,
)


def today():
    return timezone.localdate()


@pytest.fixture
def plan_for(make_user, region):
    """plan_for(person, review_date, status="agreed", eligible=True) -> a plan resting on a completed assessment.

    Assessed by the Test Council over a year ago; the plan is agreed (or left a draft) through the
    real services, and a superseded or closed one is agreed first, then ended.
    """
    worker = make_user(PR)

    def _make(person, review_date, status=SupportPlan.Status.AGREED, eligible=True, **content):
        assessment = completed_assessment(
            person, actor=worker, organisation=region["orgs"]["council"], eligible=eligible, days_ago=400
        )
        content.setdefault("personal_budget", 900 if eligible else None)
        if status == SupportPlan.Status.DRAFT:
            return draft_plan(assessment, actor=worker, review_date=review_date, **content)
        plan = agreed_plan(assessment, actor=worker, review_date=review_date, **content)
        if status != SupportPlan.Status.AGREED:
            SupportPlan.objects.filter(pk=plan.pk).update(status=status)
            plan.status = status
        return plan

    return _make


# --- The reviews queue ------------------------------------------------------------------


def queue_names(page, table_id):
    table = page.by_id(table_id)
    rows = [n for n in table.iter() if n.tag == "tr"][1:]
    return [[c for c in row.iter() if c.tag == "td"][0].text() for row in rows]


def test_the_queue_shows_reviews_due_in_28_days_and_overdue_ones_soonest_first(
    client_for, another_carer, plan_for, make_user
):
    manager = client_for(TM)
    worker = make_user(PR)
    d = today()
    plans = {
        "due_28": plan_for(another_carer(given="Due28"), d + timedelta(days=28)),
        "due_3": plan_for(another_carer(given="Due3"), d + timedelta(days=3)),
        "due_today": plan_for(another_carer(given="DueToday"), d),
        "later": plan_for(another_carer(given="Later"), d + timedelta(days=29)),
        "overdue_1": plan_for(another_carer(given="Late1"), d - timedelta(days=1)),
        "overdue_40": plan_for(another_carer(given="Late40"), d - timedelta(days=40)),
        "draft": plan_for(another_carer(given="Drafty"), d + timedelta(days=5), status=SupportPlan.Status.DRAFT),
        "superseded": plan_for(
            another_carer(given="Oldone"), d - timedelta(days=5), status=SupportPlan.Status.SUPERSEDED
        ),
        "closed": plan_for(another_carer(given="Ended"), d - timedelta(days=5), status=SupportPlan.Status.CLOSED),
        "reviewed": plan_for(another_carer(given="Reviewed"), d - timedelta(days=10)),
    }
    Review.objects.create(
        plan=plans["reviewed"], reviewed_on=d, was_due_on=d - timedelta(days=10), outcome="plan_changed", notes="Going well"
    )
    CarerProfile.objects.filter(pk=plans["due_3"].carer_id).update(case_worker=worker)

    page = Page(manager.get("/plans/reviews/"))

    assert queue_names(page, "overdue") == [plans["overdue_40"].carer.full_name, plans["overdue_1"].carer.full_name]
    assert queue_names(page, "due") == [
        plans["due_today"].carer.full_name,
        plans["due_3"].carer.full_name,
        plans["due_28"].carer.full_name,
    ]
    assert worker.get_full_name() in page.by_id("due").text()
    assert f"/plans/{plans['due_3'].pk}/" in page.links()
    assert f"/plans/{plans['due_3'].pk}/review/" in page.links()
    logged = set(
        AccessEvent.objects.filter(action="search", part=AccessPart.REVIEW_QUEUE).values_list("person_ref", flat=True)
    )
    listed = {"due_28", "due_3", "due_today", "overdue_1", "overdue_40"}
    assert logged == {plans[k].carer_id for k in listed}


def test_the_reviews_queue_costs_the_same_queries_however_many_rows(client_for, another_carer, plan_for):
    manager = client_for(FD)
    for i in range(2):
        plan_for(another_carer(), today() + timedelta(days=i))
    manager.get("/plans/reviews/")  # warm the session and caches
    with CaptureQueriesContext(connection) as few:
        assert manager.get("/plans/reviews/").status_code == 200
    for i in range(6):
        plan_for(another_carer(), today() - timedelta(days=i + 1))
    with CaptureQueriesContext(connection) as many:
        manager.get("/plans/reviews/")

    assert len(many.captured_queries) == len(few.captured_queries)


# --- Recording a review -------------------------------------------------------------------


def review_form(client, plan, **changes):
    url = f"/plans/{plan.pk}/review/"
    response = client.get(url)
    assert response.status_code == 200
    data = Page(response).form_data()
    data.update({"notes": "Talked through how the breaks are going", **date_parts("reviewed_on", today())})
    for key, value in changes.items():
        if key.endswith(("_on", "_date")) and not isinstance(value, str):
            data.update(date_parts(key, value))
        else:
            data[key] = value
    return url, data


def review_event():
    return Event.objects.get(kind=EventKind.REVIEW_COMPLETED)


def test_no_change_continues_the_plan_as_a_new_agreed_version_with_the_next_review_date(
    practitioner, another_carer, plan_for
):
    plan = plan_for(another_carer(), today() + timedelta(days=10))
    next_review = today() + timedelta(days=365)
    url, data = review_form(practitioner, plan, outcome="no_change", next_review_date=next_review)

    response = practitioner.post(url, data)

    plan.refresh_from_db()
    follow = SupportPlan.objects.get(previous=plan)
    assert response.status_code == 302 and response.url == f"/plans/{follow.pk}/"
    assert plan.status == "superseded"
    assert (follow.status, follow.plan_version, follow.review_date) == ("agreed", 2, next_review)
    assert (follow.outcomes, follow.support_options, follow.personal_budget) == (
        plan.outcomes,
        plan.support_options,
        plan.personal_budget,
    )
    assert list(follow.actions.values_list("description", flat=True)) == ["Book the sitting service"]
    review = Review.objects.get(plan=plan)
    assert (review.outcome, review.was_due_on, review.on_time, review.reviewed_by) == (
        "no_change",
        today() + timedelta(days=10),
        True,
        practitioner.user,
    )
    assert review_event().data == {"on_time": True, "outcome": "no_change"}
    agreements = list(Event.objects.filter(kind=EventKind.PLAN_AGREED).values_list("object_id", flat=True))
    assert agreements == [plan.pk], "a continuation is not a newly agreed plan: the only agreement is the first one"
    # Out of the queue now; back in it when the new date comes round.
    assert plan_services.reviews_due().count() == 0
    assert list(plan_services.reviews_due(next_review - timedelta(days=1))) == [follow]


def test_no_change_needs_a_next_review_date_in_the_future(practitioner, another_carer, plan_for):
    plan = plan_for(another_carer(), today())
    events_before = set(Event.objects.values_list("pk", flat=True))  # left by making the plan
    url, data = review_form(practitioner, plan, outcome="no_change")
    response = practitioner.post(url, data)
    assert Page(response).error_for("next_review_date") == "Enter the next review date, because the plan continues unchanged"

    url, data = review_form(practitioner, plan, outcome="no_change", next_review_date=today())
    response = practitioner.post(url, data)
    assert Page(response).error_for("next_review_date") == "Next review date must be in the future"
    assert not Review.objects.exists() and set(Event.objects.values_list("pk", flat=True)) == events_before


def test_plan_changed_records_the_review_and_goes_on_to_a_draft_of_the_next_version(
    practitioner, another_carer, plan_for
):
    plan = plan_for(another_carer(), today() - timedelta(days=3))
    url, data = review_form(practitioner, plan, outcome="plan_changed")

    response = practitioner.post(url, data)

    draft = SupportPlan.objects.get(previous=plan)
    assert response.status_code == 302 and response.url == f"/plans/{draft.pk}/edit/"
    assert (draft.status, draft.plan_version, draft.outcomes) == ("draft", 2, plan.outcomes)
    assert draft.review_date > today(), "the draft proposes a fresh review date"
    plan.refresh_from_db()
    assert plan.status == "agreed", "the plan stays in force until the change is agreed"
    assert review_event().data == {"on_time": False, "outcome": "plan_changed"}
    assert plan not in plan_services.reviews_overdue(), "reviewed, so no longer overdue"


def test_reassess_starts_a_review_assessment_by_the_same_council(practitioner, another_carer, plan_for):
    plan = plan_for(another_carer(), today() + timedelta(days=2))
    url, data = review_form(practitioner, plan, outcome="reassess")

    response = practitioner.post(url, data)

    new = Assessment.objects.filter(carer=plan.carer, assessment_type=AssessmentType.REVIEW).get()
    assert response.status_code == 302 and response.url == f"/assessments/{new.pk}/"
    assert new.status == "draft"
    assert new.assessing_organisation_id == plan.assessment.assessing_organisation_id
    assert Event.objects.filter(kind=EventKind.ASSESSMENT_STARTED, object_id=new.pk).exists()
    assert review_event().data == {"on_time": True, "outcome": "reassess"}
    plan.refresh_from_db()
    assert plan.status == "agreed"


def test_closed_ends_the_plan_and_a_late_review_counts_as_late(practitioner, another_carer, plan_for):
    plan = plan_for(another_carer(), today() - timedelta(days=20))
    url, data = review_form(practitioner, plan, outcome="closed", notes="Her father has moved into a care home")

    response = practitioner.post(url, data)

    plan.refresh_from_db()
    assert response.status_code == 302 and response.url == f"/plans/{plan.pk}/"
    assert (plan.status, plan.ended_on) == ("closed", today())
    review = Review.objects.get(plan=plan)
    assert review.on_time is False and review.notes == "Her father has moved into a care home"
    assert review_event().data == {"on_time": False, "outcome": "closed"}
    assert not plan_services.reviews_overdue().exists()
    assert "Support ended on" in Page(practitioner.get(f"/plans/{plan.pk}/")).text


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"reviewed_on": "tomorrow"}, "reviewed_on", "Date of the review must be today or in the past"),
        ({"reviewed_on": "before_plan"}, "reviewed_on", "Date of the review must be on or after the day the plan was agreed"),
        ({"reviewed_on_day": "", "reviewed_on_month": "", "reviewed_on_year": ""}, "reviewed_on", "Enter the date of the review"),
        ({"notes": " "}, "notes", "Enter what was discussed at the review"),
        ({"notes": "n" * 5001}, "notes", "What was discussed must be 5,000 characters or fewer"),
        ({"outcome": ""}, "outcome", "Select the outcome of the review"),
        ({"outcome": "celebrate"}, "outcome", "Select the outcome of the review"),
    ],
)
def test_bad_review_input_is_explained_and_nothing_is_recorded(
    practitioner, another_carer, plan_for, changes, field, message
):
    plan = plan_for(another_carer(), today())
    special = {"tomorrow": today() + timedelta(days=1), "before_plan": today() - timedelta(days=400)}
    resolved = {k: (special[v] if v in special else v) for k, v in changes.items()}
    url, data = review_form(practitioner, plan, **{"outcome": "closed", **resolved})
    if resolved.get("outcome") == "":
        del data["outcome"]

    response = practitioner.post(url, data)

    assert response.status_code == 200
    assert Page(response).error_for(field).startswith(message), Page(response).field_errors()
    assert not Review.objects.exists()
    plan.refresh_from_db()
    assert plan.status == "agreed"


def test_a_plan_is_reviewed_once_and_two_reviewers_cannot_both_record_it(
    practitioner, another_carer, plan_for, make_user, new_client
):
    plan = plan_for(another_carer(), today())
    other = new_client(make_user(TM))
    url, mine = review_form(practitioner, plan, outcome="closed")
    _, theirs = review_form(other, plan, outcome="reassess")

    assert practitioner.post(url, mine).status_code == 302
    response = other.post(url, theirs)

    assert response.status_code == 302 and response.url == f"/plans/{plan.pk}/"
    assert Review.objects.count() == 1
    assert not Assessment.objects.filter(assessment_type=AssessmentType.REVIEW).exists()


def test_a_stale_review_form_is_refused_with_a_message(practitioner, another_carer, plan_for):
    plan = plan_for(another_carer(), today())
    url, data = review_form(practitioner, plan, outcome="closed")
    SupportPlan.objects.filter(pk=plan.pk).update(version=plan.version + 1)  # somebody else saved meanwhile

    response = practitioner.post(url, data)

    assert response.status_code == 200
    assert "Nothing has been saved" in " ".join(Page(response).error_summary)
    assert not Review.objects.exists()


def test_no_change_is_refused_while_a_change_to_the_plan_is_in_draft(practitioner, another_carer, plan_for):
    plan = plan_for(another_carer(), today())
    practitioner.post(f"/plans/{plan.pk}/change/")
    url, data = review_form(practitioner, plan, outcome="no_change", next_review_date=today() + timedelta(days=300))

    response = practitioner.post(url, data)

    assert response.status_code == 200
    assert "there is a draft new version of this plan" in " ".join(Page(response).error_summary)
    assert not Review.objects.exists()


# --- Who may open what ----------------------------------------------------------------------

SERVICE = {FD, PR, TM}
CHANGERS = {PR, TM}
PAGES = [
    ("get", "/plans/reviews/", SERVICE),
    ("get", "/assessments/young-carers-turning-18/", SERVICE),
    ("get", "/plans/carer/{carer}/", SERVICE),
    ("get", "/plans/{plan}/", SERVICE),
    ("get", "/plans/{plan}/copy/", SERVICE),
    ("get", "/plans/{plan}/copy.pdf", SERVICE),
    ("get", "/plans/new/{assessment}/", CHANGERS),
    ("post", "/plans/new/{assessment}/", CHANGERS),
    ("get", "/plans/{draft}/edit/", CHANGERS),
    ("post", "/plans/{draft}/edit/", CHANGERS),
    ("post", "/plans/{plan}/change/", CHANGERS),
    ("post", "/plans/{draft}/agree/", CHANGERS),
    ("post", "/plans/{draft}/delete/", CHANGERS),
    ("get", "/plans/{plan}/review/", CHANGERS),
    ("post", "/plans/{plan}/review/", CHANGERS),
]


@pytest.fixture
def records(another_carer, plan_for, make_consent):
    person = another_carer()
    # Shared with the partner worker's own organisation: even so, plans are not theirs to see.
    make_consent(person, "partner")
    plan = plan_for(person, today() + timedelta(days=7))
    other = another_carer()
    draft = plan_for(other, today() + timedelta(days=200), status=SupportPlan.Status.DRAFT)
    return {"carer": person.pk, "plan": plan.pk, "draft": draft.pk, "assessment": plan.assessment_id}


@pytest.mark.parametrize("role", [FD, PR, TM, CO, PW, AD])
@pytest.mark.parametrize("method, path, allowed", PAGES, ids=[f"{m} {p}" for m, p, _ in PAGES])
def test_support_plan_pages_by_role(client_for, records, role, method, path, allowed):
    # Practitioners and managers work for the council that assessed these carers.
    client = client_for(role, organisation="partner") if role == PW else client_for(role)
    url = path.format(**records)

    response = getattr(client, method)(url)

    if role in allowed:
        assert response.status_code in (200, 302), (role, url, response.status_code)
    else:
        assert response.status_code in (403, 404), (role, url, response.status_code)
        assert not AccessEvent.objects.exists()
        assert SupportPlan.objects.get(pk=records["draft"]).status == "draft"
        assert SupportPlan.objects.filter(carer_id=records["carer"]).count() == 1
        assert not Review.objects.exists()


def test_front_door_sees_the_queues_without_review_or_start_links(client_for, another_carer, plan_for):
    front_door = client_for(FD)
    plan = plan_for(another_carer(), today())
    person = another_carer(dob=today() - timedelta(days=int(17.5 * 365.25)))  # a young carer turning 18

    reviews = Page(front_door.get("/plans/reviews/"))
    transitions = Page(front_door.get("/assessments/young-carers-turning-18/"))
    detail = Page(front_door.get(f"/plans/{plan.pk}/"))

    assert f"/plans/{plan.pk}/" in reviews.links() and f"/plans/{plan.pk}/review/" not in reviews.links()
    assert f"/people/{person.pk}/" in transitions.links() and f"/assessments/new/{person.pk}/" not in transitions.links()
    assert "Record a review" not in detail.text and "Change the plan" not in detail.text

