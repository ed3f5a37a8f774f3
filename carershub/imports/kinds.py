"""What happens to each checked row of a batch: added, updated, unchanged, merged or rejected.

One class per kind of file. Each batch goes through three steps:

1. ``read`` (database): the batch's source ids already imported, the records its rows may be
   (the same NHS number, a name key with the same date of birth, the same caring pair or
   consent), and ids reserved for the records it may add. One query each, for the batch.
2. ``decide`` (no database): each row's outcome, and every row to write, ready to go.
3. ``write`` (database): one insert per table (``COPY`` on PostgreSQL), the few updates, one
   transaction.

``services.import_file`` runs the database steps in a thread of their own, so a batch's
decisions are made while the batch before it is written. A batch is therefore read before the
one before it is written: what that batch added or changed is carried over in memory
(``recent``) and counts as though it were in the database.

Every row that changes a record (added, updated, merged) writes one activity event of kind
"imported" (activity.EventKind.IMPORTED) and nothing else: not "person created", "carer
identified" or "contact logged", which the figures count as new work (reporting/figures.py).
"""

from __future__ import annotations

import abc
import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache, partial
from typing import Any

from django.db import connection
from django.db.models import F, Model
from django.utils import timezone
from django.utils.translation import gettext as _

from carershub.activity.models import Event, EventKind
from carershub.contacts.models import Contact
from carershub.imports import bulk, ledger, mapping as m
from carershub.imports.checks import CheckedRow
from carershub.imports.models import SourceRecord
from carershub.partnership.services import PostcodeAreas
from carershub.people import matching
from carershub.people.models import CarerProfile, CaringRelationship, Consent, Person
from carershub.people.presenters import MATCH_REASONS

ADDED, UPDATED, UNCHANGED, MERGED, REJECTED = "added", "updated", "unchanged", "merged", "rejected"
OUTCOMES = (ADDED, UPDATED, UNCHANGED, MERGED, REJECTED)

LINK_COLUMNS = ["source", "kind", "source_id", "object_id", "fingerprint", "field_hashes", "outcome", "run_id",
                "row_number", "first_imported_at", "updated_at"]
EVENT_COLUMNS = ["kind", "occurred_at", "actor_id", "organisation_id", "person_id", "area_id", "object_type",
                 "object_id", "data"]


@dataclass(slots=True, eq=False)
class State:
    """One of our records as this run leaves it: read from the database, or new (``new``)."""

    values: dict[str, Any]
    pk: int | None = None
    new: bool = False
    row: int | None = None  # the row of this run's file that added it
    dirty: set = field(default_factory=set)
    keys: dict[str, Any] = field(default_factory=dict)  # anything else a kind keeps about it

    def change(self, values: dict[str, Any]):
        self.values.update(values)
        if not self.new:
            self.dirty.update(values)


@dataclass(slots=True)
class Result:
    number: int
    source_id: str
    outcome: str
    record_id: int | None = None
    reason: str = ""


@dataclass
class Found:
    """What ``read`` found for one batch."""

    links: dict[str, dict] = field(default_factory=dict)
    states: dict[int, State] = field(default_factory=dict)
    people: dict[str, tuple[int, int | None]] = field(default_factory=dict)
    ids: list[int] = field(default_factory=list)


@dataclass
class Plan:
    """One batch decided: the outcomes, and everything ``write`` writes, in order."""

    results: list[Result] = field(default_factory=list)
    inserts: list[tuple[type[Model], list[str], list[list]]] = field(default_factory=list)
    updates: list = field(default_factory=list)  # callables, each with its values already worked out
    links: list[list] = field(default_factory=list)
    link_updates: list[tuple[int, str, dict, int]] = field(default_factory=list)
    stamps: list[tuple[int, int]] = field(default_factory=list)
    events: list[list] = field(default_factory=list)
    # The inserts, links and events as bulk.Rows, made ready before the plan goes to be written.
    ready: list = field(default_factory=list)

    def make_ready(self):
        self.ready = [bulk.Rows(model, names, rows) for model, names, rows in self.inserts]
        self.ready.append(bulk.Rows(SourceRecord, LINK_COLUMNS, self.links))
        self.ready.append(bulk.Rows(Event, EVENT_COLUMNS, self.events))
        self.inserts = self.links = self.events = None  # not needed twice


def _id(value):
    return value.pk if isinstance(value, Model) else value


def _names(fields) -> str:
    return ", ".join(fields)


def _update(model, pk, attrs):
    model.objects.filter(pk=pk).update(**attrs)


