"""Budgets, spend and contracts: what the money pages read and write (issue 12).

Every figure is summed from rows: budgets and spend as the commissioners entered them, a contract's
value in a year from its own rows (``contractvalue.py``, pure), spend per head from the Census counts
that ``reporting.coverage`` imported and the carers known here (``perhead.py``, pure), and the actual
spend of the direct payment and break ledgers from their entries. Money is whole pence.
"""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy

from carershub.core.locking import claim_version
from carershub.partnership.models import Area
from carershub.people.models import CarerProfile
from carershub.reporting.money import contractvalue, perhead
from carershub.reporting.money.models import (
    Contract,
    ContractContribution,
    ContractExtension,
    ContractReduction,
    Funder,
    LineKind,
    MoneyLine,
    ServiceLine,
)
from carershub.support.breaks.models import Booking, BookingStatus
from carershub.support.payments.models import Entry as PaymentEntry
from carershub.support.payments.models import EntryKind as PaymentEntryKind

QUARTERS = (1, 2, 3, 4)


def quarter_bounds(year: int, quarter: int) -> tuple[datetime.date, datetime.date]:
    """Q1 April to June ... Q4 January to March of the financial year starting in April of ``year``."""
    first_month = 4 + 3 * (quarter - 1)
    start = datetime.date(year + (first_month > 12), (first_month - 1) % 12 + 1, 1)
    after = datetime.date(start.year + (start.month + 3 > 12), (start.month + 2) % 12 + 1, 1)
    return start, after - datetime.timedelta(days=1)


