"""What happens to person records: each operation is one transaction and leaves events.

This module is the one owner of creating a person or a carer and of the question
"may this user see this person?"; other apps call it rather than repeat it.
"""

import hashlib

from django.db import connection, transaction
from django.db.models import BooleanField, Case, ExpressionWrapper, IntegerField, Q, Value, When
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from carershub.activity.models import EventKind
from carershub.activity.services import changed_fields, record_event
from carershub.core.locking import claim_version
from carershub.core.queries import Prepared, as_key, unique_or_none
from carershub.core.workqueues import Shortcut, WorkQueue
from carershub.people import matching, relationships, sections
from carershub.people.models import AccessGrant, CarerProfile, CaringRelationship, Consent, Person
from carershub.people.rules import ADD_PERSON, REVIEW_ACCESS_REASONS, SEARCH_PEOPLE

MAX_CANDIDATES = 50


class ReasonNeeded(Exception):
    """The user may find this person but has no relationship with them: they must say why to open it.

    people.middleware turns it into the "why do you need this record?" page, from any app's view.
    """

    def __init__(self, person):
        super().__init__(f"reason needed to open person {person.pk}")
        self.person = person


# The person a page opens, with what every person page shows of them and ``also``: compiled once
# per process for each ``also`` (core/queries.py, decision 65).
_LOAD_PERSON = Prepared.keyed(
    lambda also, pk: Person.objects.select_related("area", "carer__case_worker", *also).filter(pk=pk).order_by(),
    name="the person opened",
)


def visible_person_or_404(user, pk, *, also: tuple[str, ...] = ()) -> Person:
    """The person, if this user may open them (people/relationships.py).

    Somebody the user could find but does not work with raises ReasonNeeded ("break glass");
    anybody else is a 404: we do not reveal who exists. The person is loaded first; when their own
    row already says the user works with them (their case worker, its team, the council of their
    area), that is the answer. Otherwise one more query answers both "related?" and "opened with
    a reason?". The page's permission checks then reuse the answers. ``also``: more relations for
    the page to read with the person (``select_related``).
    """
    # The carer profile and case worker too: the page's glances and buttons ask for them.
    key = as_key(pk)
    person = next(iter(_LOAD_PERSON(tuple(also), key)), None) if key is not None else None
    if person is None:
        raise Http404
    if relationships.relates_to_everybody(user):
        relationships.remember(user, person.pk, related=True, opened=True)
        return person
    if relationships.works_with_on_record(user, person):
        relationships.remember_worked_with(user, person.pk)
        return person
    # Only now the filter of every reason: building it costs more Python than the page's largest
    # query, and a practitioner opening a resident of their council never needs it.
    related = relationships.related_q(user)
    answers = unique_or_none(
        Person.objects.filter(pk=person.pk)
        .annotate(
            _related=ExpressionWrapper(related, output_field=BooleanField()),
            _granted=ExpressionWrapper(relationships.granted_q(user), output_field=BooleanField()),
        )
        .values_list("_related", "_granted")
    )
    if answers is None:  # erased between the two queries
        raise Http404
    is_related, granted = answers
    opened = bool(is_related) or bool(granted)
    relationships.remember(user, person.pk, related=bool(is_related), opened=opened)
    if opened:
        return person
    if relationships.can_find_region_wide(user):
        raise ReasonNeeded(person)
    raise Http404


def about_related(user, field: str, *, opened=False):
    """For other apps' queries: their rows whose person in ``field`` the user works with (relationships.py)."""
    return relationships.about_related(user, field, opened=opened)


def open_among(user, pks) -> set[int]:
    """Which of the people ``pks`` ``user`` may open: ``Person.objects.visible_to(user)`` among them,
    by a query compiled once per user (decision 75)."""
    return relationships.open_among(user, sorted(set(pks)))


def answer_open_for(user, people) -> None:
    """Whether ``user`` may open each of ``people`` (links on a page), in one query for all of them."""
    pks = {p.pk for p in people} - set(relationships.known(user, "open"))
    if not pks:
        return
    if relationships.relates_to_everybody(user):
        # Everybody, for the region-wide front door; the people were read from the database already.
        for pk in pks:
            relationships.remember_one(user, "open", pk, True)
        return
    opened = relationships.open_among(user, sorted(pks))
    for pk in pks:
        relationships.remember_one(user, "open", pk, pk in opened)


