"""A front-door worker's and a team manager's day, through the pages (issue 9's "done means")."""

import datetime

import pytest
from django.utils import timezone

from carershub.accounts.models import Role
from carershub.activity.models import Event, EventKind
from carershub.audit.models import AccessEvent, AccessPart
from carershub.casework.models import Alert, CaseNote, ImmutableError, Task, TaskKind
from carershub.contacts.models import Contact
from tests import formdata
from tests.pages import Page


def an_hour_ago():
    return timezone.localtime() - datetime.timedelta(hours=1)


def banners(response) -> str:
    """The text of the alert banners at the top of a page about a person."""
    found = Page(response).find_all("div", "govuk-notification-banner")
    return " ".join(node.text() for node in found if "data-alert-kind" in node.attrs)


def tomorrow():
    return timezone.localdate() + datetime.timedelta(days=1)


def urgent_call(person=None, **overrides):
    data = formdata.contact(
        an_hour_ago(),
        outcomes=["urgent"],
        urgent_details="Says her husband hit her last night; she is safe at her sister's tonight.",
        concern="adult_safeguarding",
        call_back="on",
        **formdata.date_parts("call_back_on", tomorrow()),
        call_back_time="15:00",
    )
    data.update(overrides)
    if person is not None:
        for name in ("given_name", "family_name", "date_of_birth_day", "date_of_birth_month", "date_of_birth_year",
                     "postcode", "phone", "email"):
            data.pop(name, None)
    return data


@pytest.fixture
def carer(make_carer):
    return make_carer(given="Bethan", family="Testhouse")


def test_an_urgent_call_raises_an_alert_a_concern_task_and_a_call_back(client_for, new_client, make_user, carer):
    worker = client_for(Role.FRONT_DOOR)
    response = worker.post(f"/contacts/new/?person={carer.pk}", urgent_call(carer))
    assert response.status_code == 302, Page(response).field_errors()
    contact = Contact.objects.get(person=carer)
    assert contact.concern == "adult_safeguarding"

    alert = Alert.objects.get(person=carer)
    assert alert.kind == "adult_safeguarding" and alert.contact == contact and alert.decided_at is None
    concern_task = Task.objects.get(alert=alert)
    # The concern goes to the council of the carer's area, which holds the duty to make enquiries.
    assert concern_task.kind == TaskKind.CONCERN and concern_task.team.kind == "council"
    call_back = Task.objects.get(kind=TaskKind.CALL_BACK)
    assert call_back.assigned_to == worker.user and call_back.person == carer
    assert (call_back.due_on, call_back.due_time) == (tomorrow(), datetime.time(15, 0))

    # Every viewer of the record sees the alert.
    assert "Safeguarding: adult" in banners(worker.get(f"/people/{carer.pk}/"))

    # The call back is on the worker's own list; the concern on their team's.
    mine = Page(worker.get("/work/"))
    assert "Call back Bethan Testhouse" in mine.text
    team = Page(worker.get("/work/?tasks=team"))
    assert "Decide what to do about the concern" in team.text


