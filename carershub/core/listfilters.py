"""Filters for the staff lists: a GET form of GOV.UK selects and dates, and the WHERE clauses it makes.

A list (contacts, assessments, reviews, "my work") offers some of: council, area, worker,
status, a date range, channel and outcome. ``ListFilterForm`` is the form (built for one user:
the councils, areas and colleagues to choose from) and ``apply_filters`` narrows a queryset the
list has already scoped to the user (decision 22): a filter only ever narrows what the user may
see, never widens it. ``components/filters.jinja`` renders the form. How to add filters to a
list: DEVELOPERS.md, "How to".

Councils are not mixed unless asked: a council's staff see their own council's items until they
choose another council or "All councils"; everybody else (the carers centre, which works
region-wide) starts from all councils. A council is an organisation of kind COUNCIL, and an area
is the partnership's local authority area; both are reached through the user's organisation
rather than imported (``core`` is layer 0 and imports no app above it), like
``people/relationships.py`` reaches assessments.

Invalid input (a council that is not on the list, a date like 31 February) gives a message on
the field; that filter is then not applied, except the council, which falls back to the user's
default, so a typing mistake never shows every council at once.
"""

from __future__ import annotations

import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import DateTimeField, Q
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from carershub.core import waiting
from carershub.core.forms import GovukDateField

COUNCIL = "council"
AREA = "area"
WORKER = "worker"
STATUS = "status"
DATES = "dates"
CHANNEL = "channel"
OUTCOME = "outcome"
FILTERS = (COUNCIL, AREA, WORKER, STATUS, CHANNEL, OUTCOME, DATES)

ALL_COUNCILS = "all"
DATE_FIELDS = ("from", "to")


def _organisation_model():
    return get_user_model()._meta.get_field("organisation").related_model


def _area_model():
    return _organisation_model()._meta.get_field("area").related_model


def default_council(user):
    """The council whose items a user sees unless they ask for more: their own, if they work for one."""
    org = getattr(user, "organisation", None)
    if org is not None and org.kind == org.Kind.COUNCIL:
        return org
    return None


class ListFilterForm(forms.Form):
    """The filters a list offers, for one user, read from the query string.

    ``offer`` names the filters (``COUNCIL``, ``AREA``, ``WORKER``, ``STATUS``, ``DATES``,
    ``CHANNEL``, ``OUTCOME``), in any order: they are shown in the order of ``FILTERS``.
    ``statuses``, ``channels`` and ``outcomes`` are the list's own choices ``(value, label)``;
    ``labels`` overrides a filter's label (say ``{WORKER: _("Case worker")}``) and ``date_legend``
    names the date range ("Date of contact").

    Always bound (a GET form): missing values are the defaults, so the page with no query string
    is the default list and shows its filters as they apply.
    """

    def __init__(self, data=None, *, user, offer, statuses=(), channels=(), outcomes=(), labels=None, date_legend=None):
        data = data.copy() if data is not None else QueryDict(mutable=True)
        self.user = user
        self.offer = set(offer)
        unknown = self.offer - set(FILTERS)
        if unknown:
            raise ValueError(f"unknown filters: {sorted(unknown)}")
        labels = labels or {}
        self.default_council = default_council(user) if COUNCIL in self.offer else None
        if COUNCIL in self.offer and COUNCIL not in data:
            data[COUNCIL] = str(self.default_council.pk) if self.default_council else ALL_COUNCILS
        super().__init__(data)
        self.date_legend = date_legend or _("Date")
        self._options = {}

        if COUNCIL in self.offer:
            councils = list(
                _organisation_model()
                .objects.filter(kind=_organisation_model().Kind.COUNCIL)
                .only("pk", "name", "kind", "area_id")
                .order_by("name", "pk")
            )
            self._options[COUNCIL] = {str(c.pk): c for c in councils}
            self.fields[COUNCIL] = self._select(
                labels.get(COUNCIL, _("Council")),
                [(ALL_COUNCILS, _("All councils"))] + [(str(c.pk), c.name) for c in councils],
                _("Select a council from the list"),
            )
        if AREA in self.offer:
            areas = list(_area_model().objects.only("pk", "name").order_by("name", "pk"))
            self._options[AREA] = {str(a.pk): a for a in areas}
            self.fields[AREA] = self._select(
                labels.get(AREA, _("Area")),
                [("", _("All areas"))] + [(str(a.pk), a.name) for a in areas],
                _("Select an area from the list"),
            )
        if WORKER in self.offer:
            workers = self._colleagues(user)
            self._options[WORKER] = {str(w.pk): w for w in workers}
            self.fields[WORKER] = self._select(
                labels.get(WORKER, _("Worker")),
                [("", _("Anyone"))] + [(str(w.pk), self._worker_name(w)) for w in workers],
                _("Select a worker from the list"),
            )
        for name, choices, label, any_label in (
            (STATUS, statuses, _("Status"), _("Any status")),
            (CHANNEL, channels, _("How they got in touch"), _("Any way")),
            (OUTCOME, outcomes, _("Outcome"), _("Any outcome")),
        ):
            if name in self.offer:
                self.fields[name] = self._select(
                    labels.get(name, label),
                    [("", any_label)] + [(str(v), label) for v, label in choices],
                    _("Select an option from the list"),
                )
        if DATES in self.offer:
            hint = _("For example, 27 3 2026")
            for name, label in (("from", _("Start date")), ("to", _("End date"))):
                self.fields[name] = GovukDateField(label=labels.get(name, label), required=False, help_text=hint)

    @staticmethod
    def _select(label, choices, invalid):
        return forms.ChoiceField(
            label=label, choices=choices, required=False, error_messages={"invalid_choice": invalid}
        )

    @staticmethod
    def _colleagues(user):
        """The user and the active staff of their organisation: the workers a list can be narrowed to."""
        staff = get_user_model().objects.filter(is_active=True).only("pk", "first_name", "last_name", "username")
        if user.organisation_id:
            return list(staff.filter(organisation_id=user.organisation_id).order_by("last_name", "first_name", "pk"))
        return [user]

    def _worker_name(self, worker) -> str:
        name = worker.get_full_name() or worker.username
        return gettext("%(name)s (you)") % {"name": name} if worker.pk == self.user.pk else name

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("from"), cleaned.get("to")
        if first and last and last < first:
            self.add_error("to", _("End date must be the same as or after the start date"))
        return cleaned

    # --- what was chosen ---------------------------------------------------------------------

    @property
    def select_names(self) -> list[str]:
        """The select boxes to show, in order (the template lays them out)."""
        return [name for name in FILTERS if name in self.fields]

    @property
    def offers_dates(self) -> bool:
        return "from" in self.fields

    def chosen(self) -> dict:
        """Each filter the user chose, valid and not "any": council, area and worker as records,
        status, channel and outcome as their codes, dates as ``(first, last)`` (either may be None).

        The council is absent for "All councils"; when the input is not a council on the list,
        it is the user's default council (``default_council``).
        """
        self.is_valid()
        data = self.cleaned_data
        chosen = {}
        if COUNCIL in self.fields:
            value = data.get(COUNCIL) if COUNCIL not in self.errors else None
            if not value:  # missing, empty or not a council on the list
                council = self.default_council
            elif value == ALL_COUNCILS:
                council = None
            else:
                council = self._options[COUNCIL][value]
            if council is not None:
                chosen[COUNCIL] = council
        for name in (AREA, WORKER):
            if data.get(name):
                chosen[name] = self._options[name][data[name]]
        for name in (STATUS, CHANNEL, OUTCOME):
            if data.get(name):
                chosen[name] = data[name]
        if self.offers_dates and (data.get("from") or data.get("to")):
            chosen[DATES] = (data.get("from"), data.get("to"))
        return chosen

    @property
    def council(self):
        """The council the list is narrowed to, or None for all councils."""
        return self.chosen().get(COUNCIL)

    @property
    def worker(self):
        return self.chosen().get(WORKER)

    @property
    def status(self) -> str | None:
        return self.chosen().get(STATUS)

    @property
    def is_default(self) -> bool:
        """Nothing chosen beyond the defaults (so "Clear filters" would change nothing)."""
        chosen = self.chosen()
        council = chosen.pop(COUNCIL, None)
        return not chosen and council == self.default_council and not self.errors


