"""Two clerks at the same moment (PostgreSQL): a payment due is paid once, and two direct payments
from one plan cannot both be set up when together they would pass the personal budget."""

import datetime

import pytest
from django.test import Client

from carershub.accounts.models import Role
from carershub.activity.models import Event, EventKind
from carershub.support.payments import services
from carershub.support.payments.models import Agreement, Entry
from tests import formdata
from tests.concurrency import ONLY_POSTGRESQL, at_the_same_moment
from tests.payments.conftest import plan_with_direct_payment, set_up_recurring


def _clerks(make_user, n=2):
    clients = {}
    for name in ("first", "second")[:n]:
        clients[name] = Client()
        clients[name].force_login(make_user(Role.PRACTITIONER, organisation="council"))
    return clients


@ONLY_POSTGRESQL
@pytest.mark.django_db(transaction=True)
def test_two_clerks_paying_the_same_payment_at_the_same_moment_pay_it_once(region, make_user, make_carer, monkeypatch):
    carer = make_carer(given="Nia", family="Paymentrace")
    worker = make_user(Role.PRACTITIONER, organisation="council")
    council = region["orgs"]["council"]
    agreement = set_up_recurring(carer, plan_with_direct_payment(carer, actor=worker, council=council), actor=worker, council=council)
    due = agreement.dues.first()
    clients = _clerks(make_user)
    url = f"/direct-payments/{agreement.pk}/pay/"
    data = {"due": str(due.pk), "amount": "100", **formdata.date_parts("paid_on", due.due_on)}
    posts = {name: (lambda c=c, ref=name: c.post(url, {**data, "reference": ref})) for name, c in clients.items()}

    responses = at_the_same_moment(posts, (services, "_lock_due"), monkeypatch)

    assert sorted(r.status_code for r in responses.values()) == [200, 302]
    assert Entry.objects.filter(due=due, kind="payment").count() == 1
    assert Event.objects.filter(kind=EventKind.DIRECT_PAYMENT_PAID).count() == 1
    refused = next(r for r in responses.values() if r.status_code == 200)
    assert "already been recorded as paid" in refused.content.decode()


@ONLY_POSTGRESQL
@pytest.mark.django_db(transaction=True)
def test_two_direct_payments_from_one_plan_at_once_cannot_together_pass_the_budget(region, make_user, make_carer, monkeypatch):
    carer = make_carer(given="Osian", family="Budgetrace")
    worker = make_user(Role.PRACTITIONER, organisation="council")
    council = region["orgs"]["council"]
    plan = plan_with_direct_payment(carer, actor=worker, council=council)  # £1,200 a year
    clients = _clerks(make_user)
    url = f"/direct-payments/carer/{carer.pk}/new/"
    data = {
        "funding": "plan", "kind": "recurring", "schedule": "monthly", "amount": "60", "purpose": "Swimming",
        "council": str(council.pk), "payee_name": "Osian Budgetrace",
        **formdata.date_parts("starts_on", datetime.date(2026, 12, 1)), **formdata.date_parts("ends_on", datetime.date(2027, 11, 30)),
    }  # £720 a year each: one fits, two do not
    posts = {name: (lambda c=c: c.post(url, data)) for name, c in clients.items()}

    responses = at_the_same_moment(posts, (services, "_lock_plan"), monkeypatch)

    assert sorted(r.status_code for r in responses.values()) == [200, 302]
    assert Agreement.objects.filter(plan=plan).count() == 1
