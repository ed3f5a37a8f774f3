"""The statutory returns page, its downloads and who may use them."""

import csv
import io
import json

import pytest
from django.urls import reverse

from carershub.accounts.models import Role
from carershub.audit.models import AccessEvent
from carershub.core.logformat import JsonFormatter
from carershub.reporting.statutory import cld
from tests.statutory.build import english_world, welsh_world

YEAR = "?period=this_year"


def rows_of(response):
    text = b"".join(response.streaming_content if response.streaming else [response.content]).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


@pytest.fixture
def english(make_user, marches_carer, marches_council, region):
    return english_world(make_user=make_user, marches_carer=marches_carer, marches_council=marches_council,
                         region=region)


def test_commissioner_sees_the_tables_but_not_the_file(client_for, english, make_carer, make_user, region):
    welsh_world(make_user=make_user, make_carer=make_carer, region=region)
    client = client_for(Role.COMMISSIONER)
    page = client.get(reverse("statutory:index") + YEAR)
    assert page.status_code == 200
    text = page.content.decode()
    assert "SALT LTS003" in text and "Test Afon" in text
    assert "fewer than 5" in text  # one carer: hidden
    assert reverse("statutory:cld_csv") not in text
    assert client.get(reverse("statutory:cld_csv") + YEAR).status_code == 403
    assert client.get(reverse("statutory:problems_csv") + YEAR).status_code == 403
    lts = client.get(reverse("statutory:lts003_csv") + YEAR)
    assert lts.status_code == 200 and "Direct payment only" in lts.content.decode("utf-8-sig")
    xlsx = client.get(reverse("statutory:welsh_xlsx") + YEAR)
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert client.get(reverse("statutory:lts003_xlsx") + YEAR).content[:2] == b"PK"


def test_english_team_manager_downloads_their_councils_file_and_it_is_logged(
        client_for, english, marches_council, make_user, make_carer, region, caplog):
    welsh_world(make_user=make_user, make_carer=make_carer, region=region)
    client = client_for(Role.TEAM_MANAGER, organisation=marches_council)
    page = client.get(reverse("statutory:index") + YEAR)
    assert page.status_code == 200
    assert reverse("statutory:cld_csv") in page.content.decode()
    response = client.get(reverse("statutory:cld_csv") + YEAR)
    assert response.status_code == 200
    rows = rows_of(response)
    assert rows[0] == list(cld.FIELDS)
    assert {row[0] for row in rows[1:]} == {"E06999801"}
    assert {row[cld.FIELDS.index("Event_Type")] for row in rows[1:]} == {"Request", "Assessment", "Review", "Service"}
    logged = AccessEvent.objects.filter(person_ref=english["carer"].pk, action="export")
    assert logged.count() == 1 and "Client Level Data" in logged.get().purpose
    # The JSON log writes no extra fields, so the line's message itself says which file.
    line = json.loads(JsonFormatter().format(next(r for r in caplog.records if "client level data" in r.getMessage())))
    assert "downloaded: area E06999801," in line["message"]
    assert f"{len(rows) - 1} rows about 1 people" in line["message"]
    problems = rows_of(client.get(reverse("statutory:problems_csv") + YEAR))
    assert problems[0] == ["Record", "Kind of record", "Client Level Data field", "Problem", "Effect"]


def test_problems_are_listed_on_the_page(client_for, english, marches_council):
    english["carer"].__class__.objects.filter(pk=english["carer"].pk).update(postcode="", ethnic_group="")
    client = client_for(Role.TEAM_MANAGER, organisation=marches_council)
    text = client.get(reverse("statutory:index") + YEAR).content.decode()
    assert f"contact-{english['contact'].pk}" in text
    assert "No postcode" in text and "Ethnic group not recorded" in text


@pytest.mark.parametrize("role", [Role.PRACTITIONER, Role.FRONT_DOOR, Role.PARTNER_WORKER])
def test_others_may_not(client_for, role):
    client = client_for(role)
    assert client.get(reverse("statutory:index")).status_code == 403
    assert client.get(reverse("statutory:cld_csv")).status_code == 403


def test_welsh_team_manager_sees_tables_not_the_file(client_for):
    client = client_for(Role.TEAM_MANAGER)  # the Test Council, in Wales
    assert client.get(reverse("statutory:index")).status_code == 200
    assert client.get(reverse("statutory:cld_csv")).status_code == 403


def test_bad_dates_give_an_error_summary_not_a_500(client_for, marches_council):
    client = client_for(Role.TEAM_MANAGER, organisation=marches_council)
    query = "?period=custom&date_from_day=1&date_from_month=4&date_from_year=2025&date_to_day=31&date_to_month=3&date_to_year=2025"
    page = client.get(reverse("statutory:index") + query)
    assert page.status_code == 200
    assert "The end date must be the same as or after the start date" in page.content.decode()
    again = client.get(reverse("statutory:cld_csv") + query)
    assert again.status_code == 200 and again["Content-Type"].startswith("text/html")
    nonsense = client.get(reverse("statutory:index") + "?period=custom&date_from_day=40&date_from_month=x")
    assert nonsense.status_code == 200
    assert client.get(reverse("statutory:index") + "?area=NOPE").status_code == 200
