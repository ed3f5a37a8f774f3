"""The assessments queue and the young carers turning 18 queue, filtered: council, area, worker and
status; councils not mixed unless asked; how long each assessment has waited, longest first."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from carershub.accounts.models import Role
from carershub.assessments.models import Assessment, AssessmentStatus, AssessmentType
from carershub.people.models import CarerProfile
from tests.pages import Page
from tests.welsh import compile_welsh_catalogue

PR, TM = Role.PRACTITIONER, Role.TEAM_MANAGER




def waiting_since(days):
    return timezone.now() - timedelta(days=days)


def assessment(carer, council, status, *, assessor, days=0):
    """An assessment in ``status`` that has waited ``days`` since it got there."""
    when = waiting_since(days)
    return Assessment.objects.create(
        carer=carer,
        assessment_type=AssessmentType.CARER,
        nation=council.nation,
        assessing_organisation=council,
        status=status,
        assessor=assessor,
        started_at=when,
        submitted_at=when if status != AssessmentStatus.DRAFT else None,
        decided_at=when if status == AssessmentStatus.DECIDED else None,
    )


def names(page, table_id):
    table = page.by_id(table_id)
    if table is None:
        return None
    rows = [n for n in table.iter() if n.tag == "tr"][1:]
    cells = [[c.text() for c in row.iter() if c.tag == "td"] for row in rows]
    return [row[0] for row in cells if len(row) > 1]


def column(page, table_id, index):
    table = page.by_id(table_id)
    rows = [n for n in table.iter() if n.tag == "tr"][1:]
    return [[c.text() for c in row.iter() if c.tag == "td"][index] for row in rows]


@pytest.fixture
def queue(make_user, another_carer, marches_carer, region, marches_council):
    """A Test Council team's assessments, and some elsewhere."""
    council = region["orgs"]["council"]
    manager = make_user(TM, organisation="council")
    worker = make_user(PR, organisation="council")
    colleague = make_user(PR, organisation="council")
    elsewhere = make_user(PR, organisation=marches_council)
    in_marches = marches_carer(given="Marchcase")
    delegated = marches_carer(given="Delegated")
    # Their case worker, so the council works with them (people/relationships.py).
    CarerProfile.objects.filter(person__in=[in_marches, delegated]).update(case_worker=worker)
    return {
        "manager": manager,
        "worker": worker,
        "colleague": colleague,
        "my_old_draft": assessment(another_carer(given="Olddraft"), council, AssessmentStatus.DRAFT, assessor=worker, days=40),
        "my_new_draft": assessment(another_carer(given="Newdraft"), council, AssessmentStatus.DRAFT, assessor=worker, days=2),
        "colleagues_draft": assessment(another_carer(given="Theirdraft"), council, AssessmentStatus.DRAFT, assessor=colleague, days=5),
        "submitted_long_ago": assessment(
            another_carer(given="Longwait"), council, AssessmentStatus.SUBMITTED, assessor=colleague, days=35
        ),
        "submitted_today": assessment(another_carer(given="Justin"), council, AssessmentStatus.SUBMITTED, assessor=worker),
        "submitted_in_marches_area": assessment(in_marches, council, AssessmentStatus.SUBMITTED, assessor=worker, days=3),
        # The worker assesses for another council too (a delegated assessment): theirs, but not their council's.
        "delegated": assessment(
            delegated, marches_council, AssessmentStatus.SUBMITTED, assessor=worker, days=1
        ),
        "decided": assessment(another_carer(given="Decided"), council, AssessmentStatus.DECIDED, assessor=worker, days=10),
        # A draft by a colleague about a carer nobody at the council works with: not theirs to see.
        "out_of_sight": assessment(
            marches_carer(given="Outofsight"), marches_council, AssessmentStatus.DRAFT, assessor=colleague, days=9
        ),
        "other_councils": assessment(
            marches_carer(given="Notours"), marches_council, AssessmentStatus.SUBMITTED, assessor=elsewhere, days=50
        ),
    }


