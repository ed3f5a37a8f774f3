"""Entering and changing returns: validation at the field, one return per council and period, the
optimistic lock, the event, and who may do it."""

import datetime
import re
from decimal import Decimal as D

import pytest

from carershub.accounts.models import Role
from carershub.activity.models import Event, EventKind
from carershub.providers.mix import services, shares
from carershub.providers.mix.models import MixReturn
from tests.pages import Page

URL = "/provider-mix/returns/new/"


def typed(area=None, **overrides):
    data = {"area": str(area.pk) if area else "", "council_name": "", "council_code": "", "year": "2025",
            "quarter": "1", "basis": "hours", "source": "Quarterly return",
            "amount_in_house": "100", "amount_private": "250.5", "amount_micro": "", "amount_social_enterprise": "",
            "amount_cooperative": "40", "amount_user_led": "", "amount_third_sector": "10"}
    data.update(overrides)
    return data


def test_a_manager_enters_an_hours_return_for_a_quarter(manager_client, manager, afon):
    response = manager_client.post(URL, typed(afon))

    assert response.status_code == 302, Page(response).error_summary
    made = MixReturn.objects.get()
    assert (made.council_name, made.council_code, made.area) == (afon.name, afon.code, afon)
    assert (made.period_start, made.period_end) == (datetime.date(2025, 4, 1), datetime.date(2025, 6, 30))
    assert services.amounts_of(made)["private"] == D("250.50")
    assert services.amounts_of(made)["micro"] == D(0)
    assert made.entered_by == manager
    event = Event.objects.get(kind=EventKind.MIX_RETURN)
    assert event.organisation_id is None and event.person_id is None
    assert event.data["council"] == afon.name and event.data["period_start"] == "2025-04-01"
    page = Page(manager_client.get(response.url))
    assert "Return saved" in page.text
    row = page.table_rows()[0]
    assert row[0].startswith("2025-26 quarter 1 Change")
    assert row[1:3] == ["100 25%", "250.5 62.5%"]  # 100 and 250.5 of 400.5 hours


def test_a_council_outside_the_region_is_typed_with_its_ons_code(manager_client):
    response = manager_client.post(URL, typed(council_name="Swansea", council_code="w06000011", quarter="year",
                                              basis="percent", amount_in_house="14", amount_private="76",
                                              amount_cooperative="", amount_third_sector="9"))

    assert response.status_code == 302, Page(response).error_summary
    made = MixReturn.objects.get()
    assert (made.council_code, made.basis) == ("W06000011", "percent")
    assert (made.period_start, made.period_end) == shares.financial_year(2025)


@pytest.mark.parametrize(("overrides", "field", "message"), [
    ({"council_name": ""}, "area", "Choose the council, or type its name"),
    ({"council_name": "Swansea", "council_code": "X1"}, "council_code", "ONS code must be a letter and 8 digits"),
    ({"amount_private": "-5"}, "amount_private", "Private sector cannot be negative"),
    ({"amount_private": "lots"}, "amount_private", "Private sector must be a number"),
    ({"year": ""}, "year", "Enter the year the financial year starts in"),
    ({"quarter": ""}, "quarter", "Choose a quarter, or the whole financial year"),
    ({"basis": "percent"}, "amount_in_house", "The percentages add up to 400.5"),
    ({"basis": "percent", "amount_in_house": "10", "amount_private": "60", "amount_cooperative": "",
      "amount_third_sector": "10"}, "amount_in_house", "add up to 80"),
    ({"amount_in_house": "", "amount_private": "", "amount_cooperative": "", "amount_third_sector": ""},
     "amount_in_house", "Enter the hours delivered by at least one sector"),
])
def test_mistakes_are_shown_at_the_field(manager_client, overrides, field, message):
    response = manager_client.post(URL, typed(None, **overrides))

    assert response.status_code == 200
    page = Page(response)
    assert message in page.error_for(field), page.field_errors()
    assert page.error_summary
    assert MixReturn.objects.count() == 0


def test_published_rounding_is_accepted(manager_client):
    response = manager_client.post(URL, typed(council_name="Wales", basis="percent", quarter="year",
                                              amount_in_house="12", amount_private="86", amount_cooperative="",
                                              amount_third_sector="3"))

    assert response.status_code == 302
    assert services.mix_of(MixReturn.objects.get()).total == D(101)


def test_a_second_return_for_the_same_council_and_period_is_refused_with_a_link_to_the_first(manager_client, afon):
    manager_client.post(URL, typed(afon))
    first = MixReturn.objects.get()

    response = manager_client.post(URL, typed(afon, amount_in_house="1"))

    assert response.status_code == 200
    page = Page(response)
    assert "already recorded: change that one instead" in page.error_for("area")
    assert f"/provider-mix/returns/{first.pk}/" in page.links()
    assert MixReturn.objects.count() == 1


