"""Contingency plans, emergency cards, look-ups by card number and emergency response episodes.

Each operation is one transaction that writes its activity event (decision 6). Cards carry only
their number and the response line; the number opens the plan for an emergency responder who gives
a reason, and every look-up, found or not, is an event (and, when found, a row of the access log).
"""

import datetime
import math

from django.core import signing
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from carershub.activity.models import Event, EventKind
from carershub.activity.services import record_event
from carershub.audit.models import AccessAction, AccessPart
from carershub.audit.services import record_access
from carershub.core import ukdata
from carershub.core.locking import claim_version, update_if
from carershub.core.workqueues import Shortcut, WorkQueue
from carershub.people.services import about_related
from carershub.support.emergency import cardnumber
from carershub.support.emergency.models import (
    MAX_CONTACTS,
    ContingencyPlan,
    EmergencyCard,
    EmergencyContact,
    EmergencyEpisode,
    ResponseLine,
)
from carershub.support.emergency.rules import LOOK_UP_CARD, VIEW_EMERGENCY_QUEUE

PLAN_LABEL = "emergency.contingencyplan"
REVIEW_MONTHS = 12
REVIEW_DUE_WINDOW_DAYS = 28
# A responder may record a call-out for a plan they looked up within this time (one night's shift and more).
LOOKED_UP_WITHIN = datetime.timedelta(hours=12)
# Wrong card numbers: the first few are free, then each look-up waits 2, 4, 8 ... seconds, at most
# 15 minutes, for a day. With 10^11 numbers and a few thousand cards, walking the space would take
# centuries; a mistyped number (the check digit) is not counted: it says nothing about any card.
FREE_WRONG_NUMBERS = 5
WAIT_CAP = 15 * 60
COUNT_FOR = 24 * 60 * 60
_THROTTLE = "carershub:emergency-lookup"
_LINK_SALT = "carershub.emergency.card-link"


class CardExists(Exception):
    """The carer already has a card in use."""


class NoPlan(Exception):
    """A card needs a contingency plan first."""


# --- The response line --------------------------------------------------------------------


def line_for(area_id) -> ResponseLine | None:
    """The area's own line, else the region-wide default (no area)."""
    where = Q(area__isnull=True) | Q(area_id=area_id) if area_id else Q(area__isnull=True)
    lines = sorted(ResponseLine.objects.filter(where), key=lambda line: line.area_id is None)
    return lines[0] if lines else None


# --- Contingency plans ---------------------------------------------------------------------


def default_review_by(today: datetime.date | None = None) -> datetime.date:
    """Twelve months on (29 February becomes 28 February)."""
    return ukdata.years_after(today or timezone.localdate(), 1)


def plan_of(person) -> ContingencyPlan | None:
    return (
        ContingencyPlan.objects.select_related("cared_for__cared_for", "written_by", "updated_by")
        .prefetch_related("contacts")
        .filter(carer=person)
        .first()
    )


def _write_contacts(plan, contacts):
    plan.contacts.all().delete()
    rows = [EmergencyContact(plan=plan, position=i, **c) for i, c in enumerate(contacts[:MAX_CONTACTS], start=1)]
    if len(contacts) > MAX_CONTACTS:
        raise ValueError(f"at most {MAX_CONTACTS} emergency contacts")
    EmergencyContact.objects.bulk_create(rows)


@transaction.atomic
def write_plan(carer, *, data: dict, contacts: list[dict], actor, expected_version=None) -> ContingencyPlan:
    """Write the carer's plan (the first time) or change it (at the version the form was opened at).

    Raises StaleRecordError when somebody else saved it first, and IntegrityError when somebody
    else wrote the first plan at the same moment (the carer's plan is unique).
    """
    now = timezone.now()
    plan = ContingencyPlan.objects.filter(carer=carer).first()
    if plan is None:
        with transaction.atomic():
            plan = ContingencyPlan.objects.create(
                carer=carer, written_by=actor, updated_by=actor, written_at=now, updated_at=now, **data
            )
        new = True
    else:
        if expected_version is None:
            raise IntegrityError("a plan exists: change it at its version")
        claim_version(plan, expected_version)
        for name, value in data.items():
            setattr(plan, name, value)
        plan.updated_at, plan.updated_by = now, actor
        plan.save(update_fields=[*data, "updated_at", "updated_by"])
        new = False
    _write_contacts(plan, contacts)
    record_event(
        EventKind.CONTINGENCY_PLAN_WRITTEN,
        actor=actor,
        person=carer,
        obj=plan,
        data={"new": int(new), "contacts": len(contacts)},
    )
    return plan