class KindImport(abc.ABC):
    """The shared part: source ids already imported, unchanged rows, links and events."""

    kind: str
    model: type[Model]
    object_type: str
    # Our fields that have another name on the model (a foreign key's id).
    attnames: dict[str, str] = {}

    def __init__(self, mapping: m.Mapping, *, run, organisation, user, hasher: ledger.Hasher):
        self.mapping = mapping
        self.run = run
        self.organisation = organisation
        self.user = user
        self.hasher = hasher
        self.model_fields = {f.attname for f in self.model._meta.concrete_fields}
        # The batch before this one, still being written while this one is decided.
        self.recent: dict[int, State] = {}
        self.recent_sids: dict[str, int] = {}

    # == reading (database thread) ==============================================================

    def read(self, rows: list[CheckedRow]) -> Found:
        valid = [row for row in rows if row.ok]
        found = Found()
        found.links = links = self.find_links(self.kind, {row.source_id for row in valid})
        # Rows already imported as they are need nothing more looked up.
        active = [
            row for row in valid
            if (link := links.get(row.source_id)) is None or link["fingerprint"] != row.fingerprint
        ]
        self.read_candidates(active, links, found)
        to_load = {links[row.source_id]["object_id"] for row in active if row.source_id in links}
        missing = to_load - set(found.states)
        if missing:
            found.states.update(self.load(missing))
        found.ids = bulk.reserve_ids(self.model, sum(1 for row in active if row.source_id not in links))
        return found

    def find_links(self, kind: str, source_ids) -> dict[str, dict]:
        if not source_ids:
            return {}
        return {
            link["source_id"]: link
            for link in SourceRecord.objects.filter(
                bulk.among(SourceRecord, "source_id", source_ids), source=self.mapping.source, kind=kind
            ).values("id", "source_id", "object_id", "fingerprint", "field_hashes", "run_id", "row_number")
        }

    def find_people(self, source_ids) -> dict[str, tuple[int, int | None]]:
        """Person ids and areas by the source ids of people imported earlier from this source."""
        links = self.find_links(m.PEOPLE, source_ids)
        if not links:
            return {}
        people = dict(
            Person.objects.filter(bulk.among(Person, "id", [link["object_id"] for link in links.values()]))
            .values_list("pk", "area_id")
        )
        return {
            sid: (link["object_id"], people[link["object_id"]])
            for sid, link in links.items()
            if link["object_id"] in people
        }

    def read_candidates(self, rows: list[CheckedRow], links: dict[str, dict], found: Found) -> None:
        """Records the batch's new rows may be, into ``found.states``."""

    @abc.abstractmethod
    def load(self, pks) -> dict[int, State]:
        """Our records by id, as states with values under our field names."""

    # == deciding (no database) ================================================================

    def fingerprint(self, row: CheckedRow) -> None:
        """The row's hashes and fingerprint (imports/ledger.py)."""
        row.hashes = self.hasher.fields(self.hashed(row))
        row.fingerprint = self.hasher.fingerprint(row.hashes)

    def hashed(self, row: CheckedRow) -> dict[str, Any]:
        """The values the fingerprint covers: everything the row says, people by their source id."""
        return {**row.values, **row.refs}

    def begin(self, states: dict[int, State], found: Found) -> None:
        """Index the records the batch may meet, before its rows are decided."""
        for state in states.values():
            self.index(state)

    def resolve(self, row: CheckedRow) -> str | None:
        """A reason to reject the row for the people it names, or None."""
        return None

    def new_values(self, row: CheckedRow) -> dict[str, Any]:
        return dict(row.values)  # lookups give ids (imports/checks.py)

    def match(self, row: CheckedRow, values: dict[str, Any]):
        """An existing record this row is (state, evidence) or a reason to reject it; None if new."""
        return None

    def check_changes(self, row: CheckedRow, state: State, changes: dict[str, Any]) -> str | None:
        return None

    def index(self, state: State) -> None:
        """Remember a record, so a later row of the batch can find it."""

    def keep(self, state: State, row: CheckedRow) -> None:
        """Note on a new record what its writing needs besides its values (the people it names)."""

    def original_date(self, values: dict[str, Any]):
        return None

    @abc.abstractmethod
    def event_person(self, state: State) -> tuple[int | None, int | None]:
        """(person id, area id) the event is about."""

    @abc.abstractmethod
    def build(self, plan: Plan, added: list[State], changed: list[State]) -> None:
        """The inserts and updates of the batch's records."""

    def decide(self, rows: list[CheckedRow], found: Found) -> Plan:
        plan = Plan()
        results = plan.results
        valid = []
        for row in rows:
            if row.ok:
                valid.append(row)
            else:
                results.append(Result(row.number, row.source_id, REJECTED, reason="; ".join(row.errors)))
        links = found.links
        self.people = found.people
        states = found.states
        states.update(self.recent)  # what the batch before changed is not written yet
        self.states = states
        self.begin(states, found)
        ids = iter(found.ids)
        hasher = self.hasher
        self.now = timezone.now()

        seen = dict(self.recent_sids)
        added: list[State] = []
        touched: dict[int, State] = {}
        events: list[tuple[Result, State, dict]] = []
        for row in valid:
            sid = row.source_id
            link = links.get(sid)
            earlier = seen.get(sid) or (link["row_number"] if link and link["run_id"] == self.run.pk else None)
            if earlier is not None:
                results.append(
                    Result(row.number, sid, REJECTED, reason=_("The same source id is on row %(row)s of this file")
                           % {"row": earlier})
                )
                continue
            seen[sid] = row.number
            if link is not None and link["fingerprint"] == row.fingerprint:
                results.append(Result(row.number, sid, UNCHANGED, record_id=link["object_id"]))
                plan.stamps.append((link["id"], row.number))
                continue
            problem = self.resolve(row)
            if problem:
                results.append(Result(row.number, sid, REJECTED, reason=problem))
                continue
            values = self.new_values(row)
            if link is not None:
                state = states.get(link["object_id"])
                if state is None:
                    results.append(
                        Result(row.number, sid, REJECTED, reason=_(
                            "The record this row was imported into (%(id)s) no longer exists"
                        ) % {"id": link["object_id"]})
                    )
                    continue
                ours = {name: state.values.get(name) for name in values}
                changes, kept = hasher.changes(values, row.hashes, link["field_hashes"], ours)
                problem = self.check_changes(row, state, changes)
                if problem:
                    results.append(Result(row.number, sid, REJECTED, record_id=state.pk, reason=problem))
                    continue
                state.change(changes)
                self.index(state)
                touched[id(state)] = state
                reason = []
                if changes:
                    reason.append(_("Changed: %(fields)s") % {"fields": _names(changes)})
                if kept:
                    reason.append(
                        _("Kept ours, changed here since the last import: %(fields)s") % {"fields": _names(kept)}
                    )
                result = Result(row.number, sid, UPDATED, record_id=state.pk, reason=". ".join(reason))
                results.append(result)
                plan.link_updates.append((link["id"], row.fingerprint, row.hashes, row.number))
                events.append((result, state, {"fields": sorted(changes)}))
                continue
            found_match = self.match(row, values)
            if isinstance(found_match, str):
                results.append(Result(row.number, sid, REJECTED, reason=found_match))
                continue
            if found_match is not None:
                state, evidence = found_match
                fills = ledger.fills(values, state.values)
                problem = self.check_changes(row, state, fills)
                if problem:
                    results.append(Result(row.number, sid, REJECTED, reason=problem))
                    continue
                state.change(fills)
                self.index(state)
                touched[id(state)] = state
                reason = [evidence]
                if fills:
                    reason.append(_("Filled in: %(fields)s") % {"fields": _names(fills)})
                result = Result(row.number, sid, MERGED, record_id=state.pk, reason=". ".join(reason))
                results.append(result)
                plan.links.append(self._link(result, row))
                events.append((result, state, {"fields": sorted(fills)}))
                continue
            state = State(values=values, new=True, row=row.number, pk=next(ids))
            self.keep(state, row)
            added.append(state)
            self.index(state)
            touched[id(state)] = state
            result = Result(row.number, sid, ADDED, record_id=state.pk, reason=row.note)
            results.append(result)
            plan.links.append(self._link(result, row))
            events.append((result, state, {}))

        changed = [state for state in touched.values() if state.dirty and not state.new]
        self.build(plan, added, changed)
        self.build_events(plan, events)
        plan.make_ready()
        # What this batch did, for the next batch to see before it is written.
        for state in added:
            state.new = False
        for state in changed:
            state.dirty = set()
        self.recent = {state.pk: state for state in touched.values()}
        self.recent_sids = {row.source_id: row.number for row in valid}
        results.sort(key=lambda result: result.number)
        return plan

    def _link(self, result: Result, row: CheckedRow) -> list:
        now = self.now
        return [self.mapping.source, self.kind, result.source_id, result.record_id, row.fingerprint, row.hashes,
                result.outcome, self.run.pk, row.number, now, now]

    def build_events(self, plan: Plan, events):
        now = self.now
        actor, organisation = getattr(self.user, "pk", None), self.organisation.pk
        source, kind, run_id, object_type = self.mapping.source, self.kind, self.run.pk, self.object_type
        for result, state, extra in events:
            person_id, area_id = self.event_person(state)
            original = self.original_date(state.values)
            data = {
                "source": source,
                "kind": kind,
                "source_id": result.source_id,
                "outcome": result.outcome,
                "run": run_id,
                "row": result.number,
                "original_date": original.isoformat() if original else None,
            }
            if extra:
                data.update(extra)
            plan.events.append(
                [EventKind.IMPORTED, now, actor, organisation, person_id, area_id, object_type, state.pk, data]
            )

    def model_row(self, values: dict[str, Any]) -> dict[str, Any]:
        """Our field values under the model's attribute names."""
        row = {}
        for name, value in values.items():
            attname = self.attnames.get(name, name)
            if attname in self.model_fields:
                row[attname] = value
        return row

    # == writing (database thread) ==============================================================

    def refresh_statistics(self):
        bulk.refresh_statistics(*dict.fromkeys([Person, self.model, SourceRecord]))

    def write(self, plan: Plan) -> None:
        *records, links, events = plan.ready
        for rows in records:  # the records first: links, events and profiles point at them
            rows.write()
        for update in plan.updates:
            update()
        links.write()
        now = timezone.now()
        for pk, fingerprint, hashes, number in plan.link_updates:
            SourceRecord.objects.filter(pk=pk).update(
                fingerprint=fingerprint, field_hashes=hashes, run=self.run, row_number=number, updated_at=now
            )
        bulk.set_run(SourceRecord._meta.db_table, self.run.pk, plan.stamps)
        events.write()


