"""Data-rights requests: recording them, moving them on, and what other pages show of them.

Each operation is one transaction and leaves an activity event, so the number of requests, and
how many were answered in time, can be counted like everything else (decision 6).
"""

from django.db import transaction
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from carershub.activity.models import EventKind
from carershub.activity.services import record_event
from carershub.core.locking import claim_version
from carershub.core.workqueues import WorkQueue, shared_count
from carershub.people import services as people_services
from carershub.people.rules import VIEW_PERSON
from carershub.people.sections import Section, holds
from carershub.privacy import deadlines
from carershub.privacy.models import (
    OPEN_STATUSES,
    DataRightsRequest,
    ErasureRecord,
    RequestStatus,
    RetentionReviewItem,
    ReviewStatus,
)
from carershub.privacy.rules import ERASE_PERSON, MANAGE_DATA_RIGHTS, RECORD_DATA_RIGHTS_REQUEST, REVIEW_RETENTION

# The activity event kinds this app records.
REQUEST_RECEIVED = EventKind.DATA_RIGHTS_RECEIVED
REQUEST_EXTENDED = EventKind.DATA_RIGHTS_EXTENDED
REQUEST_CLOSED = EventKind.DATA_RIGHTS_CLOSED


@transaction.atomic
def record_request(person, *, kind, received_on, requested_by, actor, representative_name="",
                   representative_capacity="", notes="") -> DataRightsRequest:
    """Record a request as received, due one calendar month from the day it arrived (Art 12(3))."""
    request = DataRightsRequest.objects.create(
        person=person,
        person_ref=person.pk,
        kind=kind,
        received_on=received_on,
        due_on=deadlines.response_due(received_on),
        requested_by=requested_by,
        representative_name=representative_name,
        representative_capacity=representative_capacity,
        notes=notes,
        recorded_by=actor,
    )
    record_event(
        REQUEST_RECEIVED,
        actor=actor,
        person=person,
        obj=request,
        data={"kind": kind, "requested_by": requested_by},
    )
    return request


@transaction.atomic
def update_request(request: DataRightsRequest, *, expected_version: int, actor, status, completed_on=None,
                   extend=False, extension_reason="", restriction_lifted_on=None, notes="") -> DataRightsRequest:
    """Save a manager's update: extend the time, record the outcome, lift a restriction, add notes.

    The form has checked the dates; this claims the version first, so two managers saving at once
    cannot both close the request (the second gets StaleRecordError and nothing changes).
    """
    claim_version(request, expected_version)
    was_open = request.is_open
    if extend and request.extended_to is None and was_open:
        request.extended_to = deadlines.extended_due(request.received_on)
        request.extension_reason = extension_reason
        record_event(REQUEST_EXTENDED, actor=actor, person=request.person, obj=request, data={"kind": request.kind})
        if status == RequestStatus.OPEN:
            status = RequestStatus.EXTENDED
    if status == RequestStatus.OPEN and request.extended_to is not None:
        status = RequestStatus.EXTENDED
    request.status = status
    request.completed_on = None if status in OPEN_STATUSES else completed_on
    request.restriction_lifted_on = restriction_lifted_on
    request.notes = notes
    request.save()
    if was_open and not request.is_open:
        record_event(
            REQUEST_CLOSED,
            actor=actor,
            person=request.person,
            obj=request,
            data={
                "kind": request.kind,
                "status": request.status,
                "extended": request.extended_to is not None,
                "on_time": request.completed_on <= request.respond_by,
                "days_taken": (request.completed_on - request.received_on).days,
            },
        )
    return request


def open_requests(user=None):
    """Requests still to be answered, the one due soonest first (an extension moves the date).

    With a user, those about people the user works with (people/relationships.py), and those
    whose person was erased (nothing of them is left to show).
    """
    requests = DataRightsRequest.objects.filter(status__in=OPEN_STATUSES)
    if user is not None:
        related = people_services.about_related(user, "person_id")
        if related is not None:
            requests = requests.filter(related | Q(person__isnull=True))
    return (
        requests
        .annotate(respond=Coalesce(F("extended_to"), F("due_on")))
        .select_related("person")
        .order_by("respond", "pk")
    )


def requests_for(person_pk):
    return DataRightsRequest.objects.filter(person_ref=person_pk).order_by("-received_on", "-pk")


def restriction_for(person_pk) -> DataRightsRequest | None:
    """The restriction request in force for this person, if any (Art 18)."""
    return next((r for r in requests_for(person_pk) if r.restricts_processing), None)


def erasure_of(person_pk) -> ErasureRecord | None:
    return ErasureRecord.objects.filter(person_ref=person_pk).select_related("erased_by").first()


def home_items(user):
    items = []
    if user.has_perm(MANAGE_DATA_RIGHTS):
        queue = reverse("privacy:requests")
        waiting = open_requests(user)
        overdue = shared_count(waiting.filter(respond__lt=timezone.localdate()))
        items += [
            WorkQueue(queue, _("Data-rights requests to answer"), shared_count(waiting), order=84),
            WorkQueue(queue, _("Data-rights requests overdue"), overdue, order=85),
        ]
    if user.has_perm(REVIEW_RETENTION):
        due = RetentionReviewItem.objects.filter(status=ReviewStatus.DUE).count()
        items.append(WorkQueue(reverse("privacy:retention"), _("Records due for retention review"), due, order=95))
    return items


def person_section(user, person) -> Section | None:
    """Data-rights requests on the person's page; everyone who may see the record sees a restriction."""
    if not user.has_perm(VIEW_PERSON, person):
        return None
    # No query for a record without requests or an erasure, most of them (decision 62).
    requests = list(requests_for(person.pk)) if holds(person, "privacy.requests") else []
    restriction = next((r for r in requests if r.restricts_processing), None)
    erasure = erasure_of(person.pk) if holds(person, "privacy.erasure") else None
    service = user.has_perm(RECORD_DATA_RIGHTS_REQUEST)
    if not (service or restriction or erasure):
        return None
    return Section(
        "privacy/_person_section.jinja",
        {
            "requests": requests if service else [],
            "show_requests": service,
            "restriction": restriction,
            "erasure": erasure,
            "can_record": service and erasure is None,
            "can_manage": user.has_perm(MANAGE_DATA_RIGHTS),
            "can_erase": user.has_perm(ERASE_PERSON) and erasure is None,
            "today": timezone.localdate(),
        },
        # Before the other sections: a restriction must be seen before anybody works on the record.
        order=10,
    )
