"""Two workers recording "care agreed" for the same person with two providers at the same moment."""

import pytest
from django.test import Client
from django.utils import timezone

from carershub.accounts.models import Role
from carershub.providers.arrangements.models import Arrangement
from carershub.providers.matching import services
from carershub.providers.matching.models import CareRequest, RequestStatus
from tests import formdata
from tests.concurrency import ONLY_POSTGRESQL, at_the_same_moment
from tests.pages import Page


@ONLY_POSTGRESQL
@pytest.mark.django_db(transaction=True)
def test_only_one_agreed_outcome_matches_the_request(make_carer, make_user, provider, monkeypatch):
    person = make_carer(given="Race", family="Testcared")
    worker = make_user(Role.PRACTITIONER, organisation="council")
    found = services.open_request(person, actor=worker, services=["personal_care"], times=["mon:morning"],
                                  hours_per_week=None, welsh_needed=False, other_language="", preferences="",
                                  direct_payment=True)
    intros = [services.introduce(found, provider(name), actor=worker) for name in ("Ffion Care", "Glyn Care")]
    posts = {}
    for name, intro in zip(("Ann", "Bea"), intros):
        client = Client()
        client.force_login(make_user(Role.PRACTITIONER, organisation="council"))
        prefix = f"i{intro.pk}"
        data = {f"{prefix}-version": "1", f"{prefix}-outcome": "agreed", f"{prefix}-setting": "in_home",
                **{f"{prefix}-{k}": v for k, v in formdata.date_parts("starts_on", timezone.localdate()).items()}}
        posts[name] = (client, f"/care-matching/introductions/{intro.pk}/outcome/", data)

    responses = at_the_same_moment(
        {name: (lambda c=c, u=u, d=d: c.post(u, d)) for name, (c, u, d) in posts.items()},
        (services, "_start_arrangement"),
        monkeypatch,
    )

    assert sorted(r.status_code for r in responses.values()) == [200, 302]
    assert Arrangement.objects.filter(person=person).count() == 1
    assert CareRequest.objects.get(pk=found.pk).status == RequestStatus.MATCHED
    refused = next(r for r in responses.values() if r.status_code == 200)
    assert "This request is no longer open" in " ".join(Page(refused).error_summary)
