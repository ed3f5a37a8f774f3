"""The daily retention task lists what is past its period for a manager; the manager decides."""

from datetime import date, datetime, time, timedelta

import pytest
from django.core.management import call_command
from django.tasks import TaskResultStatus
from django.utils import timezone

from carershub.accounts.models import Role
from carershub.activity.models import Event, EventKind
from carershub.contacts.models import Contact
from carershub.core.ukdata import years_after, years_before
from carershub.people.models import CaringRelationship, Person
from carershub.privacy.models import RetentionReviewItem, ReviewStatus
from carershub.privacy.tasks import daily_retention_review
from tests.pages import Page

PAGE = "/privacy/retention/"


def last_touched(person, years, days=0):
    """As if nothing had happened to the record since ``years`` (and ``days``) ago."""
    day = years_before(timezone.localdate(), years) - timedelta(days=days)
    when = timezone.make_aware(datetime.combine(day, time(12)))
    Person.objects.filter(pk=person.pk).update(created_at=when, updated_at=when)
    Event.objects.filter(person=person).update(occurred_at=when)
    return person


def run_task():
    result = daily_retention_review.enqueue()
    assert result.status == TaskResultStatus.SUCCESSFUL
    return result.return_value


def listed():
    return set(RetentionReviewItem.objects.filter(status=ReviewStatus.DUE).values_list("record_type", "record_id"))


def test_a_record_past_its_period_is_listed_and_one_inside_it_is_not(manager, another_carer):
    old = last_touched(another_carer(dob=date(1950, 1, 1)), 8, days=1)
    recent = last_touched(another_carer(dob=date(1950, 1, 1)), 7)

    counts = run_task()

    assert listed() == {("person", old.pk)}
    assert counts["newly_listed"] == 1 and counts["due"] == 1
    page = Page(manager.get(PAGE))
    assert old.full_name in page.text
    assert recent.full_name not in page.text
    assert ["Records due for retention review", "1"] in Page(manager.get("/")).table_rows()


def test_a_childs_record_waits_for_their_25th_birthday(another_carer):
    today = timezone.localdate()
    # Ten years old when last seen nine years ago: 19 now, so six more years to wait.
    child = last_touched(another_carer(dob=years_before(today, 19)), 9)
    # Last seen at 12, fourteen years ago: 26 now, past the 25th birthday.
    grown = last_touched(another_carer(dob=years_before(today, 26)), 14)

    run_task()

    assert listed() == {("person", grown.pk)}
    assert child.pk not in {pk for _t, pk in listed()}


def test_a_cared_for_person_stays_while_their_carer_is_being_supported(another_carer, make_user):
    carer = another_carer()
    cared_for = last_touched(Person.objects.create(given_name="Idris", family_name="Testold", date_of_birth=date(1930, 1, 1)), 10)
    CaringRelationship.objects.create(carer=carer, cared_for=cared_for, relationship="parent")
    Event.objects.create(kind=EventKind.CONTACT_LOGGED, person=carer)  # the carer was in touch today
    last_touched(carer, 0)

    run_task()

    assert listed() == set()


def test_activity_since_it_was_listed_takes_it_off_the_list(another_carer):
    person = last_touched(another_carer(), 9)
    run_task()
    assert listed() == {("person", person.pk)}

    Event.objects.create(kind=EventKind.CONTACT_LOGGED, person=person)
    counts = run_task()

    assert listed() == set() and counts["no_longer_due"] == 1


def test_unlinked_contacts_and_unused_self_assessments_have_their_own_periods(make_contact):
    old = make_contact(received_at=timezone.now() - timedelta(days=3 * 365))
    make_contact(received_at=timezone.now() - timedelta(days=300))

    run_task()

    assert listed() == {("contact", old.pk)}


def test_keeping_a_record_takes_it_off_the_list_until_the_next_review(manager, another_carer, settings):
    person = last_touched(another_carer(), 9)
    run_task()
    item = RetentionReviewItem.objects.get()

    response = manager.post(f"/privacy/retention/{item.pk}/", {"decision": "keep", "reason": "A complaint is open"})

    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == ReviewStatus.KEPT and item.decided_by == manager.user
    assert item.keep_until == years_after(timezone.localdate(), settings.CARERSHUB_RETENTION_KEEP_YEARS)
    run_task()
    assert listed() == set()
    assert Event.objects.filter(kind="retention.kept").count() == 1
    person.refresh_from_db()
    assert person.given_name != "Erased"


def test_removing_an_unlinked_contacts_content(manager, make_contact):
    contact = make_contact(received_at=timezone.now() - timedelta(days=3 * 365), caller_name="Someone Testcaller")
    run_task()
    item = RetentionReviewItem.objects.get()

    manager.post(f"/privacy/retention/{item.pk}/", {"decision": "remove", "reason": "Past its retention period"})

    contact.refresh_from_db()
    assert contact.caller_name == "" and contact.what_matters == ""
    assert Contact.objects.filter(pk=contact.pk).exists()  # the row stays: its event is counted
    item.refresh_from_db()
    assert item.status == ReviewStatus.REMOVED
    run_task()
    assert listed() == set()


def test_choosing_to_erase_a_person_goes_to_the_erasure_page(manager, another_carer):
    person = last_touched(another_carer(), 9)
    run_task()
    item = RetentionReviewItem.objects.get()

    response = manager.post(f"/privacy/retention/{item.pk}/", {"decision": "remove", "reason": "Past its period"})

    assert response.status_code == 302 and response.url == f"/privacy/people/{person.pk}/erase/"


def test_a_decision_needs_a_choice_and_a_reason(manager, another_carer):
    last_touched(another_carer(), 9)
    run_task()
    item = RetentionReviewItem.objects.get()

    page = Page(manager.post(f"/privacy/retention/{item.pk}/", {}))

    assert page.error_for("decision") == "Select what should happen to the record"
    assert page.error_for("reason") == "Enter the reason for your decision"


def test_the_command_runs_the_task_or_queues_it(another_carer, capsys):
    last_touched(another_carer(), 9)
    call_command("retention_review")
    assert "newly listed: 1" in capsys.readouterr().out
    call_command("retention_review", "--enqueue")  # the immediate backend of the tests runs it at once
    assert "Queued the retention review" in capsys.readouterr().out


@pytest.mark.parametrize("role", [Role.PRACTITIONER, Role.PARTNER_WORKER, Role.ADMINISTRATOR])
def test_only_team_managers_review_retention(client_for, role, another_carer):
    last_touched(another_carer(), 9)
    run_task()
    item = RetentionReviewItem.objects.get()
    client = client_for(role)
    assert client.get(PAGE).status_code == 403
    assert client.post(f"/privacy/retention/{item.pk}/", {"decision": "keep", "reason": "x"}).status_code == 403
