"""Two managers awarding the last of a round's budget at the same moment cannot overspend (PostgreSQL)."""

import pytest
from django.test import Client

from carershub.accounts.models import Role
from carershub.grants import services
from carershub.grants.models import Application
from tests.concurrency import ONLY_POSTGRESQL, at_the_same_moment
from tests.pages import Page


@ONLY_POSTGRESQL
@pytest.mark.django_db(transaction=True)
def test_two_managers_awarding_at_once_cannot_pass_the_budget(make_round, make_application, make_user, monkeypatch):
    found = make_round("scoring", budget=150000, maximum=100000)
    first, second = make_application(found, asked=100000), make_application(found, asked=100000)
    posts = {}
    for name, application in (("Ann", first), ("Bea", second)):
        client = Client()
        client.force_login(make_user(Role.TEAM_MANAGER, organisation="council"))
        url = f"/grants/applications/{application.pk}/decide/"
        data = {**Page(client.get(url)).form_data(), "decision": "award", "amount": "1000"}
        posts[name] = (client, url, data)

    responses = at_the_same_moment(
        {name: (lambda c=c, u=u, d=d: c.post(u, d)) for name, (c, u, d) in posts.items()},
        (services, "_awarded_total"),
        monkeypatch,
    )

    assert sorted(r.status_code for r in responses.values()) == [200, 302]
    assert Application.objects.filter(round=found, outcome="awarded").count() == 1
    assert services.budget(found).awarded == 100000
    refused = next(r for r in responses.values() if r.status_code == 200)
    assert Page(refused).error_for("amount") == "The award must not be more than the £500.00 left in the round's budget"
