"""Referrals and information-sharing agreements: each operation one transaction that leaves its event.

Sending checks the law in the transaction that creates the referral: the carer's consents to the
receiving organisation are read under a row lock (``select_for_update``), so a withdrawal being
saved at the same moment either commits first (and the send is refused) or waits for the send to
commit (and then ends the access the acceptance would give). The decision itself is lawful.py's.
Each later move follows flow.py and claims the referral's next version with the status it was
read in, so two workers accepting and declining at once: one wins, the other is told.
"""

import datetime

from django.db import transaction
from django.db.models import F, Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from carershub.accounts.models import SERVICE_ROLES, Role
from carershub.activity.models import EventKind
from carershub.activity.services import record_event
from carershub.core.locking import StaleRecordError, claim_version
from carershub.core.workqueues import Shortcut, WorkQueue
from carershub.partnership.models import Organisation
from carershub.people import relationships
from carershub.people.models import Consent, Person
from carershub.referrals import bankholidays, flow, lawful, workdays
from carershub.referrals.models import (
    WORKING_DAYS_TO_ACCEPT,
    LawfulBasis,
    Referral,
    SharedPart,
    SharingAgreement,
    Source,
)
from carershub.referrals.rules import MANAGE_SHARING_AGREEMENTS, VIEW_REFERRALS

EVENTS = {
    flow.SENT: EventKind.REFERRAL_SENT,
    flow.RECEIVED: EventKind.REFERRAL_RECEIVED,
    flow.ACCEPTED: EventKind.REFERRAL_ACCEPTED,
    flow.DECLINED: EventKind.REFERRAL_DECLINED,
    flow.COMPLETED: EventKind.REFERRAL_COMPLETED,
    flow.WITHDRAWN: EventKind.REFERRAL_WITHDRAWN,
}


class Refused(Exception):
    """The referral may not be sent (or moved): ``problem`` is a key of lawful.PROBLEMS (or
    REFUSALS in forms.py), ``field`` the form field it belongs on, ``params`` its placeholders."""

    def __init__(self, problem, field=None, **params):
        super().__init__(problem)
        self.problem = problem
        self.field = field
        self.params = params


# ---------------------------------------------------------------- who may see what


def organisations_offered(user=None):
    """Where a referral may go: active organisations of the partnership, never a commissioning body
    (an integrated care board or health board), never the sender's own."""
    found = Organisation.objects.filter(is_active=True).exclude(kind=Organisation.Kind.HEALTH_BOARD)
    if user is not None and user.organisation_id:
        found = found.exclude(pk=user.organisation_id)
    return found.order_by("name", "pk")


def visible_to(user):
    """Referrals the user's organisation sent or received; and, for a service worker, the referrals
    of the people they work with (a council sees where its carers were referred)."""
    if not user.is_authenticated or not user.has_perm(VIEW_REFERRALS):
        return Referral.objects.none()
    q = Q(pk__in=[])
    if user.organisation_id:
        q = Q(from_organisation_id=user.organisation_id) | Q(to_organisation_id=user.organisation_id)
    if user.has_role(*SERVICE_ROLES):
        related = relationships.about_related(user, "person_id")
        if related is None:  # the region-wide front door works with everybody
            return Referral.objects.all()
        q = q | related
    return Referral.objects.filter(q)


def referral_or_404(user, pk) -> Referral:
    return get_object_or_404(
        visible_to(user).select_related("person", "from_organisation", "to_organisation", "sent_by", "consent", "agreement"),
        pk=pk,
    )


def referrals_from(organisation):
    """Every referral an organisation sent (``organisation`` may be an OuterRef): what the settings
    that identify carers count beside their contacts (identification)."""
    return Referral.objects.filter(from_organisation=organisation)


def side(user, referral) -> str | None:
    """The part the user's organisation plays in this referral: flow.RECEIVER, flow.SENDER or None."""
    if not user.organisation_id:
        return None
    if referral.to_organisation_id == user.organisation_id:
        return flow.RECEIVER
    if referral.from_organisation_id == user.organisation_id:
        return flow.SENDER
    return None