# ---------------------------------------------------------------------------
# People
# ---------------------------------------------------------------------------

CARER_FIELDS = ("identified_on", "is_parent_carer", "caring_ended_on")
PERSON_ATTNAMES = {"area": "area_id", "gp_practice": "gp_practice_id", "school": "school_id"}
PROFILE_COLUMNS = ["person_id", "identified_on", "is_parent_carer", "caring_ended_on", "case_worker_id", "version"]
_normalise = lru_cache(maxsize=65536)(matching.normalise_name)
_key = lru_cache(maxsize=65536)(matching.name_key)


class PeopleImport(KindImport):
    kind = m.PEOPLE
    model = Person
    object_type = "people.person"
    attnames = PERSON_ATTNAMES

    def __init__(self, mapping, **kwargs):
        super().__init__(mapping, **kwargs)
        self.default_area = self.organisation.area_id
        self.postcode_areas = PostcodeAreas()
        self.carers_default = "is_carer" not in mapping.fields
        # Every column of a new person, with the model's defaults (bulk writes do not call save()).
        self.template = {f.attname: f.get_default() for f in Person._meta.concrete_fields}
        self.person_columns = list(self.template)
        self.names = list(dict.fromkeys(n for n in (*mapping.fields, "is_carer") if n in m.FIELDS[m.PEOPLE]))

    # -- reading --------------------------------------------------------------------------------

    def load(self, pks):
        return self._states(Person.objects.filter(bulk.among(Person, "id", pks)))

    def _states(self, queryset) -> dict[int, State]:
        columns = ["pk", "given_name", "family_name", "date_of_birth", "postcode", "nhs_number"]
        columns += [self.attnames.get(n, n) for n in self.names if self.attnames.get(n, n) in self.model_fields]
        columns = list(dict.fromkeys(columns))
        states = {}
        for row in queryset.values(*columns):
            values = {name: row.get(self.attnames.get(name, name)) for name in self.names}
            states[row["pk"]] = State(
                values=values,
                pk=row["pk"],
                keys={name: row[name] for name in ("given_name", "family_name", "date_of_birth", "postcode",
                                                    "nhs_number")},
            )
        if states:
            for profile in CarerProfile.objects.filter(bulk.among(CarerProfile, "person", states)).values(
                "person_id", *CARER_FIELDS
            ):
                state = states[profile["person_id"]]
                state.values["is_carer"] = True
                state.keys["carer"] = True
                for name in CARER_FIELDS:
                    if name in self.names:
                        state.values[name] = profile[name]
            for state in states.values():
                state.values.setdefault("is_carer", False)
                if not state.values["is_carer"]:
                    for name in CARER_FIELDS:
                        state.values.pop(name, None)
        return states

    def read_candidates(self, rows, links, found):
        """The people this batch may be: the same NHS number, or a name key with the same date of birth."""
        nhs_numbers = {row.values["nhs_number"] for row in rows if row.values.get("nhs_number")}
        family_pairs, given_pairs = set(), set()
        for row in rows:
            if row.source_id in links:
                continue
            dob = row.values.get("date_of_birth")
            if not dob:
                continue
            given = _key(row.values.get("given_name", ""))
            family = _key(row.values.get("family_name", ""))
            row.keys = (given, family)
            # As people.services.possible_duplicates: the family key, the given key, and the
            # given key as a family key (names written the other way round), with the date of birth.
            if family:
                family_pairs.add((dob, family))
            if given:
                family_pairs.add((dob, given))
                given_pairs.add((dob, given))
        ids = self._dob_matches(family_pairs, given_pairs) if family_pairs or given_pairs else set()
        if ids:
            found.states.update(self._states(Person.objects.filter(bulk.among(Person, "id", ids))))
        if nhs_numbers:
            found.states.update(self._states(Person.objects.filter(bulk.among(Person, "nhs_number", nhs_numbers))))
        if found.states:
            # Which of them this run added, to say "the person on row 12" rather than an id.
            for object_id, number in SourceRecord.objects.filter(
                bulk.among(SourceRecord, "object_id", found.states), kind=m.PEOPLE, run=self.run,
                outcome=SourceRecord.Outcome.ADDED,
            ).values_list("object_id", "row_number"):
                found.states[object_id].row = number

    def _dob_matches(self, family_pairs, given_pairs) -> set[int]:
        """Ids of people with one of these dates of birth and family keys, or dates of birth and given keys.

        Both are indexed (person_dob, person_given_key). On PostgreSQL one query for the batch
        probes the index for each pair (a lateral join: one probe per pair, whatever the
        planner believes about a table being filled); elsewhere row values in chunks.
        """
        found = set()
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT p.id FROM unnest(%s::date[], %s::text[]) AS k(dob, key) CROSS JOIN LATERAL ("
                    "SELECT id FROM people_person WHERE date_of_birth = k.dob AND family_key = k.key) AS p "
                    "UNION SELECT p.id FROM unnest(%s::date[], %s::text[]) AS k(dob, key) CROSS JOIN LATERAL ("
                    "SELECT id FROM people_person WHERE given_key = k.key AND date_of_birth = k.dob) AS p",
                    [bulk.array([d for d, _k in family_pairs]), bulk.array([k for _d, k in family_pairs]),
                     bulk.array([d for d, _k in given_pairs]), bulk.array([k for _d, k in given_pairs])],
                )
                return {row[0] for row in cursor.fetchall()}
            for column, pairs in (("family_key", sorted(family_pairs)), ("given_key", sorted(given_pairs))):
                for start in range(0, len(pairs), 2000):
                    chunk = pairs[start : start + 2000]
                    cursor.execute(
                        f"SELECT id FROM people_person WHERE (date_of_birth, {column}) IN "
                        f"(VALUES {', '.join(['(%s, %s)'] * len(chunk))})",
                        [value for pair in chunk for value in pair],
                    )
                    found.update(row[0] for row in cursor.fetchall())
        return found

    # -- deciding -------------------------------------------------------------------------------

    def begin(self, states, found):
        self.by_nhs: dict[str, State] = {}
        self.by_dob: dict[tuple, list[State]] = defaultdict(list)
        super().begin(states, found)

    def new_values(self, row):
        values = super().new_values(row)
        if not values.get("area"):
            # A row without an area is in the area its postcode's district is in (as the forms fill it
            # in), else the organisation's area: its council then has the "council of residence"
            # relationship with them (people/relationships.py reason 4).
            area = self.postcode_areas.area_id_for(values.get("postcode", "")) or self.default_area
            if area:
                values["area"] = area
        if not values.get("preferred_language", True):
            del values["preferred_language"]  # blank: a new record's default (English); ours kept
        if self.carers_default:
            values["is_carer"] = True
        if not values.get("is_carer"):
            for name in CARER_FIELDS:
                values.pop(name, None)
        return values

    def index(self, state):
        values, keys = state.values, state.keys
        keys.pop("candidate", None)
        for name in ("given_name", "family_name"):
            keys[name] = values.get(name) or keys.get(name) or ""
        keys["given_key"], keys["family_key"] = _key(keys["given_name"]), _key(keys["family_name"])
        for name in ("date_of_birth", "postcode", "nhs_number"):
            if values.get(name):
                keys[name] = values[name]
        if keys.get("nhs_number"):
            self.by_nhs.setdefault(keys["nhs_number"], state)
        dob = keys.get("date_of_birth")
        if dob:
            for key in {keys["given_key"], keys["family_key"]}:
                if key and state not in self.by_dob[(dob, key)]:
                    self.by_dob[(dob, key)].append(state)

    def _describe(self, state: State) -> str:
        if state.row is not None:
            return _("the person on row %(row)s of this file") % {"row": state.row}
        return _("record %(id)s") % {"id": state.pk}

    def match(self, row, values):
        """The record this row is, by the same NHS number, or a similar name, date of birth and postcode.

        The pure matcher decides (people/matching.py, as the duplicate warning does). Only a
        "same person" (NHS number) or a "likely" match that includes the same date of birth and
        postcode merges; a weaker one is added, with the possible match named in the report to check.
        """
        new = matching.Candidate(
            id=None,
            given_name=values.get("given_name", ""),
            family_name=values.get("family_name", ""),
            date_of_birth=values.get("date_of_birth"),
            postcode=values.get("postcode") or None,
            nhs_number=values.get("nhs_number") or None,
        )
        seen: dict[int, State] = {}
        nhs = new.nhs_number
        if nhs and nhs in self.by_nhs:
            seen[id(self.by_nhs[nhs])] = self.by_nhs[nhs]
        if new.date_of_birth:
            given, family = row.keys or (_key(new.given_name), _key(new.family_name))
            for key in {given, family}:
                for state in self.by_dob.get((new.date_of_birth, key), ()):
                    seen[id(state)] = state
        if not seen:
            return None
        strong, weak = [], []
        for state in seen.values():
            k = state.keys
            candidate = k.get("candidate")
            if candidate is None:
                candidate = k["candidate"] = matching.Candidate(
                    id=None, given_name=k.get("given_name", ""), family_name=k.get("family_name", ""),
                    date_of_birth=k.get("date_of_birth"), postcode=k.get("postcode") or None,
                    nhs_number=k.get("nhs_number") or None,
                )
            result = matching.score_match(new, candidate)
            if result is None:
                continue
            # Merging two different people would mix their health records, so a name and a date of
            # birth are not enough on their own (a million-row trial merged over a thousand strangers
            # with common names): the postcode must agree too. Anything weaker is added, and noted.
            if result.strength == matching.CERTAIN or (
                result.strength == matching.LIKELY
                and matching.SAME_DATE_OF_BIRTH in result.reasons
                and matching.SAME_POSTCODE in result.reasons
            ):
                strong.append((state, result))
            else:
                weak.append((state, result))

        def evidence(result):
            return ", ".join(str(MATCH_REASONS[reason]()) for reason in result.reasons)

        certain = [pair for pair in strong if pair[1].strength == matching.CERTAIN]
        if certain:
            strong = certain
        if len(strong) > 1:
            return _(
                "This row looks like more than one of our records: %(records)s. Merge those records, "
                "or add this person by hand"
            ) % {"records": "; ".join(f"{self._describe(s)} ({evidence(r)})" for s, r in strong)}
        if strong:
            state, result = strong[0]
            return state, _("Merged with %(record)s (%(evidence)s)") % {
                "record": self._describe(state), "evidence": evidence(result)
            }
        if weak:
            rank = {matching.LIKELY: 0, matching.POSSIBLE: 1}
            state, result = min(weak, key=lambda pair: (rank.get(pair[1].strength, 2), -len(pair[1].reasons)))
            row.note = _("It may be the same person as %(record)s (%(evidence)s): check") % {
                "record": self._describe(state), "evidence": evidence(result)
            }
        return None

    def check_changes(self, row, state, changes):
        if changes.get("is_carer") is False:
            # Nobody stops being known as a carer by an import: caring_ended_on says caring ended.
            del changes["is_carer"]
        nhs = changes.get("nhs_number")
        if nhs:
            other = self.by_nhs.get(nhs)
            if other is not None and other is not state and other.pk != state.pk:
                spec = self.mapping.fields.get("nhs_number")
                return "%s: %s" % (
                    spec.column if spec is not None and spec.column else "nhs_number",
                    _("Another record already has this NHS number. Search for it instead of adding a new record."),
                )
        return None

    def original_date(self, values):
        return values.get("identified_on")

    def event_person(self, state):
        return state.pk, state.values.get("area")

    def build(self, plan, added, changed):
        now = self.now
        user_id = getattr(self.user, "pk", None)
        names = self.person_columns
        at = {name: i for i, name in enumerate(names)}
        positions = {name: at[self.attnames.get(name, name)] for name in m.FIELDS[m.PEOPLE]
                     if self.attnames.get(name, name) in at}
        template = [self.template[name] for name in names]
        for name, value in (("created_at", now), ("updated_at", now), ("created_by_id", user_id), ("version", 1)):
            template[at[name]] = value
        given_at, family_at, nhs_at = at["given_name"], at["family_name"], at["nhs_number"]
        keys_at = (at["id"], at["search_given"], at["search_family"], at["given_key"], at["family_key"])
        today = timezone.localdate()
        rows, profiles = [], []
        for state in added:
            row = template.copy()
            for name, value in state.values.items():
                i = positions.get(name)
                if i is not None:
                    row[i] = value
            given, family = row[given_at], row[family_at]
            row[nhs_at] = row[nhs_at] or None
            for i, value in zip(keys_at, (state.pk, _normalise(given), _normalise(family), _key(given), _key(family))):
                row[i] = value
            rows.append(row)
            if state.values.get("is_carer"):
                profiles.append(self._profile(state, today))
        plan.inserts.append((Person, names, rows))
        for state in changed:
            attrs = self.model_row({name: state.values[name] for name in state.dirty})
            if "nhs_number" in attrs:
                attrs["nhs_number"] = attrs["nhs_number"] or None
            for name, attname, function in (
                ("given_name", "search_given", _normalise), ("given_name", "given_key", _key),
                ("family_name", "search_family", _normalise), ("family_name", "family_key", _key),
            ):
                if name in attrs:
                    attrs[attname] = function(attrs[name])
            if attrs:
                plan.updates.append(partial(_update, Person, state.pk, {
                    **attrs, "version": F("version") + 1, "updated_at": now
                }))
            if state.values.get("is_carer") and not state.keys.get("carer"):
                profiles.append(self._profile(state, today))
                continue
            carer = {name: state.values.get(name) for name in CARER_FIELDS if name in state.dirty}
            if "is_parent_carer" in carer:
                carer["is_parent_carer"] = bool(carer["is_parent_carer"])
            if not carer.get("identified_on", True):
                del carer["identified_on"]  # never blank: the date stays as it is
            if carer and state.keys.get("carer"):
                plan.updates.append(partial(_update_profile, state.pk, carer))
        # After the people (a profile points at its person), before the links and events.
        plan.inserts.append((CarerProfile, PROFILE_COLUMNS, profiles))

    def _profile(self, state, today):
        values = state.values
        state.keys["carer"] = True
        return [state.pk, values.get("identified_on") or today, bool(values.get("is_parent_carer")),
                values.get("caring_ended_on"), None, 1]


