"""Who has a legitimate relationship with a person's record: the one place that says so.

Health and care records may be opened only by those who work with the person (the common law
duty of confidentiality and UK GDPR Article 5(1)(b)/(f) and Article 9(2)(h): processing for
the provision of health or social care). Every query that lists or opens a person, and every
query that reaches a person through another record (an assessment, a plan, a contact),
starts from here.

A member of staff has a relationship with a person when:

1. **Region-wide front door**: they work at the carers centre, the region's one front door for
   every carer (SERVICE-MODEL: the integrated service finds, listens to and supports carers
   across the region; its front door workers and the managers and practitioners behind them
   pick up any carer who gets in touch).
2. **Case worker**: they are the carer's named case worker.
3. **Team**: the case worker belongs to their organisation.
4. **Council of residence**: they work for the council of the area the person lives in.
5. **Assessing council**: their organisation has assessed the carer.
6. **An accepted referral, under consent** (decision 36): their organisation accepted (or has
   completed) a referral of the person, and the person has an active consent to share with it
   for the referral's purpose.
   Accepting a referral gives the organisation the carer's shared summary; withdrawing the
   consent (or its end) ends that access at once, whatever became of the referral. A referral
   sent under a recorded lawful exception (safeguarding, vital interests, a legal duty) gives
   access while it is accepted and not yet completed, consent or not. Consent alone, without a
   referral accepted, opens nothing. This is the only reason open to partner workers.
7. **The caring relationship**: the person cares for, or is cared for by, someone they have a
   relationship with under 2 to 5 (the cared-for person on a carer's page). Not under 6: a
   partner who may see a carer does not thereby see the cared-for person's health.
8. **Break glass**: they gave a reason to open this record outside 1 to 7, for a working day;
   the reason is logged and a manager reviews it (``AccessGrant``).

Commissioners and administrators have no relationship with anyone: they see counts and
accounts, never a carer's record.
"""

import threading

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Now
from django.utils import timezone
from django.utils.functional import LazyObject, empty

from carershub.accounts.models import SERVICE_ROLES, Role

BREAK_GLASS_HOURS = 12


def works_region_wide(user) -> bool:
    """The carers centre's service staff find and open every carer of the region (reason 1)."""
    org = user.organisation
    return user.has_role(*SERVICE_ROLES) and org is not None and org.kind == org.Kind.CARERS_CENTRE


def can_find_region_wide(user) -> bool:
    """Service workers search the whole region (so nobody is recorded twice); partners only their own."""
    return user.is_authenticated and user.has_role(*SERVICE_ROLES)


def _worked_with(user, org, person="pk", path=""):
    """Reasons 2 to 5 as a filter on a person: case worker, their team, the assessing council, the
    council of residence. ``person`` names the person's id in the query being filtered ("pk" on
    Person itself, "carer" on a caring relationship) and ``path`` the way to their row.

    Each reason is its own EXISTS (or a plain column test), so the database answers it from one
    index without joining the person's assessments or profile into one wide row first.
    """
    from carershub.people.models import CarerProfile, Person

    profile = CarerProfile.objects.filter(person=OuterRef(person))
    # With an organisation, "their case worker is this user" is inside "their case worker works
    # here" (the user works here), so one test: and every colleague's filter is the same SQL, so
    # a count of it can be shared (core.workqueues.shared_count).
    # By their ids, not the user's and organisation's objects: related_q keeps the filter for
    # later requests, and it must hold no object of this one.
    team = Q(case_worker_id=user.pk) if org is None else Q(case_worker__organisation_id=org.pk)
    q = Q(Exists(profile.filter(team)))
    if org is not None:
        # Assessments belong to an app above this one; their model is reached through the relation.
        assessment = Person._meta.get_field("assessments").related_model
        q |= Q(Exists(assessment.objects.filter(carer=OuterRef(person), assessing_organisation_id=org.pk)))
        if org.kind == org.Kind.COUNCIL and org.area_id:
            q |= Q(**{f"{path}area_id": org.area_id})
    return q


