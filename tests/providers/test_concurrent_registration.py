"""Two keepers recording a provider's application to register at the same moment make one (PostgreSQL)."""

import pytest
from django.test import Client
from django.utils import timezone

from carershub.accounts.models import Role
from carershub.providers.models import RegistrationApplication
from tests import formdata
from tests.concurrency import ONLY_POSTGRESQL, at_the_same_moment
from tests.pages import Page
from tests.providers.build import make_provider


@ONLY_POSTGRESQL
@pytest.mark.django_db(transaction=True)
def test_two_applications_at_once_make_one(region, make_user, monkeypatch):
    keeper = make_user(Role.TEAM_MANAGER, organisation="council")
    provider = make_provider(name="Test Race Care", area=region["areas"]["afon"], actor=keeper)
    url = f"/providers/{provider.pk}/registration/new/"
    posts = {}
    for name in ("Ann", "Bea"):
        client = Client()
        client.force_login(make_user(Role.TEAM_MANAGER, organisation="council"))
        data = {**Page(client.get(url)).form_data(), **formdata.date_parts("submitted_on", timezone.localdate())}
        posts[name] = (client, data)

    responses = at_the_same_moment(
        {name: (lambda c=c, d=d: c.post(url, d)) for name, (c, d) in posts.items()},
        (RegistrationApplication, "expected_for"),
        monkeypatch,
    )

    assert sorted(r.status_code for r in responses.values()) == [200, 302]
    assert RegistrationApplication.objects.filter(provider=provider).count() == 1
    refused = next(r for r in responses.values() if r.status_code == 200)
    assert Page(refused).error_for("submitted_on") == (
        "An application is already waiting for a decision: record its decision first")