def received_by(user):
    if not user.organisation_id:
        return Referral.objects.none()
    return Referral.objects.filter(to_organisation_id=user.organisation_id)


def sent_by_organisation(user):
    if not user.organisation_id:
        return Referral.objects.none()
    return Referral.objects.filter(from_organisation_id=user.organisation_id)


def overdue_for(user, today=None):
    """Referrals not accepted by their due day, sent or received by the user's organisation."""
    today = today or timezone.localdate()
    if not user.organisation_id:
        return Referral.objects.none()
    org = user.organisation_id
    return Referral.objects.filter(
        Q(from_organisation_id=org) | Q(to_organisation_id=org), status__in=flow.WAITING, due_on__lt=today
    )


def shared_carers(user):
    """The carers shared with the user's organisation: an accepted or completed referral to it and the
    access it gives (relationships.py reason 6: under consent, or an exception while accepted)."""
    if not user.organisation_id:
        return Person.objects.none()
    org = user.organisation
    return Person.objects.filter(relationships.shared_by_referral_q(org))


def plan_actions_for(user, limit=200):
    """Open support plan actions for the user's organisation, for the carers they work with: the same
    rule as support.services.actions_for_organisation (the home page's count). Plans are an app above
    this one: their models are reached through the person's relation, never imported."""
    if not user.organisation_id:
        return []
    plan = Person._meta.get_field("support_plans").related_model
    action = plan._meta.get_field("actions").related_model
    rows = action.objects.filter(organisation_id=user.organisation_id, plan__status="agreed", plan__ended_on__isnull=True)
    related = relationships.about_related(user, "plan__carer_id")
    if related is not None:
        rows = rows.filter(related)
    return list(rows.select_related("plan__carer").order_by(F("due_by").asc(nulls_last=True), "pk")[:limit])


def referral_for_shared_summary(user, person):
    """The referrals to the user's organisation whose shared parts the user sees now (reason 6)."""
    if not user.organisation_id:
        return []
    if not shared_carers(user).filter(pk=person.pk).exists():
        return []
    rows = Referral.objects.filter(
        person=person, to_organisation_id=user.organisation_id, status__in=flow.OPEN_ACCESS
    ).order_by("-sent_at")
    consented = Consent.objects.active().filter(person=person, organisation_id=user.organisation_id).exists()
    return [r for r in rows if consented or (r.lawful_basis != lawful.CONSENT and r.status == flow.ACCEPTED)]


def agreements_between(a_id, b_id):
    """Agreements in force that both organisations signed (offered on the referral form)."""
    return (
        SharingAgreement.objects.exclude(status="ended")
        .filter(parties=a_id)
        .filter(parties=b_id)
        .order_by("title", "pk")
    )


# ---------------------------------------------------------------- sending


def due_on(sent_on: datetime.date, urgency: str, organisation) -> datetime.date:
    """The day the receiving organisation must accept by: the urgency's working days after the day it
    was sent, skipping weekends and the bank holidays of the receiver's nation (England if unknown)."""
    holidays = bankholidays.around(organisation.nation, sent_on)
    return workdays.add_working_days(sent_on, WORKING_DAYS_TO_ACCEPT[urgency], holidays)


def _facts(consents):
    return [
        lawful.ConsentFact(
            id=c.pk, organisation_id=c.organisation_id, purpose=c.purpose, given_on=c.given_on,
            expires_on=c.expires_on, withdrawn_on=c.withdrawn_on,
        )
        for c in consents
    ]


def check(person, *, to_organisation, purpose, lawful_basis="consent", exception_reason="", legal_duty="", day=None):
    """The lawful decision without locking (to show the form's message before sending)."""
    consents = Consent.objects.filter(person=person, organisation=to_organisation)
    exception = lawful.Exception_(lawful_basis, exception_reason, legal_duty) if lawful_basis != lawful.CONSENT else None
    return lawful.decide(
        _facts(consents), organisation_id=to_organisation.pk, purpose=purpose, day=day or timezone.localdate(),
        exception=exception,
    )


