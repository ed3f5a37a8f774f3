"""Data-rights requests: recorded from the person's page with their due date, answered by team managers."""

from datetime import timedelta

import pytest
from django.utils import timezone

from carershub.accounts.models import Role
from carershub.activity.models import Event
from carershub.privacy import deadlines
from carershub.privacy import services as privacy_services
from carershub.privacy.models import DataRightsRequest, RequestKind, RequestStatus, Requester
from tests.builders import share_consented
from tests.formdata import date_parts
from tests.pages import Page

QUEUE = "/privacy/requests/"


def new_url(person):
    return f"/privacy/people/{person.pk}/requests/new/"


def request_data(**overrides):
    data = {
        "kind": "access",
        **date_parts("received_on", timezone.localdate()),
        "requested_by": "person",
        "representative_name": "",
        "representative_capacity": "",
        "notes": "",
    }
    data.update(overrides)
    return data


def received(person, actor, *, days_ago=0, kind=RequestKind.ACCESS):
    return privacy_services.record_request(
        person,
        kind=kind,
        received_on=timezone.localdate() - timedelta(days=days_ago),
        requested_by=Requester.PERSON,
        actor=actor,
    )


def test_a_front_door_worker_records_a_request_from_the_persons_page(front_door, make_carer):
    carer = make_carer()
    page = Page(front_door.get(f"/people/{carer.pk}/"))
    assert new_url(carer) in page.links()
    assert "Requests about their information" in page.text

    response = front_door.post(new_url(carer), request_data())

    assert response.status_code == 302
    data_request = DataRightsRequest.objects.get()
    assert data_request.person == carer and data_request.person_ref == carer.pk
    assert data_request.due_on == deadlines.response_due(timezone.localdate())
    assert data_request.recorded_by == front_door.user
    event = Event.objects.get(kind="data_rights.received")
    assert event.person == carer
    assert event.data == {"kind": "access", "requested_by": "person"}
    followed = Page(front_door.get(response.url))
    assert "Subject access" in followed.text


def test_a_representative_must_be_named(front_door, make_carer):
    carer = make_carer()
    response = front_door.post(new_url(carer), request_data(requested_by="representative"))

    page = Page(response)
    assert page.error_for("representative_name") == "Enter the representative's name"
    assert page.error_for("representative_capacity") == "Enter how the representative acts for the person"
    assert not DataRightsRequest.objects.exists()


def test_nothing_chosen_is_explained_on_each_field(front_door, make_carer):
    page = Page(front_door.post(new_url(make_carer()), {}))
    assert page.error_for("kind") == "Select what they have asked for"
    assert page.error_for("requested_by") == "Select who asked"
    assert page.error_for("received_on") == "Enter the date the request was received"


def test_a_request_cannot_be_dated_in_the_future(front_door, make_carer):
    tomorrow = timezone.localdate() + timedelta(days=1)
    page = Page(front_door.post(new_url(make_carer()), request_data(**date_parts("received_on", tomorrow))))
    assert page.error_for("received_on") == "Date the request was received must be today or in the past"


def test_the_queue_lists_open_requests_soonest_due_first_with_overdue_marked(manager, another_carer, make_user):
    worker = make_user(Role.FRONT_DOOR)
    overdue = received(another_carer(), worker, days_ago=40)
    soon = received(another_carer(), worker, days_ago=20)
    later = received(another_carer(), worker, days_ago=1)
    closed = received(another_carer(), worker, days_ago=50)
    DataRightsRequest.objects.filter(pk=closed.pk).update(status=RequestStatus.COMPLETED, completed_on=timezone.localdate())

    page = Page(manager.get(QUEUE))

    rows = page.table_rows()
    assert [row[0] for row in rows] == [r.person.full_name for r in (overdue, soon, later)]
    assert "Overdue" in rows[0][-1]
    assert "Overdue" not in rows[1][-1]
    assert "3 requests open" in page.text


def test_an_extension_moves_a_request_down_the_queue(manager, another_carer, make_user):
    worker = make_user(Role.FRONT_DOOR)
    extended = received(another_carer(), worker, days_ago=25)
    other = received(another_carer(), worker, days_ago=5)
    response = manager.post(
        f"/privacy/requests/{extended.pk}/update/",
        {"version": extended.version, "status": "open", "extend": "on", "extension_reason": "Records held on paper too",
         **date_parts("completed_on", None), "notes": ""},
    )
    assert response.status_code == 302
    extended.refresh_from_db()
    assert extended.status == RequestStatus.EXTENDED
    assert extended.extended_to == deadlines.extended_due(extended.received_on)
    assert Event.objects.filter(kind="data_rights.extended").count() == 1
    rows = Page(manager.get(QUEUE)).table_rows()
    assert [row[0] for row in rows] == [other.person.full_name, extended.person.full_name]


