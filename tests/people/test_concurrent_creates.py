"""Two workers adding the same person at the same moment end with one record and a duplicate warning.

The duplicate check and the insert run in one transaction that holds a lock on the person's
identity (people.services.hold_identity_lock), so the second check waits for the first insert
and finds it. Real concurrency: two threads, two database connections (tests/concurrency.py).
"""

import pytest

from carershub.accounts.models import Role
from carershub.people import services
from carershub.people.models import Person
from tests import formdata
from tests.concurrency import ONLY_POSTGRESQL, at_the_same_moment
from tests.pages import Page

pytestmark = [ONLY_POSTGRESQL, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    "typed",
    [
        formdata.new_carer(),
        formdata.new_carer(given_name="Testfield", family_name="Bronwen"),  # the second typed the names the other way round
        formdata.new_carer(date_of_birth_day="", date_of_birth_month="", date_of_birth_year=""),  # no date of birth
    ],
    ids=["same details", "names the other way round", "no date of birth"],
)
def test_two_workers_adding_the_same_carer_at_once_make_one_record_and_the_second_is_warned(
    make_user, new_client, monkeypatch, typed
):
    first, second = new_client(make_user(Role.FRONT_DOOR)), new_client(make_user(Role.FRONT_DOOR))
    first_typed = formdata.new_carer(
        **{k: typed[k] for k in ("date_of_birth_day", "date_of_birth_month", "date_of_birth_year")}
    )

    responses = at_the_same_moment(
        {
            "first": lambda: first.post("/people/new/", first_typed),
            "second": lambda: second.post("/people/new/", typed),
        },
        (services, "possible_duplicates"),
        monkeypatch,
    )

    assert Person.objects.count() == 1
    warned, made = sorted(responses.values(), key=lambda r: r.status_code)
    assert made.status_code == 302
    assert warned.status_code == 200
    page = Page(warned)
    assert "This person may already have a record" in page.text
    assert f"/people/{Person.objects.get().pk}/" in page.links(), "the warning links to the record just made"