def test_the_team_manager_decides_the_concern_and_reassigns_the_task(client_for, new_client, make_user, carer):
    worker = client_for(Role.FRONT_DOOR)
    worker.post(f"/contacts/new/?person={carer.pk}", urgent_call(carer))
    alert = Alert.objects.get(person=carer)
    call_back = Task.objects.get(kind=TaskKind.CALL_BACK)

    # The front door worker is at the carers centre; the manager of the carer's council decides.
    manager = new_client(make_user(Role.TEAM_MANAGER))
    queue = Page(manager.get("/work/concerns/"))
    assert "Bethan Testhouse" in queue.text
    page = manager.get(f"/work/alerts/{alert.pk}/")
    assert page.status_code == 200
    # The decisions offered follow the law of the carer's nation (Wales: SSWA 2014 s126).
    assert "SSWA 2014 s126" in Page(page).text and "Care Act 2014 s42" not in Page(page).text

    missing = manager.post(f"/work/alerts/{alert.pk}/decision/", {"version": alert.version, "decision": "", "reason": ""})
    assert missing.status_code == 200
    assert "Select what was decided" in Page(missing).error_for("decision")

    done = manager.post(
        f"/work/alerts/{alert.pk}/decision/",
        {"version": alert.version, "decision": "sswa_s126", "reason": "Reported to the council's safeguarding team, ref AS-1."},
    )
    assert done.status_code == 302
    alert.refresh_from_db()
    assert alert.decision == "sswa_s126" and alert.decided_by == manager.user and alert.ended_at is None
    assert Task.objects.get(alert=alert).completed_at is not None
    assert "Bethan Testhouse" not in Page(manager.get("/work/concerns/")).text

    # A second decision from a stale page is refused, not lost.
    again = manager.post(f"/work/alerts/{alert.pk}/decision/", {"version": 1, "decision": "nfa", "reason": "x"})
    assert again.status_code in (302, 403)
    alert.refresh_from_db()
    assert alert.decision == "sswa_s126"

    # The manager works with the carer, so takes the centre's call back into the council's team.
    colleague = make_user(Role.PRACTITIONER)
    moved = manager.post(f"/work/tasks/{call_back.pk}/reassign/", {"version": call_back.version, "assigned_to": colleague.pk})
    assert moved.status_code == 302
    call_back.refresh_from_db()
    assert call_back.assigned_to == colleague and call_back.team == colleague.organisation
    assert Event.objects.filter(kind=EventKind.TASK_REASSIGNED, object_id=call_back.pk).exists()


def test_only_a_team_manager_of_the_team_or_working_with_the_carer_reassigns(client_for, new_client, make_user, region, carer):
    worker = client_for(Role.FRONT_DOOR)
    worker.post(f"/contacts/new/?person={carer.pk}", urgent_call(carer))
    call_back = Task.objects.get(kind=TaskKind.CALL_BACK)
    elsewhere = new_client(make_user(Role.TEAM_MANAGER, organisation="other_partner"))
    response = elsewhere.post(f"/work/tasks/{call_back.pk}/reassign/", {"version": call_back.version, "assigned_to": "team"})
    # No relationship with the carer: asked why before anything of the record opens, and nothing moves.
    assert response.status_code in (403, 404) or "/why/" in response.url
    call_back.refresh_from_db()
    assert call_back.assigned_to == worker.user
    colleague = new_client(make_user(Role.FRONT_DOOR, organisation="centre"))
    assert colleague.post(f"/work/tasks/{call_back.pk}/reassign/", {"version": 1, "assigned_to": "team"}).status_code == 403


def test_completing_a_task_records_an_event_and_a_stale_second_completion_is_refused(client_for, carer):
    worker = client_for(Role.FRONT_DOOR)
    worker.post(f"/contacts/new/?person={carer.pk}", urgent_call(carer))
    call_back = Task.objects.get(kind=TaskKind.CALL_BACK)
    done = worker.post(f"/work/tasks/{call_back.pk}/done/", {"version": call_back.version, "outcome": "Rang her; she is safe."})
    assert done.status_code == 302
    call_back.refresh_from_db()
    assert call_back.completed_at and call_back.outcome == "Rang her; she is safe."
    assert Event.objects.filter(kind=EventKind.TASK_COMPLETED, object_id=call_back.pk, person=carer).count() == 1
    again = worker.post(f"/work/tasks/{call_back.pk}/done/", {"version": call_back.version - 1, "outcome": ""})
    assert again.status_code in (302, 403)
    assert Event.objects.filter(kind=EventKind.TASK_COMPLETED, object_id=call_back.pk).count() == 1


