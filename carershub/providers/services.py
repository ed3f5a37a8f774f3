"""The register's operations: the one place other apps (and the sub-apps) ask about a provider.

Shared contract of the package (issue 13): ``new_people_problems`` says whether a provider may take
a new person now (arrangements refuse, matching leaves it out, with these reasons).
"""

import dataclasses
import datetime

from django.db import IntegrityError, models, transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from carershub.activity.models import EventKind
from carershub.activity.services import record_event
from carershub.core.locking import claim_version
from carershub.core.workqueues import Shortcut, WorkQueue
from carershub.partnership.models import Organisation
from carershub.providers import advice as advice_rules
from carershub.providers import checklist
from carershub.providers import rules as provider_rules
from carershub.providers.models import (
    Advice,
    Check,
    Provider,
    RegistrationApplication,
    RegistrationOutcome,
    Status,
    SupportService,
    Worker,
)


def current_checks(provider: Provider) -> list[checklist.Current]:
    """The latest check per item (and, for per-worker items, per worker) of ``provider``."""
    latest: dict[tuple, checklist.Current] = {}
    rows = (
        Check.objects.filter(provider=provider)
        .select_related("worker")
        .order_by("checked_on", "recorded_at", "pk")
    )
    for row in rows:
        worker = row.worker.name if row.worker_id else ""
        key = (row.item, row.worker_id or 0)
        latest[key] = checklist.Current(row.item, row.outcome, row.expires_on, worker)
    return list(latest.values())


def current_worker_names(provider: Provider, on: datetime.date) -> list[str]:
    return [w.name for w in provider.workers.all() if w.is_current(on)]


def essential_gaps(provider: Provider, on: datetime.date | None = None) -> list[checklist.Gap]:
    on = on or timezone.localdate()
    return checklist.essential_gaps(current_checks(provider), current_worker_names(provider, on), on)


def new_people_problems(provider: Provider, on: datetime.date | None = None) -> list[str]:
    """Why ``provider`` cannot take a new person on ``on`` (empty: it can), in words for the page.

    Only an active provider takes new people, and only with every essential checklist item in date
    (providers/checklist.py, ESSENTIAL).
    """
    on = on or timezone.localdate()
    problems = []
    if provider.status != Status.ACTIVE:
        problems.append(
            _("%(provider)s is not active on the register (its status is %(status)s).")
            % {"provider": provider.name, "status": provider.get_status_display()}
        )
    for gap in essential_gaps(provider, on):
        item = _(checklist.BY_CODE[gap.code].label)
        context = {"item": item, "worker": gap.worker}
        if gap.why == "expired":
            text = _("%(item)s for %(worker)s has expired.") if gap.worker else _("%(item)s has expired.")
        elif gap.why == "not_met":
            text = _("%(item)s for %(worker)s is not met.") if gap.worker else _("%(item)s is not met.")
        else:
            text = _("%(item)s for %(worker)s is not recorded.") if gap.worker else _("%(item)s is not recorded.")
        problems.append(text % context)
    return problems


# ---------------------------------------------------------------- the register's operations (issue 13)
# Each operation is one transaction that leaves its activity event. The register holds no person:
# no event here names one, and no page records access to a carer's record.

class Refused(Exception):
    """Refused for a reason the user can act on: ``code`` a key of forms.REFUSALS, ``field`` where to say it."""

    def __init__(self, code, field=None, **params):
        super().__init__(code)
        self.code = code
        self.field = field
        self.params = params


# The owner's sector of a provider's organisation follows from its type (partnership.Organisation.Sector).
SECTOR_FOR_TYPE = {
    "micro_enterprise": Organisation.Sector.PRIVATE,
    "sole_trader": Organisation.Sector.PRIVATE,
    "private_agency": Organisation.Sector.PRIVATE,
    "in_house": Organisation.Sector.STATUTORY,
    "social_enterprise": Organisation.Sector.SOCIAL_ENTERPRISE,
    "cooperative": Organisation.Sector.COOPERATIVE,
    "user_led": Organisation.Sector.USER_LED,
    "third_sector": Organisation.Sector.OTHER_THIRD_SECTOR,
}