def test_a_duplicate_entered_by_another_organisation_names_no_link(client_for, manager, afon):
    services.enter_return(actor=manager, council_name=afon.name, area=afon, period=shares.quarter(2025, 1),
                          basis="hours", amounts={"private": D(5)})
    commissioner = client_for(Role.COMMISSIONER)  # works for the carers centre

    page = Page(commissioner.post(URL, typed(afon)))

    assert "already recorded" in page.error_for("area")
    assert "entered by another organisation" in page.text
    assert not [link for link in page.links() if re.fullmatch(r"/provider-mix/returns/\d+/", link)]


def _return(manager, area):
    return services.enter_return(actor=manager, council_name=area.name, area=area, period=shares.quarter(2025, 2),
                                 basis="hours", amounts={"private": D(5)})


def test_a_return_is_changed_at_the_version_it_was_opened(manager_client, manager, afon):
    found = _return(manager, afon)
    data = Page(manager_client.get(f"/provider-mix/returns/{found.pk}/")).form_data()
    assert data["quarter"] == "2" and data["amount_private"] == "5" and data["version"] == "1"

    response = manager_client.post(f"/provider-mix/returns/{found.pk}/", {**data, "amount_private": "7.25"})

    assert response.status_code == 302, Page(response).error_summary
    found.refresh_from_db()
    assert found.version == 2
    assert services.amounts_of(found)["private"] == D("7.25")
    events = Event.objects.filter(kind=EventKind.MIX_RETURN).order_by("pk")
    assert [e.data["change"] for e in events] == ["entered", "changed"]


def test_a_stale_change_saves_nothing(manager_client, manager, afon):
    found = _return(manager, afon)
    data = Page(manager_client.get(f"/provider-mix/returns/{found.pk}/")).form_data()
    services.change_return(found, expected_version=1, actor=manager, council_name=afon.name, area=afon,
                           period=shares.quarter(2025, 2), basis="hours", amounts={"private": D(9)})

    response = manager_client.post(f"/provider-mix/returns/{found.pk}/", {**data, "amount_private": "1"})

    assert response.status_code == 302
    assert "Somebody else changed this return" in Page(manager_client.get(response.url)).text
    assert services.amounts_of(MixReturn.objects.get())["private"] == D(9)


def test_a_change_onto_another_returns_period_is_refused(manager_client, manager, afon):
    found = _return(manager, afon)
    services.enter_return(actor=manager, council_name=afon.name, area=afon, period=shares.quarter(2025, 3),
                          basis="hours", amounts={"private": D(5)})
    data = Page(manager_client.get(f"/provider-mix/returns/{found.pk}/")).form_data()

    page = Page(manager_client.post(f"/provider-mix/returns/{found.pk}/", {**data, "quarter": "3"}))

    assert "already recorded" in page.error_for("area")
    found.refresh_from_db()
    assert found.period_start == datetime.date(2025, 7, 1)


def test_another_organisations_return_cannot_be_changed(client_for, manager, afon):
    found = _return(manager, afon)
    commissioner = client_for(Role.COMMISSIONER)

    assert commissioner.get(f"/provider-mix/returns/{found.pk}/").status_code == 403


@pytest.mark.parametrize("role", [Role.FRONT_DOOR, Role.PARTNER_WORKER, Role.PRACTITIONER, Role.ADMINISTRATOR])
@pytest.mark.parametrize("url", ["/provider-mix/", "/provider-mix/table/", URL, "/provider-mix/download/",
                                 "/provider-mix/table/download/"])
def test_only_commissioners_and_team_managers_see_the_mix(client_for, role, url):
    client = client_for(role, organisation="partner" if role == Role.PARTNER_WORKER else None)

    assert client.get(url).status_code == 403
    assert client.post(URL, typed(council_name="Swansea")).status_code == 403
    assert MixReturn.objects.count() == 0


@pytest.mark.parametrize("role", [Role.COMMISSIONER, Role.TEAM_MANAGER])
def test_commissioners_and_team_managers_see_the_pages(client_for, role):
    client = client_for(role)

    for url in ("/provider-mix/", "/provider-mix/table/", URL):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("role, shown", [(Role.COMMISSIONER, True), (Role.TEAM_MANAGER, True), (Role.FRONT_DOOR, False)])
def test_the_home_page_links_the_provider_mix_for_those_who_may_read_it(client_for, role, shown):
    page = client_for(role).get("/").content.decode()

    assert ('href="/provider-mix/"' in page) is shown