def needing_a_reason(user, people) -> set[int]:
    """Which of ``people`` the user could find but would have to say why to open (a search's
    "Not one of your records").

    ``people`` come with ``carer__case_worker``, as ``search.search_people`` reads them, so those
    whose own row says the user works with them (their case worker, its team, the council of their
    area: decision 59) are answered without a query, as when their record is opened; the rest are
    asked in one (``answer_open_for``), and not at all when the user opens everybody.
    """
    for person in people:
        if relationships.works_with_on_record(user, person):
            relationships.remember_worked_with(user, person.pk)
    answer_open_for(user, people)
    return {p.pk for p in people if not relationships.answered(user, "open", p.pk)}


@transaction.atomic
def break_glass(person: Person, *, user, reason: str) -> AccessGrant:
    """Open a record outside any relationship for a working day, with the reason, for a manager to review."""
    now = timezone.now()
    return AccessGrant.objects.create(
        person=person, user=user, reason=reason, granted_at=now, expires_at=relationships.grant_expiry(now)
    )


@transaction.atomic
def review_grant(grant: AccessGrant, *, manager, note: str) -> bool:
    """Mark a reason as reviewed; False if somebody else reviewed it first."""
    updated = AccessGrant.objects.filter(pk=grant.pk, reviewed_at__isnull=True).update(
        reviewed_at=timezone.now(), reviewed_by=manager, review_note=note
    )
    return updated == 1


def clean_query(text: str) -> str:
    """What was typed in a search box, without NUL characters (PostgreSQL cannot store them in the log)."""
    return text.replace("\x00", "").strip()


def hold_identity_lock(*, family_key, given_key, date_of_birth=None, nhs_number=None) -> None:
    """Make any other transaction that checks for, and then makes, the same person wait for this one.

    Two workers adding the same carer at the same moment would otherwise both find no
    duplicate and both insert. On PostgreSQL this takes transaction-scoped advisory locks keyed
    on each name key with the date of birth (so names typed the other way round meet too), or
    on both name keys without one, and on the NHS number; they are released when the
    transaction ends. SQLite needs none: its transactions begin IMMEDIATE (settings), so writers
    already take turns. Outside a transaction (a search, a page being shown) it does nothing.
    """
    if connection.vendor != "postgresql" or not connection.in_atomic_block:
        return
    keys = {f"nhs:{nhs_number}"} if nhs_number else set()
    if date_of_birth:
        keys |= {f"dob:{date_of_birth.isoformat()}:{key}" for key in (family_key, given_key) if key}
    elif family_key and given_key:
        keys.add("names:" + ":".join(sorted((family_key, given_key))))
    numbers = sorted(  # always in the same order, so two transactions cannot deadlock
        int.from_bytes(hashlib.blake2b(f"person:{key}".encode(), digest_size=8).digest(), "big", signed=True)
        for key in keys
    )
    with connection.cursor() as cursor:
        for number in numbers:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [number])