# What the edit form may change (areas go separately: a many-to-many).
EDITABLE = (
    "provider_type", "wards", "postcode_districts", "services", "availability", "hours_per_week", "welsh_spoken",
    "other_languages", "contact_name", "phone", "email", "address", "registered_on", "registration_number", "notes",
)


def organisations_not_yet_providers():
    return Organisation.objects.filter(is_active=True, care_provider__isnull=True).exclude(
        kind=Organisation.Kind.COUNCIL
    ).order_by("name", "pk")


@transaction.atomic
def create_provider(*, actor, areas, organisation=None, name="", **fields) -> Provider:
    """A provider on the register: an existing partnership organisation, or a new one of kind CARE_PROVIDER."""
    areas = list(areas)
    if not areas:
        raise Refused("no_area", "areas")
    if organisation is None:
        name = name.strip()
        if not name:
            raise Refused("name_missing", "name")
        if Organisation.objects.filter(name__iexact=name, kind=Organisation.Kind.CARE_PROVIDER).exists():
            raise Refused("organisation_exists", "name")
        organisation = Organisation.objects.create(
            name=name, kind=Organisation.Kind.CARE_PROVIDER, sector=SECTOR_FOR_TYPE[fields["provider_type"]],
            area=areas[0],
        )
    elif Provider.objects.filter(organisation=organisation).exists():
        raise Refused("already_provider", "organisation")
    provider = Provider.objects.create(organisation=organisation, created_by=actor, **fields)
    provider.areas.set(areas)
    record_event(EventKind.PROVIDER_ADDED, actor=actor, obj=provider,
                 data={"organisation": organisation.pk, "type": provider.provider_type})
    return provider


@transaction.atomic
def change_provider(provider: Provider, *, expected_version: int, actor, areas=None, **changes) -> list[str]:
    """Save the changed fields; returns their names (the event names fields, never values)."""
    claim_version(provider, expected_version)
    changed = [name for name, value in changes.items() if getattr(provider, name) != value]
    for name, value in changes.items():
        setattr(provider, name, value)
    provider.save(update_fields=[*changes.keys()] or None)
    organisation = provider.organisation
    if "provider_type" in changed and organisation.kind == Organisation.Kind.CARE_PROVIDER:
        # The register made this organisation: its owner's sector follows the provider's type.
        organisation.sector = SECTOR_FOR_TYPE[provider.provider_type]
        organisation.save(update_fields=["sector"])
    if areas is not None:
        areas = list(areas)
        if not areas:
            raise Refused("no_area", "areas")
        if {a.pk for a in areas} != set(provider.areas.values_list("pk", flat=True)):
            provider.areas.set(areas)
            changed.append("areas")
    record_event(EventKind.PROVIDER_CHANGED, actor=actor, obj=provider, data={"fields": sorted(changed)})
    return changed


# The moves the register allows (issue 13): a provider develops, becomes active, may pause and
# resume, closes from anywhere, and a closed one may reopen as developing.
MOVES = {
    Status.ENQUIRY: {Status.DEVELOPING, Status.CLOSED},
    Status.DEVELOPING: {Status.ACTIVE, Status.CLOSED},
    Status.ACTIVE: {Status.PAUSED, Status.CLOSED},
    Status.PAUSED: {Status.ACTIVE, Status.CLOSED},
    Status.CLOSED: {Status.DEVELOPING},
}


def allowed_moves(provider: Provider) -> list[str]:
    return [s for s in Status.values if s in MOVES.get(provider.status, set())]


@transaction.atomic
def change_status(provider: Provider, *, to: str, expected_version: int, actor) -> None:
    if to not in MOVES.get(provider.status, set()):
        raise Refused("move_not_allowed", "status")
    before = provider.status
    claim_version(provider, expected_version, status=before)
    provider.status = to
    provider.save(update_fields=["status"])
    record_event(EventKind.PROVIDER_STATUS, actor=actor, obj=provider, data={"from": before, "to": to})


