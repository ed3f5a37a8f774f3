"""The self-assessments queue: how long each has waited, oldest first, and the area filter."""

from datetime import timedelta

import pytest
from django.utils import timezone

from carershub.accounts.models import Role
from carershub.partnership.models import Area, Nation, Organisation
from carershub.selfassessment.models import SelfAssessment
from tests.pages import Page


@pytest.fixture
def sent(region):
    """Self-assessments sent from the Test Council's area and from an area with no council of its own."""
    no_council = Area.objects.create(name="Test Nocouncil", code="W06999809", nation=Nation.WALES)

    def _sent(given, area, days):
        return SelfAssessment.objects.create(
            given_name=given, family_name="Sentin", postcode="AF1 2AB", area=area,
            submitted_at=timezone.now() - timedelta(days=days),
        )

    return {
        "here_old": _sent("Hereold", region["areas"]["afon"], 20),
        "orphan": _sent("Orphan", no_council, 6),
        "here_new": _sent("Herenew", region["areas"]["afon"], 0),
        "no_council": no_council,
    }


def rows(client, query=""):
    page = Page(client.get("/self-assessment/review/" + (f"?{query}" if query else "")))
    return [(row[0].split()[0], row[2]) for row in page.table_rows()]


def test_each_shows_how_long_it_has_waited_oldest_first(client_for, sent):
    client = client_for(Role.PRACTITIONER, organisation="council")

    assert rows(client) == [("Hereold", "2 weeks"), ("Orphan", "6 days"), ("Herenew", "Less than a day")]


def test_the_area_filter_narrows(client_for, sent, region):
    client = client_for(Role.PRACTITIONER, organisation="council")

    assert rows(client, f"area={sent['no_council'].pk}") == [("Orphan", "6 days")]
    assert [name for name, _ in rows(client, f"area={region['areas']['afon'].pk}")] == ["Hereold", "Herenew"]


def test_no_area_shows_what_the_council_may_not_see(client_for, sent, region):
    client = client_for(Role.PRACTITIONER, organisation="council")
    SelfAssessment.objects.create(
        given_name="Marcher", family_name="Sentin", postcode="MR1 4XY", area=region["areas"]["marches"]
    )
    Organisation.objects.create(
        name="Test Marches Council", kind=Organisation.Kind.COUNCIL, sector=Organisation.Sector.STATUTORY,
        area=region["areas"]["marches"],
    )

    assert rows(client, f"area={region['areas']['marches'].pk}") == []
    assert "No self-assessments waiting match these filters." in Page(
        client.get(f"/self-assessment/review/?area={region['areas']['marches'].pk}")
    ).text


def test_a_bad_area_is_an_error_on_the_field(client_for, sent):
    response = client_for(Role.PRACTITIONER, organisation="council").get("/self-assessment/review/?area=nowhere")

    assert response.status_code == 200
    page = Page(response)
    assert page.field_errors()["area"] == "Select an area from the list"
    assert "Hereold" in page.text
