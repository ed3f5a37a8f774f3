"""Options appraisals: making and changing them (one transaction each, version-checked) and comparing them.

The arithmetic is scoring.py (pure). An appraisal is a commissioning record of its organisation, not
a count of anything, so changes write no activity event: the appraisal keeps who made it and when,
and a change that finds another version saves nothing (core/locking.py).
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Max

from carershub.core.i18n import gettext_noop
from carershub.core.locking import claim_version
from carershub.grants.fund import SECTION_16_PRINCIPLES
from carershub.reporting.appraisal import scoring
from carershub.reporting.appraisal.models import Appraisal, Cell, Criterion, Option

SECTION_16_HEADING = gettext_noop("Section 16 principles")  # shown in the reader's language


def visible(user):
    """The appraisals this user may see: their own organisation's (decision 5: scoped on the server)."""
    if not user.is_authenticated or not user.organisation_id:
        return Appraisal.objects.none()
    return Appraisal.objects.filter(organisation_id=user.organisation_id)


@transaction.atomic
def create_appraisal(*, actor, title, purpose="", method=scoring.RAG, scale_min=0, scale_max=5,
                     section16=False, organisation=None) -> Appraisal:
    appraisal = Appraisal.objects.create(
        title=title, purpose=purpose, method=method, scale_min=scale_min, scale_max=scale_max,
        organisation=organisation or actor.organisation, created_by=actor,
    )
    if section16:
        load_section16(appraisal)
    return appraisal


def load_section16(appraisal) -> list[Criterion]:
    """The Section 16 principles (grants.fund.SECTION_16_PRINCIPLES) as criteria, each weight 1.

    Names are stored in English, as typed criteria are; the page shows the Welsh of these four.
    """
    start = _next_position(appraisal.criteria)
    return [
        Criterion.objects.create(appraisal=appraisal, position=start + i, group=SECTION_16_HEADING, name=name,
                                 description=description, weight=Decimal(1))
        for i, (name, description) in enumerate(SECTION_16_PRINCIPLES)
    ]


@transaction.atomic
def change_appraisal(appraisal, *, expected_version, title, purpose, method, scale_min, scale_max) -> Appraisal:
    claim_version(appraisal, expected_version)
    appraisal.title, appraisal.purpose, appraisal.method = title, purpose, method
    appraisal.scale_min, appraisal.scale_max = scale_min, scale_max
    appraisal.save(update_fields=["title", "purpose", "method", "scale_min", "scale_max"])
    return appraisal


def _next_position(related) -> int:
    return (related.aggregate(top=Max("position"))["top"] or 0) + 1


@transaction.atomic
def add_criterion(appraisal, *, name, weight=Decimal(1), group="", description="") -> Criterion:
    return Criterion.objects.create(appraisal=appraisal, position=_next_position(appraisal.criteria), name=name,
                                    weight=weight, group=group, description=description)


@transaction.atomic
def change_criterion(criterion, *, expected_version, name, weight, group, description) -> Criterion:
    """A criterion belongs to its appraisal's version: changing a weight changes every total."""
    claim_version(criterion.appraisal, expected_version)
    criterion.name, criterion.weight, criterion.group, criterion.description = name, weight, group, description
    criterion.save(update_fields=["name", "weight", "group", "description"])
    return criterion


@transaction.atomic
def add_option(appraisal, *, name, group="", description="", cells=None) -> Option:
    option = Option.objects.create(appraisal=appraisal, position=_next_position(appraisal.options), name=name,
                                   group=group, description=description)
    if cells:
        _write_cells(option, appraisal.method, cells)
    return option


@transaction.atomic
def change_option(option, *, expected_version, name, group, description, cells) -> Option:
    """The option and its row of cells. ``cells``: {criterion pk: (value, narrative)}."""
    claim_version(option, expected_version)
    option.name, option.group, option.description = name, group, description
    option.save(update_fields=["name", "group", "description"])
    _write_cells(option, option.appraisal.method, cells)
    return option


def _write_cells(option, method, cells) -> None:
    existing = {cell.criterion_id: cell for cell in option.cells.all()}
    for criterion_id, (value, narrative) in cells.items():
        cell = existing.get(criterion_id) or Cell(option=option, criterion_id=criterion_id)
        if method == scoring.RAG:
            cell.rating, cell.score = value or "", None
        else:
            cell.rating, cell.score = "", value
        cell.narrative = narrative or ""
        cell.save()


@dataclass
class Compared:
    appraisal: Appraisal
    criteria: list
    options: list
    cells: dict  # (option pk, criterion pk) -> Cell
    results: dict  # option pk -> scoring.Result
    ranking: list  # [(Option, Result)] in reading order

    @property
    def grouped_options(self) -> bool:
        return any(option.group for option in self.options)


def compare(appraisal) -> Compared:
    """Everything the matrix and the ranking show, in three queries."""
    criteria = list(appraisal.criteria.all())
    options = list(appraisal.options.all())
    cells = {(c.option_id, c.criterion_id): c for c in Cell.objects.filter(option__appraisal=appraisal)}
    method = appraisal.method
    results = scoring.compare(
        method, appraisal.scale_max,
        [scoring.Criterion(c.pk, c.weight) for c in criteria],
        [scoring.OptionInput(o.pk, o.group, o.position,
                             {c.pk: cells[(o.pk, c.pk)].value(method) for c in criteria if (o.pk, c.pk) in cells})
         for o in options],
    )
    by_pk = {result.key: result for result in results}
    by_option = {option.pk: option for option in options}
    return Compared(appraisal, criteria, options, cells, by_pk,
                    [(by_option[r.key], r) for r in scoring.ranking(results)])


def home_items(user):
    """A shortcut to options appraisals on the home page of those who may use them (no query of its own)."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from carershub.core.workqueues import Shortcut
    from carershub.reporting.appraisal.rules import VIEW_APPRAISALS

    if not user.has_perm(VIEW_APPRAISALS):
        return []
    return [Shortcut(reverse("appraisal:index"), _("Options appraisals"), order=88)]