# ---------------------------------------------------------------- workers


@transaction.atomic
def add_worker(provider: Provider, *, actor, name, role="", started_on=None) -> Worker:
    worker = Worker.objects.create(provider=provider, name=name, role=role, started_on=started_on)
    record_event(EventKind.PROVIDER_WORKER, actor=actor, obj=provider, data={"worker": worker.pk, "change": "added"})
    return worker


@transaction.atomic
def worker_left(worker: Worker, *, actor, left_on) -> None:
    if worker.left_on is not None:
        raise Refused("worker_already_left", "left_on")
    if worker.started_on and left_on < worker.started_on:
        raise Refused("left_before_started", "left_on")
    if Worker.objects.filter(pk=worker.pk, left_on__isnull=True).update(left_on=left_on) != 1:
        raise Refused("worker_already_left", "left_on")
    worker.left_on = left_on
    record_event(EventKind.PROVIDER_WORKER, actor=actor, obj=worker.provider, data={"worker": worker.pk, "change": "left"})


# ---------------------------------------------------------------- the checklist


def check_problems(item_code, *, outcome, worker, checked_on, expires_on, today) -> list[tuple[str, str]]:
    """(field, code) for each reason this check cannot be recorded."""
    item = checklist.BY_CODE.get(item_code)
    if item is None:
        return [(None, "unknown_item")]
    problems = []
    if item.per_worker and worker is None:
        problems.append(("worker", "worker_missing"))
    if outcome == checklist.NOT_APPLICABLE and (item.per_worker or item.essential):
        problems.append(("outcome", "cannot_not_apply"))
    if checked_on is not None and checked_on > today:
        problems.append(("checked_on", "checked_in_future"))
    if item.expires and outcome == checklist.MET and expires_on is None:
        problems.append(("expires_on", "expiry_missing"))
    if expires_on is not None and checked_on is not None and expires_on <= checked_on:
        problems.append(("expires_on", "expiry_not_after_check"))
    return problems


@transaction.atomic
def record_check(provider: Provider, *, actor, item, outcome, checked_on, worker=None, evidence="", expires_on=None) -> Check:
    """Append one check (the rows are never changed: the latest per item and worker counts)."""
    today = timezone.localdate()
    if worker is not None and worker.provider_id != provider.pk:
        raise Refused("worker_not_here", "worker")
    problems = check_problems(item, outcome=outcome, worker=worker, checked_on=checked_on, expires_on=expires_on,
                              today=today)
    if problems:
        field, code = problems[0]
        raise Refused(code, field)
    if not checklist.BY_CODE[item].per_worker:
        worker = None
    if not checklist.BY_CODE[item].expires:
        expires_on = None
    row = Check.objects.create(provider=provider, worker=worker, item=item, outcome=outcome, evidence=evidence,
                               checked_on=checked_on, expires_on=expires_on, recorded_by=actor)
    record_event(EventKind.PROVIDER_CHECKED, actor=actor, obj=provider,
                 data={"item": item, "outcome": outcome, "check": row.pk})
    return row


@dataclasses.dataclass
class ItemRow:
    item: checklist.Item
    worker: Worker | None
    latest: Check | None
    state: str  # ok, due, expired, not_met, missing, not_applicable


def _state(row: Check | None, today) -> str:
    if row is None:
        return "missing"
    if row.outcome == checklist.NOT_APPLICABLE:
        return "not_applicable"
    return checklist.state(checklist.Current(row.item, row.outcome, row.expires_on), today)


def latest_checks(provider: Provider) -> dict[tuple, Check]:
    """The latest check per (item, worker pk); uses ``provider.checks`` prefetched, as the register's list does."""
    latest = {}
    for row in sorted(provider.checks.all(), key=lambda c: (c.checked_on, c.recorded_at, c.pk)):
        latest[(row.item, row.worker_id)] = row
    return latest