def quarter_of(day: datetime.date) -> int:
    return (((day.month - 4) % 12) // 3) + 1


# ---------------------------------------------------------------- budgets and spend


@dataclass
class LineRow:
    service_line: str
    funder: str
    budget: int = 0
    quarters: dict = field(default_factory=lambda: dict.fromkeys(QUARTERS, 0))

    @property
    def spend(self) -> int:
        return sum(self.quarters.values())

    @property
    def left(self) -> int:
        return self.budget - self.spend


def _scoped(queryset, area, area_field="area"):
    return queryset if area is None else queryset.filter(**{area_field: area})


def lines_for(year: int, area: Area | None) -> list[LineRow]:
    """Budget and spend by service line and funder for the year; an area chosen narrows to its rows.

    With no area, every row counts, whole-region ones too. Rows come out in the order of the service
    lines and funders, only those with an amount."""
    sums = (
        _scoped(MoneyLine.objects.filter(year=year), area)
        .values("service_line", "funder", "kind", "quarter")
        .annotate(pence=Sum("amount_pence"))
    )
    rows: dict = {}
    for found in sums:
        key = (found["service_line"], found["funder"])
        row = rows.setdefault(key, LineRow(*key))
        if found["kind"] == LineKind.BUDGET:
            row.budget += found["pence"]
        else:
            row.quarters[found["quarter"]] += found["pence"]
    order = {code: i for i, code in enumerate(ServiceLine.values)}
    funders = {code: i for i, code in enumerate(Funder.values)}
    return sorted(rows.values(), key=lambda r: (order.get(r.service_line, 99), funders.get(r.funder, 99)))


def totals_by(rows: list[LineRow], key: str) -> list[LineRow]:
    """The rows added up by ``service_line`` or by ``funder``."""
    added: dict = {}
    for row in rows:
        code = getattr(row, key)
        total = added.setdefault(code, LineRow(code if key == "service_line" else "", code if key == "funder" else ""))
        total.budget += row.budget
        for q in QUARTERS:
            total.quarters[q] += row.quarters[q]
    return list(added.values())


def grand_total(rows: list[LineRow]) -> LineRow:
    total = LineRow("", "")
    for row in rows:
        total.budget += row.budget
        for q in QUARTERS:
            total.quarters[q] += row.quarters[q]
    return total


def entered_lines(year: int, area: Area | None):
    return _scoped(MoneyLine.objects.filter(year=year), area).select_related("area", "organisation")


class Duplicate(Exception):
    def __init__(self, existing):
        super().__init__("duplicate")
        self.existing = existing


def _duplicate(values, exclude_pk=None):
    found = MoneyLine.objects.filter(
        organisation=values["organisation"], kind=values["kind"], area=values["area"], year=values["year"],
        quarter=values["quarter"], service_line=values["service_line"], funder=values["funder"],
    ).exclude(pk=exclude_pk).first()
    if found is not None:
        raise Duplicate(found)


def enter_line(*, actor, **values) -> MoneyLine:
    """A budget or a quarter's spend for the actor's organisation; one per organisation, area, period,
    service line and funder (checked under a lock on the organisation's row, so two at once take turns)."""
    with transaction.atomic():
        type(values["organisation"]).objects.select_for_update().filter(pk=values["organisation"].pk).first()
        _duplicate(values)
        return MoneyLine.objects.create(created_by=actor, **values)


def change_line(line: MoneyLine, *, expected_version: int, actor, **values) -> MoneyLine:
    with transaction.atomic():
        type(line.organisation).objects.select_for_update().filter(pk=line.organisation_id).first()
        _duplicate({"organisation": line.organisation, "kind": line.kind, **values}, exclude_pk=line.pk)
        claim_version(line, expected_version)
        for name, value in values.items():
            setattr(line, name, value)
        line.save(update_fields=[*values, "version"])
        return line


# ---------------------------------------------------------------- contracts


def terms_of(contract: Contract) -> contractvalue.Terms:
    return contractvalue.Terms(
        contract.starts_on, contract.ends_on, contract.annual_value_pence,
        tuple(contractvalue.Extension(e.ends_on, e.annual_value_pence) for e in contract.extensions.all()),
        tuple(contractvalue.Reduction(r.starts_on, r.annual_pence) for r in contract.reductions.all()),
        tuple(contractvalue.Contribution(c.funder_name, c.annual_pence) for c in contract.contributions.all()),
    )


def contracts():
    return Contract.objects.select_related("commissioner", "provider").prefetch_related(
        "areas", "extensions", "reductions", "contributions"
    )


def visible_contracts(user):
    """The contracts a commissioner or team manager sees: their organisation's (as commissioner or provider),
    those serving their organisation's area, and those serving the whole region (decision 22: scoped on the
    server, as every list is)."""
    organisation = getattr(user, "organisation", None)
    seen = Q(areas__isnull=True)
    if organisation is not None:
        seen |= Q(commissioner=organisation) | Q(provider=organisation)
        if organisation.area_id:
            seen |= Q(areas=organisation.area_id)
    return contracts().filter(pk__in=Contract.objects.filter(seen).values("pk"))


def contracts_in_year(year: int, area: Area | None, user) -> list[tuple[Contract, contractvalue.YearValue]]:
    """Contracts the user sees running in the year (for the area: those serving it, or serving every area),
    with their value."""
    first, last = contractvalue.financial_year(year)
    found = visible_contracts(user).filter(starts_on__lte=last)
    if area is not None:
        found = found.filter(pk__in=Contract.objects.filter(Q(areas=area) | Q(areas__isnull=True)).values("pk"))
    rows = []
    for contract in found:
        value = contractvalue.value_in_year(terms_of(contract), year)
        if value.days:
            rows.append((contract, value))
    return rows


def create_contract(*, actor, areas, **values) -> Contract:
    with transaction.atomic():
        contract = Contract.objects.create(created_by=actor, **values)
        contract.areas.set(areas)
    return contract


def change_contract(contract: Contract, *, expected_version: int, areas, **values) -> Contract:
    with transaction.atomic():
        claim_version(contract, expected_version)
        for name, value in values.items():
            setattr(contract, name, value)
        contract.save(update_fields=[*values, "version"])
        contract.areas.set(areas)
    return contract


def _lock(contract: Contract) -> Contract:
    # Rows added to a contract take turns on its row, so a check against its other rows holds.
    return Contract.objects.select_for_update().get(pk=contract.pk)


class Refused(Exception):
    def __init__(self, field_name, code):
        super().__init__(code)
        self.field_name, self.code = field_name, code


def extend(contract: Contract, *, ends_on, annual_value_pence, note="", actor) -> ContractExtension:
    with transaction.atomic():
        _lock(contract)
        if ends_on <= contractvalue.ends_on(terms_of(contract)):
            raise Refused("ends_on", "not_later")
        return ContractExtension.objects.create(contract=contract, ends_on=ends_on,
                                                annual_value_pence=annual_value_pence, note=note, created_by=actor)


def reduce(contract: Contract, *, starts_on, annual_pence, note="", actor) -> ContractReduction:
    with transaction.atomic():
        _lock(contract)
        problem = contractvalue.reduction_problem(terms_of(contract), contractvalue.Reduction(starts_on, annual_pence))
        if problem:
            raise Refused("starts_on" if problem == "outside" else "annual_pence", problem)
        return ContractReduction.objects.create(contract=contract, starts_on=starts_on, annual_pence=annual_pence,
                                                note=note, created_by=actor)


def contribute(contract: Contract, *, funder, funder_name, annual_pence, note="", actor) -> ContractContribution:
    with transaction.atomic():
        _lock(contract)
        return ContractContribution.objects.create(contract=contract, funder=funder, funder_name=funder_name,
                                                   annual_pence=annual_pence, note=note, created_by=actor)


# ---------------------------------------------------------------- the ledgers


@dataclass
class LedgerRow:
    label: str
    quarters: dict

    @property
    def total(self) -> int:
        return sum(self.quarters.values())


def _by_quarter(pairs) -> dict:
    quarters = dict.fromkeys(QUARTERS, 0)
    for day, pence in pairs:
        quarters[quarter_of(day)] += pence or 0
    return quarters


def ledger_spend(year: int, area: Area | None) -> list[LedgerRow]:
    """Actual spend from the ledgers in the year, by quarter: direct payments paid (support/payments,
    entries of kind payment, on the day paid), money recovered from them (taken off), and short breaks
    delivered (support/breaks, the actual cost of bookings delivered, on the day the break began).
    The carer's area decides the area."""
    first, last = contractvalue.financial_year(year)
    payments = _scoped(PaymentEntry.objects.filter(on__range=(first, last)), area, "carer__area")
    paid = payments.filter(kind=PaymentEntryKind.PAYMENT).values_list("on", "amount_pence")
    recovered = payments.filter(kind=PaymentEntryKind.RECOVERED).values_list("on", "amount_pence")
    # The year's days are the service's local days (Europe/London), as the bookings' pages show them.
    start = timezone.make_aware(datetime.datetime.combine(first, datetime.time.min))
    end = timezone.make_aware(datetime.datetime.combine(last + datetime.timedelta(days=1), datetime.time.min))
    breaks = _scoped(
        Booking.objects.filter(status=BookingStatus.DELIVERED, starts_at__gte=start, starts_at__lt=end),
        area, "carer__area",
    ).values_list("starts_at", "actual_pence", "cost_pence")
    paid_q = _by_quarter(paid)
    recovered_q = _by_quarter(recovered)
    breaks_q = _by_quarter((timezone.localtime(at).date(), actual if actual is not None else cost) for at, actual, cost in breaks)
    net = {q: paid_q[q] - recovered_q[q] for q in QUARTERS}
    return [
        LedgerRow(str(LEDGER_LABELS["paid"]), paid_q),
        LedgerRow(str(LEDGER_LABELS["recovered"]), recovered_q),
        LedgerRow(str(LEDGER_LABELS["net"]), net),
        LedgerRow(str(LEDGER_LABELS["breaks"]), breaks_q),
        LedgerRow(str(LEDGER_LABELS["total"]), {q: net[q] + breaks_q[q] for q in QUARTERS}),
    ]


LEDGER_LABELS = {
    "paid": gettext_lazy("Direct payments paid"),
    "recovered": gettext_lazy("Direct payments recovered (unspent money paid back)"),
    "net": gettext_lazy("Direct payments, less money recovered"),
    "breaks": gettext_lazy("Short breaks delivered (actual cost)"),
    "total": gettext_lazy("Total from the ledgers"),
}


# ---------------------------------------------------------------- per head


def _coverage():
    try:
        from carershub.reporting.coverage import services as coverage
    except ImportError:
        return None
    return coverage


def census_counts(areas) -> dict[int, tuple[int | None, int | None]]:
    """{area id: (usual residents aged 5 and over, carers)} counted by the Census 2021, from reporting.coverage's
    import, in one query; an area not imported (or every area, while coverage does not offer it) is missing."""
    coverage = _coverage()
    function = getattr(coverage, "census_counts", None) if coverage else None
    return function(areas) if function else {}


def known_carers(areas, on: datetime.date) -> dict:
    """{area pk: carers known here}: people with a carer profile living in the area, identified by ``on``,
    whose caring had not ended then. Coverage's count, kept once a day for every area (reporting/prepared.py),
    so both pages give the same number; counted here only while coverage does not offer it."""
    coverage = _coverage()
    kept = getattr(coverage, "kept_known_carers", None) if coverage else None
    counted = kept(on)[0] if kept is not None else None
    if counted is not None:
        return {area.pk: sum(counted.get(area.pk, {}).values()) for area in areas}
    rows = (
        CarerProfile.objects.filter(person__area__in=areas, identified_on__lte=on)
        .filter(Q(caring_ended_on__isnull=True) | Q(caring_ended_on__gt=on))
        .values("person__area").annotate(n=Count("pk"))
    )
    return {row["person__area"]: row["n"] for row in rows}


@dataclass
class HeadRow:
    label: str
    spend: int
    population: int | None
    census_carers: int | None
    known: int | None  # None: not shown (fewer than 5)

    @property
    def per_population(self):
        return perhead.per_head(self.spend, self.population)

    @property
    def per_census_carer(self):
        return perhead.per_head(self.spend, self.census_carers)

    @property
    def per_known_carer(self):
        return perhead.per_head(self.spend, self.known)


def per_head_rows(year: int, areas, *, on: datetime.date, hide_small) -> tuple[list[HeadRow], HeadRow | None]:
    """Spend entered for the year per head, one row per area, and a row for them together.

    Of several areas, those with neither spend entered nor Census figures imported are left out; the row
    for them together has a figure only where every area shown has it.

    Spend is the year's spend entered for the area (every service line and funder); whole-region rows
    belong to no area and are not counted here. ``hide_small(count) -> bool`` says whether a count of
    carers known is too small to publish: it and the figure worked out from it are then not shown."""
    areas = list(areas)
    only_area = len(areas) == 1
    spend = dict(
        MoneyLine.objects.filter(year=year, kind=LineKind.SPEND, area__in=areas)
        .values_list("area").annotate(p=Coalesce(Sum("amount_pence"), 0))
    )
    known = known_carers(areas, on)
    census = census_counts(areas)
    rows = []
    for area in areas:
        population, carers = census.get(area.pk, (None, None))
        if area.pk not in spend and population is None and carers is None and not only_area:
            continue  # nothing entered or imported for it: left out, so it does not blank the total
        count = known.get(area.pk, 0)
        rows.append(HeadRow(area.name, spend.get(area.pk, 0), population, carers, None if hide_small(count) else count))
    if len(rows) < 2:
        return rows, None

    def together(values):
        return None if any(v is None for v in values) else sum(values)

    all_known = sum(known.get(a.pk, 0) for a in areas)
    total = HeadRow(
        str(gettext_lazy("All these areas")), sum(r.spend for r in rows), together([r.population for r in rows]),
        together([r.census_carers for r in rows]), None if hide_small(all_known) or any(r.known is None for r in rows)
        else all_known,
    )
    return rows, total


# ---------------------------------------------------------------- the home page


def home_items(user):
    from django.urls import reverse

    from carershub.core.workqueues import Shortcut
    from carershub.reporting.money.rules import VIEW_MONEY

    if not user.has_perm(VIEW_MONEY):
        return []
    return [Shortcut(reverse("money:index"), str(HOME_TEXT), order=33)]


HOME_TEXT = gettext_lazy("Money: budgets, spend and contracts")
