"""Two returns for the same council and period entered at the same moment: one is saved, the other
is told at the field (PostgreSQL)."""

import pytest
from django.test import Client

from carershub.accounts.models import Role
from carershub.providers.mix import services
from carershub.providers.mix.models import MixReturn
from tests.concurrency import ONLY_POSTGRESQL, at_the_same_moment
from tests.pages import Page


@ONLY_POSTGRESQL
@pytest.mark.django_db(transaction=True)
def test_two_returns_for_one_council_and_period_at_once_save_one(make_user, afon, monkeypatch):
    posts = {}
    for name, hours in (("Ann", "100"), ("Bea", "200")):
        client = Client()
        client.force_login(make_user(Role.TEAM_MANAGER, organisation="council"))
        url = "/provider-mix/returns/new/"
        data = {**Page(client.get(url)).form_data(), "area": str(afon.pk), "year": "2025", "quarter": "1",
                "basis": "hours", "amount_private": hours}
        posts[name] = (client, url, data)

    responses = at_the_same_moment(
        {name: (lambda c=c, u=u, d=d: c.post(u, d)) for name, (c, u, d) in posts.items()},
        (services, "_existing"),
        monkeypatch,
    )

    assert sorted(r.status_code for r in responses.values()) == [200, 302]
    assert MixReturn.objects.count() == 1
    refused = next(r for r in responses.values() if r.status_code == 200)
    assert "already recorded: change that one instead" in Page(refused).error_for("area")
