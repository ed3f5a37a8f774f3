"""Case notes, tasks and alerts in a subject access copy, and gone from an erased record."""

import pytest
from django.utils import timezone

from carershub.accounts.models import Role
from carershub.casework import services
from carershub.casework.models import Alert, CaseNote, Task
from carershub.privacy import erasure, subject_access
from tests import builders

SECRET = "Synthetic test note: bruising seen on a home visit."


@pytest.fixture
def worked_carer(make_carer, make_user):
    carer = make_carer(given="Heledd", family="Testrights")
    worker = make_user(Role.PRACTITIONER)
    made = builders.casework(carer, actor=worker)
    services.add_addendum(made["note"], text="Addendum: the bruise was from a fall, she says.", actor=worker)
    services.end_alert(made["alert"], expected_version=made["alert"].version, reason="Explained: a fall.", actor=worker)
    return carer, worker


def test_subject_access_includes_notes_addenda_tasks_and_alerts(worked_carer):
    carer, _worker = worked_carer
    document = subject_access.build(carer)
    parts = {part.key: part for part in document.parts}
    assert len(parts["case_notes"].entries) == 2
    assert len(parts["tasks"].entries) == 1
    assert len(parts["alerts"].entries) == 1
    html = subject_access.as_html(document, subject_access.FOR_REVIEW)
    assert SECRET in html and "Explained: a fall." in html


def test_erasure_blanks_what_was_written_and_keeps_the_rows(worked_carer, make_user):
    carer, _worker = worked_carer
    manager = make_user(Role.TEAM_MANAGER)
    record = erasure.erase_person(carer, reason="Article 17 request", actor=manager)
    assert record.changed["case_notes"] == 2 and record.changed["alerts"] == 1
    assert set(CaseNote.objects.filter(person=carer).values_list("text", flat=True)) == {""}
    assert set(Task.objects.filter(person=carer).values_list("details", flat=True)) == {""}
    alert = Alert.objects.get(person=carer)
    assert alert.summary == "" and alert.end_reason == "" and alert.ended_at is not None
    assert CaseNote.objects.filter(person=carer).count() == 2
    assert timezone.now() >= alert.raised_at