def test_each_table_is_longest_waiting_first_with_how_long(new_client, queue):
    page = Page(new_client(queue["worker"]).get("/assessments/"))

    assert names(page, "drafts") == [queue["my_old_draft"].carer.full_name, queue["my_new_draft"].carer.full_name]
    assert column(page, "drafts", 4) == ["5 weeks", "2 days"]
    assert names(page, "submitted") == [
        queue["submitted_long_ago"].carer.full_name,
        queue["submitted_in_marches_area"].carer.full_name,
        queue["submitted_today"].carer.full_name,
    ]
    assert column(page, "submitted", 4) == ["5 weeks", "3 days", "Less than a day"]


def test_the_wait_is_told_in_welsh(new_client, queue):
    compile_welsh_catalogue()
    queue["worker"].preferred_language = "cy"
    queue["worker"].save()

    page = Page(new_client(queue["worker"]).get("/assessments/"))

    assert column(page, "drafts", 4) == ["5 wythnos", "2 ddiwrnod"]


def test_a_council_worker_sees_their_own_councils_assessments_until_they_ask_for_more(new_client, queue, marches_council):
    client = new_client(queue["worker"])

    default = names(Page(client.get("/assessments/")), "submitted")
    every = names(Page(client.get("/assessments/?council=all")), "submitted")
    other = names(Page(client.get(f"/assessments/?council={marches_council.pk}")), "submitted")

    delegated = queue["delegated"].carer.full_name
    assert delegated not in default
    assert delegated in every and len(every) == len(default) + 1
    assert other == [delegated]
    assert queue["other_councils"].carer.full_name not in every + other


def test_asking_for_another_council_never_shows_what_the_user_may_not_see(new_client, queue, marches_council):
    page = Page(new_client(queue["manager"]).get(f"/assessments/?council={marches_council.pk}"))

    assert names(page, "submitted") == []
    assert names(page, "awaiting-sign-off") == []
    assert queue["other_councils"].carer.full_name not in page.text


@pytest.mark.parametrize("query", ["council=all&worker={colleague}", "council={marches}&worker={colleague}", "council=all&status=draft&area={area}"])
def test_no_filter_shows_an_assessment_of_a_carer_the_team_does_not_work_with(new_client, queue, marches_council, region, query):
    query = query.format(colleague=queue["colleague"].pk, marches=marches_council.pk, area=region["areas"]["marches"].pk)

    page = Page(new_client(queue["manager"]).get(f"/assessments/?{query}"))

    assert queue["out_of_sight"].carer.full_name not in page.text


def test_the_area_filter_narrows_to_carers_living_there(new_client, queue, region):
    page = Page(new_client(queue["worker"]).get(f"/assessments/?area={region['areas']['marches'].pk}"))

    assert names(page, "submitted") == [queue["submitted_in_marches_area"].carer.full_name]


def test_the_worker_filter_narrows_to_one_assessor_and_shows_their_drafts(new_client, queue):
    colleague = queue["colleague"]
    page = Page(new_client(queue["manager"]).get(f"/assessments/?worker={colleague.pk}"))

    assert names(page, "submitted") == [queue["submitted_long_ago"].carer.full_name]
    assert names(page, "drafts") == [queue["colleagues_draft"].carer.full_name]
    assert page.by_id("drafts-caption").text() == f"Drafts by {colleague.get_full_name()}"


def test_without_a_worker_the_drafts_are_the_users_own(new_client, queue):
    page = Page(new_client(queue["colleague"]).get("/assessments/"))

    assert page.by_id("drafts-caption").text() == "Your drafts"
    assert names(page, "drafts") == [queue["colleagues_draft"].carer.full_name]


