"""The register of providers: the list, adding, editing, status, workers and who sees what (issue 13)."""

import datetime

import pytest
from django.utils import timezone

from carershub.accounts.models import Role
from carershub.activity.models import Event, EventKind
from carershub.partnership.models import Organisation
from carershub.providers import services
from carershub.providers.models import Provider
from tests import formdata

pytestmark = pytest.mark.django_db


def _new_provider_data(**more):
    return {"provider_type": "cooperative", "areas": [], "services": ["personal_care", "meals"],
            "day_mon": ["morning", "evening"], "day_fri": ["afternoon"], "welsh_spoken": "on", **more}


def test_register_lists_filters_and_counts(client_for, make_provider, region):
    welsh = make_provider(name="Test Gofal Cymraeg", welsh_spoken=True, services=("companionship",))
    english = make_provider(name="Test Home Help", provider_type="social_enterprise",
                            area=region["areas"]["marches"], checklist_complete=False)
    client = client_for(Role.FRONT_DOOR)

    page = client.get("/providers/").content.decode()
    assert "Test Gofal Cymraeg" in page and "Test Home Help" in page
    assert "limit 4" in page and "Section 16" in page and "Cannot take new people" in page

    only_welsh = client.get("/providers/", {"welsh_spoken": "on"}).content.decode()
    assert welsh.name in only_welsh and english.name not in only_welsh
    by_area = client.get("/providers/", {"area": region["areas"]["marches"].pk}).content.decode()
    assert english.name in by_area and welsh.name not in by_area
    by_type = client.get("/providers/", {"provider_type": "social_enterprise"}).content.decode()
    assert english.name in by_type and welsh.name not in by_type
    by_service = client.get("/providers/", {"service": "companionship"}).content.decode()
    assert welsh.name in by_service
    wrong = client.get("/providers/", {"status": "nonsense"})
    assert wrong.status_code == 200 and "Select a status from the list" in wrong.content.decode()


def test_a_providers_partner_worker_sees_only_their_own(client_for, make_provider, new_client, make_user):
    own = make_provider(name="Test Own Care")
    other = make_provider(name="Test Other Care")
    worker = make_user(Role.PARTNER_WORKER, organisation=own.organisation)
    client = new_client(worker)

    page = client.get("/providers/").content.decode()
    assert own.name in page and other.name not in page
    assert client.get(f"/providers/{own.pk}/").status_code == 200
    assert client.get(f"/providers/{own.pk}/checklist/").status_code == 200
    assert client.get(f"/providers/{other.pk}/").status_code == 404
    assert client.get(f"/providers/{own.pk}/edit/").status_code == 403
    stranger = client_for(Role.PARTNER_WORKER, organisation="partner")
    assert stranger.get("/providers/").status_code == 403
    assert stranger.get(f"/providers/{own.pk}/").status_code in (403, 404)


def test_worker_names_only_with_the_checklist(client_for, make_provider):
    provider = make_provider(workers=("Gwen Privateworker",))
    practitioner = client_for(Role.PRACTITIONER, organisation="council")
    page = practitioner.get(f"/providers/{provider.pk}/").content.decode()
    assert "Gwen Privateworker" not in page
    assert practitioner.get(f"/providers/{provider.pk}/checklist/").status_code == 403


def test_add_a_provider_with_a_new_organisation(keeper_client, region):
    afon = region["areas"]["afon"]
    response = keeper_client.post("/providers/new/", _new_provider_data(name="Test Cwmni Gofal", areas=[afon.pk]))
    assert response.status_code == 302
    provider = Provider.objects.get(organisation__name="Test Cwmni Gofal")
    assert provider.organisation.kind == Organisation.Kind.CARE_PROVIDER
    assert provider.organisation.sector == Organisation.Sector.COOPERATIVE
    assert provider.organisation.area == afon
    assert provider.availability == ["mon:morning", "mon:evening", "fri:afternoon"]
    assert provider.services == ["personal_care", "meals"] and provider.welsh_spoken
    event = Event.objects.get(kind=EventKind.PROVIDER_ADDED)
    assert event.person_id is None and event.data["organisation"] == provider.organisation_id


def test_add_a_provider_from_an_existing_organisation(keeper_client, region):
    partner = region["orgs"]["partner"]
    data = _new_provider_data(organisation=partner.pk, areas=[region["areas"]["afon"].pk], provider_type="user_led")
    assert keeper_client.post("/providers/new/", data).status_code == 302
    assert Provider.objects.get(organisation=partner).provider_type == "user_led"
    again = keeper_client.post("/providers/new/", data)
    assert again.status_code == 200 and "Select an organisation from the list" in again.content.decode()


def test_add_a_provider_errors_at_the_fields(keeper_client):
    response = keeper_client.post("/providers/new/", {"postcode_districts": "SA61, nonsense!",
                                                      "registered_on_day": "1", "registered_on_month": "1",
                                                      "registered_on_year": "2020"})
    page = response.content.decode()
    assert response.status_code == 200
    for text in ("Select the type of provider", "Select at least one council area the provider serves",
                 "Choose the organisation from the list or enter the name of a new one",
                 "Enter postcode districts like SA61", "Enter the registration number"):
        assert text in page, text
    assert Provider.objects.count() == 0