def _related(queryset, user):
    related = about_related(user, "carer_id")
    return queryset if related is None else queryset.filter(related)


def plans_due_for_review(user, today=None):
    """Plans whose review date is within the window or past, of carers the user works with (decision 22)."""
    today = today or timezone.localdate()
    due = ContingencyPlan.objects.filter(review_by__lte=today + datetime.timedelta(days=REVIEW_DUE_WINDOW_DAYS))
    return _related(due, user).select_related("carer").order_by("review_by", "pk")


# --- Cards -------------------------------------------------------------------------------


def live_card(person) -> EmergencyCard | None:
    return EmergencyCard.objects.filter(carer=person, status=EmergencyCard.Status.LIVE).first()


def _new_card(plan, *, actor, replaces=None) -> EmergencyCard:
    for _attempt in range(10):
        number = cardnumber.new_number()
        if EmergencyCard.objects.filter(number=number).exists():
            continue
        try:
            with transaction.atomic():
                return EmergencyCard.objects.create(
                    plan=plan, carer_id=plan.carer_id, number=number, issued_by=actor, replaces=replaces
                )
        except IntegrityError:
            if live_card(plan.carer_id) is not None:
                raise CardExists from None
            continue  # the same random number at the same moment: draw again
    raise RuntimeError("no unused card number found")  # pragma: no cover - 10^11 numbers


@transaction.atomic
def issue_card(plan, *, actor) -> EmergencyCard:
    if plan is None:
        raise NoPlan
    if live_card(plan.carer_id) is not None:
        raise CardExists
    card = _new_card(plan, actor=actor)
    record_event(EventKind.EMERGENCY_CARD_ISSUED, actor=actor, person=plan.carer, obj=card, data={"reissued": 0})
    return card


@transaction.atomic
def cancel_card(card, *, reason: str, actor, expected_version: int, reissue: bool) -> EmergencyCard | None:
    """Cancel a card (lost, stolen, no longer needed); with ``reissue``, a new card under a new number.

    The old number then opens nothing: the look-up and the carer's link answer as for an unknown number.
    """
    now = timezone.now()
    update_if(
        EmergencyCard,
        card.pk,
        expect={"version": expected_version, "status": EmergencyCard.Status.LIVE},
        status=EmergencyCard.Status.CANCELLED,
        cancelled_at=now,
        cancelled_by=actor,
        cancel_reason=reason,
        version=expected_version + 1,
    )
    card.status, card.cancelled_at, card.cancel_reason = EmergencyCard.Status.CANCELLED, now, reason
    card.version = expected_version + 1
    record_event(
        EventKind.EMERGENCY_CARD_CANCELLED,
        actor=actor,
        person=card.plan.carer,
        obj=card,
        data={"reissued": int(reissue)},
    )
    if not reissue:
        return None
    new = _new_card(card.plan, actor=actor, replaces=card)
    record_event(EventKind.EMERGENCY_CARD_ISSUED, actor=actor, person=card.plan.carer, obj=new, data={"reissued": 1})
    return new


def card_or_404(pk) -> EmergencyCard:
    card = EmergencyCard.objects.select_related("plan__carer__area").filter(pk=pk).first()
    if card is None:
        raise Http404
    return card


def card_link(card) -> str:
    """The carer's own link to their card's phone page: signed, unguessable, no sign-in needed."""
    token = signing.dumps({"c": card.pk, "k": card.link_key}, salt=_LINK_SALT)
    return reverse("emergency:phone_card", args=[token])