@pytest.mark.parametrize(
    ("status", "tables"),
    [("draft", {"drafts"}), ("submitted", {"submitted"}), ("decided", {"awaiting-sign-off"}), ("", {"drafts", "submitted", "awaiting-sign-off"})],
)
def test_the_status_filter_shows_that_stage_only(new_client, queue, status, tables):
    page = Page(new_client(queue["manager"]).get(f"/assessments/?status={status}"))

    shown = {t for t in ("drafts", "submitted", "awaiting-sign-off") if page.by_id(t) is not None}
    assert shown == tables


def test_a_manager_sees_decisions_to_sign_off_with_their_wait(new_client, queue):
    page = Page(new_client(queue["manager"]).get("/assessments/?status=decided"))

    assert names(page, "awaiting-sign-off") == [queue["decided"].carer.full_name]
    assert column(page, "awaiting-sign-off", 4) == ["10 days"]


@pytest.mark.parametrize(
    "query", ["council=nope", "area=0", "worker=abc", "status=completed", "status=%ff", "worker=99999999999999999999999"]
)
def test_bad_filter_input_shows_the_queue_with_an_error_not_a_failure(new_client, queue, query):
    response = new_client(queue["worker"]).get(f"/assessments/?{query}")

    assert response.status_code == 200
    page = Page(response)
    assert page.error_summary
    assert queue["delegated"].carer.full_name not in page.text, "a bad council leaves the user's own council"
    assert queue["submitted_today"].carer.full_name in page.text


# --- Young carers turning 18 ----------------------------------------------------------------------


def turning_18_in(days):
    day = timezone.localdate() + timedelta(days=days)
    try:
        return day.replace(year=day.year - 18)
    except ValueError:  # 29 February
        return date(day.year - 18, 3, 1)


@pytest.fixture
def young_carers(make_user, another_carer, marches_carer):
    worker = make_user(PR, organisation="council")
    colleague = make_user(PR, organisation="council")
    here = another_carer(given="Hereyoung", dob=turning_18_in(30))
    theirs = another_carer(given="Theirsyoung", dob=turning_18_in(60))
    elsewhere = marches_carer(given="Awayyoung", dob=turning_18_in(90))
    CarerProfile.objects.filter(person=theirs).update(case_worker=colleague)
    CarerProfile.objects.filter(person=elsewhere).update(case_worker=worker)
    stranger = marches_carer(given="Strangeryoung", dob=turning_18_in(20))
    return {"worker": worker, "colleague": colleague, "here": here, "theirs": theirs, "elsewhere": elsewhere, "stranger": stranger}


def young_names(client, query=""):
    page = Page(client.get("/assessments/young-carers-turning-18/" + (f"?{query}" if query else "")))
    return [row[0] for row in page.table_rows() if len(row) > 1]


def test_the_turning_18_queue_is_the_users_council_unless_they_ask(new_client, young_carers, marches_council):
    client = new_client(young_carers["worker"])
    here, theirs, elsewhere = (young_carers[k].full_name for k in ("here", "theirs", "elsewhere"))

    assert young_names(client) == [here, theirs]
    assert young_names(client, "council=all") == [here, theirs, elsewhere]
    assert young_names(client, f"council={marches_council.pk}") == [elsewhere]
    assert young_carers["stranger"].full_name not in young_names(client, "council=all")


def test_the_turning_18_queue_filters_by_case_worker_and_area(new_client, young_carers, region):
    client = new_client(young_carers["worker"])

    assert young_names(client, f"worker={young_carers['colleague'].pk}") == [young_carers["theirs"].full_name]
    assert young_names(client, f"council=all&area={region['areas']['marches'].pk}") == [young_carers["elsewhere"].full_name]


def test_the_turning_18_queue_with_bad_input_shows_an_error(new_client, young_carers):
    response = new_client(young_carers["worker"]).get("/assessments/young-carers-turning-18/?area=abc")

    assert response.status_code == 200
    assert Page(response).field_errors()["area"] == "Select an area from the list"