_MEMO = "_carershub_relationships"


def _memo(user) -> dict:
    """What this request has already worked out about ``user``'s relationships.

    It lives on the user object, which lives for one request, so nothing is carried from one
    request to the next (a reason given in one request is seen by the next).
    """
    if isinstance(user, LazyObject):
        # request.user is a lazy wrapper; the permission rules are handed the user inside it.
        if user._wrapped is empty:
            user._setup()
        user = user._wrapped
    return user.__dict__.setdefault(_MEMO, {})


def related_q(user) -> Q | None:
    """A filter on Person for everybody ``user`` has a relationship with (reasons 1-7).

    None means everybody (the region-wide front door); ``Q(pk__in=[])`` means nobody. Each reason
    is an EXISTS on the person's own row or links, so checking one person costs a few index
    lookups, however many people the organisation works with. Built once per user and day in a
    process (``_kept``), and read once per request.
    """
    if not user.is_authenticated:
        return Q(pk__in=[])
    memo = _memo(user)
    if "related_q" not in memo:
        memo["related_q"] = _kept(user).related
    return memo["related_q"]


# The filters of every reason built lately, by what each is built from (DEVELOPERS.md decision 75).
# A practitioner's search asks it for the results outside their own council, and building it took
# about a seventh of the page. It is a filter, not an answer: the database still tests each person
# against the rows as they are (referrals, consents, case workers, caring relationships), so
# nothing a user may see is kept here. Reason 8 (a reason given) is never in the filter: granted_q
# is built for each request with the time of the request, and open_among's compiled question tests
# it against the database's clock.
_KEPT_FILTERS: dict = {}
# Users: a kept filter with its two compiled "which of these" questions is about 290 KiB of Python
# objects (tracemalloc, on the national benchmark's data), so at most about 20 MB a process.
_KEPT_MOST = 64
_KEPT_LOCK = threading.Lock()


def _filter_key(user) -> tuple:
    """Everything ``_related_q`` reads: the user's id and roles, their organisation's id, kind and
    area, and today (a consent is active on a day). A change to any of them builds a new filter."""
    org = user.organisation
    return (
        user.pk,
        frozenset(user.role_codes),
        None if org is None else (org.pk, org.kind, org.area_id),
        timezone.localdate(),
    )


class _Kept:
    """One user's filter of reasons 1 to 7, and the question "which of these may they open" built
    on it, compiled once per number of people asked about (``open_among``)."""

    __slots__ = ("related", "open_queries")

    def __init__(self, related):
        self.related = related
        self.open_queries = {}


def _kept(user) -> _Kept:
    key = _filter_key(user)
    kept = _KEPT_FILTERS.get(key)
    if kept is None:
        kept = _Kept(_related_q(user))
        with _KEPT_LOCK:
            if len(_KEPT_FILTERS) >= _KEPT_MOST:
                _KEPT_FILTERS.clear()  # yesterday's and long-gone users' go with the rest
            _KEPT_FILTERS[key] = kept
    return kept


# How many people one compiled "which of these" question takes: a page's people are padded to the
# next of these by repeating one, so a user needs two compiled questions, not one per count (a
# search page of 25 asks about up to 25; a person's page about the few shown with them).
OPEN_AMONG_SIZES = (4, 32)


def open_among(user, pks) -> set[int]:
    """Which of ``pks`` ``user`` may open (reasons 1 to 8): ``Person.objects.visible_to(user)``
    among them, asked in one query compiled once per user, day and size (decision 75).

    Reason 8 is tested with the database's clock (``Now()``), so the compiled query holds no time.
    More people than the largest size are asked through the ORM, as before.
    """
    from carershub.core.queries import Prepared
    from carershub.people.models import Person

    pks = list(pks)
    if not pks or not user.is_authenticated:
        return set()
    kept = _kept(user)
    if kept.related is None:  # everybody (reason 1)
        return set(pks)
    size = next((n for n in OPEN_AMONG_SIZES if n >= len(pks)), None)
    if size is None:
        return set(Person.objects.visible_to(user).filter(pk__in=pks).values_list("pk", flat=True))
    query = kept.open_queries.get(size)
    if query is None:
        visible = kept.related | _granted_now_q(user.pk)
        query = kept.open_queries.setdefault(
            size,
            Prepared(
                lambda *marks: Person.objects.filter(visible).filter(pk__in=marks).only("pk").order_by(),
                name=f"open_among[{size}]",
            ),
        )
    padded = pks + [pks[0]] * (size - len(pks))
    return {person.pk for person in query(*padded)}


