"""Two workers arranging care with the same provider at the same moment cannot pass four people (PostgreSQL)."""

import pytest
from django.test import Client

from carershub.accounts.models import Role
from carershub.activity.models import Event, EventKind
from carershub.providers.arrangements import services
from carershub.providers.arrangements.models import Arrangement
from tests import formdata
from tests.concurrency import ONLY_POSTGRESQL, at_the_same_moment
from tests.pages import Page


@ONLY_POSTGRESQL
@pytest.mark.django_db(transaction=True)
def test_two_arrangements_at_once_leave_the_provider_at_four(provider, person, arrange, make_user, today, monkeypatch):
    for _n in range(3):
        arrange(provider, person())
    posts = {}
    for name in ("Ann", "Bea"):
        somebody = person()
        client = Client()
        client.force_login(make_user(Role.PRACTITIONER))
        url = f"/care-arrangements/new/{somebody.pk}/"
        data = {"provider": str(provider.pk), "kind": "regular", "covering_for": "", "setting": "in_home",
                **formdata.date_parts("starts_on", today), **formdata.date_parts("ends_on", None),
                "hours_per_week": "", "funded_by": "council", "confirm_limit": "on"}
        posts[name] = (client, url, data)

    responses = at_the_same_moment(
        {name: (lambda c=c, u=u, d=d: c.post(u, d)) for name, (c, u, d) in posts.items()},
        (services, "new_people_problems"),
        monkeypatch,
    )

    assert sorted(r.status_code for r in responses.values()) == [200, 302]
    assert services.people_now(provider, today) == 4
    assert Arrangement.objects.filter(provider=provider).count() == 4
    refused = next(r for r in responses.values() if r.status_code == 200)
    assert "must first register with Care Inspectorate Wales" in " ".join(Page(refused).error_summary)
    assert Event.objects.filter(kind=EventKind.ARRANGEMENT_REFUSED).count() == 1
