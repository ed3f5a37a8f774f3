"""Hours of care at home counted from the arrangements recorded here."""

import datetime
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from carershub.providers.arrangements.models import Arrangement
from carershub.providers.mix import services, shares
from tests.pages import Page
from tests.providers.build import make_provider

Q1 = shares.quarter(2025, 1)  # 1 April to 30 June 2025: 91 days


@pytest.fixture
def providers(afon, manager):
    return {kind: make_provider(name=f"Mix {kind}", area=afon, actor=manager, provider_type=kind, complete=False)
            for kind, _label in shares.SECTOR_OF_PROVIDER_TYPE.items()}


def arrange(provider, person, starts_on, ends_on=None, hours=D(7), setting="in_home"):
    return Arrangement.objects.create(provider=provider, person=person, starts_on=starts_on, ends_on=ends_on,
                                      hours_per_week=hours, setting=setting)


def test_only_the_days_inside_the_quarter_count(providers, make_carer):
    ann = make_carer(given="Ann")
    arrange(providers["private_agency"], ann, datetime.date(2025, 1, 1))  # all 91 days
    arrange(providers["cooperative"], ann, datetime.date(2025, 6, 24), hours=D("3.5"))  # the last 7 days
    arrange(providers["cooperative"], ann, datetime.date(2025, 3, 1), datetime.date(2025, 4, 3), hours=D(14))  # 3 days

    amounts, people = services.counted_hours(ann.area, [Q1])[Q1]

    assert amounts["private"] == D("91.00")
    assert amounts["cooperative"] == D("9.50")  # 3.5 × 7 / 7 + 14 × 3 / 7
    assert people == 1


def test_thirds_of_an_hour_are_added_before_dividing(providers, make_carer):
    ann = make_carer(given="Ann")
    for _n in range(3):
        arrange(providers["user_led"], ann, datetime.date(2025, 6, 30), hours=D(1))  # 1/7 of an hour each

    amounts, _people = services.counted_hours(ann.area, [Q1])[Q1]

    assert amounts["user_led"] == D("0.43")  # 3/7, not 3 × 0.14


def test_care_outside_the_home_and_people_of_other_areas_are_not_counted(providers, make_carer, region):
    ann = make_carer(given="Ann")
    bob = make_carer(given="Bob", area=region["areas"]["marches"])
    arrange(providers["private_agency"], ann, datetime.date(2025, 1, 1), setting="outside_home")
    arrange(providers["private_agency"], bob, datetime.date(2025, 1, 1))
    arrange(providers["private_agency"], ann, datetime.date(2025, 7, 1))  # after the quarter

    amounts, people = services.counted_hours(ann.area, [Q1])[Q1]

    assert amounts["private"] == D(0) and people == 0


def test_each_provider_type_goes_to_its_sector(providers, make_carer):
    ann = make_carer(given="Ann")
    for provider in providers.values():
        arrange(provider, ann, Q1[0], Q1[0])  # one day: 1 hour

    amounts, _people = services.counted_hours(ann.area, [Q1])[Q1]

    assert amounts == {"micro": D(2), "private": D(1), "in_house": D(1), "social_enterprise": D(1),
                       "cooperative": D(1), "user_led": D(1), "third_sector": D(1)}


def test_all_periods_are_counted_in_one_query(providers, make_carer):
    ann = make_carer(given="Ann")
    arrange(providers["private_agency"], ann, datetime.date(2025, 1, 1))
    periods = [shares.quarter(2025, n) for n in (1, 2, 3, 4)]

    with CaptureQueriesContext(connection) as queries:
        counted = services.counted_hours(ann.area, periods)

    assert len(queries) == 1
    assert counted[periods[1]][0]["private"] == D(92)


def test_the_page_hides_a_quarter_with_fewer_than_5_people(providers, make_carer, manager_client, afon):
    today = timezone.localdate()
    start, _end = shares.quarter(*shares.quarter_containing(today))
    people = [make_carer(given=f"P{n}") for n in range(5)]
    for person in people[:4]:
        arrange(providers["cooperative"], person, start, start)
    previous = shares.quarter(*shares.quarters_up_to(today, 2)[0])
    for person in people:
        arrange(providers["private_agency"], person, previous[0], previous[0])

    page = Page(manager_client.get(f"/provider-mix/?council={afon.name}&source=counted"))

    rows = page.table_rows()
    assert len(rows) == 8
    assert rows[-1][1] == "Not shown: fewer than 5 people"
    assert rows[-2][1:3] == ["0 0%", "5 100%"]  # 5 people, an hour each, all private
    body = manager_client.get(f"/provider-mix/?council={afon.name}&source=counted").content.decode()
    assert "fewer than 5 people" in body.split("<svg", 1)[1]  # the chart says so too, with no bar


def test_counting_needs_a_council_area_of_the_region(manager_client, manager):
    services.enter_return(actor=manager, council_name="Swansea", period=Q1, basis="hours", amounts={"private": D(1)})

    page = Page(manager_client.get("/provider-mix/?council=Swansea&source=counted"))

    assert "Hours can be counted only for a council area of the region" in page.error_for("council")
