"""The provider mix: returns entered (each change one transaction with its event) and hours counted
from the care arrangements recorded here. The arithmetic of shares is shares.py (pure).

Returns are about councils, not people: events carry no person and no organisation (the council
a return is about need not be the organisation of whoever typed it).
"""

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.db import IntegrityError, transaction

from carershub.activity.models import Event, EventKind
from carershub.activity.services import record_event
from carershub.core.locking import claim_version
from carershub.providers.arrangements.models import Arrangement, Setting
from carershub.providers.mix import shares
from carershub.providers.mix.models import Basis, MixLine, MixReturn

WALES_CODE = "W92000004"  # ONS code of Wales: a published table's total row is loaded as its return
PUBLISHED_SOURCE = "ADSS Cymru/Data Cymru 2019, Table 2"


class Duplicate(Exception):
    """A return for this council and period exists already."""

    def __init__(self, existing):
        super().__init__(existing.pk)
        self.existing = existing


def _event(mix_return, actor, change):
    event = record_event(
        EventKind.MIX_RETURN, actor=actor, obj=mix_return,
        data={"council": mix_return.council_name, "period_start": mix_return.period_start.isoformat(),
              "period_end": mix_return.period_end.isoformat(), "basis": mix_return.basis, "change": change},
    )
    if event.organisation_id is not None:
        Event.objects.filter(pk=event.pk).update(organisation=None)
        event.organisation_id = None
    return event


def _existing(council_name, period, exclude_pk=None):
    found = MixReturn.objects.filter(council_name=council_name, period_start=period[0], period_end=period[1])
    if exclude_pk is not None:
        found = found.exclude(pk=exclude_pk)
    return found.first()


def _write_lines(mix_return, amounts):
    mix_return.lines.all().delete()
    MixLine.objects.bulk_create(
        [MixLine(mix_return=mix_return, sector=sector, amount=Decimal(amounts.get(sector) or 0))
         for sector in shares.SECTORS]
    )


@transaction.atomic
def enter_return(*, actor, council_name, period, basis, amounts, area=None, council_code="", source=""):
    """A new return; Duplicate when the council already has one for the period (also when two are
    entered at the same moment: the unique constraint decides)."""
    existing = _existing(council_name, period)
    if existing is not None:
        raise Duplicate(existing)
    try:
        with transaction.atomic():
            made = MixReturn.objects.create(
                council_name=council_name, council_code=council_code, area=area, period_start=period[0],
                period_end=period[1], basis=basis, source=source,
                entered_by=actor if actor and actor.is_authenticated else None,
            )
    except IntegrityError:
        raise Duplicate(_existing(council_name, period)) from None
    _write_lines(made, amounts)
    _event(made, actor, "entered")
    return made


@transaction.atomic
def change_return(mix_return, *, expected_version, actor, council_name, period, basis, amounts, area=None,
                  council_code="", source=""):
    """Change a return opened at ``expected_version``: StaleRecordError if somebody saved it since."""
    existing = _existing(council_name, period, exclude_pk=mix_return.pk)
    if existing is not None:
        raise Duplicate(existing)
    claim_version(mix_return, expected_version)
    mix_return.council_name, mix_return.council_code, mix_return.area = council_name, council_code, area
    mix_return.period_start, mix_return.period_end = period
    mix_return.basis, mix_return.source = basis, source
    try:
        with transaction.atomic():
            mix_return.save(update_fields=["council_name", "council_code", "area", "period_start", "period_end",
                                           "basis", "source"])
    except IntegrityError:
        raise Duplicate(_existing(council_name, period, exclude_pk=mix_return.pk)) from None
    _write_lines(mix_return, amounts)
    _event(mix_return, actor, "changed")
    return mix_return


# ---------------------------------------------------------------- reading returns


def amounts_of(mix_return) -> dict:
    return {line.sector: line.amount for line in mix_return.lines.all()}


def mix_of(mix_return) -> shares.Mix:
    return shares.mix(amounts_of(mix_return), mix_return.basis)


def returns_for_council(council_name):
    return list(MixReturn.objects.filter(council_name=council_name).prefetch_related("lines").order_by("period_start",
                                                                                                       "period_end"))


def periods_with_returns():
    """(start, end) of every period some return covers, latest first."""
    return list(MixReturn.objects.order_by("-period_start", "period_end").values_list("period_start", "period_end")
                .distinct())


def returns_for_period(period):
    """(the councils' returns, the published total's return or None) for one period, by council name."""
    found = list(MixReturn.objects.filter(period_start=period[0], period_end=period[1]).prefetch_related("lines")
                 .order_by("council_name"))
    total = next((r for r in found if r.council_code == WALES_CODE), None)
    return [r for r in found if r.council_code != WALES_CODE], total


# ---------------------------------------------------------------- counted from arrangements


HOURS_PLACE = Decimal("0.01")


def counted_hours(area, periods):
    """{(start, end): (amounts by sector in hours, how many people)} for ``area``'s people.

    Care at home only (Arrangement.setting IN_HOME), in the area of the person receiving it
    (Person.area); an arrangement gives hours_per_week × its days inside the period ÷ 7, to the
    sector of its provider's type (shares.SECTOR_OF_PROVIDER_TYPE). Arrangements without hours
    a week add people but no hours. One query for all the periods; sums are kept exact (in
    hour-days) and divided by 7 once, then written to the hundredth of an hour.
    """
    if not periods:
        return {}
    first, last = min(p[0] for p in periods), max(p[1] for p in periods)
    rows = list(
        Arrangement.objects.overlapping(first, last)
        .filter(setting=Setting.IN_HOME, person__area=area)
        .values_list("provider__provider_type", "starts_on", "ends_on", "hours_per_week", "person_id")
    )
    result = {}
    for start, end in periods:
        hour_days = defaultdict(Decimal)
        people = set()
        for provider_type, starts_on, ends_on, per_week, person_id in rows:
            if starts_on > end or (ends_on is not None and ends_on < start):
                continue
            people.add(person_id)
            if per_week is not None:
                hour_days[shares.SECTOR_OF_PROVIDER_TYPE[provider_type]] += shares.hours_in_period(
                    per_week, starts_on, ends_on, start, end)
        amounts = {sector: (hour_days[sector] / 7).quantize(HOURS_PLACE, rounding=ROUND_HALF_UP)
                   for sector in shares.SECTORS}
        result[(start, end)] = (amounts, len(people))
    return result


def counted_rows(area, periods):
    """[(period, Mix or None when suppressed, people)] for the counted source."""
    rows = []
    for period, (amounts, people) in counted_hours(area, periods).items():
        suppressed = 0 < people < shares.FEWER_THAN_PEOPLE
        rows.append((period, None if suppressed else shares.mix(amounts, Basis.HOURS), people))
    return rows


def home_items(user):
    """A shortcut to the provider mix on the home page of those who may read it."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from carershub.core.workqueues import Shortcut
    from carershub.providers.mix.rules import VIEW_PROVIDER_MIX

    if not user.has_perm(VIEW_PROVIDER_MIX):
        return []
    return [Shortcut(reverse("providermix:overview"), _("Provider mix: care at home by sector"), order=87)]