def possible_duplicates(*, given_name, family_name, date_of_birth=None, postcode=None, nhs_number=None, exclude_pk=None):
    """Existing people who may be this person, strongest match first.

    The database narrows by indexed keys (NHS number, name keys, date of birth,
    postcode); the pure matcher decides and explains. Inside a transaction, the check holds
    the identity lock (``hold_identity_lock``) until the transaction ends, so the person the
    view then makes cannot be made twice by two posts at once: create views run in one
    transaction (``core.idempotency.creates_once``).
    """
    new = matching.Candidate(
        id=exclude_pk,
        given_name=given_name,
        family_name=family_name,
        date_of_birth=date_of_birth,
        postcode=postcode or None,
        nhs_number=nhs_number or None,
    )
    # An empty key (a name with no Latin letters) would match every such name: leave it out.
    family_key = matching.name_key(family_name) or None
    given_key = matching.name_key(given_name) or None
    hold_identity_lock(family_key=family_key, given_key=given_key, date_of_birth=date_of_birth, nhs_number=nhs_number)
    query = Q(pk__in=[])
    if family_key and given_key:
        query |= Q(family_key=family_key, given_key=given_key)
    if nhs_number:
        query |= Q(nhs_number=nhs_number)
    for key_field, key in (("family_key", family_key), ("given_key", given_key)):
        if not key:
            continue
        if date_of_birth:
            query |= Q(date_of_birth=date_of_birth, **{key_field: key})
        if postcode:
            query |= Q(postcode=postcode, **{key_field: key})
    if date_of_birth and family_key and given_key:
        # Names typed the other way round: first name where the last name should be.
        query |= Q(date_of_birth=date_of_birth, family_key=given_key)
    # A common name shares its keys with hundreds of people at scale ("John Smith" with every
    # Jane, Jean and Joan Smith), so the cap keeps the candidates with the most evidence,
    # not the first in alphabetical order.
    evidence = []
    if nhs_number:
        evidence.append(Q(nhs_number=nhs_number))
    if date_of_birth:
        evidence.append(Q(date_of_birth=date_of_birth))
    if postcode:
        evidence.append(Q(postcode=postcode))
    if date_of_birth:
        evidence.append(Q(date_of_birth__isnull=True))  # no date to conflict with
    candidates = Person.objects.filter(query).exclude(pk=exclude_pk)
    if evidence:
        strongest = Case(
            *(When(q, then=Value(i)) for i, q in enumerate(evidence)),
            default=Value(len(evidence)),
            output_field=IntegerField(),
        )
        candidates = candidates.order_by(strongest, "family_name", "given_name", "pk")
    people = {p.pk: p for p in candidates[:MAX_CANDIDATES]}
    ranked = matching.rank_matches(new, (p.as_candidate() for p in people.values()))
    return [(people[candidate.id], result) for candidate, result in ranked]


def _save_versioned(instance, form, actor):
    """Save a form's changes only if nobody else saved the record since the form was opened."""
    expected = form.cleaned_data["version"]
    claim_version(instance, expected)
    instance = form.save(commit=False)
    instance.version = expected + 1
    instance.save()
    return instance


@transaction.atomic
def create_carer(person: Person, *, actor, is_parent_carer=False, case_worker=None, identified_from=None) -> Person:
    """Save a new person (not yet saved) and identify them as a carer.

    ``identified_from`` says where the carer was found, for the event: ``{"contact_id": ...}``
    from the front door, ``{"self_assessment_id": ...}`` from a self-assessment.
    """
    person.created_by = actor
    person.save()
    record_event(EventKind.PERSON_CREATED, actor=actor, person=person, obj=person)
    identify_as_carer(
        person, actor=actor, is_parent_carer=is_parent_carer, case_worker=case_worker, identified_from=identified_from
    )
    return person


@transaction.atomic
def identify_as_carer(person: Person, *, actor, is_parent_carer=False, case_worker=None, identified_from=None):
    """Give an existing person a carer profile (they are now known as a carer)."""
    carer = CarerProfile.objects.create(person=person, is_parent_carer=is_parent_carer, case_worker=case_worker)
    person.carer = carer
    record_event(
        EventKind.CARER_IDENTIFIED,
        actor=actor,
        person=person,
        obj=carer,
        data={"contact_id": None, **(identified_from or {}), "carer_type": carer.carer_type()},
    )
    return carer


def visible_matches(user, **details):
    """possible_duplicates() this user could find in a search: a partner learns of nobody new through a warning."""
    found = possible_duplicates(**details)
    pks = [p.pk for p, _r in found]
    findable = set(Person.objects.findable_by(user).filter(pk__in=pks).values_list("pk", flat=True))
    return [(p, r) for p, r in found if p.pk in findable]


@transaction.atomic
def update_person(form, *, actor) -> Person:
    fields = changed_fields(form)
    person = _save_versioned(form.instance, form, actor)
    if fields:
        record_event(EventKind.PERSON_CHANGED, actor=actor, person=person, obj=person, data={"fields": fields})
    return person