def _locked_consents(person, organisation) -> list:
    """The carer's consents to ``organisation``, locked until the sending transaction ends: a withdrawal
    (an UPDATE of the same row) waits for the send to commit, or the send waits for it and sees it."""
    return list(Consent.objects.select_for_update().filter(person=person, organisation=organisation).order_by("pk"))


@transaction.atomic
def send(
    person, *, actor, to_organisation, reason, urgency, purpose, shared, lawful_basis="consent",
    exception_reason="", legal_duty="", agreement=None, service=None, source=Source.RECORD, source_id="",
) -> Referral:
    """Send a referral, or raise Refused. The consents relied on are locked until the transaction ends."""
    if actor.organisation_id is None:
        raise Refused("no_organisation")
    if (
        to_organisation.kind == Organisation.Kind.HEALTH_BOARD
        or not to_organisation.is_active
        or to_organisation.pk == actor.organisation_id
    ):
        raise Refused("not_offered", "to_organisation")
    if agreement is not None and not agreements_between(actor.organisation_id, to_organisation.pk).filter(pk=agreement.pk).exists():
        raise Refused("agreement_not_between", "agreement")
    today = timezone.localdate()
    consents = _locked_consents(person, to_organisation)
    exception = lawful.Exception_(lawful_basis, exception_reason, legal_duty) if lawful_basis != lawful.CONSENT else None
    decision = lawful.decide(_facts(consents), organisation_id=to_organisation.pk, purpose=purpose, day=today, exception=exception)
    if not decision.allowed:
        raise Refused(decision.problem, decision.field)
    referral = Referral.objects.create(
        person=person,
        from_organisation_id=actor.organisation_id,
        sent_by=actor,
        to_organisation=to_organisation,
        service=service,
        reason=reason,
        urgency=urgency,
        purpose=purpose,
        shared=[p for p in SharedPart.values if p in set(shared)],
        lawful_basis=decision.basis,
        consent_id=decision.consent_id,
        legal_duty=legal_duty if decision.basis == lawful.LEGAL_DUTY else "",
        exception_reason=exception_reason if decision.basis != lawful.CONSENT else "",
        agreement=agreement,
        source=source,
        source_id=str(source_id or ""),
        due_on=due_on(today, urgency, to_organisation),
    )
    _event(flow.SENT, referral, actor)
    return referral


def _event(status, referral, actor, **extra):
    record_event(
        EVENTS[status],
        actor=actor,
        person=referral.person,
        obj=referral,
        data={
            "referral_id": referral.pk,
            "to_organisation_id": referral.to_organisation_id,
            "service_id": str(referral.service_id) if referral.service_id else None,
            **extra,
        },
    )


# ---------------------------------------------------------------- moving along flow.py


def _consent_still_given(referral) -> bool:
    consents = _locked_consents(referral.person, referral.to_organisation)
    today = timezone.localdate()
    return any(c.purpose == referral.purpose and c.status(today) == "active" for c in consents)


@transaction.atomic
def move(referral: Referral, to: str, *, actor, expected_version: int, words: str = "") -> Referral:
    """Move ``referral`` to ``to`` as the actor's side allows. Raises StaleRecordError when somebody
    moved or changed it first (nothing is saved), Refused when the move is not allowed."""
    acting = side(actor, referral)
    if acting is None or not flow.allowed(referral.status, to, acting):
        raise Refused("not_allowed")
    needed = flow.NEEDS_WORDS.get(to)
    if needed and not words.strip():
        raise Refused(f"{needed}_missing", needed)
    # The referral row first, then (accepting) the consent rows: every move takes its locks in that
    # order, so an accept and a decline at once queue on the referral instead of deadlocking (one
    # held the consent and waited for the referral while the other held the referral).
    Referral.objects.select_for_update().filter(pk=referral.pk).values_list("pk", flat=True).first()
    now = timezone.now()
    changes = {"status": to}
    if to == flow.RECEIVED:
        changes.update(received_at=now, received_by=actor)
    elif to in (flow.ACCEPTED, flow.DECLINED):
        if to == flow.ACCEPTED and referral.lawful_basis == LawfulBasis.CONSENT and not _consent_still_given(referral):
            # Accepting opens the shared summary (decision 36): not once the carer has withdrawn the
            # consent the referral was sent under. The consent row is locked, as when sending.
            raise Refused("accept_consent_ended")
        changes.update(decided_at=now, decided_by=actor)
        if referral.received_at is None:
            changes.update(received_at=now, received_by=actor)
        if to == flow.DECLINED:
            changes["decline_reason"] = words
    elif to == flow.COMPLETED:
        changes.update(completed_at=now, completed_by=actor, outcome=words)
    elif to == flow.WITHDRAWN:
        changes.update(withdrawn_at=now, withdrawn_by=actor)
    claim_version(referral, expected_version, status=referral.status)
    Referral.objects.filter(pk=referral.pk).update(**changes)
    for name, value in changes.items():
        setattr(referral, name, value)
    _event(to, referral, actor)
    return referral