def test_edit_with_a_stale_version_is_refused(keeper_client, make_provider, region):
    provider = make_provider()
    data = {"provider_type": "micro_enterprise", "areas": [region["areas"]["afon"].pk], "version": provider.version,
            "phone": "01234 567890", "day_tue": ["morning"], "services": ["personal_care", "companionship"],
            "contact_name": "Test Contact"}
    assert keeper_client.post(f"/providers/{provider.pk}/edit/", data).status_code == 302
    provider.refresh_from_db()
    assert provider.phone == "01234 567890" and provider.availability == ["tue:morning"]
    assert set(Event.objects.get(kind=EventKind.PROVIDER_CHANGED).data["fields"]) == {"phone", "availability"}

    stale = keeper_client.post(f"/providers/{provider.pk}/edit/", {**data, "phone": "999", "version": 1}, follow=True)
    assert "Somebody else changed this" in stale.content.decode()
    provider.refresh_from_db()
    assert provider.phone == "01234 567890"


def test_status_moves(keeper_client, make_provider):
    provider = make_provider(status="enquiry", checklist_complete=False)

    def move(to):
        provider.refresh_from_db()
        return keeper_client.post(f"/providers/{provider.pk}/status/", {"status": to, "version": provider.version})

    refused = move("active")
    assert refused.status_code == 200 and "cannot move to that status" in refused.content.decode()
    assert move("developing").status_code == 302
    response = keeper_client.post(f"/providers/{provider.pk}/status/",
                                  {"status": "active", "version": Provider.objects.get().version}, follow=True)
    assert "still cannot take new people" in response.content.decode()
    assert move("paused").status_code == 302
    assert move("closed").status_code == 302
    assert move("active").status_code == 200
    assert move("developing").status_code == 302
    provider.refresh_from_db()
    assert provider.status == "developing"
    moves = [(e.data["from"], e.data["to"]) for e in Event.objects.filter(kind=EventKind.PROVIDER_STATUS).order_by("pk")]
    assert moves == [("enquiry", "developing"), ("developing", "active"), ("active", "paused"),
                     ("paused", "closed"), ("closed", "developing")]


def test_a_worker_added_and_left(keeper_client, make_provider):
    provider = make_provider(workers=())
    today = timezone.localdate()
    assert keeper_client.post(f"/providers/{provider.pk}/workers/new/", {"name": "Test Newworker"}).status_code == 302
    worker = provider.workers.get()
    # A new worker without a DBS check or references stops the provider taking new people.
    assert any("Test Newworker" in p for p in services.new_people_problems(provider))
    before = keeper_client.post(f"/providers/{provider.pk}/workers/{worker.pk}/left/",
                                formdata.date_parts("left_on", today - datetime.timedelta(days=400)))
    assert before.status_code == 302  # no start date: any date
    worker.refresh_from_db()
    assert worker.left_on and services.new_people_problems(provider) == []
    twice = keeper_client.post(f"/providers/{provider.pk}/workers/{worker.pk}/left/", formdata.date_parts("left_on", today))
    assert "already left" in twice.content.decode()
    assert Event.objects.filter(kind=EventKind.PROVIDER_WORKER).count() == 2


def test_home_page_queue_for_register_keepers(keeper, make_provider, client_for):
    from carershub.core import workqueues

    provider = make_provider()
    check = provider.checks.get(item="insurance")
    check.checked_on = timezone.localdate() - datetime.timedelta(days=300)
    check.expires_on = timezone.localdate() + datetime.timedelta(days=3)
    check.save()
    items = {item.text: item for item in workqueues.items_for(keeper)}
    assert items["Provider checks due and registrations overdue"].count == 1
    practitioner = client_for(Role.PRACTITIONER, organisation="council").user
    assert not any(getattr(i, "count", None) is not None for i in workqueues.items_for(practitioner)
                   if "Provider" in i.text)


def test_changing_the_type_changes_the_registers_own_organisations_sector(keeper_client, make_provider, region):
    provider = make_provider()
    data = {"provider_type": "social_enterprise", "areas": [region["areas"]["afon"].pk], "version": provider.version}
    assert keeper_client.post(f"/providers/{provider.pk}/edit/", data).status_code == 302
    provider.organisation.refresh_from_db()
    assert provider.organisation.sector == Organisation.Sector.SOCIAL_ENTERPRISE


def test_the_status_page_offers_only_the_allowed_moves(keeper_client, make_provider):
    provider = make_provider(status="enquiry")
    page = keeper_client.get(f"/providers/{provider.pk}/status/").content.decode()
    assert 'value="developing"' in page and 'value="closed"' in page and 'value="active"' not in page


def test_the_register_reads_a_page_in_a_fixed_number_of_queries(keeper_client, make_provider):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_provider()
    keeper_client.get("/providers/")  # the first page of a session reads more (the session, the user's roles)
    with CaptureQueriesContext(connection) as one:
        keeper_client.get("/providers/")
    for _n in range(4):
        make_provider()
    with CaptureQueriesContext(connection) as five:
        keeper_client.get("/providers/")
    assert len(five) == len(one), "\n".join(q["sql"][:150] for q in five.captured_queries)
