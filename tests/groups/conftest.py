import datetime

import pytest
from django.utils import timezone

from carershub.accounts.models import Role
from carershub.support.groups import services


@pytest.fixture
def worker(make_user):
    """A practitioner of the Afon council, which runs the activities below."""
    return make_user(Role.PRACTITIONER, organisation="council")


@pytest.fixture
def make_activity(region, worker):
    def _make(**fields):
        values = {
            "kind": "peer_support", "name": "Carers' cuppa", "organisation": region["orgs"]["council"],
            "language": "bilingual", "for_whom": "any", "places": 10, **fields,
        }
        areas = values.pop("areas", [region["areas"]["afon"]])
        return services.create_activity(actor=worker, areas=areas, **values)

    return _make


@pytest.fixture
def make_session(worker):
    def _make(activity, *, days=1, places=10, starts=datetime.time(10), ends=datetime.time(12), venue="Chapel hall"):
        session = services.add_session(
            activity, date=timezone.localdate() + datetime.timedelta(days=max(days, 0)), starts_at=starts,
            ends_at=ends, venue=venue, places=places, actor=worker,
        )
        if days < 0:  # a session that has happened: moved back after it was set up
            type(session).objects.filter(pk=session.pk).update(date=timezone.localdate() + datetime.timedelta(days=days))
            session.refresh_from_db()
        return session

    return _make