def test_closing_a_request_needs_its_date_and_is_counted(manager, make_carer, make_user):
    data_request = received(make_carer(), make_user(Role.FRONT_DOOR), days_ago=10)
    url = f"/privacy/requests/{data_request.pk}/update/"

    page = Page(manager.post(url, {"version": data_request.version, "status": "completed", **date_parts("completed_on", None)}))
    assert page.error_for("completed_on") == "Enter the date the request was completed or closed"

    response = manager.post(
        url, {"version": data_request.version, "status": "completed", **date_parts("completed_on", timezone.localdate()), "notes": "Sent by post"}
    )
    assert response.status_code == 302
    data_request.refresh_from_db()
    assert data_request.status == RequestStatus.COMPLETED
    closed = Event.objects.get(kind="data_rights.closed")
    assert closed.data == {"kind": "access", "status": "completed", "extended": False, "on_time": True, "days_taken": 10}
    assert Page(manager.get(QUEUE)).table_rows() == []


def test_two_managers_saving_at_once_are_told(manager, make_carer, make_user, new_client):
    data_request = received(make_carer(), make_user(Role.FRONT_DOOR))
    other = new_client(make_user(Role.TEAM_MANAGER))
    form = {"version": data_request.version, "status": "open", **date_parts("completed_on", None), "notes": "first"}
    assert other.post(f"/privacy/requests/{data_request.pk}/update/", form).status_code == 302

    page = Page(manager.post(f"/privacy/requests/{data_request.pk}/update/", {**form, "notes": "second"}))

    assert "Somebody else updated this request" in page.error_summary[0]
    data_request.refresh_from_db()
    assert data_request.notes == "first"


def test_the_home_page_counts_open_and_overdue_requests(manager, another_carer, make_user):
    worker = make_user(Role.FRONT_DOOR)
    received(another_carer(), worker, days_ago=40)
    received(another_carer(), worker)

    rows = Page(manager.get("/")).table_rows()

    assert ["Data-rights requests to answer", "2"] in rows
    assert ["Data-rights requests overdue", "1"] in rows


def test_a_restriction_is_shown_as_a_banner_to_everybody_who_sees_the_record(
    client_for, make_carer, make_consent, make_user, new_client
):
    carer = make_carer()
    share_consented(make_consent(carer, "partner"))
    restriction = received(carer, make_user(Role.FRONT_DOOR), kind=RequestKind.RESTRICTION)
    practitioner = client_for(Role.PRACTITIONER)
    partner = new_client(make_user(Role.PARTNER_WORKER, organisation="partner"))

    for client in (practitioner, partner):
        page = Page(client.get(f"/people/{carer.pk}/"))
        banner = page.find_all("div", "govuk-notification-banner")
        assert banner and "Processing of this record is restricted" in banner[0].text()
    # Partners see the banner, not the list of requests.
    assert "Requests about their information" not in Page(partner.get(f"/people/{carer.pk}/")).text

    DataRightsRequest.objects.filter(pk=restriction.pk).update(
        status=RequestStatus.COMPLETED, completed_on=timezone.localdate(), restriction_lifted_on=timezone.localdate()
    )
    assert "Processing of this record is restricted" not in Page(practitioner.get(f"/people/{carer.pk}/")).text


@pytest.mark.parametrize("role", [Role.PARTNER_WORKER, Role.PRACTITIONER, Role.ADMINISTRATOR, Role.FRONT_DOOR])
def test_only_team_managers_reach_the_requests_the_download_erasure_and_retention(client_for, role, make_carer, make_user):
    carer = make_carer()
    data_request = received(carer, make_user(Role.FRONT_DOOR))
    client = client_for(role)
    for url in (
        QUEUE,
        f"/privacy/requests/{data_request.pk}/",
        f"/privacy/requests/{data_request.pk}/update/",
        f"/privacy/requests/{data_request.pk}/subject-access/",
        f"/privacy/people/{carer.pk}/erase/",
        "/privacy/retention/",
    ):
        assert client.get(url).status_code in (403, 404), url
    response = client.post(f"/privacy/requests/{data_request.pk}/subject-access/", {"version": "for_review", "file_format": "json"})
    assert response.status_code in (403, 404)
    assert client.post(f"/privacy/people/{carer.pk}/erase/", {"reason": "x", "confirm": "on"}).status_code in (403, 404)
    carer.refresh_from_db()
    assert carer.given_name == "Ann"


@pytest.mark.parametrize("role", [Role.PARTNER_WORKER, Role.ADMINISTRATOR, Role.COMMISSIONER])
def test_only_service_workers_record_requests(client_for, role, make_carer):
    assert client_for(role).get(new_url(make_carer())).status_code in (403, 404)


def test_signing_in_is_needed(client, make_carer):
    response = client.get(QUEUE)
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


def test_the_time_can_only_be_extended_within_the_first_month(manager, make_carer, make_user):
    data_request = received(make_carer(), make_user(Role.FRONT_DOOR), days_ago=40)
    page = Page(
        manager.post(
            f"/privacy/requests/{data_request.pk}/update/",
            {"version": data_request.version, "status": "open", "extend": "on", "extension_reason": "Complex",
             **date_parts("completed_on", None), "notes": ""},
        )
    )
    assert page.error_for("extend").startswith("The time can only be extended within the first month, which ended on")
    data_request.refresh_from_db()
    assert data_request.extended_to is None
