"""A contact's date is checked on the form: never a crash, and nothing before the service kept records."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from carershub.contacts.models import Contact
from tests import formdata
from tests.pages import Page


def on(day: date) -> dict:
    data = formdata.contact(timezone.localtime() - timedelta(hours=1))
    data.update({"received_on_day": str(day.day), "received_on_month": str(day.month), "received_on_year": str(day.year)})
    return data


@pytest.mark.parametrize("day", [date(1900, 1, 1), date(1926, 3, 4), date(1999, 12, 31)])
def test_a_contact_before_2000_is_an_error_on_the_date(front_door, day):
    response = front_door.post("/contacts/new/", on(day))

    assert response.status_code == 200
    assert Page(response).error_for("received_on") == "Date of contact must be on or after 1 January 2000"
    assert not Contact.objects.exists()


@pytest.mark.parametrize("year", ["1000", "1899", "0001", "99999999999999999999"])
def test_a_year_out_of_range_is_an_error_on_the_date(front_door, year):
    response = front_door.post("/contacts/new/", {**on(date(2020, 1, 1)), "received_on_year": year})

    assert response.status_code == 200
    assert Page(response).error_for("received_on")
    assert not Contact.objects.exists()


def test_a_contact_on_1_january_2000_is_saved(front_door):
    response = front_door.post("/contacts/new/", on(date(2000, 1, 1)))

    assert response.status_code == 302
    assert Contact.objects.get().received_at.year == 2000
