"""A person's timeline: everything recorded about them, newest first, read from the activity events.

Every change writes an ``activity.Event`` about the person in the same transaction (decision 6),
so the timeline is one query on the person's events, in the order of the (person, occurred_at)
index, a page at a time. The timeline knows nothing of the apps whose events it shows: each app
describes its own, registering in its ``AppConfig.ready()`` (decision 26)::

    timeline.register_group("contacts", gettext_lazy("Contacts"), order=20)
    timeline.register("contacts", [EventKind.CONTACT_LOGGED], describe_contacts)

``describe(user, events)`` gets one page's events of those kinds in one list, so it can fetch
what they link to in one query, and returns ``{event.pk: Entry}``. For an event it leaves out
(or gives None) the page shows the generic entry (what happened, who, when); ``HIDE`` leaves the
event out for this user. A describer says only what this user may know: the page only ever
passes events of a person the user may open (``visible_person_or_404``), but a partner worker
who sees a carer under consent may not see their assessments, nor the cared-for person's health.
Events of a kind that no group claims are not shown at all.

Paging is by keyset, not page numbers: a cursor names the (occurred_at, id) of the entry the
page ends at, so a page costs the same however far back it is and an entry added meanwhile
does not shift the pages. A cursor that cannot be read is ignored (the first page is shown).
"""

import dataclasses
import datetime
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.text import Truncator

from carershub.activity.models import Event
from carershub.core.queries import Prepared

DETAIL_LIMIT = 200


@dataclass(frozen=True)
class Entry:
    """What the timeline says of one event, for one user. Strings are already translated."""

    title: str  # e.g. "Contact logged: phone"
    detail: str = ""  # short plain text; cut to DETAIL_LIMIT characters; nothing the user may not see
    href: str | None = None  # where to read more; None if the user may not open it
    restricted: bool = False  # shown with a "Restricted" tag; title and detail say only what may be said
    # Other people this entry names (their pks): the page logs them as seen, as the person page
    # logs the people in a caring relationship (decision 7, the access log).
    others: tuple[int, ...] = ()


class _Hide:
    def __repr__(self):
        return "HIDE"


HIDE = _Hide()  # a describer's answer for an event this user must not see at all


@dataclass(frozen=True)
class Group:
    """A filter on the timeline ("contacts", "notes", ...). ``visible(user)`` says who may see it at all."""

    key: str
    label: object  # a lazy translation
    order: int = 50
    visible: Callable | None = None

    def visible_to(self, user) -> bool:
        return self.visible is None or bool(self.visible(user))


_groups: dict[str, Group] = {}
_kinds: dict[str, tuple[str, Callable]] = {}  # event kind -> (group key, describer)


def register_group(key: str, label, order: int = 50, *, visible: Callable | None = None) -> None:
    """Add a filter group; registering the same key again replaces it (so a reload is harmless).

    ``visible(user) -> bool``, if given, hides the whole group (its filter and its entries) from
    users who may not see any of it, like assessments from a partner worker.
    """
    _groups[key] = Group(key, label, order, visible)


def register(group: str, event_kinds: Iterable[str], describe: Callable) -> None:
    """Show events of ``event_kinds`` in ``group``, described by ``describe(user, events) -> dict``.

    A kind belongs to one group and one describer: claiming it again elsewhere is a mistake
    (two apps would describe the same event), so it raises.
    """
    for kind in event_kinds:
        kind = str(kind)
        claimed = _kinds.get(kind)
        if claimed is not None and claimed != (group, describe):
            raise ValueError(f"The event kind {kind!r} is already on the timeline in group {claimed[0]!r}")
        _kinds[kind] = (group, describe)


def rows_for(events, queryset, *, read=None) -> dict:
    """The rows of ``queryset``'s model that ``events`` point at, by pk, for a describer.

    ``read``: rows of that model the page has already read (``sections.already_read``), or None.
    Those the events point at are used as they are; the rest come in one query on ``queryset``,
    which carries the describer's own conditions (such as "this person's"). Events written without
    an object (the demo's) are skipped.
    """
    label = queryset.model._meta.label_lower
    pks = {e.object_id for e in events if e.object_type == label and e.object_id is not None}
    found = {row.pk: row for row in (read or ()) if row.pk in pks}
    missing = pks - found.keys()
    if missing:
        found.update(queryset.filter(pk__in=missing).order_by().in_bulk())
    return found


def groups_for(user) -> list[Group]:
    """The groups this user may see and filter by, in order; only groups some kind belongs to."""
    used = {group for group, _describe in _kinds.values()}
    return sorted(
        (g for g in _groups.values() if g.key in used and g.visible_to(user)), key=lambda g: (g.order, g.key)
    )


# --- Cursors ----------------------------------------------------------------------------------------

OLDER, NEWER = "o", "n"
_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
_CURSOR = re.compile(r"^([on])(-?\d{1,18})\.(\d{1,18})$")


