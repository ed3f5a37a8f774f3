"""The last place of a session goes to one of two workers booking at the same moment (PostgreSQL)."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from carershub.accounts.models import Role
from carershub.support.groups import services
from carershub.support.groups.models import Booking, Session
from tests.concurrency import ONLY_POSTGRESQL, at_the_same_moment
from tests.pages import Page


@ONLY_POSTGRESQL
@pytest.mark.django_db(transaction=True)
def test_two_workers_booking_the_last_place_at_once_cannot_both_have_it(region, make_user, make_carer, monkeypatch):
    council = region["orgs"]["council"]
    organiser = make_user(Role.PRACTITIONER, organisation="council")
    activity = services.create_activity(actor=organiser, kind="training", name="Moving and handling", organisation=council,
                                        language="en", for_whom="any", places=1)
    session = services.add_session(activity, date=timezone.localdate() + datetime.timedelta(days=2),
                                   starts_at=datetime.time(10), ends_at=datetime.time(12), venue="Hall", places=1,
                                   actor=organiser)
    posts = {}
    for name in ("Ann", "Bea"):
        carer = make_carer(given=name)
        client = Client()
        client.force_login(make_user(Role.PRACTITIONER, organisation="council"))
        url = f"/groups/sessions/{session.pk}/book/?person={carer.pk}"
        data = Page(client.get(url)).form_data()
        posts[name] = (client, url, data)

    responses = at_the_same_moment(
        {name: (lambda c=c, u=u, d=d: c.post(u, d)) for name, (c, u, d) in posts.items()},
        (services, "_count_taken"),
        monkeypatch,
    )

    statuses = sorted(r.status_code for r in responses.values())
    assert statuses == [200, 302], statuses
    assert Booking.objects.filter(session=session).count() == 1
    refused = next(r for r in responses.values() if r.status_code == 200)
    assert "There are no places left" in Page(refused).text
    assert Session.objects.get(pk=session.pk).places == 1