def _update_profile(person_id, values):
    CarerProfile.objects.filter(person_id=person_id).update(**values, version=F("version") + 1)


# ---------------------------------------------------------------------------
# Caring relationships, contacts and consents: people named by their source ids
# ---------------------------------------------------------------------------


class LinkedImport(KindImport):
    """Rows that name people by the source ids of an earlier people import from the same source."""

    refs: tuple[str, ...] = ()

    def read_candidates(self, rows, links, found):
        wanted = {sid for row in rows for sid in row.refs.values()}
        found.people = self.find_people(wanted) if wanted else {}

    def resolve(self, row):
        for name in self.refs:
            sid = row.refs.get(name)
            if sid is not None and sid not in self.people:
                return "%s: %s" % (
                    self.mapping.fields[name].column or name,
                    _("No person with the source id “%(id)s” has been imported from %(source)s. Import the people "
                      "file first") % {"id": sid, "source": self.mapping.source},
                )
        return None

    def named(self, row) -> dict[str, int | None]:
        """The ids of the people the row names, by our field."""
        return {name: self.people[row.refs[name]][0] if name in row.refs else None for name in self.refs}

    def keep(self, state, row):
        state.keys["named"] = self.named(row)
        sid = row.refs.get(self.refs[0])
        state.keys["person"] = self.people[sid] if sid else (None, None)

    def check_changes(self, row, state, changes):
        if "named" in state.keys and state.keys["named"] != self.named(row):
            return _(
                "This row now names a different person from when it was imported. Change our records by hand"
            )
        return None

    def event_person(self, state):
        return state.keys.get("person", (None, None))

    def build_changed(self, plan, changed, tidy=None):
        for state in changed:
            attrs = self.model_row({name: state.values[name] for name in state.dirty})
            if tidy is not None:
                tidy(attrs)
            if attrs:
                plan.updates.append(partial(_update, self.model, state.pk, attrs))