@dataclass(frozen=True)
class Cursor:
    direction: str  # OLDER: entries before this one; NEWER: entries after it
    occurred_at: datetime.datetime
    event_id: int

    def __str__(self):
        delta = self.occurred_at - _EPOCH
        micros = (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds
        return f"{self.direction}{micros}.{self.event_id}"

    @classmethod
    def parse(cls, text) -> "Cursor | None":
        """The cursor in ``text``, or None for anything else (never an error: it comes from a URL)."""
        match = _CURSOR.match(text or "") if isinstance(text, str) else None
        if match is None:
            return None
        direction, micros, event_id = match.groups()
        try:
            when = _EPOCH + datetime.timedelta(microseconds=int(micros))
        except OverflowError:
            return None
        if not datetime.datetime(1900, 1, 1, tzinfo=datetime.UTC) <= when <= datetime.datetime(
            9000, 1, 1, tzinfo=datetime.UTC
        ):
            return None
        return cls(direction, when, int(event_id))


def _cursor(direction, event) -> str:
    return str(Cursor(direction, event.occurred_at, event.pk))


# --- A page -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """One row the page shows."""

    event_id: int
    occurred_at: datetime.datetime
    group: Group
    entry: Entry
    who: str  # the actor's full name, "" when nobody signed in did it (a self-assessment sent online)
    organisation: str


@dataclass(frozen=True)
class TimelinePage:
    items: list[Item]
    groups: list[Group]  # those this user may filter by
    chosen: frozenset[str]  # the groups shown (all of ``groups`` when no filter is set)
    older: str | None = None  # the cursor of the next page back, if there is one
    newer: str | None = None  # the cursor of the page before this one, if this is not the first
    filtered: bool = False  # whether the user chose some groups rather than all
    others: frozenset[int] = field(default_factory=frozenset)  # other people the entries name

    @property
    def is_first(self) -> bool:
        return self.newer is None


# The newest entries (the person page's and the timeline's first page), compiled once per process
# for each set of kinds a user may see and page size (core/queries.py, decision 65).
def _events(person_pk, kinds):
    """A person's events of these kinds, with who recorded each and their organisation."""
    return Event.objects.filter(person_id=person_pk, kind__in=kinds).select_related("actor", "organisation")


_NEWEST = Prepared.keyed(
    lambda shape, person_pk: _events(person_pk, shape[0]).order_by("-occurred_at", "-pk")[: shape[1]],
    name="the newest timeline entries",
)


def page_for(user, person, *, groups: set[str] | None, cursor: str | None, size: int = 25) -> TimelinePage:
    """One page of ``person``'s timeline as ``user`` may see it, newest first.

    The caller has checked the user may open the person (``visible_person_or_404``). ``groups``
    are the keys chosen in the filter (None or none known: all); ``cursor`` comes from the
    "Older entries" or "Newer entries" link of the page before.

    Queries: one for the events (with who did each and their organisation), then at most one
    per describer whose kinds are on the page, however many entries there are.
    """
    available = groups_for(user)
    keys = {g.key for g in available}
    chosen = keys & set(groups or ())
    filtered = bool(chosen) and chosen != keys
    chosen = chosen or keys
    kinds = sorted(kind for kind, (group, _describe) in _kinds.items() if group in chosen)
    position = Cursor.parse(cursor)

    rows, older, newer = [], None, None
    if kinds and position is not None and position.direction == NEWER:
        after = Q(occurred_at__gt=position.occurred_at) | Q(occurred_at=position.occurred_at, pk__gt=position.event_id)
        rows = list(_events(person.pk, kinds).filter(after).order_by("occurred_at", "pk")[: size + 1])
        if len(rows) > size:
            rows = rows[:size][::-1]
            newer, older = _cursor(NEWER, rows[0]), _cursor(OLDER, rows[-1])
        else:
            rows, position = [], None  # these are the newest entries: show the first page, whole
    if kinds and (position is None or position.direction == OLDER) and not rows:
        if position is None:
            rows = _NEWEST((tuple(kinds), size + 1), person.pk)
        else:
            before = Q(occurred_at__lt=position.occurred_at) | Q(
                occurred_at=position.occurred_at, pk__lt=position.event_id
            )
            rows = list(_events(person.pk, kinds).filter(before).order_by("-occurred_at", "-pk")[: size + 1])
        if len(rows) > size:
            rows = rows[:size]
            older = _cursor(OLDER, rows[-1])
        if position is not None and rows:
            newer = _cursor(NEWER, rows[0])
    for event in rows:
        event.person = person  # describers may read it without another query

    items, others = _describe(user, rows)
    return TimelinePage(
        items=items,
        groups=available,
        chosen=frozenset(chosen),
        older=older,
        newer=newer,
        filtered=filtered,
        others=frozenset(others),
    )


def _describe(user, rows) -> tuple[list[Item], set[int]]:
    batches: dict[Callable, list] = {}
    for event in rows:
        batches.setdefault(_kinds[event.kind][1], []).append(event)
    described: dict[int, object] = {}
    for describe, events in batches.items():
        described.update(describe(user, events) or {})
    items, others = [], set()
    for event in rows:
        entry = described.get(event.pk)
        if entry is HIDE:
            continue
        if entry is None:
            entry = Entry(title=str(event.get_kind_display()))
        if len(entry.detail) > DETAIL_LIMIT:
            entry = dataclasses.replace(entry, detail=Truncator(entry.detail).chars(DETAIL_LIMIT))
        others.update(entry.others)
        actor = event.actor
        items.append(
            Item(
                event_id=event.pk,
                occurred_at=event.occurred_at,
                group=_groups[_kinds[event.kind][0]],
                entry=entry,
                who=(actor.get_full_name() or actor.username) if actor is not None else "",
                organisation=event.organisation.name if event.organisation is not None else "",
            )
        )
    others.discard(getattr(rows[0].person, "pk", None) if rows else None)
    return items, others
