"""Erasure by a team manager: what identifies the person goes; the figures and the access log stay as they were."""

import pytest
from django.utils import timezone

from carershub.activity.models import Event
from carershub.assessments.models import Assessment
from carershub.audit.models import AccessEvent
from carershub.contacts.models import Contact
from carershub.people.models import CaringRelationship, Person
from carershub.privacy.models import ErasureRecord
from carershub.reporting import figures
from carershub.selfassessment.models import SelfAssessment
from carershub.support.models import PlanAction, Review, SupportPlan
from tests.pages import Page
from tests.privacy.conftest import CALLER, CONDITIONS, HELPER, REPRESENTATIVE

FIGURES = "/figures/"
CSV = "/figures/assessment-figures.csv"
REASON = "Erasure request under Article 17, checked by the team"


def erase_url(person):
    return f"/privacy/people/{person.pk}/erase/"


def _event_rows():
    return sorted(Event.objects.values_list("pk", "kind", "occurred_at", "area_id", "organisation_id", "data", "person_id"))


def _access_rows():
    return list(AccessEvent.objects.order_by("pk").values_list("pk", "person_ref", "actor_id", "action", "part", "purpose", "at"))


def _counted():
    """Every number the figures rest on, before small numbers are hidden on the page."""
    today = timezone.localdate()
    return figures.team_figures(figures.Period(today, today))


def test_erasure_leaves_every_figure_the_csv_and_the_access_log_unchanged(manager, full_carer):
    carer = full_carer.person
    counted_before = _counted()
    figures_before = Page(manager.get(FIGURES)).text
    csv_before = manager.get(CSV).content
    events_before = _event_rows()
    access_before = _access_rows()
    # The numbers compared are not all zero: the carer's assessments are counted, in their area.
    assert counted_before.by_type.started == 2 and counted_before.by_type.completed == 1
    assert [row.started for row in counted_before.by_area.rows if row.label == carer.area.name] == [2]

    response = manager.post(erase_url(carer), {"reason": REASON, "confirm": "on"})

    assert response.status_code == 302
    assert "The record has been erased" in Page(manager.get(response.url)).text  # and the message is read
    assert _counted() == counted_before
    assert Page(manager.get(FIGURES)).text == figures_before
    assert manager.get(CSV).content == csv_before
    # Every event is still there, with its area, categories and person; one more records the erasure.
    events_after = _event_rows()
    assert [row for row in events_after if row[1] != "person.erased"] == events_before
    erased_event = Event.objects.get(kind="person.erased")
    assert erased_event.area == carer.area and erased_event.data == {}
    # The access log: nothing changed or removed, only the pages just opened added.
    assert _access_rows()[: len(access_before)] == access_before


def test_erasure_removes_identifying_details_and_free_text(manager, full_carer):
    carer = full_carer.person
    manager.post(erase_url(carer), {"reason": REASON, "confirm": "on"})

    carer.refresh_from_db()
    assert carer.full_name == "Erased record"
    assert carer.date_of_birth is None and carer.postcode == "" and carer.address_line_1 == ""
    assert carer.search_family == "record"  # the search keys followed the name
    relationship = CaringRelationship.objects.get(carer=carer)
    assert relationship.conditions_detail == "" and relationship.condition_groups == []
    contact = Contact.objects.get(person=carer)
    assert contact.caller_name == "" and contact.what_matters == ""
    for assessment in Assessment.objects.filter(carer=carer):
        assert assessment.caring_role == "" and assessment.carer_views == ""
        assert all(answer["notes"] == "" for answer in assessment.wellbeing.values())
        # What was decided, and why, stays: it is what the figures and any appeal rest on.
    assert Assessment.objects.filter(carer=carer, decision__isnull=False).count() == 1
    assert set(SupportPlan.objects.filter(carer=carer).values_list("outcomes", flat=True)) == {""}
    assert set(PlanAction.objects.filter(plan__carer=carer).values_list("description", flat=True)) == {""}
    assert set(Review.objects.filter(plan__carer=carer).values_list("notes", flat=True)) == {""}
    self_assessment = SelfAssessment.objects.get(assessment__carer=carer)
    assert self_assessment.helper_name == "" and self_assessment.given_name == "" and self_assessment.date_of_birth is None
    full_carer.request.refresh_from_db()
    assert full_carer.request.representative_name == ""
    everything = str(list(Person.objects.filter(pk=carer.pk).values())) + str(list(Contact.objects.values()))
    for secret in ("Bronwen", CALLER, HELPER, REPRESENTATIVE, CONDITIONS):
        assert secret not in everything


def test_the_erasure_is_recorded_without_the_erased_details(manager, full_carer):
    carer = full_carer.person
    manager.post(erase_url(carer), {"reason": REASON, "confirm": "on"})

    record = ErasureRecord.objects.get()
    assert (record.person_ref, record.erased_by, record.reason) == (carer.pk, manager.user, REASON)
    assert record.changed["contacts"] == 1 and record.changed["assessments"] == 2
    assert "Bronwen" not in str(list(ErasureRecord.objects.values()))
    page = Page(manager.get(f"/people/{carer.pk}/"))
    assert "This record was erased on" in page.text
    assert erase_url(carer) not in page.links()


def test_erasing_twice_changes_nothing_more(manager, full_carer):
    carer = full_carer.person
    manager.post(erase_url(carer), {"reason": REASON, "confirm": "on"})
    response = manager.post(erase_url(carer), {"reason": "again", "confirm": "on"})
    assert response.status_code == 302
    assert ErasureRecord.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"confirm": "on"}, "reason", "Enter why this record is being erased"),
        ({"reason": REASON}, "confirm", "Confirm that you understand the details cannot be got back"),
    ],
)
def test_a_reason_and_a_confirmation_are_needed(manager, make_carer, data, field, message):
    carer = make_carer()
    page = Page(manager.post(erase_url(carer), data))
    assert page.error_for(field) == message
    carer.refresh_from_db()
    assert carer.given_name == "Ann"
    assert not ErasureRecord.objects.exists()


def test_an_erasure_request_links_to_the_erasure(manager, full_carer):
    data_request = full_carer.request
    data_request.kind = "erasure"
    data_request.save()
    page = Page(manager.get(f"/privacy/requests/{data_request.pk}/"))
    link = f"{erase_url(full_carer.person)}?request={data_request.pk}"
    assert link in page.links()

    manager.post(erase_url(full_carer.person), {"reason": REASON, "confirm": "on", "request": str(data_request.pk)})

    assert ErasureRecord.objects.get().request == data_request