class CaringImport(LinkedImport):
    kind = m.CARING
    model = CaringRelationship
    object_type = "people.caringrelationship"
    refs = ("carer", "cared_for")
    names = ("relationship", "lives_with_carer", "caring_since", "hours_per_week", "condition_groups",
             "conditions_detail")
    columns = ["id", "carer_id", "cared_for_id", "relationship", "lives_with_carer", "caring_since", "hours_per_week",
               "condition_groups", "conditions_detail", "ended_on", "created_at"]

    def resolve(self, row):
        problem = super().resolve(row)
        if problem:
            return problem
        if self.people[row.refs["carer"]][0] == self.people[row.refs["cared_for"]][0]:
            return _("The carer and the person they care for are the same person")
        return None

    def _states(self, queryset) -> dict[int, State]:
        states = {}
        for row in queryset.values("pk", "carer_id", "cared_for_id", "carer__area_id", *self.names):
            state = State(values={name: row[name] for name in self.names}, pk=row["pk"])
            state.keys.update(
                person=(row["carer_id"], row["carer__area_id"]),
                named={"carer": row["carer_id"], "cared_for": row["cared_for_id"]},
            )
            states[row["pk"]] = state
        return states

    def read_candidates(self, rows, links, found):
        super().read_candidates(rows, links, found)
        pairs = set()
        for row in rows:
            carer, cared_for = row.refs.get("carer"), row.refs.get("cared_for")
            if row.source_id not in links and carer in found.people and cared_for in found.people:
                pairs.add((found.people[carer][0], found.people[cared_for][0]))
        if pairs:
            # Every caring relationship of the batch's carers (a few each), then the pairs wanted.
            states = self._states(
                CaringRelationship.objects.filter(bulk.among(CaringRelationship, "carer", {c for c, _p in pairs}))
            )
            found.states.update(
                (pk, state) for pk, state in states.items()
                if (state.keys["named"]["carer"], state.keys["named"]["cared_for"]) in pairs
            )

    def load(self, pks):
        return self._states(CaringRelationship.objects.filter(bulk.among(CaringRelationship, "id", pks)))

    def begin(self, states, found):
        self.pairs: dict[tuple[int, int], State] = {}
        super().begin(states, found)

    def new_values(self, row):
        values = super().new_values(row)
        if "lives_with_carer" in values:
            values["lives_with_carer"] = bool(values["lives_with_carer"])
        return values

    def match(self, row, values):
        named = self.named(row)
        state = self.pairs.get((named["carer"], named["cared_for"]))
        if state is None:
            return None
        if state.row is not None:
            return state, _("Merged with the caring relationship on row %(row)s of this file") % {"row": state.row}
        return state, _("Merged with caring relationship %(id)s, between the same two people") % {"id": state.pk}

    def index(self, state):
        named = state.keys["named"]
        self.pairs.setdefault((named["carer"], named["cared_for"]), state)

    def original_date(self, values):
        return values.get("caring_since")

    def build(self, plan, added, changed):
        now = timezone.now()
        rows = []
        for state in added:
            values, named = state.values, state.keys["named"]
            rows.append([
                state.pk, named["carer"], named["cared_for"], values["relationship"],
                bool(values.get("lives_with_carer")), values.get("caring_since"), values.get("hours_per_week"),
                list(values.get("condition_groups") or []), values.get("conditions_detail") or "", None, now,
            ])
        plan.inserts.append((CaringRelationship, self.columns, rows))

        def tidy(attrs):
            if "lives_with_carer" in attrs:
                attrs["lives_with_carer"] = bool(attrs["lives_with_carer"])
            if "condition_groups" in attrs:
                attrs["condition_groups"] = list(attrs["condition_groups"] or [])
            if "conditions_detail" in attrs:
                attrs["conditions_detail"] = attrs["conditions_detail"] or ""

        self.build_changed(plan, changed, tidy)


