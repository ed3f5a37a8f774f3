"""On PostgreSQL, with two connections at once: a consent withdrawn while a referral is being sent,
and two workers deciding the same referral."""

import threading
import time

import pytest
from django.db import connection
from django.test import Client

from carershub.accounts.models import Role
from carershub.activity.models import Event, EventKind
from carershub.people.models import Consent
from carershub.referrals import flow
from carershub.referrals import services as referral_services
from carershub.referrals.models import Referral
from tests.concurrency import ONLY_POSTGRESQL, _backend_pid, _waits_on_a_lock, at_the_same_moment
from tests.pages import Page


@ONLY_POSTGRESQL
@pytest.mark.django_db(transaction=True)
def test_a_withdrawal_racing_a_send_waits_for_it_and_then_ends_the_access(region, make_user, make_carer, make_consent, monkeypatch):
    carer = make_carer()
    consent = make_consent(carer, "partner")
    sender = Client()
    sender.force_login(make_user(Role.FRONT_DOOR))
    withdrawer = Client()
    withdrawer.force_login(make_user(Role.FRONT_DOOR))
    url = f"/referrals/new/?person={carer.pk}"
    data = {**Page(sender.get(url)).form_data(), "to_organisation": str(region["orgs"]["partner"].pk),
            "reason": "Peer support", "urgency": "routine", "purpose": "support_and_referral",
            "shared": ["contact_details"], "lawful_basis": "consent"}

    locked = threading.Event()
    pids, responses, failures = {}, {}, []
    original = referral_services._locked_consents

    def held(*args, **kwargs):
        # The send holds the consent's row lock here until the withdrawal is seen waiting for it.
        rows = original(*args, **kwargs)
        locked.set()
        deadline = time.monotonic() + 30
        while "withdraw" not in pids or not _waits_on_a_lock(pids["withdraw"]):
            assert time.monotonic() < deadline, "the withdrawal never waited for the send's lock"
            time.sleep(0.01)
        return rows

    monkeypatch.setattr(referral_services, "_locked_consents", held)

    def run(name, post, wait_for=None):
        try:
            if wait_for is not None:
                assert wait_for.wait(30)
            pids[name] = _backend_pid()
            responses[name] = post()
        except BaseException as failure:  # noqa: BLE001
            failures.append(failure)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=("send", lambda: sender.post(url, data))),
        threading.Thread(
            target=run,
            args=("withdraw", lambda: withdrawer.post(f"/people/{carer.pk}/consents/{consent.pk}/withdraw/"), locked),
        ),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise failures[0]

    assert responses["send"].status_code == 302
    referral = Referral.objects.get()
    assert referral.consent_id == consent.pk
    sent = Event.objects.get(kind=EventKind.REFERRAL_SENT)
    withdrawn = Event.objects.get(kind=EventKind.CONSENT_WITHDRAWN)
    # The withdrawal waited for the send: it came after it, and now ends what acceptance would open.
    assert sent.occurred_at < withdrawn.occurred_at
    assert not Consent.objects.active().filter(pk=consent.pk).exists()
    # And the referral can no longer be accepted: its consent has ended (decision 36).
    monkeypatch.undo()
    partner = make_user(Role.PARTNER_WORKER, organisation="partner")
    with pytest.raises(referral_services.Refused):
        referral_services.move(referral, flow.ACCEPTED, actor=partner, expected_version=referral.version)
    assert not referral_services.shared_carers(partner).filter(pk=carer.pk).exists()


@ONLY_POSTGRESQL
@pytest.mark.django_db(transaction=True)
def test_two_workers_accepting_and_declining_at_once_one_wins_and_the_other_is_told(
    region, make_user, make_carer, make_consent, monkeypatch
):
    carer = make_carer()
    make_consent(carer, "partner")
    referral = referral_services.send(
        carer, actor=make_user(Role.FRONT_DOOR), to_organisation=region["orgs"]["partner"], reason="x",
        urgency="routine", purpose="support_and_referral", shared=[],
    )
    clients = {}
    for name in ("accept", "decline"):
        client = Client()
        client.force_login(make_user(Role.PARTNER_WORKER, organisation="partner"))
        clients[name] = client
    url = f"/referrals/{referral.pk}/move/"
    posts = {
        "accept": lambda: clients["accept"].post(url, {"to": "accepted", "accepted-version": 1}),
        "decline": lambda: clients["decline"].post(url, {"to": "declined", "declined-version": 1, "declined-words": "Full"}),
    }

    responses = at_the_same_moment(posts, (flow, "allowed"), monkeypatch)

    assert all(r.status_code == 302 for r in responses.values())
    referral.refresh_from_db()
    decided = Event.objects.filter(kind__in=[EventKind.REFERRAL_ACCEPTED, EventKind.REFERRAL_DECLINED])
    assert decided.count() == 1
    assert referral.status == {EventKind.REFERRAL_ACCEPTED: flow.ACCEPTED, EventKind.REFERRAL_DECLINED: flow.DECLINED}[decided.get().kind]
    assert referral.version == 2
    told = [
        name for name, r in responses.items()
        if any("Somebody else changed this referral" in str(m) for m in r.wsgi_request._messages)
    ]
    assert len(told) == 1
