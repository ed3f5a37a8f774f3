"""Two practitioners booking at the same moment, through the pages, on PostgreSQL: the allowance and
the people are locked, so the second sees the first and is refused with a message."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from carershub.accounts.models import Role
from carershub.support.breaks import services
from carershub.support.breaks.models import Booking
from tests import builders, formdata
from tests.concurrency import ONLY_POSTGRESQL, at_the_same_moment
from tests.pages import Page


def _world(make_user, make_carer, region, hours):
    carer = make_carer(given="Race", family="Testcarer")
    first = make_user(Role.PRACTITIONER, organisation="council")
    done = builders.completed_assessment(carer, actor=first, organisation=region["orgs"]["council"])
    plan = builders.agreed_plan(done, actor=first)
    start, end = services.default_period()
    allowance = services.grant_allowance(carer, unit="minutes", amount=hours * 60, starts_on=start, ends_on=end,
                                         reason="Plan", plan=plan, actor=first)
    from carershub.partnership.models import Organisation

    provider = Organisation.objects.create(name="Race Sitters", kind=Organisation.Kind.CARE_PROVIDER,
                                           sector=Organisation.Sector.PRIVATE)
    clients = {}
    for name, user in (("first", first), ("second", make_user(Role.PRACTITIONER, organisation="council"))):
        clients[name] = Client()
        clients[name].force_login(user)
    return allowance, provider, clients


def _post(client, allowance, provider, day, start, end):
    url = f"/breaks/allowance/{allowance.pk}/book/"
    data = {
        "kind": "sitting", "provider": str(provider.pk), **formdata.date_parts("start_date", day), "start_time": start,
        **formdata.date_parts("end_date", day), "end_time": end,
    }
    return lambda: client.post(url, data)


def _days(allowance):
    day = max(timezone.localdate() - datetime.timedelta(days=5), allowance.starts_on)
    return day, day + datetime.timedelta(days=1)


@ONLY_POSTGRESQL
@pytest.mark.django_db(transaction=True)
def test_two_bookings_of_the_last_hours_at_the_same_moment_one_succeeds(make_user, make_carer, region, monkeypatch):
    allowance, provider, clients = _world(make_user, make_carer, region, hours=10)
    one, two = _days(allowance)
    posts = {
        "first": _post(clients["first"], allowance, provider, one, "08:00", "18:00"),
        "second": _post(clients["second"], allowance, provider, two, "08:00", "18:00"),
    }

    responses = at_the_same_moment(posts, (services, "lock_for_change"), monkeypatch)

    assert sorted(r.status_code for r in responses.values()) == [200, 302]
    refused = next(r for r in responses.values() if r.status_code == 200)
    assert Page(refused).error_for("hours") == "That is more than the 0 hours left to book on this allowance"
    assert Booking.objects.count() == 1


@ONLY_POSTGRESQL
@pytest.mark.django_db(transaction=True)
def test_two_bookings_of_the_same_afternoon_at_the_same_moment_one_succeeds(make_user, make_carer, region, monkeypatch):
    allowance, provider, clients = _world(make_user, make_carer, region, hours=40)
    one, _two = _days(allowance)
    posts = {
        "first": _post(clients["first"], allowance, provider, one, "13:00", "16:00"),
        "second": _post(clients["second"], allowance, provider, one, "14:00", "17:00"),
    }

    responses = at_the_same_moment(posts, (services, "lock_for_change"), monkeypatch)

    assert sorted(r.status_code for r in responses.values()) == [200, 302]
    refused = next(r for r in responses.values() if r.status_code == 200)
    assert Page(refused).error_for("start_date").startswith("This carer already has a break booked from")
    assert Booking.objects.count() == 1