def _received_at(values):
    on, at = values.get("received_on"), values.get("received_time")
    if on is None:
        return None
    return timezone.make_aware(datetime.datetime.combine(on, at or datetime.time()))


class ContactImport(LinkedImport):
    kind = m.CONTACTS
    model = Contact
    object_type = "contacts.contact"
    refs = ("person",)
    attnames = {"referred_to": "referred_to_id", "person": "person_id"}
    texts = ("channel", "caller_role", "caller_name", "caller_organisation", "given_name", "family_name", "postcode",
             "phone", "email", "cared_for_summary", "what_matters", "information_given", "signposted_to",
             "urgent_details")
    columns = ["id", "received_at", "person_id", "recorded_by_id", "organisation_id", "created_at", "referred_to_id",
               "outcomes", "date_of_birth", *texts]

    def hashed(self, row):
        values = {**row.values, **row.refs}
        values.pop("received_at", None)  # worked out from the date and the time
        return values

    def new_values(self, row):
        values = super().new_values(row)
        values.pop("received_at", None)
        return values

    def load(self, pks):
        names = [n for n in self.mapping.fields if n not in self.refs]
        columns = [self.attnames.get(n, n) for n in names if self.attnames.get(n, n) in self.model_fields]
        states = {}
        for row in Contact.objects.filter(bulk.among(Contact, "id", pks)).values(
            "pk", "received_at", "person_id", "person__area_id", *columns
        ):
            local = timezone.localtime(row["received_at"])
            values = {name: row.get(self.attnames.get(name, name)) for name in names}
            values["received_on"] = local.date()
            values["received_time"] = local.time()
            state = State(values=values, pk=row["pk"])
            state.keys["person"] = (row["person_id"], row["person__area_id"])
            state.keys["named"] = {"person": row["person_id"]}
            states[row["pk"]] = state
        return states

    def original_date(self, values):
        return _received_at(values)

    def build(self, plan, added, changed):
        now = timezone.now()
        rows = []
        for state in added:
            values = state.values
            rows.append([
                state.pk, _received_at(values), state.keys["person"][0], self.user.pk, self.organisation.pk, now,
                values.get("referred_to"), list(values.get("outcomes") or []), values.get("date_of_birth"),
                *[values.get(name) or "" for name in self.texts],
            ])
        plan.inserts.append((Contact, self.columns, rows))
        for state in changed:
            if {"received_on", "received_time"} & state.dirty:
                state.dirty |= {"received_at"}
                state.values["received_at"] = _received_at(state.values)
        self.build_changed(plan, changed)