def relates_to_everybody(user) -> bool:
    """Whether ``related_q(user)`` is None (reason 1), without building the filter of the others."""
    return user.is_authenticated and works_region_wide(user)


def works_with_on_record(user, person) -> bool:
    """Reasons 2 to 4, read from the person's own row and carer profile already loaded (with
    ``select_related("carer__case_worker")``): their case worker, the case worker's organisation,
    the council of the area they live in. The same tests as ``_worked_with`` makes in SQL, on the
    same columns. True means the user works with them; False only that these three reasons do not
    say so, and the database must be asked about the others (5 to 8).

    A council practitioner opening a resident of their area (most of their work) is answered here,
    without planning the query of every reason: about 3 ms of PostgreSQL's planning per question
    at a million people, which a page asked twice (the person and the people they care for).
    """
    if not (user.is_authenticated and user.has_role(*SERVICE_ROLES)):
        return False
    org = user.organisation
    if org is not None and org.kind == org.Kind.COUNCIL and org.area_id and person.area_id == org.area_id:
        return True
    profile = person.carer if hasattr(person, "carer") else None
    if profile is None or profile.case_worker_id is None:
        return False
    if profile.case_worker_id == user.pk:
        return True
    return org is not None and profile.case_worker.organisation_id == org.pk


def remember_worked_with(user, person_pk: int) -> None:
    """The user works with this person under reasons 2 to 4, read from their row (not 5 to 8)."""
    remember(user, person_pk, related=True, opened=True)
    _memo(user).setdefault("worked_with", set()).add(person_pk)


def answer_through_caring(user, person_pk: int, others) -> bool:
    """Answer "related" and "open" for ``others``, each in a caring relationship with the person, when
    this request already knows the user works with the person under 2 to 4: then each of them is
    related under reason 7 (cares for, or is cared for by, someone worked with). False when it
    does not know that, and the database must be asked. The caller vouches that ``others`` are the
    person's caring relationships: only ``people.services.caring_shown_with`` calls it, with the rows
    it has just read."""
    if person_pk not in _memo(user).get("worked_with", ()):
        return False
    for other in others:
        remember(user, other.pk, related=True, opened=True)
    return True


def answer(user, question: str, person_pk: int, ask) -> bool:
    """``question`` ("open" or "related") about one person, asked of the database once per request.

    A page asks the same of one person several times (menus, buttons, sections), and each
    answer costs a query; ``ask()`` is called only the first time.
    """
    answers = _memo(user).setdefault("answers", {})
    key = (question, person_pk)
    if key not in answers:
        answers[key] = bool(ask())
    return answers[key]


def remember(user, person_pk: int, *, related: bool, opened: bool) -> None:
    """Answers already known from a query that loaded the person (people.services.visible_person_or_404)."""
    answers = _memo(user).setdefault("answers", {})
    answers[("related", person_pk)] = related
    answers[("open", person_pk)] = opened


def remember_one(user, question: str, person_pk: int, value: bool) -> None:
    _memo(user).setdefault("answers", {})[(question, person_pk)] = value


def answered(user, question: str, person_pk: int) -> bool | None:
    """The answer this request already has to ``question`` about one person, or None."""
    return _memo(user).get("answers", {}).get((question, person_pk))


def known(user, question: str) -> list[int]:
    """The people this request already has an answer to ``question`` for."""
    return [pk for (asked, pk) in _memo(user).get("answers", {}) if asked == question]