def mark_received(referral: Referral, *, actor) -> bool:
    """The receiving organisation opened it for the first time: "received", once. False if it was not
    waiting to be received (or somebody else opened it at the same moment)."""
    if referral.status != flow.SENT or side(actor, referral) != flow.RECEIVER:
        return False
    try:
        move(referral, flow.RECEIVED, actor=actor, expected_version=referral.version)
    except StaleRecordError:
        referral.refresh_from_db()
        return False
    return True


# ---------------------------------------------------------------- agreements


@transaction.atomic
def create_agreement(*, actor, parties, **fields) -> SharingAgreement:
    agreement = SharingAgreement.objects.create(created_by=actor, **fields)
    agreement.parties.set(parties)
    return agreement


@transaction.atomic
def update_agreement(agreement, *, expected_version, actor, parties, **fields) -> SharingAgreement:
    claim_version(agreement, expected_version)
    SharingAgreement.objects.filter(pk=agreement.pk).update(**fields)
    for name, value in fields.items():
        setattr(agreement, name, value)
    agreement.parties.set(parties)
    return agreement


def agreements_visible_to(user):
    if not user.has_perm(VIEW_REFERRALS) and not user.has_perm(MANAGE_SHARING_AGREEMENTS):
        return SharingAgreement.objects.none()
    return SharingAgreement.objects.all()


def may_manage_agreement(user, agreement) -> bool:
    return user.has_perm(MANAGE_SHARING_AGREEMENTS, agreement)


# ---------------------------------------------------------------- the home page


def home_items(user):
    items = []
    if not user.has_perm(VIEW_REFERRALS) or not user.organisation_id:
        return items
    today = timezone.localdate()
    waiting = received_by(user).filter(status__in=flow.WAITING).count()
    items.append(WorkQueue(reverse("referrals:received") + "?status=waiting", _("Referrals waiting for us to accept"), waiting, order=25))
    items.append(WorkQueue(reverse("referrals:overdue"), _("Referrals overdue"), overdue_for(user, today).count(), order=26))
    if user.has_role(Role.PARTNER_WORKER):
        items.append(Shortcut(reverse("referrals:shared"), _("Carers shared with us"), order=5, primary=True))
    return items


# Written in place of a reason or outcome the constraints require, once erased (privacy/erasure.py).
ERASED_TEXT = "Erased"


def for_subject_access(person):
    """The referrals about ``person``, oldest first, with what a download names beside them."""
    return list(
        Referral.objects.filter(person=person)
        .select_related("from_organisation", "to_organisation", "service", "sent_by__organisation",
                        "decided_by__organisation", "completed_by__organisation")
        .order_by("sent_at", "pk")
    )


def erase_of(person) -> dict:
    """A data-protection erasure (privacy): what was written about the person goes; who referred them
    where, when, and how it moved stay, so the counts and the access rule still hold. A reason the
    constraints require (an exception's, a decline's, an outcome) becomes ERASED_TEXT."""
    referrals = Referral.objects.filter(person=person)
    changed = referrals.update(reason=ERASED_TEXT)
    referrals.exclude(exception_reason="").update(exception_reason=ERASED_TEXT)
    referrals.exclude(decline_reason="").update(decline_reason=ERASED_TEXT)
    referrals.exclude(outcome="").update(outcome=ERASED_TEXT)
    return {"referrals": changed}