@transaction.atomic
def update_carer(form, *, actor) -> CarerProfile:
    fields = changed_fields(form)
    carer = _save_versioned(form.instance, form, actor)
    if fields:
        record_event(EventKind.CARER_CHANGED, actor=actor, person=carer.person, obj=carer, data={"fields": fields})
    return carer


@transaction.atomic
def add_cared_for(carer: Person, *, cared_for: Person | None, person_form, relationship_form, actor):
    """Link a cared-for person to a carer, making the cared-for person's record if needed."""
    if cared_for is None:
        cared_for = person_form.save(commit=False)
        cared_for.created_by = actor
        if person_form.cleaned_data.get("same_address"):
            for name in ("address_line_1", "address_line_2", "town", "postcode", "area"):
                setattr(cared_for, name, getattr(carer, name))
        cared_for.save()
        record_event(EventKind.PERSON_CREATED, actor=actor, person=cared_for, obj=cared_for)
    relationship = relationship_form.save(commit=False)
    relationship.carer = carer
    relationship.cared_for = cared_for
    relationship.save()
    record_event(
        EventKind.CARING_ADDED,
        actor=actor,
        person=carer,
        obj=relationship,
        data={"hours_band": relationship.hours_band, "relationship": relationship.relationship},
    )
    return relationship


@transaction.atomic
def record_consent(form, person, *, actor) -> Consent:
    consent = form.save(commit=False)
    consent.person = person
    consent.recorded_by = actor
    consent.save()
    record_event(
        EventKind.CONSENT_GIVEN,
        actor=actor,
        person=person,
        obj=consent,
        data={"organisation_id": consent.organisation_id, "purpose": consent.purpose},
    )
    return consent


@transaction.atomic
def withdraw_consent(consent: Consent, *, actor, on) -> Consent:
    updated = Consent.objects.filter(pk=consent.pk, withdrawn_on__isnull=True).update(
        withdrawn_on=on, withdrawn_recorded_by=actor
    )
    if updated:
        consent.refresh_from_db()
        record_event(EventKind.CONSENT_WITHDRAWN, actor=actor, person=consent.person, obj=consent)
    return consent


def caring_shown_with(user, person: Person) -> tuple[list, list, list]:
    """Whom the person cares for and who cares for them (``relationships_of``), and those people,
    with whether ``user`` may open each of them answered for the page's links.

    When the request already knows the user works with the person (reasons 2 to 4, from their
    row), each of the others is related under reason 7, and no query is needed.
    """
    cares_for, cared_for_by = relationships_of(person)
    others = [r.cared_for for r in cares_for] + [r.carer for r in cared_for_by]
    if others and not relationships.answer_through_caring(user, person.pk, others):
        answer_open_for(user, others)
    return cares_for, cared_for_by, others


# Compiled once per process: every person page runs it (core/queries.py, decision 65).
_CARING_OF = Prepared(
    lambda pk: CaringRelationship.objects.filter(Q(carer_id=pk) | Q(cared_for_id=pk))
    .select_related("carer", "cared_for")
    .order_by("pk"),
    name="caring relationships of a person",
)


def relationships_of(person: Person) -> tuple[list, list]:
    """Whom the person cares for, and who cares for them, oldest first: one query for both, read once
    for the page about them (the Caring part and the timeline's entries both show them)."""

    def load():
        rows = _CARING_OF(person.pk)
        return [r for r in rows if r.carer_id == person.pk], [r for r in rows if r.cared_for_id == person.pk]

    return sections.read_once(person, "caring_relationships", load)


def home_items(user):
    items = []
    if user.has_perm(SEARCH_PEOPLE):
        items.append(Shortcut(reverse("people:search"), _("Find a carer or cared-for person"), order=10))
    if user.has_perm(ADD_PERSON):
        items.append(Shortcut(reverse("people:new_carer"), _("Add a carer record"), order=20))
    if user.has_perm(REVIEW_ACCESS_REASONS):
        to_review = AccessGrant.objects.to_review_by(user).count()
        text = _("Records opened outside a relationship, to review")
        items.append(WorkQueue(reverse("people:access_reasons"), text, to_review, order=90))
    return items