def test_a_note_is_written_once_corrected_by_addendum_and_audited(client_for, carer):
    worker = client_for(Role.FRONT_DOOR)
    form = Page(worker.get(f"/work/notes/new/{carer.pk}/"))
    token = form.value_of("form_token")
    data = {
        "form_token": token,
        "category": "phone_call",
        **formdata.date_parts("happened_on", timezone.localdate()),
        "text": "Talked about respite at weekends.",
        "link": "",
        "concern": "",
    }
    assert worker.post(f"/work/notes/new/{carer.pk}/", data).status_code == 302
    assert worker.post(f"/work/notes/new/{carer.pk}/", data).status_code == 302  # a double submit
    note = CaseNote.objects.get(person=carer)
    note.text = "rewritten"
    with pytest.raises(ImmutableError):
        note.save()
    with pytest.raises(ImmutableError):
        note.delete()

    page = Page(worker.get(f"/work/notes/{note.pk}/"))
    add = {"form_token": page.value_of("form_token"), "text": "The weekend was Saturday only."}
    assert worker.post(f"/work/notes/{note.pk}/", add).status_code == 302
    page = Page(worker.get(f"/work/notes/{note.pk}/"))
    assert "Talked about respite at weekends." in page.text and "The weekend was Saturday only." in page.text
    assert CaseNote.objects.get(pk=note.pk).text == "Talked about respite at weekends."
    assert AccessEvent.objects.filter(person_ref=carer.pk, part=AccessPart.CASE_NOTE).exists()
    kinds = list(Event.objects.filter(person=carer).values_list("kind", flat=True))
    assert kinds.count(EventKind.NOTE_WRITTEN) == 1 and kinds.count(EventKind.NOTE_ADDENDUM) == 1


def test_bad_note_input_is_shown_on_the_field(client_for, carer):
    worker = client_for(Role.FRONT_DOOR)
    token = Page(worker.get(f"/work/notes/new/{carer.pk}/")).value_of("form_token")
    response = worker.post(
        f"/work/notes/new/{carer.pk}/",
        {"form_token": token, "category": "", "happened_on_day": "31", "happened_on_month": "2", "happened_on_year": "2024", "text": ""},
    )
    assert response.status_code == 200
    page = Page(response)
    assert page.error_for("category") and page.error_for("text") and page.error_for("happened_on")
    assert not CaseNote.objects.exists()


def test_a_restricted_note_is_read_only_by_its_writers_organisation(client_for, new_client, make_user, carer):
    centre_worker = client_for(Role.FRONT_DOOR)
    from carershub.casework import services

    note = services.write_note(
        carer, category="visit", text="Disclosed a family matter in confidence.", happened_on=timezone.localdate(),
        restricted=True, actor=centre_worker.user,
    )
    council = new_client(make_user(Role.PRACTITIONER))  # works with the carer (their council), another organisation
    assert council.get(f"/people/{carer.pk}/").status_code == 200
    assert council.get(f"/work/notes/{note.pk}/").status_code == 404
    assert "Disclosed a family matter" not in Page(council.get(f"/people/{carer.pk}/")).text
    assert centre_worker.get(f"/work/notes/{note.pk}/").status_code == 200


def test_casework_needs_a_relationship_with_the_person(client_for, new_client, make_user, make_carer, region):
    stranger = make_carer(given="Olwen", family="Testother", area=region["areas"]["marches"])
    worker = client_for(Role.PRACTITIONER)  # Afon council: no relationship with a Marches carer
    assert worker.get(f"/work/notes/new/{stranger.pk}/").status_code in (302, 404)
    assert worker.get(f"/work/alerts/new/{stranger.pk}/").status_code in (302, 404)
    partner = new_client(make_user(Role.PARTNER_WORKER, organisation="partner"))
    assert partner.get("/work/").status_code == 403
    assert partner.get("/work/concerns/").status_code == 403


