"""Two managers deciding the same concern at the same moment: one decision is recorded, the other is told."""

import pytest
from django.test import Client

from carershub.accounts.models import Role
from carershub.activity.models import Event, EventKind
from carershub.casework import services
from carershub.casework.models import Alert
from tests import builders
from tests.concurrency import ONLY_POSTGRESQL, at_the_same_moment


@ONLY_POSTGRESQL
@pytest.mark.django_db(transaction=True)
def test_two_decisions_at_once_record_one_and_refuse_the_other(make_user, make_carer, monkeypatch):
    carer = make_carer(given="Nia", family="Testrace")
    worker = make_user(Role.PRACTITIONER)
    alert = builders.casework(carer, actor=worker)["alert"]
    clients = {}
    for name in ("first", "second"):
        clients[name] = Client()
        clients[name].force_login(make_user(Role.TEAM_MANAGER))
    url = f"/work/alerts/{alert.pk}/decision/"
    posts = {
        "first": lambda: clients["first"].post(url, {"version": alert.version, "decision": "sswa_s126", "reason": "Reported, ref A."}),
        "second": lambda: clients["second"].post(url, {"version": alert.version, "decision": "nfa", "reason": "Not needed."}),
    }

    responses = at_the_same_moment(posts, (services, "decisions_for"), monkeypatch)

    assert {r.status_code for r in responses.values()} == {302}
    assert Event.objects.filter(kind=EventKind.CONCERN_DECIDED, object_id=alert.pk).count() == 1
    decided = Alert.objects.get(pk=alert.pk)
    assert decided.decision in ("sswa_s126", "nfa") and decided.version == alert.version + 1
