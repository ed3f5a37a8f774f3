"""Contract monitoring: KPIs set, quarterly returns moved through their states (each move one
transaction with its event), and each KPI's actual for a quarter, counted or reported.

Returns are about a contract, not a person: their events carry no person; they belong to the
organisation whose work the move was (the provider for a submission, the commissioner for a decision).
The RAG arithmetic is rag.py, the quarters quarters.py (both pure).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone

from carershub.activity.models import Event, EventKind
from carershub.activity.services import record_event
from carershub.core.locking import StaleRecordError, claim_version
from carershub.reporting import disclosure
from carershub.reporting.figures import Period
from carershub.reporting.money.models import Contract
from carershub.reporting.monitoring import quarters as q
from carershub.reporting.monitoring import rag
from carershub.reporting.monitoring.models import (
    AWAITING_DECISION,
    COUNTS,
    EDITABLE,
    Kpi,
    Measure,
    MonitoringReturn,
    ReturnStatus,
    ReturnValue,
    Scope,
    Source,
    Unit,
)

# What each counted measure counts: the events of these kinds in the quarter (UK time). Group
# attendances take back an attendance corrected to "did not attend" (support/groups writes the
# correction as a session.missed event with data corrects="attended", as reporting/figures.py reads it).
MEASURE_KINDS = {
    Measure.CARERS_IDENTIFIED: EventKind.CARER_IDENTIFIED,
    Measure.CONTACTS_LOGGED: EventKind.CONTACT_LOGGED,
    Measure.ASSESSMENTS_COMPLETED: EventKind.ASSESSMENT_COMPLETED,
    Measure.PLANS_AGREED: EventKind.PLAN_AGREED,
    Measure.REVIEWS_COMPLETED: EventKind.REVIEW_COMPLETED,
    Measure.BREAKS_DELIVERED: EventKind.BREAK_DELIVERED,
    Measure.CONTINGENCY_PLANS: EventKind.CONTINGENCY_PLAN_WRITTEN,
    Measure.EMERGENCY_CARDS: EventKind.EMERGENCY_CARD_ISSUED,
    Measure.GROUP_ATTENDANCES: EventKind.SESSION_ATTENDED,
    Measure.REFERRALS_ACCEPTED: EventKind.REFERRAL_ACCEPTED,
    Measure.SIGNPOSTED: EventKind.SIGNPOSTED,
    Measure.INFORMATION_PACKS: EventKind.INFORMATION_PACK_ISSUED,
}
TAKEN_BACK = {Measure.GROUP_ATTENDANCES: Q(kind=EventKind.SESSION_MISSED, data__corrects="attended")}


class NotAllowed(Exception):
    """The return is not in a state that allows this move."""


# ---------------------------------------------------------------- who sees what


def visible_contracts(user):
    """The contracts ``user`` may see (rules.VIEW_MONITORING_CONTRACT as a queryset)."""
    from carershub.accounts.models import Role

    contracts = Contract.objects.select_related("commissioner", "provider").order_by("title", "pk")
    if not user.is_authenticated:
        return contracts.none()
    if user.has_role(Role.COMMISSIONER):
        return contracts
    if not user.organisation_id:
        return contracts.none()
    seen = Q(pk__in=[])
    if user.has_role(Role.TEAM_MANAGER):
        seen |= Q(commissioner_id=user.organisation_id) | Q(provider_id=user.organisation_id)
    if user.has_role(Role.PARTNER_WORKER):
        seen |= Q(provider_id=user.organisation_id)
    return contracts.filter(seen)


def contract_quarters(contract) -> list[q.Quarter]:
    return q.overlapping(contract.starts_on, contract.ends_on)


# ---------------------------------------------------------------- KPIs


@transaction.atomic
def add_kpi(contract, *, actor, name, description, source, target, direction, tolerance, unit=Unit.NUMBER,
            measure="", scope=""):
    if source == Source.REPORTED:
        measure, scope = "", ""
    else:
        unit = Unit.NUMBER
    return Kpi.objects.create(
        contract=contract, name=name, description=description, source=source, measure=measure, scope=scope,
        unit=unit, target=target, direction=direction, tolerance=tolerance,
        created_by=actor if actor is not None and actor.is_authenticated else None,
    )


def kpis_of(contracts) -> dict[int, list[Kpi]]:
    found: dict[int, list[Kpi]] = {c.pk: [] for c in contracts}
    for kpi in Kpi.objects.filter(contract__in=list(found)).order_by("contract_id", "pk"):
        found[kpi.contract_id].append(kpi)
    return found


# ---------------------------------------------------------------- returns


def _event(kind, monitoring_return, actor, organisation, **data):
    return record_event(
        kind, actor=actor, obj=monitoring_return, organisation=organisation,
        data={"contract_id": monitoring_return.contract_id, "year": monitoring_return.year,
              "quarter": monitoring_return.quarter, **data},
    )


def existing_return(contract, quarter: q.Quarter):
    return MonitoringReturn.objects.filter(contract=contract, year=quarter.year, quarter=quarter.number).first()


def start_return(contract, quarter: q.Quarter, *, actor) -> tuple[MonitoringReturn, bool]:
    """(the contract's return for the quarter, whether it was made now): a draft, made once.

    Two starts at once make one return: the unique constraint decides, and the second finds the first's.
    """
    found = existing_return(contract, quarter)
    if found is not None:
        return found, False
    try:
        with transaction.atomic():
            made = MonitoringReturn.objects.create(contract=contract, year=quarter.year, quarter=quarter.number,
                                                   created_by=actor)
    except IntegrityError:
        return existing_return(contract, quarter), False
    return made, True


def values_of(monitoring_return) -> dict[int, Decimal | None]:
    """{kpi pk: value} reported in the return."""
    return dict(ReturnValue.objects.filter(monitoring_return=monitoring_return).values_list("kpi_id", "value"))


def _write_values(monitoring_return, values: dict):
    reported = {k.pk for k in Kpi.objects.filter(contract_id=monitoring_return.contract_id, source=Source.REPORTED)}
    for kpi_pk, value in values.items():
        if kpi_pk in reported:
            ReturnValue.objects.update_or_create(monitoring_return=monitoring_return, kpi_id=kpi_pk,
                                                 defaults={"value": value})


@transaction.atomic
def save_draft(monitoring_return, *, expected_version, actor, values: dict, narrative: str):
    """Keep the provider's figures and narrative; StaleRecordError if saved or moved by somebody since,
    NotAllowed when the return is no longer the provider's to change."""
    _claim(monitoring_return, expected_version, EDITABLE)
    monitoring_return.narrative = narrative
    monitoring_return.save(update_fields=["narrative"])
    _write_values(monitoring_return, values)
    return monitoring_return


@transaction.atomic
def submit(monitoring_return, *, expected_version, actor, values: dict, narrative: str):
    """Draft → submitted, sent back → resubmitted, with the figures and narrative as they are sent."""
    _claim(monitoring_return, expected_version, EDITABLE)
    monitoring_return.refresh_from_db(fields=["status"])
    resubmitting = monitoring_return.status == ReturnStatus.SENT_BACK
    monitoring_return.status = ReturnStatus.RESUBMITTED if resubmitting else ReturnStatus.SUBMITTED
    monitoring_return.narrative = narrative
    monitoring_return.submitted_at, monitoring_return.submitted_by = timezone.now(), actor
    monitoring_return.save(update_fields=["status", "narrative", "submitted_at", "submitted_by"])
    _write_values(monitoring_return, values)
    _event(EventKind.MONITORING_RETURN_SUBMITTED, monitoring_return, actor, monitoring_return.contract.provider,
           resubmitted=resubmitting)
    return monitoring_return


@transaction.atomic
def accept(monitoring_return, *, expected_version, actor):
    _claim(monitoring_return, expected_version, AWAITING_DECISION)
    monitoring_return.status = ReturnStatus.ACCEPTED
    monitoring_return.decided_at, monitoring_return.decided_by = timezone.now(), actor
    monitoring_return.save(update_fields=["status", "decided_at", "decided_by"])
    _event(EventKind.MONITORING_RETURN_ACCEPTED, monitoring_return, actor, monitoring_return.contract.commissioner)
    return monitoring_return


@transaction.atomic
def send_back(monitoring_return, *, expected_version, actor, reason: str):
    if not reason.strip():
        raise ValueError("a return is sent back with a reason")
    _claim(monitoring_return, expected_version, AWAITING_DECISION)
    monitoring_return.status = ReturnStatus.SENT_BACK
    monitoring_return.sent_back_reason = reason
    monitoring_return.decided_at, monitoring_return.decided_by = timezone.now(), actor
    monitoring_return.save(update_fields=["status", "sent_back_reason", "decided_at", "decided_by"])
    _event(EventKind.MONITORING_RETURN_SENT_BACK, monitoring_return, actor, monitoring_return.contract.commissioner)
    return monitoring_return


def _claim(monitoring_return, expected_version, statuses):
    """Take the next version while the return is still at ``expected_version`` and in one of ``statuses``.

    NotAllowed when it has moved to a state where this move no longer applies (submitted already,
    decided already: a page sent twice, or two people at once); StaleRecordError when it is still in
    such a state but somebody saved it since."""
    try:
        claim_version(monitoring_return, expected_version, status__in=list(statuses))
    except StaleRecordError:
        status = MonitoringReturn.objects.filter(pk=monitoring_return.pk).values_list("status", flat=True).first()
        if status is not None and status not in statuses:
            raise NotAllowed(status) from None
        raise


# ---------------------------------------------------------------- actuals


def _events_for(kpi, contract, area_ids):
    queryset = Event.objects.order_by()
    if kpi.scope in (Scope.PROVIDER, Scope.PROVIDER_IN_AREAS):
        queryset = queryset.filter(organisation_id=contract.provider_id)
    if kpi.scope in (Scope.AREAS, Scope.PROVIDER_IN_AREAS) and area_ids:
        queryset = queryset.filter(area_id__in=area_ids)  # no areas: every area of the region (money.Contract)
    return queryset


def counted(kpi, contract, area_ids, wanted: list[q.Quarter]) -> dict[q.Quarter, int]:
    """{quarter: events of the KPI's measure} for the contract's provider and/or areas: one query."""
    if not wanted:
        return {}
    kind = MEASURE_KINDS[Measure(kpi.measure)]
    taken_back = TAKEN_BACK.get(kpi.measure)
    first = Period(wanted[0].start, wanted[-1].end).window()[0]
    after = Period(wanted[0].start, wanted[-1].end).window()[1]
    kinds = [kind] + ([EventKind.SESSION_MISSED] if taken_back is not None else [])
    queryset = _events_for(kpi, contract, area_ids).filter(kind__in=kinds, occurred_at__gte=first,
                                                           occurred_at__lt=after)
    annotations = {}
    for i, quarter in enumerate(wanted):
        start, end = Period(quarter.start, quarter.end).window()
        within = Q(occurred_at__gte=start, occurred_at__lt=end)
        annotations[f"n{i}"] = Count("pk", filter=within & Q(kind=kind))
        if taken_back is not None:
            annotations[f"b{i}"] = Count("pk", filter=within & taken_back)
    row = queryset.aggregate(**annotations)
    return {quarter: (row[f"n{i}"] or 0) - (row.get(f"b{i}") or 0) for i, quarter in enumerate(wanted)}


@dataclass
class Cell:
    """One KPI in one quarter: the actual (None: not yet), how it is written, and its RAG status."""

    quarter: q.Quarter
    actual: Decimal | int | None
    status: str
    shown: str  # the actual as the page and the downloads write it ("fewer than 5" for a small count)
    provisional: bool = False  # reported in a return not yet accepted
    future: bool = False  # the quarter has not ended (counted so far)


@dataclass
class KpiRow:
    kpi: Kpi
    cells: list[Cell] = field(default_factory=list)


def _shown(kpi, value) -> str:
    if value is None:
        return ""
    if kpi.source == Source.COUNTED and disclosure.is_small(int(value)):
        return disclosure.WORDS[disclosure.Hidden.SMALL]
    exact = Decimal(value)
    text = f"{exact.normalize():f}" if exact != exact.to_integral_value() else f"{int(exact):,}"
    return f"{text}%" if kpi.unit == Unit.PERCENT else text


def shown_value(kpi, value) -> str:
    """A value as the provider reported it (or a target), with its unit."""
    return _shown(Kpi(source=Source.REPORTED, unit=kpi.unit), value)


def shown_target(kpi) -> str:
    return shown_value(kpi, kpi.target)


def shown_tolerance(kpi) -> str:
    from django.utils.translation import gettext as _

    number = _shown(Kpi(source=Source.REPORTED, unit=Unit.NUMBER), kpi.tolerance)
    return _("%(points)s percentage points") % {"points": number} if kpi.unit == Unit.PERCENT else number


def grid(contracts, wanted: list[q.Quarter], today=None) -> dict[int, list[KpiRow]]:
    """{contract pk: [KpiRow with one Cell per quarter of ``wanted``]}.

    One query for the KPIs, one for the contracts' areas, one for the reported values, and one per
    counted KPI (all its quarters at once). Reported values count from returns submitted, resubmitted
    or accepted (marked provisional until accepted); a draft or a return sent back shows nothing.
    """
    today = today or timezone.localdate()
    contracts = list(contracts)
    kpis = kpis_of(contracts)
    areas: dict[int, list[int]] = {c.pk: [] for c in contracts}
    for contract_id, area_id in Contract.areas.through.objects.filter(contract_id__in=list(areas)).values_list(
            "contract_id", "area_id"):
        areas[contract_id].append(area_id)
    by_quarter = Q(pk__in=[])
    for quarter in wanted:
        by_quarter |= Q(monitoring_return__year=quarter.year, monitoring_return__quarter=quarter.number)
    reported = {}
    for kpi_id, year, number, status, value in ReturnValue.objects.filter(
            by_quarter, monitoring_return__contract_id__in=list(areas), monitoring_return__status__in=list(COUNTS),
    ).values_list("kpi_id", "monitoring_return__year", "monitoring_return__quarter", "monitoring_return__status",
                  "value"):
        reported[(kpi_id, q.Quarter(year, number))] = (value, status != ReturnStatus.ACCEPTED)
    result = {}
    for contract in contracts:
        rows = []
        for kpi in kpis[contract.pk]:
            row = KpiRow(kpi)
            if kpi.source == Source.COUNTED:
                known = [quarter for quarter in wanted if quarter.start <= today]
                numbers = counted(kpi, contract, areas[contract.pk], known)
            for quarter in wanted:
                provisional = False
                if kpi.source == Source.COUNTED:
                    actual = numbers.get(quarter)
                else:
                    actual, provisional = reported.get((kpi.pk, quarter), (None, False))
                row.cells.append(Cell(
                    quarter, actual, rag.status(actual, kpi.target, kpi.direction, kpi.tolerance),
                    _shown(kpi, actual), provisional=provisional and actual is not None,
                    future=quarter.end >= today,
                ))
            rows.append(row)
        result[contract.pk] = rows
    return result


def returns_of(contract):
    return list(MonitoringReturn.objects.filter(contract=contract).select_related("submitted_by", "decided_by")
                .order_by("-year", "-quarter"))


def awaiting_decision(user):
    """Returns waiting for ``user``'s organisation to accept or send back."""
    from carershub.accounts.models import Role

    if not user.organisation_id or not user.has_role(Role.COMMISSIONER, Role.TEAM_MANAGER):
        return MonitoringReturn.objects.none()
    return MonitoringReturn.objects.filter(contract__commissioner_id=user.organisation_id,
                                           status__in=list(AWAITING_DECISION))


def home_items(user):
    """A shortcut to contract monitoring, and how many returns wait for a decision."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from carershub.core.workqueues import Shortcut
    from carershub.reporting.monitoring.rules import VIEW_MONITORING

    if not user.has_perm(VIEW_MONITORING):
        return []
    return [Shortcut(reverse("monitoring:index"), _("Contract monitoring: KPIs and quarterly returns"), order=34)]