def apply_filters(queryset, form: ListFilterForm, **paths):
    """``queryset`` narrowed by what ``form`` has chosen.

    Each keyword (``council``, ``area``, ``worker``, ``status``, ``dates``, ``channel``,
    ``outcome``) gives how this list reaches that filter: a field path on the queryset's model
    (``council="assessing_organisation"``, ``area="carer__area"``, ``dates="received_at"``) or a
    function taking the chosen value (a record, a code, or ``(first, last)`` for dates) and
    returning a ``Q`` (``council=lambda org: Q(area_id=org.area_id)``). A filter the list does
    not name is not applied (a list that shows a status as separate tables reads
    ``form.status`` itself). A date range on a date-and-time field is whole local days.
    """
    unknown = set(paths) - set(FILTERS)
    if unknown:
        raise ValueError(f"unknown filters: {sorted(unknown)}")
    for name, value in form.chosen().items():
        path = paths.get(name)
        if path is None:
            continue
        if callable(path):
            queryset = queryset.filter(path(value))
        elif name == DATES:
            queryset = queryset.filter(_date_range_q(queryset.model, path, *value))
        else:
            queryset = queryset.filter(**{path: value})
    return queryset


def _date_range_q(model, path: str, first, last) -> Q:
    start, end = waiting.day_range(first, last)
    if isinstance(_field_at(model, path), DateTimeField):
        start = _start_of_day(start) if start else None
        end = _start_of_day(end) if end else None
    q = Q()
    if start is not None:
        q &= Q(**{f"{path}__gte": start})
    if end is not None:
        q &= Q(**{f"{path}__lt": end})
    return q


def _field_at(model, path: str):
    field = None
    for part in path.split("__"):
        field = model._meta.get_field(part)
        model = field.related_model or model
    return field


def _start_of_day(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


# --- How long each item has waited -------------------------------------------------------------


def _local_date(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return timezone.localdate(value)
    return value


def waited(since, today: datetime.date | None = None) -> str:
    """How long since ``since`` (a date, or a date and time), in the reader's language: "3 days"."""
    if since is None:
        return ""
    today = today or timezone.localdate()
    return waiting.wait_text(_local_date(since), today, gettext=gettext, ngettext=ngettext)


def due(day: datetime.date | None, today: datetime.date | None = None) -> str:
    """When ``day`` falls due, in the reader's language: "Today", "In 5 days", "Overdue"."""
    if day is None:
        return ""
    return waiting.due_text(day, today or timezone.localdate(), gettext=gettext, ngettext=ngettext)


def overdue(day: datetime.date | None, today: datetime.date | None = None) -> bool:
    return waiting.is_overdue(day, today or timezone.localdate())
