"""The young carers turning 18 queue: young carers who will soon need a transition assessment."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from carershub.accounts.models import Role
from carershub.assessments import services as assessment_services
from carershub.assessments.models import Assessment, AssessmentType
from carershub.audit.models import AccessEvent, AccessPart
from carershub.people.models import CarerProfile, Person
from tests.builders import completed_assessment
from tests.pages import Page

PR, TM = Role.PRACTITIONER, Role.TEAM_MANAGER


def today():
    return timezone.localdate()


def years_ago(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


@pytest.fixture
def young(another_carer):
    def _make(dob, **fields):
        return another_carer(dob=dob, **fields)

    return _make


def test_young_carers_turning_18_without_a_transition_assessment_are_listed_soonest_first(
    client_for, young, make_user, region
):
    manager = client_for(TM)
    worker = make_user(PR)
    d = today()
    listed_later = young(d - timedelta(days=int(17.5 * 365.25)), given="Halfway")
    listed_first = young(years_ago(d, 18) + timedelta(days=1), given="Tomorrow")
    listed_last = young(years_ago(d, 17), given="Seventeentoday")
    CarerProfile.objects.filter(pk=listed_first.pk).update(case_worker=worker)
    has_transition = young(d - timedelta(days=int(17.4 * 365.25)), given="Alreadyassessed")
    Assessment.objects.create(
        carer=has_transition,
        assessment_type=AssessmentType.TRANSITION,
        nation="wales",
        assessing_organisation=region["orgs"]["council"],
    )
    has_other_assessment = young(d - timedelta(days=int(17.3 * 365.25)), given="Otherassessment")
    completed_assessment(
        has_other_assessment,
        actor=worker,
        organisation=region["orgs"]["council"],
        assessment_type=AssessmentType.YOUNG_CARER,
    )
    young(d - timedelta(days=16 * 365), given="Sixteen")
    young(years_ago(d, 17) + timedelta(days=1), given="Seventeentomorrow")
    young(years_ago(d, 18), given="Eighteentoday")
    young(years_ago(d, 18) - timedelta(days=40), given="Justadult")
    young(date(1990, 1, 1), given="Adult")
    ended = young(d - timedelta(days=int(17.6 * 365.25)), given="Stoppedcaring")
    CarerProfile.objects.filter(pk=ended.pk).update(caring_ended_on=d - timedelta(days=1))
    Person.objects.create(given_name="Notacarer", family_name="Queuetest", date_of_birth=d - timedelta(days=int(17.5 * 365.25)))

    page = Page(manager.get("/assessments/young-carers-turning-18/"))

    names = [row[0] for row in page.table_rows()]
    assert names == [
        listed_first.full_name,
        listed_later.full_name,
        has_other_assessment.full_name,
        listed_last.full_name,
    ]
    first_row = page.table_rows()[0]
    born = listed_first.date_of_birth
    birthday = date(born.year + 18, 3, 1) if (born.month, born.day) == (2, 29) else born.replace(year=born.year + 18)
    assert birthday in (d + timedelta(days=1), d + timedelta(days=2))
    assert first_row[1] == birthday.strftime("%-d %B %Y"), "their 18th birthday"
    assert first_row[2] == worker.get_full_name()
    assert f"/assessments/new/{listed_first.pk}/" in page.links()
    assert "Start transition assessment" in page.text
    logged = set(
        AccessEvent.objects.filter(action="search", part=AccessPart.TRANSITION_QUEUE).values_list("person_ref", flat=True)
    )
    assert logged == {listed_first.pk, listed_later.pk, has_other_assessment.pk, listed_last.pk}


def test_the_transition_queue_is_one_query_with_a_date_range_and_not_exists(young):
    young(today() - timedelta(days=int(17.5 * 365.25)))

    with CaptureQueriesContext(connection) as queries:
        people = list(assessment_services.young_carers_turning_18())
        [p.carer.case_worker for p in people]

    assert len(people) == 1
    assert len(queries.captured_queries) == 1
    sql = queries.captured_queries[0]["sql"].upper()
    assert "NOT EXISTS" in sql and '"DATE_OF_BIRTH" >' in sql and '"DATE_OF_BIRTH" <=' in sql


def test_the_start_link_offers_a_transition_assessment(client_for, young):
    practitioner = client_for(PR)
    person = young(today() - timedelta(days=int(17.5 * 365.25)))

    page = Page(practitioner.get(f"/assessments/new/{person.pk}/"))

    assert page.value_of("assessment_type") == "transition"



def test_the_transition_queue_keeps_its_old_address(client_for):
    manager = client_for(Role.TEAM_MANAGER, organisation="council")

    response = manager.get("/plans/young-carers-turning-18/")

    assert response.status_code == 302
    assert response.url == "/assessments/young-carers-turning-18/"
