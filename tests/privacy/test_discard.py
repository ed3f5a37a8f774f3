"""Junk sent through the public self-assessment: a reviewer discards it with a reason; it is logged, not kept."""

from datetime import date

import pytest

from carershub.accounts.models import Role
from carershub.activity.models import Event
from carershub.selfassessment import services as self_services
from carershub.selfassessment.models import SelfAssessment
from tests.pages import Page

QUEUE = "/self-assessment/review/"


@pytest.fixture
def junk(region):
    return self_services.receive(
        details={
            "given_name": "Cheap",
            "family_name": "Watches",
            "date_of_birth": date(1990, 1, 1),
            "postcode": "AF1 2AB",
            "email": "spam@example.com",
            "phone": "",
        },
        answers={"caring_role": "Buy cheap watches at example.com", "wellbeing": {}},
        area=region["areas"]["afon"],
        made_by="self",
    )


def discard_url(sa):
    return f"/self-assessment/review/{sa.pk}/discard/"


def test_a_reviewer_discards_junk_with_a_reason(client_for, junk):
    practitioner = client_for(Role.PRACTITIONER)
    review = Page(practitioner.get(f"/self-assessment/review/{junk.pk}/"))
    assert discard_url(junk) in review.links()

    response = practitioner.post(discard_url(junk), {"reason": "Advertising"})

    assert response.status_code == 302 and response.url == QUEUE
    junk.refresh_from_db()
    assert (junk.discarded_by, junk.discard_reason) == (practitioner.user, "Advertising")
    assert junk.discarded_at is not None
    assert (junk.given_name, junk.family_name, junk.email, junk.date_of_birth) == ("", "", "", None)
    assert "watches" not in str(junk.answers).lower()
    assert junk.reference  # a caller quoting it can still be told what happened
    event = Event.objects.get(kind="self_assessment.discarded")
    assert (event.actor, event.area, event.data) == (practitioner.user, junk.area, {"nation": "wales"})
    assert "Cheap Watches" not in Page(practitioner.get(QUEUE)).text
    assert "There are no self-assessments waiting" in Page(practitioner.get(QUEUE)).text
    after = Page(practitioner.get(f"/self-assessment/review/{junk.pk}/"))
    assert "Discarded as junk on" in after.text and "Reason: Advertising" in after.text


def test_the_reason_is_needed(client_for, junk):
    page = Page(client_for(Role.PRACTITIONER).post(discard_url(junk), {"reason": ""}))
    assert page.error_for("reason") == "Enter why this self-assessment is junk"
    junk.refresh_from_db()
    assert junk.discarded_at is None and junk.given_name == "Cheap"


def test_a_started_or_discarded_one_cannot_be_discarded(client_for, junk):
    client = client_for(Role.PRACTITIONER)
    client.post(discard_url(junk), {"reason": "Advertising"})
    assert client.post(discard_url(junk), {"reason": "Again"}).status_code == 404
    assert SelfAssessment.objects.get().discard_reason == "Advertising"


@pytest.mark.parametrize("role", [Role.FRONT_DOOR, Role.PARTNER_WORKER, Role.ADMINISTRATOR])
def test_only_reviewers_discard(client_for, junk, role):
    assert client_for(role).post(discard_url(junk), {"reason": "Advertising"}).status_code == 403
    junk.refresh_from_db()
    assert junk.discarded_at is None
