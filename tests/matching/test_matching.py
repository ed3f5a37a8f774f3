"""Matching a person who needs care at home to providers, through the pages (issue 13)."""

import datetime

import pytest
from django.utils import timezone

from carershub.accounts.models import Role
from carershub.activity.models import Event, EventKind
from carershub.audit.models import AccessEvent
from carershub.people.choices import Language
from carershub.providers.arrangements.models import Arrangement
from carershub.providers.matching import services
from carershub.providers.matching.models import CareRequest, Introduction, RequestStatus
from tests import formdata
from tests.matching.conftest import request_data
from tests.pages import Page


@pytest.fixture
def person(make_carer):
    return make_carer(given="Megan", family="Testcared", postcode="AF1 2AB")


@pytest.fixture
def two_providers(provider):
    """Best: every service and time asked; second: personal care only, Monday mornings only."""
    best = provider("Afon Homecare Collective", services=("personal_care", "meals", "companionship"),
                    availability=("mon:morning", "tue:evening"))
    second = provider("Bryn Micro Care", services=("personal_care",), availability=("mon:morning",))
    return best, second


def _open(client, person, **overrides):
    return client.post(f"/care-matching/new/{person.pk}/", request_data(**overrides))


def _outcome(client, introduction, **data):
    prefix = f"i{introduction.pk}"
    posted = {f"{prefix}-{k}": v for k, v in {"version": introduction.version, **data}.items()}
    return client.post(f"/care-matching/introductions/{introduction.pk}/outcome/", posted)


def _agreed(today):
    return {"outcome": "agreed", "hours_per_week": "6", "setting": "in_home",
            **formdata.date_parts("starts_on", today)}


def test_match_a_person_with_a_direct_payment_to_two_providers_with_the_reasons_shown(
        practitioner, person, two_providers):
    best, second = two_providers

    response = _open(practitioner, person)

    assert response.status_code == 302
    found = CareRequest.objects.get(person=person)
    assert found.direct_payment and found.area_id == person.area_id and found.postcode_district == "AF1"
    assert found.times == ["mon:morning", "tue:evening"]
    assert Event.objects.filter(kind=EventKind.CARE_REQUEST_OPENED, person=person).count() == 1

    page = practitioner.get(response.url)
    text = Page(page).text
    assert text.index("Afon Homecare Collective") < text.index("Bryn Micro Care")
    assert "Offers all the help asked for." in text
    assert "Works across the person's whole council area." in text
    assert "Offers 1 of the 2 kinds of help asked for; not: Meal preparation." in text
    assert "Available at 1 of the 2 times asked; not: Tuesday evening." in text
    assert "Through a direct payment" in text
    assert "no ongoing role in the direction or control of the care" in text
    assert AccessEvent.objects.filter(person_ref=person.pk, part="care_request").exists()

    for p in (best, second):
        assert practitioner.post(f"/care-matching/{found.pk}/introduce/", {"provider": p.pk}).status_code == 302
    first, other = Introduction.objects.filter(request=found).order_by("rank")
    assert (first.provider, first.rank, other.provider, other.rank) == (best, 1, second, 2)
    assert ["all_services", {"count": 2}] in first.reasons and ["whole_area", {}] in first.reasons
    assert Event.objects.filter(kind=EventKind.INTRODUCTION_MADE, person=person).count() == 2

    response = _outcome(practitioner, first, **_agreed(timezone.localdate()))

    assert response.status_code == 302, Page(response).error_summary
    first.refresh_from_db()
    found.refresh_from_db()
    arrangement = Arrangement.objects.get(person=person)
    assert first.outcome == "agreed" and first.arrangement == arrangement
    assert (arrangement.provider, arrangement.funded_by, arrangement.setting) == (best, "direct_payment", "in_home")
    assert found.status == RequestStatus.MATCHED
    assert Event.objects.filter(kind=EventKind.INTRODUCTION_OUTCOME, person=person).count() == 1

    response = _outcome(practitioner, other, outcome="declined_by_person", notes="Chose the first")
    assert response.status_code == 302
    other.refresh_from_db()
    assert other.outcome == "declined_by_person" and other.arrangement is None


def test_agreed_with_a_provider_that_reached_its_limit_is_refused_with_the_pathway_and_nothing_saved(
        practitioner, person, provider, fill):
    micro = provider("Cwm Micro Care", services=("personal_care", "meals"), availability=("mon:morning", "tue:evening"))
    _open(practitioner, person)
    found = CareRequest.objects.get(person=person)
    practitioner.post(f"/care-matching/{found.pk}/introduce/", {"provider": micro.pk})
    introduction = Introduction.objects.get(request=found)
    fill(micro, 4)  # four other people before the outcome is recorded
    events = Event.objects.count()

    response = _outcome(practitioner, introduction, **_agreed(timezone.localdate()))

    assert response.status_code == 200
    page = Page(response)
    assert "Care Inspectorate Wales" in " ".join(page.error_summary)
    assert not Arrangement.objects.filter(person=person).exists()
    introduction.refresh_from_db()
    found.refresh_from_db()
    assert introduction.outcome == "pending" and introduction.version == 1
    assert found.status == RequestStatus.OPEN
    # Nothing changed but the refusal, counted as the arrangements page counts it.
    assert list(Event.objects.order_by("pk").values_list("kind", flat=True)[events:]) == [EventKind.ARRANGEMENT_REFUSED]
    refused = Event.objects.latest("pk")
    assert refused.person == person and refused.organisation == micro.organisation and refused.data["count"] == 5
    # And the ranking now leaves it out, with why.
    assert "the most an unregistered provider may care for at one time" in page.text