# Referral statuses (referrals/flow.py, an app above this one, named here as plain values).
REFERRAL_ACCEPTED = "accepted"
REFERRAL_COMPLETED = "completed"
REFERRAL_UNDER_CONSENT = "consent"


def shared_by_referral_q(org, person="pk") -> Q:
    """Reason 6 as a filter on a person: an accepted or completed referral to ``org`` and an active
    consent to it; or an accepted referral under a recorded exception. Each an EXISTS on one index."""
    from carershub.people.models import Consent, Person

    # Referrals belong to an app above this one; their model is reached through the relation.
    referral = Person._meta.get_field("referrals").related_model
    to_org = referral.objects.filter(person=OuterRef(person), to_organisation_id=org.pk)
    # The consent must be for the referral's own purpose (a consent to emergency planning does not
    # keep open a referral for support), still active today.
    its_consent = Consent.objects.active().filter(
        person=OuterRef("person"), organisation_id=org.pk, purpose=OuterRef("purpose")
    )
    consented = Exists(to_org.filter(status__in=[REFERRAL_ACCEPTED, REFERRAL_COMPLETED]).filter(Exists(its_consent)))
    excepted = Exists(to_org.filter(status=REFERRAL_ACCEPTED).exclude(lawful_basis=REFERRAL_UNDER_CONSENT))
    return Q(consented) | Q(excepted)


def _related_q(user) -> Q:
    """Reasons 1 to 7 for ``user``: what it reads of them is ``_filter_key``'s, and no more."""
    from carershub.people.models import CaringRelationship

    org = user.organisation
    if not user.has_role(*SERVICE_ROLES):
        partner = user.has_role(Role.PARTNER_WORKER) and org is not None
        return shared_by_referral_q(org) if partner else Q(pk__in=[])
    if works_region_wide(user):
        return None
    consent = shared_by_referral_q(org) if org is not None else Q(pk__in=[])
    own = _worked_with(user, org)
    # Reason 7: the person cares for, or is cared for by, someone worked with under 2 to 5 (not consent).
    cares_for_them = Exists(
        CaringRelationship.objects.filter(cared_for=OuterRef("pk")).filter(_worked_with(user, org, "carer", "carer__"))
    )
    cared_for_by_them = Exists(
        CaringRelationship.objects.filter(carer=OuterRef("pk")).filter(
            _worked_with(user, org, "cared_for", "cared_for__")
        )
    )
    return own | consent | Q(cares_for_them) | Q(cared_for_by_them)


def about_related(user, field: str, *, opened=False) -> Q | None:
    """A filter on another app's rows: the person in ``field`` (like "carer_id") is one ``user``
    works with (with ``opened``, or opened with a reason). None means every row.

    Written as an EXISTS on that one person's row, so the database tests only the rows the rest
    of the query leaves (a queue's overdue plans, a page of contacts). Written as "carer_id IN
    (everybody the user works with)" it worked out that list for the whole region first: seconds
    for a council at a million people.
    """
    from carershub.people.models import Person

    related = related_q(user)
    if related is None:
        return None
    if opened:
        related = related | granted_q(user)
    return Q(Exists(Person.objects.filter(pk=OuterRef(field)).filter(related)))


def granted_q(user) -> Q:
    """People this user opened by giving a reason, while the grant lasts (reason 8)."""
    from carershub.people.models import AccessGrant

    if not user.is_authenticated:
        return Q(pk__in=[])
    return Q(Exists(AccessGrant.objects.active().filter(user=user, person=OuterRef("pk"))))


def _granted_now_q(user_pk: int) -> Q:
    """``granted_q`` with the database's clock instead of this request's: the same grants, in a
    query that can be compiled once and run later."""
    from carershub.people.models import AccessGrant

    return Q(Exists(AccessGrant.objects.filter(user_id=user_pk, person=OuterRef("pk"), expires_at__gt=Now())))


def grant_expiry(now=None):
    return (now or timezone.now()) + timezone.timedelta(hours=BREAK_GLASS_HOURS)