def checklist_rows(provider: Provider, on: datetime.date | None = None) -> list[tuple[str, list[ItemRow]]]:
    """The checklist by theme (a to j): each item's latest check, per current worker for per-worker items."""
    on = on or timezone.localdate()
    latest = latest_checks(provider)
    workers = [w for w in provider.workers.all() if w.is_current(on)]
    themes: dict[str, list[ItemRow]] = {}
    for item in checklist.ITEMS:
        for worker in (workers if item.per_worker else [None]):
            row = latest.get((item.code, worker.pk if worker else None))
            themes.setdefault(item.theme, []).append(ItemRow(item, worker, row, _state(row, on)))
    return sorted(themes.items())


def checklist_state(provider: Provider, on: datetime.date | None = None) -> tuple[str, int]:
    """For the register's rows: ("blocked", n gaps), ("due", n due soon) or ("ok", 0)."""
    on = on or timezone.localdate()
    rows = [r for _theme, theme_rows in checklist_rows(provider, on) for r in theme_rows]
    # The same reading as checklist.essential_gaps, from the rows already read (no more queries per provider).
    gaps = [r for r in rows if r.item.essential and (
        r.state in ("missing", "not_met", "expired") or (r.state == "not_applicable" and r.item.per_worker))]
    if gaps:
        return "blocked", len(gaps)
    due = sum(1 for r in rows if r.state == "due")
    return ("due", due) if due else ("ok", 0)


def people_now(providers, on: datetime.date | None = None) -> dict[int, int]:
    """How many people each provider cares for at home now (the four-person rule's count), in one query."""
    from carershub.providers.arrangements.models import Arrangement

    on = on or timezone.localdate()
    rows = (Arrangement.objects.filter(provider__in=providers).current(on).counted()
            .values("provider").annotate(n=Count("person", distinct=True)))
    return {row["provider"]: row["n"] for row in rows}


# ---------------------------------------------------------------- reminders


@dataclasses.dataclass
class Reminder:
    provider: Provider
    check: Check
    state: str  # "due" or "expired"
    essential: bool

    @property
    def item(self) -> checklist.Item:
        return checklist.BY_CODE[self.check.item]


def reminders(providers=None, on: datetime.date | None = None) -> list[Reminder]:
    """Latest checks that have expired or expire within checklist.REMIND_DAYS (a renewed one leaves),
    essential first, soonest first. Checks of workers who have left are not asked for."""
    on = on or timezone.localdate()
    horizon = on + datetime.timedelta(days=checklist.REMIND_DAYS)
    providers = Provider.objects.exclude(status=Status.CLOSED) if providers is None else providers
    rows = (Check.objects.filter(provider__in=providers).select_related("provider__organisation", "worker")
            .order_by("checked_on", "recorded_at", "pk"))
    latest: dict[tuple, Check] = {}
    for row in rows:
        latest[(row.provider_id, row.item, row.worker_id)] = row
    found = []
    for row in latest.values():
        if row.outcome != checklist.MET or row.expires_on is None or row.expires_on > horizon:
            continue
        if row.worker_id and not row.worker.is_current(on):
            continue
        found.append(Reminder(row.provider, row, "expired" if row.expires_on < on else "due",
                              row.item in checklist.ESSENTIAL))
    found.sort(key=lambda r: (not r.essential, r.check.expires_on, r.provider.name, r.check.item))
    return found


def overdue_registrations(on: datetime.date | None = None):
    on = on or timezone.localdate()
    return (RegistrationApplication.objects.filter(outcome=RegistrationOutcome.PENDING, expected_decision_on__lt=on)
            .select_related("provider__organisation").order_by("expected_decision_on", "pk"))


def home_items(user):
    if not user.has_perm(provider_rules.VIEW_REGISTER):
        return []
    items = [Shortcut(reverse("providers:register"), _("Providers of care at home"), order=85)]
    if provider_rules.is_register_keeper(user):
        count = len(reminders()) + overdue_registrations().count()
        items.append(WorkQueue(reverse("providers:reminders"), _("Provider checks due and registrations overdue"),
                               count, order=86))
    return items