def card_from_link(token: str) -> EmergencyCard | None:
    """The live card the link names; None for a link that was tampered with or a cancelled card."""
    try:
        value = signing.loads(token, salt=_LINK_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(value, dict):
        return None
    return (
        EmergencyCard.objects.select_related("carer__area")
        .filter(pk=value.get("c"), link_key=value.get("k"), status=EmergencyCard.Status.LIVE)
        .first()
    )


def card_languages(card) -> list[str]:
    """In Wales a card is Welsh and English, Welsh first; in England, English."""
    area = card.carer.area if card.carer.area_id else None
    return ["cy", "en-gb"] if area is not None and area.nation == "wales" else ["en-gb"]


# --- Looking a plan up by card number --------------------------------------------------------


class LookUp:
    """What a look-up found: ``status`` is one of FOUND, UNKNOWN, MISTYPED, MALFORMED, WAIT."""

    FOUND, UNKNOWN, MISTYPED, MALFORMED, WAIT = "found", "unknown", "mistyped", "malformed", "wait"

    def __init__(self, status, *, card=None, wait=0):
        self.status, self.card, self.wait = status, card, wait

    @property
    def plan(self):
        return self.card.plan if self.card is not None else None


def _wrong_key(user) -> str:
    return f"{_THROTTLE}:wrong:{user.pk}"


def lookup_wait(user) -> int:
    """Seconds this user must wait before another look-up (0: go ahead, and the opening is claimed).

    Once waits apply, each opening may be used by one look-up: several sent at the same moment get
    one between them (as accounts/throttling.py does for passwords), so a burst cannot walk the numbers.
    """
    wrong = cache.get(_wrong_key(user), 0)
    wait = cardnumber.lookup_wait(wrong, free=FREE_WRONG_NUMBERS, cap=WAIT_CAP)
    if not wait:
        return 0
    last = cache.get(f"{_THROTTLE}:last:{user.pk}", 0)
    left = last + wait - timezone.now().timestamp()
    if left > 0:
        return math.ceil(left)
    if not cache.add(f"{_THROTTLE}:claim:{user.pk}:{wrong}:{last}", True, 60):
        return 1
    return 0


def _count_wrong(user) -> None:
    key = _wrong_key(user)
    cache.add(key, 0, COUNT_FOR)
    try:
        cache.incr(key)
    except ValueError:
        cache.add(key, 1, COUNT_FOR)
    cache.set(f"{_THROTTLE}:last:{user.pk}", timezone.now().timestamp(), COUNT_FOR)


def look_up(request, typed: str, reason: str) -> LookUp:
    """Look a plan up by card number for an emergency responder, logging it whatever is found.

    Found: an access-log row (action "emergency", part "contingency plan", the reason as purpose)
    and an EMERGENCY_CARD_LOOKED_UP event about the carer. Not found: the event with no person.
    A cancelled card's number is unknown. A wrong number counts toward the user's waits.
    """
    user = request.user
    if not user.has_perm(LOOK_UP_CARD):
        raise Http404
    status, number = cardnumber.read(typed)
    if status == cardnumber.MALFORMED:
        return LookUp(LookUp.MALFORMED)
    if status == cardnumber.MISTYPED:
        with transaction.atomic():
            record_event(EventKind.EMERGENCY_CARD_LOOKED_UP, actor=user, data={"found": 0, "mistyped": 1})
        return LookUp(LookUp.MISTYPED)
    wait = lookup_wait(user)
    if wait:
        return LookUp(LookUp.WAIT, wait=wait)
    card = (
        EmergencyCard.objects.select_related("plan__carer__area", "plan__cared_for__cared_for")
        .filter(number=number, status=EmergencyCard.Status.LIVE)
        .first()
    )
    with transaction.atomic():
        if card is None:
            _count_wrong(user)
            record_event(EventKind.EMERGENCY_CARD_LOOKED_UP, actor=user, data={"found": 0, "mistyped": 0})
            return LookUp(LookUp.UNKNOWN)
        carer = card.plan.carer
        record_access(request, carer, action=AccessAction.EMERGENCY, part=AccessPart.CONTINGENCY_PLAN, purpose=reason)
        record_event(EventKind.EMERGENCY_CARD_LOOKED_UP, actor=user, person=carer, obj=card.plan, data={"found": 1})
    return LookUp(LookUp.FOUND, card=card)


def looked_up_recently(user, plan) -> bool:
    """Did this responder look this plan up by its card in the last hours (what lets them record a call-out)?"""
    return Event.objects.filter(
        kind=EventKind.EMERGENCY_CARD_LOOKED_UP,
        actor=user,
        object_type=PLAN_LABEL,
        object_id=plan.pk,
        occurred_at__gte=timezone.now() - LOOKED_UP_WITHIN,
    ).exists()


# --- Emergency response episodes ----------------------------------------------------------------


@transaction.atomic
def record_call_out(plan, *, data: dict, actor) -> EmergencyEpisode:
    episode = EmergencyEpisode.objects.create(plan=plan, carer_id=plan.carer_id, recorded_by=actor, **data)
    record_event(
        EventKind.EMERGENCY_CALL_OUT, actor=actor, person=plan.carer, obj=episode, data={"minutes": episode.minutes}
    )
    return episode


@transaction.atomic
def close_episode(episode, *, data: dict, actor, expected_version: int) -> EmergencyEpisode:
    """Close a call-out with its outcome, the hours of support given and the carer's follow-up."""
    now = timezone.now()
    update_if(
        EmergencyEpisode,
        episode.pk,
        expect={"version": expected_version, "closed_at__isnull": True},
        closed_at=now,
        closed_by=actor,
        version=expected_version + 1,
        **data,
    )
    episode.refresh_from_db()
    record_event(
        EventKind.EMERGENCY_CLOSED,
        actor=actor,
        person=episode.plan.carer,
        obj=episode,
        data={"minutes": episode.minutes},
    )
    return episode


def open_episodes(user):
    episodes = EmergencyEpisode.objects.filter(closed_at__isnull=True)
    return _related(episodes, user).select_related("carer", "recorded_by").order_by("called_out_at", "pk")


def episode_or_404(pk) -> EmergencyEpisode:
    episode = (
        EmergencyEpisode.objects.select_related("plan__carer__area", "recorded_by", "closed_by").filter(pk=pk).first()
    )
    if episode is None:
        raise Http404
    return episode


# --- Home page, subject access and erasure -------------------------------------------------------


def home_items(user):
    items = []
    if user.has_perm(LOOK_UP_CARD):
        items.append(
            Shortcut(reverse("emergency:lookup"), _("Look up a plan by emergency card number"), order=1, primary=True)
        )
    if user.has_perm(VIEW_EMERGENCY_QUEUE):
        queue = reverse("emergency:queue")
        items.append(WorkQueue(queue, _("Emergency responses open"), open_episodes(user).count(), order=75))
        items.append(
            WorkQueue(queue, _("Contingency plans due for review"), plans_due_for_review(user).count(), order=76)
        )
    return items


def for_subject_access(person):
    """Everything held about the person here, oldest first: their plan (with its contacts), cards and call-outs.

    The plan also names the person cared for and up to three emergency contacts: other people's
    details, for privacy's reviewer to highlight or withhold.
    """
    return {
        "contingency_plans": ContingencyPlan.objects.filter(carer=person)
        .select_related("cared_for__cared_for", "written_by", "updated_by")
        .prefetch_related("contacts"),
        "emergency_cards": EmergencyCard.objects.filter(carer=person).order_by("issued_at", "pk"),
        "emergency_responses": EmergencyEpisode.objects.filter(carer=person)
        .select_related("recorded_by", "closed_by")
        .order_by("called_out_at", "pk"),
    }


def erase_of(person) -> dict:
    """Blank what was written about the person (privacy's erasure); the rows, dates, minutes and events stay.

    Cards in use are cancelled, so a number in a lost wallet opens nothing once the plan is blank.
    """
    plans = ContingencyPlan.objects.filter(carer=person)
    blank = {
        "needs_and_routines": "",
        "keys": "",
        "medication": "",
        "allergies": "",
        "gp_and_pharmacy": "",
        "care_services": "",
        "aids": "",
        "safe_alone": "",
        "communication": "",
        "pets": "",
        "carers_wishes": "",
    }
    return {
        "contingency_plans": plans.update(**blank),
        "emergency_contacts": EmergencyContact.objects.filter(plan__carer=person).delete()[0],
        "emergency_cards": EmergencyCard.objects.filter(carer=person, status=EmergencyCard.Status.LIVE).update(
            status=EmergencyCard.Status.CANCELLED, cancelled_at=timezone.now(), cancel_reason="erased"
        ),
        "emergency_responses": EmergencyEpisode.objects.filter(carer=person).update(
            called_by="", what_happened="", arranged_detail="", follow_up=""
        ),
    }