def test_an_unlinked_callers_concern_moves_to_their_record_when_linked(client_for, carer):
    worker = client_for(Role.FRONT_DOOR)
    response = worker.post("/contacts/new/", urgent_call(given_name="Bethan", family_name="Testhouse"))
    assert response.status_code == 302
    contact = Contact.objects.get()
    alert = Alert.objects.get()
    assert alert.person is None and alert.contact == contact
    assert "Bethan Testhouse" in Page(worker.get("/work/concerns/")).text
    from carershub.contacts import services as contact_services

    contact_services.link_contact(contact, carer, actor=worker.user)
    alert.refresh_from_db()
    assert alert.person == carer
    assert Task.objects.filter(person=carer).count() == 2
    assert Event.objects.filter(kind=EventKind.ALERT_RAISED, person=carer).exists()


def test_an_alert_ends_with_a_reason_and_its_history_is_kept(client_for, carer):
    worker = client_for(Role.PRACTITIONER)
    token = Page(worker.get(f"/work/alerts/new/{carer.pk}/")).value_of("form_token")
    assert worker.post(
        f"/work/alerts/new/{carer.pk}/", {"form_token": token, "kind": "warning", "summary": "Large dog at the house."}
    ).status_code == 302
    alert = Alert.objects.get()
    assert not alert.is_concern and not Task.objects.exists()
    assert "Warning for anyone working with them" in banners(worker.get(f"/people/{carer.pk}/"))
    empty = worker.post(f"/work/alerts/{alert.pk}/end/", {"version": alert.version, "reason": ""})
    assert "Enter why the alert is ending" in Page(empty).error_for("reason")
    assert worker.post(f"/work/alerts/{alert.pk}/end/", {"version": alert.version, "reason": "Dog rehomed."}).status_code == 302
    assert banners(worker.get(f"/people/{carer.pk}/")) == ""
    history = Page(worker.get(f"/work/alerts/person/{carer.pk}/"))
    assert "Dog rehomed." in history.text


def test_my_work_puts_overdue_first_and_filters(client_for, make_carer, region):
    worker = client_for(Role.PRACTITIONER)
    from carershub.casework import services

    first = make_carer(given="Anwen", family="Testone")
    second = make_carer(given="Buddug", family="Testtwo", area=region["areas"]["marches"])
    today = timezone.localdate()
    services.create_task(title="Later thing", due_on=today + datetime.timedelta(days=5), person=first, assigned_to=worker.user, actor=worker.user)
    services.create_task(title="Late thing", due_on=today - datetime.timedelta(days=3), person=first, assigned_to=worker.user, actor=worker.user)
    # A task about somebody the worker no longer works with is not shown (decision 22).
    services.create_task(title="Hidden thing", due_on=today, person=second, assigned_to=worker.user, actor=worker.user)
    rows = Page(worker.get("/work/")).table_rows()
    assert "Late thing" in rows[0][0] and "Overdue" in rows[0][2]
    assert "Later thing" in rows[1][0]
    assert "Hidden thing" not in str(rows)
    assert "Late thing" in Page(worker.get(f"/work/?area={region['areas']['afon'].pk}")).text
    assert "Late thing" not in Page(worker.get(f"/work/?area={region['areas']['marches'].pk}")).text
    bad = worker.get("/work/?area=nonsense")
    assert bad.status_code == 200 and Page(bad).error_for("area")


def test_a_look_with_a_reason_does_not_let_a_worker_add_tasks_however_the_page_is_reached(
    client_for, marches_carer, make_contact
):
    """Breaking the glass lets one look, never change (decision 11): the task form refuses from the
    record, from a contact and from a note alike."""
    from carershub.casework import services
    from carershub.people import services as people_services

    stranger = marches_carer(given="Olwen")
    contact = make_contact(stranger)
    note = services.write_note(stranger, category="visit", text="Visited.", happened_on=timezone.localdate(),
                               actor=contact.recorded_by)
    worker = client_for(Role.PRACTITIONER)  # Afon council: no relationship with a Marches carer
    people_services.break_glass(stranger, user=worker.user, reason="Covering for a colleague today")

    for query in (f"person={stranger.pk}", f"contact={contact.pk}", f"note={note.pk}"):
        assert worker.get(f"/work/tasks/new/?{query}").status_code == 403, query