# ---------------------------------------------------------------- registration with Care Inspectorate Wales


@transaction.atomic
def submit_registration(provider: Provider, *, actor, submitted_on, reference="") -> RegistrationApplication:
    """An application to register (one waits at a time: the database refuses a second)."""
    if submitted_on > timezone.localdate():
        raise Refused("submitted_in_future", "submitted_on")
    try:
        with transaction.atomic():
            application = RegistrationApplication.objects.create(
                provider=provider, submitted_on=submitted_on, reference=reference, created_by=actor,
                expected_decision_on=RegistrationApplication.expected_for(submitted_on),
            )
    except IntegrityError:
        raise Refused("already_pending", "submitted_on") from None
    record_event(EventKind.REGISTRATION_SUBMITTED, actor=actor, obj=provider, data={"application": application.pk})
    return application


@transaction.atomic
def decide_registration(application: RegistrationApplication, *, actor, outcome, decided_on, expected_version,
                        registration_number="") -> None:
    """Record CIW's decision; a registration sets the provider's registered_on and number at once."""
    if outcome not in (RegistrationOutcome.REGISTERED, RegistrationOutcome.REFUSED, RegistrationOutcome.WITHDRAWN):
        raise Refused("outcome_missing", "outcome")
    if decided_on > timezone.localdate():
        raise Refused("decided_in_future", "decided_on")
    if decided_on < application.submitted_on:
        raise Refused("decided_before_submitted", "decided_on")
    if outcome == RegistrationOutcome.REGISTERED and not registration_number.strip():
        raise Refused("number_missing", "registration_number")
    claim_version(application, expected_version, outcome=RegistrationOutcome.PENDING)
    application.outcome = outcome
    application.decided_on = decided_on
    application.save(update_fields=["outcome", "decided_on"])
    provider = Provider.objects.select_for_update().get(pk=application.provider_id)
    if outcome == RegistrationOutcome.REGISTERED:
        Provider.objects.filter(pk=provider.pk).update(
            registered_on=decided_on, registration_number=registration_number.strip(),
            version=models.F("version") + 1,
        )
    record_event(EventKind.REGISTRATION_DECIDED, actor=actor, obj=provider,
                 data={"application": application.pk, "outcome": outcome})


def registration_applications(provider: Provider):
    return list(provider.registrations.all())


# ---------------------------------------------------------------- advice from the secondary support service


def advice_giver(user) -> Organisation | None:
    """Whose advice the user records: their support service, or their council for commissioners and team managers."""
    if not user.organisation_id:
        return None
    if SupportService.objects.filter(organisation_id=user.organisation_id).exists():
        return user.organisation
    if (provider_rules.is_commissioner(user) or provider_rules.is_team_manager(user)) and (
        user.organisation.kind == Organisation.Kind.COUNCIL
    ):
        return user.organisation
    return None


@transaction.atomic
def record_advice(provider: Provider, *, actor, topic, given_on, summary, confirmed) -> Advice:
    giver = advice_giver(actor)
    if giver is None:
        raise Refused("not_an_adviser")
    if topic not in advice_rules.TOPIC_CODES:
        raise Refused("topic_missing", "topic")
    if given_on > timezone.localdate():
        raise Refused("given_in_future", "given_on")
    if not confirmed:
        raise Refused("not_confirmed", "confirmed")
    problems = advice_rules.ongoing_role_problems(topic, summary)
    if problems:
        raise Refused("ongoing_role", "summary", problems=problems)
    row = Advice.objects.create(provider=provider, given_by=giver, topic=topic, given_on=given_on,
                                summary=summary, recorded_by=actor)
    record_event(EventKind.PROVIDER_ADVISED, actor=actor, obj=provider, data={"advice": row.pk, "topic": topic})
    return row