class ConsentImport(LinkedImport):
    kind = m.CONSENTS
    model = Consent
    object_type = "people.consent"
    refs = ("person",)
    attnames = {"organisation": "organisation_id", "person": "person_id"}
    names = ("organisation", "purpose", "given_on", "method", "expires_on", "withdrawn_on")
    columns = ["id", "person_id", "organisation_id", "purpose", "given_on", "method", "expires_on", "withdrawn_on",
               "recorded_by_id", "withdrawn_recorded_by_id", "recorded_at"]

    def resolve(self, row):
        problem = super().resolve(row)
        if problem:
            return problem
        given, withdrawn = row.values.get("given_on"), row.values.get("withdrawn_on")
        if given and withdrawn and withdrawn < given:
            return "%s: %s" % (
                self.mapping.fields["withdrawn_on"].column or "withdrawn_on",
                _("The date consent was withdrawn must be on or after the date it was given"),
            )
        return None

    @staticmethod
    def _key(person, values):
        return (person, _id(values.get("organisation")), values.get("purpose"), values.get("given_on"))

    def _states(self, queryset):
        states = {}
        for row in queryset.values("pk", "person_id", "person__area_id", "organisation_id", *self.names[1:]):
            values = {name: row[self.attnames.get(name, name)] for name in self.names}
            state = State(values=values, pk=row["pk"])
            state.keys["person"] = (row["person_id"], row["person__area_id"])
            state.keys["named"] = {"person": row["person_id"]}
            states[row["pk"]] = state
        return states

    def read_candidates(self, rows, links, found):
        super().read_candidates(rows, links, found)
        wanted = set()
        for row in rows:
            sid = row.refs.get("person")
            if row.source_id not in links and sid in found.people:
                wanted.add(self._key(found.people[sid][0], row.values))
        if wanted:
            # Every consent of the batch's people (a few each), then those with the same key.
            states = self._states(Consent.objects.filter(bulk.among(Consent, "person", {w[0] for w in wanted})))
            found.states.update(
                (pk, state) for pk, state in states.items()
                if self._key(state.keys["person"][0], state.values) in wanted
            )

    def load(self, pks):
        return self._states(Consent.objects.filter(bulk.among(Consent, "id", pks)))

    def begin(self, states, found):
        self.same: dict[tuple, State] = {}
        super().begin(states, found)

    def match(self, row, values):
        state = self.same.get(self._key(self.people[row.refs["person"]][0], values))
        if state is None:
            return None
        if state.row is not None:
            return state, _("Merged with the consent on row %(row)s of this file") % {"row": state.row}
        return state, _("Merged with consent %(id)s: the same organisation, purpose and date") % {"id": state.pk}

    def index(self, state):
        self.same.setdefault(self._key(state.keys["person"][0], state.values), state)

    def check_changes(self, row, state, changes):
        problem = super().check_changes(row, state, changes)
        if problem:
            return problem
        withdrawn = changes.get("withdrawn_on")
        if withdrawn:
            given = changes.get("given_on") or state.values.get("given_on")
            if given and withdrawn < given:
                return _("The date consent was withdrawn must be on or after the date it was given")
        return None

    def original_date(self, values):
        return values.get("given_on")

    def build(self, plan, added, changed):
        now = timezone.now()
        user_id = getattr(self.user, "pk", None)
        rows = []
        for state in added:
            values = state.values
            withdrawn = values.get("withdrawn_on")
            rows.append([
                state.pk, state.keys["person"][0], values["organisation"], values["purpose"], values["given_on"],
                values["method"], values.get("expires_on"), withdrawn, user_id, user_id if withdrawn else None, now,
            ])
        plan.inserts.append((Consent, self.columns, rows))

        def tidy(attrs):
            if attrs.get("withdrawn_on"):
                attrs["withdrawn_recorded_by_id"] = user_id

        self.build_changed(plan, changed, tidy)


IMPORTERS = {m.PEOPLE: PeopleImport, m.CARING: CaringImport, m.CONTACTS: ContactImport, m.CONSENTS: ConsentImport}