def test_the_fourth_person_asks_for_confirmation_first(practitioner, person, provider, fill):
    micro = provider("Dyffryn Micro Care", services=("personal_care", "meals"),
                     availability=("mon:morning", "tue:evening"))
    fill(micro, 3)
    _open(practitioner, person)
    found = CareRequest.objects.get(person=person)
    practitioner.post(f"/care-matching/{found.pk}/introduce/", {"provider": micro.pk})
    introduction = Introduction.objects.get(request=found)

    warned = _outcome(practitioner, introduction, **_agreed(timezone.localdate()))
    assert warned.status_code == 200 and not Arrangement.objects.filter(person=person).exists()

    introduction.refresh_from_db()
    confirmed = _outcome(practitioner, introduction, confirmed_limit="on", **_agreed(timezone.localdate()))
    assert confirmed.status_code == 302, Page(confirmed).error_summary
    assert Arrangement.objects.filter(person=person, provider=micro).exists()


def test_a_provider_that_cannot_take_people_is_shown_apart_and_cannot_be_introduced(practitioner, person, provider):
    paused = provider("Eithin Care", status="paused")
    _open(practitioner, person)
    found = CareRequest.objects.get(person=person)

    text = Page(practitioner.get(f"/care-matching/{found.pk}/")).text
    assert "Cannot take new people" in text and "not active on the register" in text

    practitioner.post(f"/care-matching/{found.pk}/introduce/", {"provider": paused.pk})
    assert not Introduction.objects.exists()


def test_a_person_without_an_area_is_asked_for_their_address_first(person, make_user, new_client):
    person.area = None
    person.save()
    front_door = new_client(make_user(Role.FRONT_DOOR))  # the carers centre's: works region-wide

    response = _open(front_door, person)

    assert response.status_code == 200
    assert "add their address first" in " ".join(Page(response).error_summary)
    assert not CareRequest.objects.exists()


def test_welsh_is_prefilled_for_a_person_whose_language_is_welsh(practitioner, person):
    english = Page(practitioner.get(f"/care-matching/new/{person.pk}/")).form_data()
    person.preferred_language = Language.WELSH
    person.save()

    welsh = Page(practitioner.get(f"/care-matching/new/{person.pk}/")).form_data()

    assert "welsh_needed" not in english
    assert welsh.get("welsh_needed") == "on"


def test_the_request_needs_help_and_a_time(practitioner, person):
    response = _open(practitioner, person, services=[], times_mon=[], times_tue=[], hours_per_week="lots")

    errors = " ".join(Page(response).error_summary)
    assert "Select the help they need" in errors
    assert "Select at least one day and time" in errors
    assert "Hours a week must be a number" in errors
    assert not CareRequest.objects.exists()


def test_the_same_outcome_sent_from_a_stale_page_is_refused(practitioner, person, two_providers):
    _open(practitioner, person)
    found = CareRequest.objects.get(person=person)
    practitioner.post(f"/care-matching/{found.pk}/introduce/", {"provider": two_providers[1].pk})
    introduction = Introduction.objects.get()
    _outcome(practitioner, introduction, outcome="no_response")

    response = _outcome(practitioner, introduction, outcome="declined_by_provider")  # still version 1

    assert response.status_code == 302
    introduction.refresh_from_db()
    assert introduction.outcome == "no_response"
    assert "Somebody else changed this request" in Page(practitioner.get(response.url)).text


def test_closing_needs_the_current_version_and_a_reason(practitioner, person):
    _open(practitioner, person)
    found = CareRequest.objects.get(person=person)

    assert practitioner.post(f"/care-matching/{found.pk}/close/", {"version": 1, "reason": ""}).status_code == 200
    practitioner.post(f"/care-matching/{found.pk}/close/", {"version": 1, "reason": "Family will care"})
    practitioner.post(f"/care-matching/{found.pk}/close/", {"version": 1, "reason": "Second try"})

    found.refresh_from_db()
    assert (found.status, found.closed_reason) == (RequestStatus.CLOSED, "Family will care")
    assert Event.objects.filter(kind=EventKind.CARE_REQUEST_CLOSED).count() == 1


def test_a_worker_who_cannot_open_the_person_does_not_see_the_request(
        practitioner, person, client_for, make_user, marches_council, new_client):
    _open(practitioner, person)
    found = CareRequest.objects.get(person=person)
    outsider = new_client(make_user(Role.PRACTITIONER, organisation=marches_council))
    partner = new_client(make_user(Role.PARTNER_WORKER, organisation="partner"))

    response = outsider.get(f"/care-matching/{found.pk}/")
    assert response.status_code == 302 and "/why/" in response.url  # asked why, shown nothing
    assert "Testcared" not in outsider.get("/care-matching/").content.decode()
    assert partner.get(f"/care-matching/{found.pk}/").status_code == 403
    assert outsider.post(f"/care-matching/{found.pk}/close/", {"version": 1, "reason": "x"}).status_code == 302
    found.refresh_from_db()
    assert found.status == RequestStatus.OPEN


def test_the_queue_lists_open_requests_oldest_first_with_days_waiting(practitioner, make_carer):
    older, newer = make_carer(given="Older", family="Waiting"), make_carer(given="Newer", family="Waiting")
    _open(practitioner, newer)
    _open(practitioner, older)
    CareRequest.objects.filter(person=older).update(created_at=timezone.now() - datetime.timedelta(days=9))

    text = Page(practitioner.get("/care-matching/")).text

    assert text.index("Older Waiting") < text.index("Newer Waiting")
    assert "9" in text
    items = services.home_items(practitioner.user)
    assert items[0].count == 2


def test_the_person_page_offers_to_find_care_at_home(practitioner, person):
    page = Page(practitioner.get(f"/people/{person.pk}/"))

    assert f"/care-matching/new/{person.pk}/" in page.html
