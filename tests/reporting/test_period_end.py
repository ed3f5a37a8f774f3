"""The figures page never fails on a date typed into its custom period (no 500 from bad input)."""

from datetime import date

import pytest
from django.utils import timezone

from carershub.accounts.models import Role
from tests.formdata import date_parts
from tests.pages import Page

URL = "/figures/"


@pytest.fixture
def manager(client_for):
    return client_for(Role.TEAM_MANAGER)


def custom(start: date, end: date) -> dict:
    return {"period": "custom", **date_parts("date_from", start), **date_parts("date_to", end)}


@pytest.mark.parametrize("url", [URL, "/figures/assessment-figures.csv"])
def test_a_period_ending_on_the_last_day_of_year_9999_counts_up_to_today(manager, url):
    response = manager.get(url, custom(date(2020, 1, 1), date(9999, 12, 31)))

    assert response.status_code == 200
    today = timezone.localdate()
    if url == URL:
        page = Page(response)
        assert not page.error_summary
        assert f"1 January 2020 to {today.day} {today:%B %Y}" in page.text
    else:
        assert f"-to-{today:%Y-%m-%d}.csv" in response["Content-Disposition"]


def test_a_year_after_9999_is_an_error_on_the_field(manager):
    response = manager.get(URL, {**custom(date(2020, 1, 1), date(2020, 1, 2)), "date_to_year": "10000"})

    assert response.status_code == 200
    assert Page(response).error_for("date_to") == "To must be a real date"
