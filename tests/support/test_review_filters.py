"""The support plan reviews queue, filtered: council, area, case worker and status (overdue or due);
councils not mixed unless asked; how long an overdue review has waited, and when a due one falls due."""

from datetime import timedelta

import pytest
from django.utils import timezone

from carershub.accounts.models import Role
from carershub.people.models import CarerProfile, Person
from tests.builders import agreed_plan, completed_assessment
from tests.pages import Page
from tests.welsh import compile_welsh_catalogue

FD, PR, TM = Role.FRONT_DOOR, Role.PRACTITIONER, Role.TEAM_MANAGER


def today():
    return timezone.localdate()



@pytest.fixture
def plans(make_user, another_carer, region, marches_council):
    """Agreed plans of the Test Council's carers and one of the Marches council's, with their review dates."""
    council = region["orgs"]["council"]
    manager = make_user(TM, organisation="council")
    worker = make_user(PR, organisation="council")
    colleague = make_user(PR, organisation="council")
    marches_worker = make_user(PR, organisation=marches_council)

    def plan(given, review_in_days, *, by=worker, organisation=council, area="afon", case_worker=None):
        carer = another_carer(given=given)
        if area != "afon":
            Person.objects.filter(pk=carer.pk).update(area=region["areas"][area])
        if case_worker is not None:
            CarerProfile.objects.filter(person=carer).update(case_worker=case_worker)
        assessment = completed_assessment(carer, actor=by, organisation=organisation, days_ago=400)
        return agreed_plan(assessment, actor=by, review_date=today() + timedelta(days=review_in_days))

    return {
        "manager": manager,
        "worker": worker,
        "colleague": colleague,
        "late_long": plan("Latelong", -21),
        "late_short": plan("Lateshort", -2, case_worker=colleague),
        "due_soon": plan("Duesoon", 3),
        "due_today": plan("Duetoday", 0),
        # A carer in the Marches whose case worker is at the Test Council, assessed by the Marches council.
        "theirs_elsewhere": plan(
            "Elsewhere", -5, by=marches_worker, organisation=marches_council, area="marches", case_worker=worker
        ),
        # A Marches carer nobody at the Test Council works with.
        "stranger": plan("Stranger", -30, by=marches_worker, organisation=marches_council, area="marches"),
    }


def table(page, table_id):
    """(name, wait or due, case worker) for each row of a table; None if the table is not shown."""
    node = page.by_id(table_id)
    if node is None:
        return None
    rows = [n for n in node.iter() if n.tag == "tr"][1:]
    cells = [[c.text() for c in row.iter() if c.tag == "td"] for row in rows]
    return [(row[0], row[2], row[3]) for row in cells if len(row) > 1]


def first_names(rows):
    return [name.split()[0] for name, _w, _c in rows]


def test_overdue_reviews_show_how_long_they_have_waited_longest_first(new_client, plans):
    page = Page(new_client(plans["manager"]).get("/plans/reviews/"))

    overdue = table(page, "overdue")
    assert first_names(overdue) == ["Latelong", "Lateshort"]
    assert [wait for _n, wait, _c in overdue] == ["Overdue 3 weeks", "Overdue 2 days"]
    assert [due for _n, due, _c in table(page, "due")] == ["Today", "In 3 days"]


def test_the_wait_is_told_in_welsh(new_client, plans):
    compile_welsh_catalogue()
    plans["manager"].preferred_language = "cy"
    plans["manager"].save()

    page = Page(new_client(plans["manager"]).get("/plans/reviews/"))

    assert [wait for _n, wait, _c in table(page, "overdue")] == ["Yn hwyr 3 wythnos", "Yn hwyr 2 ddiwrnod"]
    assert [due for _n, due, _c in table(page, "due")] == ["Heddiw", "Ymhen 3 diwrnod"]


def test_a_council_team_sees_their_own_councils_reviews_until_they_ask_for_more(new_client, plans, marches_council):
    client = new_client(plans["manager"])

    default = first_names(table(Page(client.get("/plans/reviews/")), "overdue"))
    every = first_names(table(Page(client.get("/plans/reviews/?council=all")), "overdue"))
    other = first_names(table(Page(client.get(f"/plans/reviews/?council={marches_council.pk}")), "overdue"))

    assert default == ["Latelong", "Lateshort"]
    assert every == ["Latelong", "Elsewhere", "Lateshort"]
    assert other == ["Elsewhere"]


@pytest.mark.parametrize("query", ["council=all", "council={marches}", "council=all&area={area}", "council=all&status=overdue"])
def test_no_filter_shows_a_review_the_team_may_not_see(new_client, plans, marches_council, region, query):
    query = query.format(marches=marches_council.pk, area=region["areas"]["marches"].pk)

    page = Page(new_client(plans["manager"]).get(f"/plans/reviews/?{query}"))

    assert "Stranger" not in page.text


def test_the_carers_centre_sees_every_council_by_default(client_for, plans):
    page = Page(client_for(FD, organisation="centre").get("/plans/reviews/"))

    assert first_names(table(page, "overdue")) == ["Stranger", "Latelong", "Elsewhere", "Lateshort"]


def test_the_case_worker_filter_narrows(new_client, plans):
    page = Page(new_client(plans["manager"]).get(f"/plans/reviews/?worker={plans['colleague'].pk}"))

    assert first_names(table(page, "overdue")) == ["Lateshort"]
    assert table(page, "due") == []


def test_the_area_filter_narrows(new_client, plans, region):
    page = Page(new_client(plans["manager"]).get(f"/plans/reviews/?council=all&area={region['areas']['marches'].pk}"))

    assert first_names(table(page, "overdue")) == ["Elsewhere"]


@pytest.mark.parametrize(("status", "shown"), [("overdue", {"overdue"}), ("due", {"due"}), ("", {"overdue", "due"})])
def test_the_status_filter_shows_overdue_or_due(new_client, plans, status, shown):
    page = Page(new_client(plans["manager"]).get(f"/plans/reviews/?status={status}"))

    assert {t for t in ("overdue", "due") if page.by_id(t) is not None} == shown


@pytest.mark.parametrize("query", ["council=x", "area=-5", "worker=1e400", "status=later", "council=99999999999999999999"])
def test_bad_filter_input_shows_the_queue_with_an_error_not_a_failure(new_client, plans, query):
    response = new_client(plans["manager"]).get(f"/plans/reviews/?{query}")

    assert response.status_code == 200
    page = Page(response)
    assert page.error_summary
    assert "Latelong" in page.text and "Elsewhere" not in page.text
