"""The daily retention review: find what has been kept as long as the schedule says, for a manager to decide.

Nothing is erased here. The English Records Management Code of Practice (section 5.2,
"Appraisal") says no record or series is destroyed or deleted automatically without appraisal;
the Welsh code of 2022 has the same section 5 (its wording was not checked). So the manager
erases the record, or keeps it for longer with a reason, on the retention page.

A record's last activity is the latest of: when it was made or last changed, any activity event
about the person, and (for a cared-for person) any event about a carer who cares for them, so a
cared-for person's record stays while their carer is being supported.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone

from carershub.activity.models import Event, EventKind
from carershub.activity.services import record_event
from carershub.contacts.models import Contact
from carershub.core.ukdata import years_after, years_before
from carershub.people.models import Person
from carershub.privacy import erasure, retention
from carershub.privacy.models import ErasureRecord, RecordType, RetentionReviewItem, ReviewStatus
from carershub.selfassessment import services as self_assessment_services
from carershub.selfassessment.models import SelfAssessment

RECORD_KEPT = EventKind.RETENTION_KEPT
RECORD_EMPTIED = EventKind.RETENTION_EMPTIED


def schedule() -> dict[str, retention.Period]:
    return retention.parse_schedule(settings.CARERSHUB_RETENTION)


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _shortest_years(periods) -> int:
    """The fewest years any of these periods can keep a record: only older records need checking."""
    shortest = []
    for period in periods:
        years = period.years
        if period.until_age:
            # A child's record is kept at least until ``until_age``; they were under 18 at the last activity.
            years = max(years, period.until_age - retention.ADULT_AGE)
        shortest.append(years)
    return max(0, min(shortest))


def _latest(*moments) -> datetime.date:
    return max(timezone.localdate(m) for m in moments if m is not None)


def people_due(today: datetime.date, periods: dict[str, retention.Period]):
    """(person id, schedule kind, last activity, due date) for every person record past its period."""
    cutoff = _start_of(years_before(today, _shortest_years([periods[retention.ADULT_RECORD], periods[retention.CHILDRENS_RECORD]])) + datetime.timedelta(days=1))
    latest_own = Event.objects.filter(person=OuterRef("pk")).order_by("-occurred_at").values("occurred_at")[:1]
    latest_carer = (
        Event.objects.filter(person__cares_for__cared_for=OuterRef("pk")).order_by("-occurred_at").values("occurred_at")[:1]
    )
    people = (
        Person.objects.filter(created_at__lt=cutoff, updated_at__lt=cutoff)
        .filter(~Exists(ErasureRecord.objects.filter(person_ref=OuterRef("pk"))))
        .annotate(latest_own=Subquery(latest_own), latest_carer=Subquery(latest_carer))
        .values_list("pk", "date_of_birth", "created_at", "updated_at", "latest_own", "latest_carer")
        .order_by()
    )
    for pk, date_of_birth, *moments in people.iterator(chunk_size=2000):
        last = _latest(*moments)
        kind = retention.person_kind(date_of_birth, last)
        due = retention.review_due_on(periods[kind], last, date_of_birth)
        if due <= today:
            yield pk, kind, last, due


def _simple_due(queryset, moment_field: str, period: retention.Period, kind: str, today):
    cutoff = _start_of(years_before(today, period.years) + datetime.timedelta(days=1))
    for pk, moment in queryset.filter(**{f"{moment_field}__lt": cutoff}).values_list("pk", moment_field).order_by():
        last = timezone.localdate(moment)
        due = years_after(last, period.years)
        if due <= today:
            yield pk, kind, last, due


def records_due(today: datetime.date) -> dict[tuple[str, int], tuple[str, datetime.date, datetime.date]]:
    """Everything past its retention period today, by (record type, id)."""
    periods = schedule()
    found = {}
    for pk, kind, last, due in people_due(today, periods):
        found[(RecordType.PERSON, pk)] = (kind, last, due)
    contacts = Contact.objects.filter(person__isnull=True)
    for pk, kind, last, due in _simple_due(
        contacts, "received_at", periods[retention.UNLINKED_CONTACT], retention.UNLINKED_CONTACT, today
    ):
        found[(RecordType.CONTACT, pk)] = (kind, last, due)
    unused = SelfAssessment.objects.filter(
        assessment__isnull=True, discarded_at__isnull=True, content_removed_at__isnull=True
    )
    for pk, kind, last, due in _simple_due(
        unused, "submitted_at", periods[retention.UNUSED_SELF_ASSESSMENT], retention.UNUSED_SELF_ASSESSMENT, today
    ):
        found[(RecordType.SELF_ASSESSMENT, pk)] = (kind, last, due)
    return found


@transaction.atomic
def refresh(today: datetime.date | None = None) -> dict[str, int]:
    """Bring the review list up to date; returns counts for the log (no personal data)."""
    today = today or timezone.localdate()
    found = records_due(today)
    items = {(i.record_type, i.record_id): i for i in RetentionReviewItem.objects.all()}
    new, back = [], 0
    for key, (kind, last, due) in found.items():
        item = items.get(key)
        if item is None:
            new.append(
                RetentionReviewItem(
                    record_type=key[0], record_id=key[1], schedule=kind, last_activity_on=last, review_due_on=due,
                    listed_on=today,
                )
            )
            continue
        if item.status == ReviewStatus.REMOVED:
            continue
        if item.status == ReviewStatus.KEPT and item.keep_until and item.keep_until > today:
            continue
        if item.status == ReviewStatus.KEPT:
            back += 1
        item.status, item.schedule, item.last_activity_on, item.review_due_on = ReviewStatus.DUE, kind, last, due
        item.save(update_fields=["status", "schedule", "last_activity_on", "review_due_on"])
    RetentionReviewItem.objects.bulk_create(new)
    # Used again since it was listed (a new contact, a new assessment): no longer due.
    stale = [i.pk for key, i in items.items() if key not in found and i.status != ReviewStatus.REMOVED]
    RetentionReviewItem.objects.filter(pk__in=stale).delete()
    return {
        "newly_listed": len(new),
        "listed_again_after_keeping": back,
        "no_longer_due": len(stale),
        "due": RetentionReviewItem.objects.filter(status=ReviewStatus.DUE).count(),
    }


def due_items():
    return RetentionReviewItem.objects.filter(status=ReviewStatus.DUE).order_by("review_due_on", "pk")


def _decided(item, *, status, reason, actor, keep_until=None):
    item.status, item.decision_reason, item.decided_by, item.decided_at = status, reason, actor, timezone.now()
    item.keep_until = keep_until
    item.save(update_fields=["status", "decision_reason", "decided_by", "decided_at", "keep_until"])


@transaction.atomic
def keep(item: RetentionReviewItem, *, reason: str, actor, today=None) -> RetentionReviewItem:
    """Keep the record for longer (the codes' "continued retention", justified and documented)."""
    today = today or timezone.localdate()
    until = years_after(today, settings.CARERSHUB_RETENTION_KEEP_YEARS)
    _decided(item, status=ReviewStatus.KEPT, reason=reason, actor=actor, keep_until=until)
    record_event(RECORD_KEPT, actor=actor, data={"record_type": item.record_type, "schedule": item.schedule})
    return item


@transaction.atomic
def empty(item: RetentionReviewItem, *, reason: str, actor) -> RetentionReviewItem:
    """Remove the content of a contact or self-assessment that belongs to no record (a person is erased instead)."""
    if item.record_type == RecordType.CONTACT:
        Contact.objects.filter(pk=item.record_id, person__isnull=True).update(**erasure.CONTACT_EMPTIED)
    elif item.record_type == RecordType.SELF_ASSESSMENT:
        self_assessment = SelfAssessment.objects.filter(pk=item.record_id).first()
        if self_assessment is not None:
            self_assessment_services.remove_content(self_assessment)
    else:
        raise ValueError("A person's record is erased through erasure.erase_person, with its own page.")
    _decided(item, status=ReviewStatus.REMOVED, reason=reason, actor=actor)
    record_event(RECORD_EMPTIED, actor=actor, data={"record_type": item.record_type, "schedule": item.schedule})
    return item
