"""Build a region of N synthetic people with four financial years of casework, fast, with COPY.

Shape per 1,000,000 people (everything scales with N): 20 local authority areas, half in Wales
(AF postcodes) and half in England (MR postcodes), each with a council, a carers centre, a
third-sector partner and two GP practices, and a health body (board or ICB) for every five
areas; about 500 staff. Three people in four are carers with a carer profile; the rest are the
people they care for. Each carer's story is generated in the order it happened: found at the
front door (or by a self-assessment), contacts, caring relationships, consent, an assessment
through draft, submitted, decided and (where the council asks for one) a manager's sign-off,
then a support plan with actions, reviewed a year later (continued, changed, ended or
re-assessed). Every step writes the activity event the product's own service would write, with
the data keys the figures count. Around them: self-assessments waiting in the queue or
discarded, unlinked contacts, data-rights requests, break-glass reasons, records listed for
retention review and about a million access-log rows.

How it loads. The empty database is migrated first (the caller does that), so the schema is the
product's. Small tables (areas, organisations, staff) go through the ORM. The big ones are
written with ``COPY ... FROM STDIN`` from Python generators: one connection per table, all
streaming at once while the stories are generated, with ``session_replication_role = replica``
(foreign keys are not checked row by row: the ids are consistent by construction, and a small
build verifies every foreign key afterwards). Each big table's secondary indexes are dropped
first and recreated, with their exact definitions, after the load; unique indexes are recreated
too, so uniqueness is still checked. Events are staged in a temporary table and inserted in
time order, as a live system appends them, so that range scans on ``occurred_at`` read the
pages they would in production. ``VACUUM ANALYZE`` finishes, as autovacuum would.

Search keys are computed by ``Person.refresh_search_keys()`` itself, so search behaves exactly
as in the product. Names and their frequencies, postcodes and NHS numbers come from
benchmarks/search.py. Everything is seeded and ends the moment before the day of the build
began: built on the same day, the same N gives the same data.
"""

from __future__ import annotations

import datetime
import importlib.util
import json
import random
import threading
import time
from array import array
from bisect import bisect_left
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from carershub.assessments.frameworks import CaredForPerson
from carershub.assessments.frameworks import choose as choose_framework

BENCHMARKS = Path(__file__).resolve().parent.parent
SEED = 20261201
DAY = 86400.0
LONDON = ZoneInfo("Europe/London")
UTC = datetime.UTC

# Per 1,000,000 people.
AREAS_PER_MILLION = 20
CARER_SHARE = 0.75
ASSESSED_SHARE = 0.36  # carers with an assessment: about 300,000 assessments per million people
NHS_SHARE = 0.70
NHS_NUMBERS_AVAILABLE = 900_000
ACCESS_EVENTS_PER_PERSON = 1.0
SELF_ASSESSMENTS_WAITING_PER_MILLION = 1500
SELF_ASSESSMENTS_DISCARDED_PER_MILLION = 800
UNLINKED_CONTACTS_PER_MILLION = 30000
DATA_RIGHTS_PER_MILLION = 2500
ACCESS_GRANTS_PER_MILLION = 3000

STAFF_PER_AREA = {"practitioner": 15, "council_manager": 2, "front_door": 8, "centre_manager": 1}
AREA_STEMS = (
    "Afon Uchaf Bryn Cwm Dyffryn Glan Llan Maes Nant Pen Pont Rhos Tre Ystrad Aber Caer Coed Hafod Mynydd Tal".split()
)
AREA_ENDS = "Valley Vale Moor Marches Downs Forest Hills Fields Levels Heath".split()

CHANNELS = (["phone"] * 40 + ["email"] * 12 + ["web_form"] * 10 + ["walk_in"] * 6 + ["gp"] * 10
            + ["hospital_discharge"] * 8 + ["school"] * 4 + ["other_professional"] * 10)
CALLER_ROLES = ["carer"] * 7 + ["family_friend", "professional", "professional", "cared_for"]
OUTCOME_SETS = (
    [["information_only"]] * 5
    + [["identified_as_carer", "assessment_offered"]] * 4
    + [["referral"]] * 2
    + [["identified_as_carer"]] * 3
    + [["information_only", "referral"]] * 2
    + [["urgent"]]
)
WHAT_MATTERS = (
    "Not sleeping because of getting up in the night. Wants a break now and then.",
    "Worried about keeping their job while caring. Wants to know about flexible working.",
    "Feels alone since the diagnosis. Would like to meet other carers.",
    "Money is tight. Wants a benefits check.",
    "Wants to plan what happens if they are taken ill.",
    "Struggling since the hospital discharge; nobody explained what help there is.",
)
INFORMATION = "Carers information pack sent. Explained the right to a carer's assessment."
RELATIONSHIPS = ["spouse_partner"] * 4 + ["parent"] * 4 + ["child"] * 2 + [
    "sibling", "grandparent", "other_relative", "friend_neighbour", "other"]
CONDITIONS = ("physical_disability", "long_term_condition", "dementia", "mental_health", "learning_disability",
              "autism")
HOURS = (5, 8, 12, 15, 20, 25, 30, 40, 50, 70, 100)
CONSENT_PURPOSES = ("support_and_referral", "assessment", "contact_about_services", "emergency_planning")
CONSENT_METHODS = ("verbal", "written", "online")
ETHNIC = ["white_british"] * 12 + ["asian_pakistani", "asian_indian", "black_african", "mixed_other", "white_other",
                                    "prefer_not_to_say", "", "", ""]
SUPPORT_ELIGIBLE = (["short_breaks", "preventative"], ["direct_payment"], ["short_breaks", "contingency_plan"],
                    ["preventative", "referrals"], ["direct_payment", "technology"])
SUPPORT_NOT_ELIGIBLE = (["preventative"], ["preventative", "referrals"], ["referrals"])
ACTIONS = (
    ("Join the Tuesday carers' group", "carer"),
    ("Book the sitting service", "council"),
    ("Benefits check with the advice service", "partner"),
    ("Write an emergency plan with the family", "family"),
    ("Arrange a short break at the day centre", "council"),
)
REVIEW_OUTCOMES = ["no_change"] * 55 + ["plan_changed"] * 15 + ["closed"] * 20 + ["reassess"] * 10
DATA_RIGHTS_KINDS = ["access"] * 6 + ["rectification", "erasure", "restriction", "objection"]
REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
USER_AGENT = ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 "
              "Safari/537.36")


def search_benchmark():
    """benchmarks/search.py as a module: its names, weights, postcodes and NHS numbers."""
    spec = importlib.util.spec_from_file_location("carershub_search_benchmark", BENCHMARKS / "search.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --------------------------------------------------------------------------------------------
# COPY streams
# --------------------------------------------------------------------------------------------


class Stream:
    """One table being loaded with COPY on its own connection (so many can stream at once)."""

    def __init__(self, url: str, table: str, columns: list[str], extras: tuple = (), *, setup: list[str] = ()):
        import psycopg
        from psycopg.copy import QueuedLibpqWriter

        self.table, self.columns, self.extras = table, columns, extras
        self.rows = 0
        self.conn = psycopg.connect(url)
        for statement in ["SET session_replication_role = replica", "SET synchronous_commit = off", *setup]:
            self.conn.execute(statement)
        names = ", ".join(f'"{c}"' for c in columns + [name for name, _value in extras])
        cursor = self.conn.cursor()
        # Sent by a thread of its own, so generating rows never waits for the server to read them.
        self._copy_cm = cursor.copy(f'COPY "{table}" ({names}) FROM STDIN', writer=QueuedLibpqWriter(cursor))
        self._copy = self._copy_cm.__enter__()
        self._extra_values = tuple(value for _name, value in extras)
        self._write = self._copy.write_row

    def write(self, row: tuple) -> None:
        self._write(row + self._extra_values if self._extra_values else row)
        self.rows += 1

    def finish(self, *, close: bool = True) -> None:
        self._copy_cm.__exit__(None, None, None)
        self.conn.commit()
        if close:
            self.conn.close()


def columns_for(model, provided: list[str]) -> tuple[str, list[str], tuple]:
    """The table, the columns of ``provided`` attnames, and constant values for any other column.

    A NOT NULL column the builder does not know (the product added a field) gets the field's
    default; without one the build stops and says which field to teach it.
    """
    from django.db.models import NOT_PROVIDED

    fields = {f.attname: f for f in model._meta.concrete_fields if not getattr(f, "generated", False)}
    unknown = [name for name in provided if name not in fields]
    if unknown:
        raise SystemExit(f"{model._meta.label}: no field(s) {unknown}; benchmarks/_national/build.py needs updating")
    extras = []
    for attname, f in fields.items():
        if attname in provided or f.primary_key or f.null or getattr(f, "db_default", NOT_PROVIDED) is not NOT_PROVIDED:
            continue
        if not f.has_default():
            raise SystemExit(
                f"{model._meta.label}.{attname} is required and has no default: "
                "benchmarks/_national/build.py needs to fill it"
            )
        value = f.get_default()
        if isinstance(value, (dict, list)):
            value = json.dumps(value)
        extras.append((f.column, value))
    return model._meta.db_table, [fields[name].column for name in provided], tuple(extras)


# --------------------------------------------------------------------------------------------
# The region: areas, organisations, staff (through the ORM)
# --------------------------------------------------------------------------------------------


@dataclass
class AreaInfo:
    id: int
    name: str
    nation: str
    prefix: str
    council: int
    centre: int
    partner: int
    gps: list[int]
    sign_off: bool
    practitioners: list[int] = field(default_factory=list)
    managers: list[int] = field(default_factory=list)
    front_door: list[int] = field(default_factory=list)
    centre_manager: int | None = None
    towns: list[str] = field(default_factory=list)
    cared_for_pool: list[int] = field(default_factory=list)
    index: int = 0


def make_region(people: int, rng: random.Random) -> tuple[list[AreaInfo], dict[int, int], list[int]]:
    """Areas, organisations and staff; returns the areas, each staff user's organisation, health bodies."""
    from django.contrib.auth.hashers import make_password

    from carershub.accounts.models import Role, StaffRole, User
    from carershub.partnership.models import Area, Nation, Organisation

    count = max(4, round(AREAS_PER_MILLION * people / 1_000_000))
    names = []
    for i in range(count):
        stem = AREA_STEMS[i % len(AREA_STEMS)]
        end = AREA_ENDS[(i // len(AREA_STEMS)) % len(AREA_ENDS)]
        names.append(f"{stem} {end}" + (f" {i // (len(AREA_STEMS) * len(AREA_ENDS)) + 1}" if i >= 200 else ""))
    areas = []
    for i, name in enumerate(names):
        wales = i % 2 == 0
        areas.append(
            Area(
                name=name,
                code=f"{'W06' if wales else 'E06'}9{i:05d}",
                nation=Nation.WALES if wales else Nation.ENGLAND,
            )
        )
    Area.objects.bulk_create(areas)
    K, S = Organisation.Kind, Organisation.Sector
    orgs = []
    for i, area in enumerate(areas):
        wales = area.nation == Nation.WALES
        orgs += [
            Organisation(name=f"{area.name} {'County Borough Council' if wales else 'Council'}", kind=K.COUNCIL,
                         sector=S.STATUTORY, area=area, assessment_sign_off_required=wales,
                         bilingual_correspondence=wales),
            Organisation(name=f"{area.name} Carers Centre", kind=K.CARERS_CENTRE, sector=S.OTHER_THIRD_SECTOR,
                         area=area),
            Organisation(name=f"{area.name} Carers Network", kind=K.THIRD_SECTOR, sector=S.USER_LED, area=area),
            Organisation(name=f"{area.name} Health Centre", kind=K.GP_PRACTICE, sector=S.STATUTORY, area=area),
            Organisation(name=f"{area.name} Surgery", kind=K.GP_PRACTICE, sector=S.STATUTORY, area=area),
        ]
    health = []
    for i in range(0, count, 5):
        area = areas[i]
        kind_name = "University Health Board" if area.nation == Nation.WALES else "Integrated Care Board"
        health.append(Organisation(name=f"{area.name} {kind_name}", kind=K.HEALTH_BOARD, sector=S.STATUTORY, area=area))
    Organisation.objects.bulk_create(orgs + health)

    unusable = make_password(None)
    users, roles = [], []
    infos = []
    given = ["Alys", "Bryn", "Ceri", "Dewi", "Elin", "Fran", "Gwyn", "Hana", "Ifor", "Jess", "Kai", "Lois", "Macsen"]
    family = ["Rowlands", "Parry", "Vaughan", "Bowen", "Pugh", "Prosser", "Meredith", "Gwynne", "Lloyd", "Hale"]
    for i, area in enumerate(areas):
        council, centre, partner, gp1, gp2 = orgs[i * 5: i * 5 + 5]
        info = AreaInfo(
            id=area.pk, name=area.name, nation=area.nation, prefix="AF" if area.nation == Nation.WALES else "MR",
            council=council.pk, centre=centre.pk, partner=partner.pk, gps=[gp1.pk, gp2.pk],
            sign_off=council.assessment_sign_off_required,
            towns=[f"{area.name.split()[0]}{suffix}" for suffix in ("ton", "ford", " Bridge")],
            index=i,
        )
        infos.append(info)
        for kind, number in STAFF_PER_AREA.items():
            org = centre if kind in ("front_door", "centre_manager") else council
            for n in range(number):
                username = f"staff-{i + 1:03d}-{kind.replace('_', '-')}-{n + 1:02d}"
                users.append(
                    (
                        User(username=username, first_name=rng.choice(given), last_name=rng.choice(family),
                             email=f"{username}@staff.carershub.invalid", organisation=org, password=unusable,
                             job_title=kind.replace("_", " ").capitalize()),
                        kind,
                        info,
                    )
                )
    for body in health:
        for n in range(2):
            username = f"staff-health-{body.pk}-commissioner-{n + 1}"
            users.append((User(username=username, first_name=rng.choice(given), last_name=rng.choice(family),
                               email=f"{username}@staff.carershub.invalid", organisation=body, password=unusable,
                               job_title="Commissioner"), "commissioner", None))
    User.objects.bulk_create([u for u, _k, _i in users])
    role_of = {
        "practitioner": [Role.PRACTITIONER],
        "council_manager": [Role.TEAM_MANAGER, Role.PRACTITIONER],
        "front_door": [Role.FRONT_DOOR],
        "centre_manager": [Role.TEAM_MANAGER, Role.FRONT_DOOR],
        "commissioner": [Role.COMMISSIONER],
    }
    org_of = {}
    for user, kind, info in users:
        org_of[user.pk] = user.organisation_id
        for role in role_of[kind]:
            roles.append(StaffRole(user=user, role=role))
        if info is None:
            continue
        if kind == "practitioner":
            info.practitioners.append(user.pk)
        elif kind == "council_manager":
            info.managers.append(user.pk)
        elif kind == "front_door":
            info.front_door.append(user.pk)
        else:
            info.centre_manager = user.pk
    StaffRole.objects.bulk_create(roles)
    return infos, org_of, [b.pk for b in health]


# --------------------------------------------------------------------------------------------
# Indexes: dropped before the load, recreated after
# --------------------------------------------------------------------------------------------


def secondary_indexes(cursor, tables: list[str]) -> list[tuple[str, str, str]]:
    """(table, index, definition) of every index that is neither the primary key nor a constraint's."""
    cursor.execute(
        """
        SELECT t.relname, i.relname, pg_get_indexdef(x.indexrelid)
        FROM pg_index x
        JOIN pg_class t ON t.oid = x.indrelid
        JOIN pg_class i ON i.oid = x.indexrelid
        WHERE t.relname = ANY(%s) AND NOT x.indisprimary
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
        ORDER BY t.relname, i.relname
        """,
        [tables],
    )
    return cursor.fetchall()


def recreate_indexes(url: str, definitions: list[tuple[str, str, str]], workers: int = 2) -> None:
    """Recreate the dropped indexes, biggest tables first, on ``workers`` connections at once."""
    import psycopg

    pending = list(definitions)
    lock = threading.Lock()
    failures = []

    def work():
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("SET maintenance_work_mem = '512MB'")
            while True:
                with lock:
                    if not pending:
                        return
                    _table, name, definition = pending.pop(0)
                try:
                    conn.execute(definition)
                except psycopg.Error as error:  # a unique index the data breaks: say which
                    failures.append(f"{name}: {error}")

    threads = [threading.Thread(target=work) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise SystemExit("Recreating indexes failed:\n  " + "\n  ".join(failures))


# Row triggers the load skipped (session_replication_role = replica), and how the product
# recounts what each keeps after a bulk load. A new one stops the build until it is added here.
REBUILDS = {
    # reporting/migrations/0001_event_counts.py: daily event counts for the figures (per row, until 0002).
    "reporting_count_event": "SELECT reporting_rebuild_event_counts()",
    # reporting/migrations/0002_count_events_per_statement.py: the same counts, kept per statement.
    "reporting_add_event_counts": "SELECT reporting_rebuild_event_counts()",
}


def rebuild_derived(url: str, tables: list[str]) -> list[str]:
    """Run the product's own rebuild for every INSERT trigger the load skipped; returns their names."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        # tgenabled 'O': fires in the ordinary mode only, so not during the load; tgtype bit 4: INSERT.
        triggers = conn.execute(
            "SELECT tgname, tgrelid::regclass::text FROM pg_trigger WHERE NOT tgisinternal AND tgenabled = 'O' "
            "AND (tgtype & 4) <> 0 AND tgrelid::regclass::text = ANY(%s) ORDER BY tgname",
            [tables],
        ).fetchall()
        unknown = [f"{name} on {table}" for name, table in triggers if name not in REBUILDS]
        if unknown:
            raise SystemExit(
                "The load skips row triggers, and these keep data the builder does not know how to rebuild: "
                + ", ".join(unknown) + ". Add their rebuild to REBUILDS in benchmarks/_national/build.py."
            )
        conn.execute("SET work_mem = '256MB'")
        for name, _table in triggers:
            conn.execute(REBUILDS[name])
    return [name for name, _table in triggers]


VERIFY_UP_TO = 200_000  # builds this small check every foreign key afterwards (seconds, not minutes)


def verify_foreign_keys(url: str, tables: list[str]) -> int:
    """Every foreign key of the loaded tables points at a row (the load did not check them). Returns how many."""
    import psycopg

    broken = []
    with psycopg.connect(url, autocommit=True) as conn:
        keys = conn.execute(
            """
            SELECT c.conrelid::regclass::text, a.attname, c.confrelid::regclass::text, af.attname
            FROM pg_constraint c
            JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
            JOIN pg_attribute af ON af.attrelid = c.confrelid AND af.attnum = c.confkey[1]
            WHERE c.contype = 'f' AND cardinality(c.conkey) = 1 AND c.conrelid::regclass::text = ANY(%s)
            """,
            [tables],
        ).fetchall()
        for table, column, parent, parent_column in keys:
            missing = conn.execute(
                f'SELECT count(*) FROM {table} c WHERE c."{column}" IS NOT NULL AND NOT EXISTS '
                f'(SELECT 1 FROM {parent} p WHERE p."{parent_column}" = c."{column}")'
            ).fetchone()[0]
            if missing:
                broken.append(f"{table}.{column} -> {parent}: {missing} rows point nowhere")
    if broken:
        raise SystemExit("The generated data breaks foreign keys:\n  " + "\n  ".join(broken))
    return len(keys)


# --------------------------------------------------------------------------------------------
# The builder
# --------------------------------------------------------------------------------------------


class Builder:
    def __init__(self, url: str, people: int, *, seed: int = SEED, progress=print, drop_indexes: bool = True):
        from django.utils import timezone

        from carershub.reporting import measures

        self.url, self.total, self.progress, self.drop_indexes = url, people, progress, drop_indexes
        self.rng = random.Random(seed)
        self.scale = people / 1_000_000
        self.today = timezone.localdate()
        # Everything happened before today began (UK time): built on the same day, the same N gives the same data.
        self.now = datetime.datetime.combine(self.today, datetime.time.min, LONDON).timestamp() - 1
        fy_start, _fy_end = measures.financial_year_bounds(self.today)
        first = datetime.date(fy_start.year - 3, 4, 1)  # the last four financial years, this one included
        self.start = datetime.datetime.combine(first, datetime.time(9), LONDON).timestamp()
        self.counts: dict[str, int] = {}
        self.event_kinds: dict[str, int] = {}
        self._keys_cache: dict = {}
        self._day_cache: dict = {}
        self.ids = {"person": 0, "contact": 0, "assessment": 0, "plan": 0, "review": 0, "self_assessment": 0,
                    "relationship": 0, "consent": 0, "data_rights": 0}

    # ---- small helpers ---------------------------------------------------------------------

    def dt(self, ts: float) -> datetime.datetime:
        return datetime.datetime.fromtimestamp(ts, UTC)

    def day(self, ts: float) -> datetime.date:
        """The UK calendar day of a moment (cached by the hour: the day changes only at midnight)."""
        hour = int(ts // 3600)
        found = self._day_cache.get(hour)
        if found is None:
            found = self._day_cache[hour] = datetime.datetime.fromtimestamp(hour * 3600, LONDON).date()
        return found

    @staticmethod
    def json(value) -> str:
        return json.dumps(value)

    def search_keys(self, given: str, family: str) -> tuple:
        found = self._keys_cache.get((given, family))
        if found is None:
            # The model's own method, on a plain object (a model instance costs more to make than the keys).
            probe = SimpleNamespace(given_name=given, family_name=family)
            self.Person.refresh_search_keys(probe)
            found = self._keys_cache[(given, family)] = tuple(getattr(probe, name) for name in self.key_fields)
        return found

    def event(self, kind, ts, *, actor=None, person=None, area=None, obj_type="", obj_id=None, data=None):
        self.events.write((kind, ts, actor, self.org_of.get(actor), person, area, obj_type, obj_id,
                           self.json(data or {})))
        self.event_kinds[kind] = self.event_kinds.get(kind, 0) + 1

    def carer_type(self, carer: dict, ts: float):
        on = self.day(ts)
        ended = carer["ended_on"]
        return self.derive_carer_type(carer["dob"], on, is_parent_carer=carer["parent"],
                                      caring_ended=bool(ended and ended <= on))

    # ---- the run ---------------------------------------------------------------------------

    def run(self) -> dict:
        import psycopg
        from django.db import connection

        from carershub.assessments.models import Assessment
        from carershub.audit.models import AccessEvent
        from carershub.contacts.models import Contact
        from carershub.people import caring
        from carershub.people.models import AccessGrant, CarerProfile, CaringRelationship, Consent, Person
        from carershub.privacy.models import DataRightsRequest, RetentionReviewItem
        from carershub.selfassessment.models import SelfAssessment
        from carershub.support.models import PlanAction, Review, SupportPlan

        started = time.perf_counter()
        self.Person, self.derive_carer_type = Person, caring.derive_carer_type
        names = search_benchmark()
        self.names = names
        self.family_cum = names.zipf_cum_weights(len(names.FAMILY_NAMES), offset=3)
        self.given_cum = names.zipf_cum_weights(len(names.GIVEN_NAMES), offset=8)
        self.key_fields = self._search_key_fields()
        self.areas, self.org_of, self.health = make_region(self.total, self.rng)
        self._prepare_assessment_content()
        self.progress(f"  region: {len(self.areas)} areas, {len(self.org_of)} staff"
                      f"   {time.perf_counter() - started:6.1f} s")

        # The models whose tables the stories fill, with the columns they write.
        person_cols = ["id", "given_name", "family_name", "preferred_name", "date_of_birth", "nhs_number",
                       "address_line_1", "address_line_2", "town", "postcode", "phone", "email",
                       "preferred_contact_method", "preferred_language", "communication_needs", "sex",
                       "gender_same_as_sex", "ethnic_group", "religion", "sexual_orientation", "disability", "employer",
                       *self.key_fields, "version", "created_at", "updated_at", "area_id", "created_by_id",
                       "gp_practice_id", "school_id"]
        plans = {
            "person": (Person, person_cols),
            "carer": (CarerProfile, ["person_id", "identified_on", "is_parent_carer", "caring_ended_on",
                                     "case_worker_id", "version"]),
            "caring": (CaringRelationship, ["id", "carer_id", "cared_for_id", "relationship", "lives_with_carer",
                                            "caring_since", "hours_per_week", "condition_groups", "conditions_detail",
                                            "ended_on", "created_at"]),
            "consent": (Consent, ["id", "person_id", "organisation_id", "purpose", "given_on", "method", "expires_on",
                                  "withdrawn_on", "recorded_by_id", "withdrawn_recorded_by_id", "recorded_at"]),
            "contact": (Contact, ["id", "received_at", "channel", "caller_role", "caller_name", "caller_organisation",
                                  "person_id", "given_name", "family_name", "date_of_birth", "postcode", "phone",
                                  "email", "cared_for_summary", "what_matters", "information_given", "signposted_to",
                                  "outcomes", "referred_to_id", "urgent_details", "recorded_by_id", "organisation_id",
                                  "created_at"]),
            "assessment": (Assessment, ["id", "carer_id", "assessment_type", "nation", "assessing_organisation_id",
                                        "status", "source", "contact_id", "assessor_id", "caring_role",
                                        "cared_for_needs", "able_to_care", "willing_to_care", "future_caring",
                                        "outcomes_wanted", "wellbeing", "work_education_leisure", "carer_views",
                                        "participants", "framework", "framework_reason", "eligibility_answers",
                                        "decision", "rule_version", "eligible",
                                        "started_at", "submitted_at", "decided_at", "decided_by_id", "signed_off_at",
                                        "signed_off_by_id", "completed_at", "version", "created_by_id"]),
            "assessment_cared_for": (Assessment.cared_for.through, ["assessment_id", "person_id"]),
            "plan": (SupportPlan, ["id", "carer_id", "assessment_id", "plan_version", "previous_id", "status",
                                   "outcomes", "support_options", "personal_budget", "review_date", "agreed_at",
                                   "agreed_by_id", "ended_on", "created_at", "created_by_id", "version"]),
            "action": (PlanAction, ["plan_id", "description", "who", "organisation_id", "due_by"]),
            "review": (Review, ["id", "plan_id", "reviewed_on", "was_due_on", "outcome", "notes", "reviewed_by_id",
                                "created_at"]),
            "self_assessment": (SelfAssessment, ["id", "submitted_at", "made_by", "helper_name", "given_name",
                                                 "family_name", "date_of_birth", "postcode", "email", "phone",
                                                 "area_id", "reference", "answers", "assessment_id", "discarded_at",
                                                 "discarded_by_id", "discard_reason", "content_removed_at"]),
            "data_rights": (DataRightsRequest, ["id", "person_id", "person_ref", "kind", "received_on", "due_on",
                                                "extended_to", "extension_reason", "requested_by",
                                                "representative_name", "representative_capacity", "status",
                                                "completed_on", "restriction_lifted_on", "notes", "recorded_by_id",
                                                "recorded_at", "version"]),
            "grant": (AccessGrant, ["person_id", "user_id", "reason", "granted_at", "expires_at", "reviewed_at",
                                    "reviewed_by_id", "review_note"]),
            "retention": (RetentionReviewItem, ["record_type", "record_id", "schedule", "last_activity_on",
                                                "review_due_on", "listed_on", "status", "keep_until",
                                                "decision_reason", "decided_by_id", "decided_at"]),
            "access": (AccessEvent, ["at", "actor_id", "actor_organisation_id", "person_ref", "contact_ref", "action",
                                     "part", "purpose", "ip_address", "user_agent", "path"]),
        }
        resolved = {key: columns_for(model, cols) for key, (model, cols) in plans.items()}
        from carershub.activity.models import Event

        event_table, event_cols, event_extras = columns_for(
            Event, ["kind", "occurred_at", "actor_id", "organisation_id", "person_id", "area_id", "object_type",
                    "object_id", "data"])
        tables = sorted({table for table, _c, _e in resolved.values()} | {event_table})
        dropped = []
        with connection.cursor() as cursor:
            if self.drop_indexes:
                dropped = secondary_indexes(cursor, tables)
                for _table, name, _definition in dropped:
                    cursor.execute(f'DROP INDEX "{name}"')

        self.streams = {key: Stream(self.url, table, cols, extras) for key, (table, cols, extras) in resolved.items()
                        if key not in ("grant", "retention", "access")}
        # Events wait in a temporary table (epoch seconds, no indexes) and go in, in time order, at the end.
        stage_columns = ["kind", "t", "actor_id", "organisation_id", "person_id", "area_id", "object_type",
                         "object_id", "data"]
        self.events = Stream(self.url, "event_stage", stage_columns, setup=[
            "CREATE TEMPORARY TABLE event_stage (kind varchar(40), t double precision, actor_id bigint, "
            "organisation_id bigint, person_id bigint, area_id bigint, object_type varchar(40), object_id bigint, "
            "data jsonb)"
        ])
        self.ids = {k: 0 for k in self.ids}
        self.person_area = array("H", [0])  # each person's area (an index into self.areas), by id
        # The 999 range holds about 909,000 valid NHS numbers: past 1.3 million people, fewer have one.
        self.nhs_share = min(NHS_SHARE, NHS_NUMBERS_AVAILABLE / self.total)
        self.nhs = names.nhs_numbers(self.rng, int(self.total * self.nhs_share))
        self.nhs_left = True

        carers = round(self.total * CARER_SHARE)
        cared_for = self.total - carers
        span = self.now - 45 * DAY - self.start
        for i in range(carers):
            t0 = self.start + (i + self.rng.random()) * span / carers
            new_cared_for = (i + 1) * cared_for // carers > i * cared_for // carers
            self.story(t0, new_cared_for)
            if (i + 1) % 100_000 == 0:
                self.progress(f"  {i + 1:>9,} carers' stories  {time.perf_counter() - started:6.1f} s")
        self.unlinked_contacts()
        self.waiting_and_discarded_self_assessments()
        self.data_rights_requests()
        for key, stream in self.streams.items():
            stream.finish()
            self.counts[stream.table] = stream.rows
        self.progress(f"  stories written ({sum(self.counts.values()) + self.events.rows:,} rows)"
                      f"   {time.perf_counter() - started:6.1f} s")

        # Tables drawn from everything made above (random people, the unlinked contacts), streamed after.
        self.access_grants(resolved["grant"])
        self.retention_items(resolved["retention"])
        self.access_log(resolved["access"])
        self.events.finish(close=False)  # its temporary table lives as long as its connection
        with self.events.conn as conn:
            conn.execute("SET work_mem = '512MB'")
            conn.execute(
                f'INSERT INTO "{event_table}" ({", ".join(event_cols + [c for c, _v in event_extras])}) '
                "SELECT kind, to_timestamp(t), actor_id, organisation_id, person_id, area_id, object_type, object_id, "
                f"data{''.join(', %s' for _ in event_extras)} FROM event_stage ORDER BY t",
                [v for _c, v in event_extras],
            )
            conn.execute("DROP TABLE event_stage")
        self.counts[event_table] = self.events.rows
        self.progress(f"  events in time order ({self.events.rows:,})   {time.perf_counter() - started:6.1f} s")
        loaded = time.perf_counter()

        with psycopg.connect(self.url, autocommit=True) as conn:
            for table in tables:  # ids were given explicitly: move each identity on past them
                if self._has_identity(conn, table):
                    conn.execute(
                        f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), coalesce(max(id), 1), "
                        f'max(id) IS NOT NULL) FROM "{table}"'
                    )
        recreate_indexes(self.url, dropped)
        self.progress(f"  {len(dropped)} indexes recreated   {time.perf_counter() - started:6.1f} s")
        self.rebuilt = rebuild_derived(self.url, tables)
        if self.rebuilt:
            self.progress(f"  rebuilt what {', '.join(self.rebuilt)} keeps   {time.perf_counter() - started:6.1f} s")
        self.foreign_keys_checked = 0
        if self.total <= VERIFY_UP_TO:
            self.foreign_keys_checked = verify_foreign_keys(self.url, tables)
            self.progress(f"  {self.foreign_keys_checked} foreign keys checked"
                          f"   {time.perf_counter() - started:6.1f} s")
        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE")
        self.progress(f"  VACUUM ANALYZE done   {time.perf_counter() - started:6.1f} s")
        return {
            "seconds": time.perf_counter() - started,
            "load_seconds": loaded - started,
            "indexes_dropped": len(dropped),
            "nhs_numbers": self.nhs_count,
            "foreign_keys_checked": self.foreign_keys_checked,
            "rebuilt": self.rebuilt,
        }

    @staticmethod
    def _has_identity(conn, table) -> bool:
        return conn.execute(
            "SELECT 1 FROM information_schema.columns WHERE table_name = %s AND column_name = 'id' "
            "AND is_identity = 'YES'", [table]
        ).fetchone() is not None

    def _search_key_fields(self) -> list[str]:
        """The fields ``refresh_search_keys()`` fills, found by asking it (so a new key is loaded too)."""
        probe = self.Person(given_name="Siân", family_name="O'Brien-Jones")
        before = dict(probe.__dict__)
        probe.refresh_search_keys()
        changed = [name for name, value in probe.__dict__.items() if before.get(name) != value]
        if not changed:
            raise SystemExit("Person.refresh_search_keys() set no field: the builder cannot compute search keys")
        return changed

    def _prepare_assessment_content(self):
        """Answers and decisions shaped as tests/builders.py makes them, decided by today's rules."""
        from carershub.assessments import eligibility, wellbeing
        from tests.builders import needs_answers

        self.answers, self.decisions = {}, {}
        for nation in ("england", "wales"):
            areas = list(wellbeing.AREAS_BY_NATION[nation])
            self.answers[(nation, "wellbeing")] = [
                self.json({code: {"impact": impact, "notes": ""} for code in areas[:k]})
                for k, impact in ((1, "significant"), (3, "some"), (len(areas), "some"), (2, "none"))
            ]
            for eligible in (True, False):
                answers = needs_answers(nation, eligible=eligible)
                decision = eligibility.decide(eligibility.CarerNeedsAnswers.from_dict(answers))
                assert decision.eligible is eligible
                self.answers[(nation, eligible)] = self.json(answers)
                self.decisions[(nation, eligible)] = (self.json(decision.to_dict()), decision.rule_version)
        self.nhs_count = 0

    # ---- people ----------------------------------------------------------------------------

    def new_person(self, area: AreaInfo, ts: float, dob, *, family=None, created_by=None) -> tuple[int, str, str, str]:
        """Write one person; returns their id, given and family names and postcode."""
        rng, names = self.rng, self.names
        self.ids["person"] += 1
        pid = self.ids["person"]
        self.person_area.append(area.index)
        if rng.random() < names.RARE_SHARE:
            family = family or rng.choice(names.RARE_FAMILY_NAMES)
        family = family or names.FAMILY_NAMES[bisect_left(self.family_cum, rng.random() * self.family_cum[-1])]
        given = names.GIVEN_NAMES[bisect_left(self.given_cum, rng.random() * self.given_cum[-1])]
        nhs = None
        if self.nhs_left and rng.random() < self.nhs_share:
            nhs = next(self.nhs, None)
            if nhs is None:
                self.nhs_left = False  # the 999 range holds about 909,000 valid numbers
            else:
                self.nhs_count += 1
        has_postcode = rng.random() < 0.95
        postcode = (f"{area.prefix}{rng.randint(1, 9)} {rng.randint(0, 9)}{rng.choice(names.INWARD_LETTERS)}"
                    f"{rng.choice(names.INWARD_LETTERS)}") if has_postcode else ""
        welsh = area.nation == "wales" and rng.random() < 0.2
        phone = f"+4477009{rng.randint(0, 99999):05d}" if rng.random() < 0.7 else ""
        at = self.dt(ts)
        self.streams["person"].write((
            pid, given, family, "", dob, nhs,
            f"{rng.randint(1, 180)} {rng.choice(names.STREETS)}" if has_postcode else "", "",
            rng.choice(area.towns) if has_postcode else "", postcode, phone,
            f"person{pid}@example.invalid" if rng.random() < 0.3 else "",
            rng.choice(("phone", "text", "email", "letter", "")), "cy" if welsh else "en", "",
            rng.choice(("female", "female", "male", "prefer_not_to_say", "")), "",
            rng.choice(ETHNIC), "", "", "", "",
            *self.search_keys(given, family), 1, at, at, area.id, created_by,
            rng.choice(area.gps) if rng.random() < 0.8 else None, None,
        ))
        return pid, given, family, postcode

    def carer_dob(self, ts: float):
        """A carer's date of birth from their age when found: young carers, young adults, adults."""
        rng = self.rng
        roll = rng.random()
        age = rng.randint(8, 17) if roll < 0.08 else rng.randint(18, 25) if roll < 0.18 else rng.randint(26, 90)
        found = self.day(ts)
        return found - datetime.timedelta(days=int((age + rng.random()) * 365.25))

    # ---- a carer's story -------------------------------------------------------------------

    def story(self, t0: float, new_cared_for: bool) -> None:
        rng = self.rng
        area = rng.choice(self.areas)
        by_self = rng.random() < 0.06  # found through the public self-assessment
        recorder = rng.choice(area.front_door) if rng.random() < 0.7 else rng.choice(area.practitioners)
        dob = self.carer_dob(t0)
        carer_id, given, family, postcode = self.new_person(area, t0, dob, created_by=recorder)
        parent = dob < self.day(t0) - datetime.timedelta(days=26 * 365) and rng.random() < 0.08
        ended_on = self.day(t0 + rng.uniform(100, 900) * DAY) if rng.random() < 0.03 else None
        if ended_on and ended_on > self.today:
            ended_on = None
        roll = rng.random()
        case_worker = (rng.choice(area.practitioners) if roll < 0.5
                       else rng.choice(area.front_door) if roll < 0.6 else None)
        carer = {"id": carer_id, "dob": dob, "parent": parent, "ended_on": ended_on, "area": area, "given": given,
                 "family": family, "postcode": postcode, "first_contact_at": None}
        self.streams["carer"].write((carer_id, self.day(t0), parent, ended_on, case_worker, 1))

        # Found at the front door: the contact comes first, the record is made from it.
        contacts = []
        self_assessment = None
        if by_self:
            self_assessment = self.ids["self_assessment"] = self.ids["self_assessment"] + 1
        else:
            carer["first_contact_at"] = t0 - rng.uniform(60, 3600)
            contacts.append(self.contact(carer, carer["first_contact_at"], recorder, first=True))
        self.event("person.created", t0, actor=recorder, person=carer_id, area=area.id,
                   obj_type="people.person", obj_id=carer_id)
        identified_from = {"contact_id": contacts[0] if contacts else None}
        if by_self:
            identified_from["self_assessment_id"] = self_assessment
        self.event("carer.identified", t0, actor=recorder, person=carer_id, area=area.id,
                   obj_type="people.carerprofile", obj_id=carer_id,
                   data={**identified_from, "carer_type": self.carer_type(carer, t0)})
        if contacts and rng.random() < 0.15:
            self.event("contact.linked", t0, actor=recorder, person=carer_id, area=area.id,
                       obj_type="contacts.contact", obj_id=contacts[0])
        for _ in range(self.extra_contacts()):
            ts = t0 + rng.uniform(1, 500) * DAY
            if ts < self.now:
                worker = rng.choice(area.front_door) if rng.random() < 0.6 else rng.choice(area.practitioners)
                self.contact(carer, ts, worker)

        cared_for = self.caring(carer, t0, recorder, new_cared_for)
        if rng.random() < 0.25:
            self.consent(carer, t0 + rng.uniform(0, 30) * DAY, recorder)
        if rng.random() < 0.2:
            ts = t0 + rng.uniform(5, 700) * DAY
            if ts < self.now:
                self.event("person.changed", ts, actor=rng.choice(area.practitioners), person=carer_id, area=area.id,
                           obj_type="people.person", obj_id=carer_id,
                           data={"fields": rng.choice((["phone"], ["address_line_1", "postcode", "town"], ["email"]))})
        if rng.random() < 0.04:
            ts = t0 + rng.uniform(5, 700) * DAY
            if ts < self.now:
                self.event("carer.changed", ts, actor=rng.choice(area.practitioners), person=carer_id, area=area.id,
                           obj_type="people.carerprofile", obj_id=carer_id, data={"fields": ["case_worker"]})

        if by_self or rng.random() < ASSESSED_SHARE:
            source = rng.choice(("self", "self", "on_behalf")) if by_self else "practitioner"
            ta = t0 + (rng.uniform(0.01, 2) if by_self else rng.uniform(1, 60)) * DAY
            if ta < self.now:
                first = self.assessment(carer, ta, contacts[0] if contacts else None, cared_for, source=source,
                                        self_assessment=self_assessment, submitted=t0 - rng.uniform(1, 14) * DAY)
                if first and first["status"] == "completed":
                    self.plans(carer, first, cared_for)
                if first and rng.random() < 0.08:  # a second assessment a year or so later
                    tb = ta + rng.uniform(330, 420) * DAY
                    if tb < self.now:
                        self.assessment(carer, tb, contacts[0] if contacts else None, cared_for,
                                        kind="review", source="practitioner")

    def extra_contacts(self) -> int:
        roll = self.rng.random()
        return 0 if roll < 0.38 else 1 if roll < 0.70 else 2 if roll < 0.88 else 3

    def contact(self, carer: dict, ts: float, recorder: int, *, first: bool = False, person: bool = True) -> int:
        rng = self.rng
        self.ids["contact"] += 1
        cid = self.ids["contact"]
        area = carer["area"]
        outcomes = rng.choice(OUTCOME_SETS)
        referred = area.partner if "referral" in outcomes else None
        role = rng.choice(CALLER_ROLES)
        channel = rng.choice(CHANNELS)
        at = self.dt(ts)
        names = ("", "", None, "")
        if first or not person:
            names = (carer.get("given", "Sam"), carer.get("family", "Unknown"), carer.get("dob"),
                     carer.get("postcode", ""))
        self.streams["contact"].write((
            cid, at, channel, role, "" if role == "carer" else "Alex Rees",
            "Afon Medical Practice" if role == "professional" else "", carer["id"] if person else None,
            names[0], names[1], names[2], names[3], "", "",
            "Cares for a parent after a stroke" if first else "", rng.choice(WHAT_MATTERS), INFORMATION,
            "Local carers' group" if rng.random() < 0.3 else "", self.json(outcomes), referred,
            "Safeguarding referral made the same day" if "urgent" in outcomes else "", recorder,
            self.org_of[recorder], at,
        ))
        self.event("contact.logged", ts, actor=recorder, person=carer["id"] if person else None,
                   area=area.id if person else None, obj_type="contacts.contact", obj_id=cid,
                   data={"channel": channel, "outcomes": outcomes, "referred_to": referred})
        return cid

    def caring(self, carer: dict, t0: float, recorder: int, new_person: bool) -> int | None:
        rng = self.rng
        area = carer["area"]
        if new_person:
            age = rng.randint(3, 100)
            dob = self.day(t0) - datetime.timedelta(days=int((age + rng.random()) * 365.25))
            cared_for, _given, _family, _postcode = self.new_person(
                area, t0, dob, family=carer["family"] if rng.random() < 0.5 else None, created_by=recorder)
            self.event("person.created", t0, actor=recorder, person=cared_for, area=area.id,
                       obj_type="people.person", obj_id=cared_for)
            area.cared_for_pool.append(cared_for)
            if len(area.cared_for_pool) > 200:
                del area.cared_for_pool[:100]
        elif area.cared_for_pool and rng.random() < 0.35:
            cared_for = rng.choice(area.cared_for_pool)  # a second carer of someone already known
        else:
            return None
        self.ids["relationship"] += 1
        rid = self.ids["relationship"]
        hours = rng.choice(HOURS)
        relationship = rng.choice(RELATIONSHIPS)
        from carershub.people.caring import census_hours_band

        self.streams["caring"].write((
            rid, carer["id"], cared_for, relationship, rng.random() < 0.6,
            self.day(t0) - datetime.timedelta(days=rng.randint(30, 3000)), hours,
            self.json(rng.sample(CONDITIONS, rng.randint(1, 2))), "", None, self.dt(t0),
        ))
        self.event("caring.added", t0, actor=recorder, person=carer["id"], area=area.id,
                   obj_type="people.caringrelationship", obj_id=rid,
                   data={"hours_band": census_hours_band(hours), "relationship": relationship})
        if rng.random() < 0.1:
            ts = t0 + rng.uniform(30, 600) * DAY
            if ts < self.now:
                self.event("caring.changed", ts, actor=rng.choice(area.practitioners), person=carer["id"],
                           area=area.id, obj_type="people.caringrelationship", obj_id=rid,
                           data={"fields": ["hours_per_week"]})
        return cared_for

    def consent(self, carer: dict, ts: float, recorder: int) -> None:
        rng = self.rng
        if ts > self.now:
            return
        area = carer["area"]
        self.ids["consent"] += 1
        consent_id = self.ids["consent"]
        purpose = rng.choice(CONSENT_PURPOSES)
        given = self.day(ts)
        withdrawn = None
        if rng.random() < 0.05:
            tw = ts + rng.uniform(20, 400) * DAY
            if tw < self.now:
                withdrawn = tw
        expires = given + datetime.timedelta(days=730) if rng.random() < 0.3 else None
        self.streams["consent"].write((
            consent_id, carer["id"], area.partner, purpose, given, rng.choice(CONSENT_METHODS), expires,
            self.day(withdrawn) if withdrawn else None, recorder,
            rng.choice(area.front_door) if withdrawn else None, self.dt(ts),
        ))
        self.event("consent.given", ts, actor=recorder, person=carer["id"], area=area.id,
                   obj_type="people.consent", obj_id=consent_id,
                   data={"organisation_id": area.partner, "purpose": purpose})
        if withdrawn:
            self.event("consent.withdrawn", withdrawn, actor=rng.choice(area.front_door), person=carer["id"],
                       area=area.id, obj_type="people.consent", obj_id=consent_id)

    # ---- assessments, plans and reviews ----------------------------------------------------

    def assessment(self, carer, ta, contact, cared_for, *, kind=None, source="practitioner", self_assessment=None,
                   submitted=None) -> dict | None:
        rng = self.rng
        area = carer["area"]
        nation = area.nation
        self.ids["assessment"] += 1
        aid = self.ids["assessment"]
        assessor = rng.choice(area.practitioners + area.managers)
        age = (self.day(ta) - carer["dob"]).days / 365.25
        if kind is None:
            if age < 18:
                kind = "transition" if age >= 17 else "young_carer"
            else:
                kind = "joint" if rng.random() < 0.15 else "carer"
        abandoned = rng.random() < 0.04
        ts = ta + rng.uniform(2, 45) * DAY
        td = ts + rng.uniform(0, 10) * DAY
        tc = td + rng.uniform(1, 14) * DAY if area.sign_off else td
        if abandoned or ts > self.now:
            status = "draft"
        elif td > self.now:
            status = "submitted"
        elif tc > self.now:
            status = "decided"
        else:
            status = "completed"
        eligible = rng.random() < 0.62
        full = status != "draft" or rng.random() < 0.5
        wellbeing = rng.choice(self.answers[(nation, "wellbeing")]) if full else "{}"
        decided = status in ("decided", "completed")
        decision, rule_version = self.decisions[(nation, eligible)] if decided else (None, "")
        manager = rng.choice(area.managers)
        base = {"assessment_type": kind, "nation": nation, "source": source}
        # The law it is made under, chosen as the product chooses it (the people cared for are adults).
        choice = choose_framework(nation=nation, carer_age=int(age), cared_for=[CaredForPerson(age=75)],
                                  transition=kind == "transition")
        self.streams["assessment"].write((
            aid, carer["id"], kind, nation, area.council, status, source, contact, assessor,
            "Cares for her father every evening and overnight",
            "Needs help with washing, meals and medicines" if full else "",
            "partly" if full else "", "yes" if full else "",
            "Wants to carry on, but worried about managing if their own health gets worse." if full else "",
            "To sleep through the night twice a week", wellbeing, "Works three days a week" if full else "",
            "I love him but I am exhausted" if full else "", "The carer" if full else "",
            choice.framework.value if choice.framework else "", choice.reason,
            self.answers[(nation, eligible)] if full else "{}", decision, rule_version,
            eligible if decided else None, self.dt(ta), self.dt(ts) if status != "draft" else None,
            self.dt(td) if decided else None, assessor if decided else None,
            self.dt(tc) if status == "completed" and area.sign_off else None,
            manager if status == "completed" and area.sign_off else None,
            self.dt(tc) if status == "completed" else None, {"draft": 2, "submitted": 3}.get(status, 4), assessor,
        ))
        if cared_for is not None and (kind == "joint" or rng.random() < 0.6):
            self.streams["assessment_cared_for"].write((aid, cared_for))
        obj = {"actor": assessor, "person": carer["id"], "area": area.id, "obj_type": "assessments.assessment",
               "obj_id": aid}
        self.event("assessment.started", ta, data={**base, "carer_type": self.carer_type(carer, ta)}, **obj)
        if status != "draft":
            self.event("assessment.submitted", ts, data={**base, "carer_type": self.carer_type(carer, ts)}, **obj)
        if decided:
            self.event("assessment.decided", td, data={**base, "carer_type": self.carer_type(carer, td),
                                                       "eligible": eligible, "rule_version": rule_version}, **obj)
        if status == "completed":
            # (completed_at - contact.received_at).days, as assessments/services.py counts it
            days = int((tc - carer["first_contact_at"]) // DAY) if contact else None
            self.event("assessment.completed", tc,
                       data={**base, "carer_type": self.carer_type(carer, tc), "eligible": eligible,
                             "days_from_contact": days},
                       **{**obj, "actor": manager if area.sign_off else assessor})
        if self_assessment is not None:
            self.linked_self_assessment(self_assessment, carer, submitted, source, aid)
        return {"id": aid, "status": status, "eligible": eligible, "completed": tc, "assessor": assessor,
                "kind": kind}

    def plans(self, carer: dict, assessment: dict, cared_for) -> None:
        """The carer's support plan from this assessment, and its versions as reviews come round.

        As support/services.py makes them: version 1 agreed (plan.agreed, first for the
        assessment); at each review a yearly "no change" continues it as a new version agreed
        at the review (no plan.agreed event), "plan changed" makes a draft agreed some days
        later (plan.agreed, not first), "closed" ends it and "re-assess" starts a review
        assessment. A review not yet done when due leaves the plan overdue in the queue.
        """
        rng = self.rng
        eligible = assessment["eligible"]
        if rng.random() > (0.75 if eligible else 0.25):
            return
        area = carer["area"]
        worker = assessment["assessor"]
        created = assessment["completed"] + rng.uniform(1, 30) * DAY
        if created > self.now:
            return
        content = {
            "options": rng.choice(SUPPORT_ELIGIBLE if eligible else SUPPORT_NOT_ELIGIBLE),
            "budget": f"{rng.choice((300, 450, 600, 900, 1200))}.00" if eligible and rng.random() < 0.7 else None,
            "actions": rng.sample(ACTIONS, rng.randint(1, 3)),
        }
        completed_day = self.day(assessment["completed"])
        version, previous, how = 1, None, "first"
        agreed = created + rng.uniform(0, 14) * DAY
        while True:
            self.ids["plan"] += 1
            pid = self.ids["plan"]
            if agreed > self.now:  # still being worked on
                self.write_plan(pid, carer, assessment, version, previous, "draft", content,
                                years_after(self.day(created), 1), None, None, created, worker)
                return
            review_date = years_after(self.day(agreed), 1)
            due = datetime.datetime.combine(review_date, datetime.time(10), LONDON).timestamp()
            reviewed = due + rng.uniform(-20, 45) * DAY
            outcome = rng.choice(REVIEW_OUTCOMES) if reviewed < self.now and rng.random() < 0.9 else None
            next_agreed = None
            status, ended = "agreed", None
            if outcome == "no_change":
                status, next_agreed = "superseded", reviewed
            elif outcome == "plan_changed":
                next_agreed = reviewed + rng.uniform(1, 14) * DAY
                status = "superseded" if next_agreed <= self.now else "agreed"
            elif outcome == "closed":
                status, ended = "closed", self.day(reviewed)
            self.write_plan(pid, carer, assessment, version, previous, status, content, review_date, agreed, worker,
                            created, worker, ended=ended)
            if how != "no_change":  # agree() writes the event; a review's "no change" version does not
                self.event("plan.agreed", agreed, actor=worker, person=carer["id"], area=area.id,
                           obj_type="support.supportplan", obj_id=pid,
                           data={"personal_budget": content["budget"], "support_options": content["options"],
                                 "days_from_assessment": (self.day(agreed) - completed_day).days,
                                 "plan_version": version, "first_for_assessment": version == 1})
            if outcome is None:
                return
            reviewer = rng.choice(area.practitioners + area.managers)
            self.ids["review"] += 1
            rid = self.ids["review"]
            reviewed_on = self.day(reviewed)
            self.streams["review"].write((rid, pid, reviewed_on, review_date, outcome,
                                          "Talked through how the plan is working with the carer.", reviewer,
                                          self.dt(reviewed)))
            self.event("review.completed", reviewed, actor=reviewer, person=carer["id"], area=area.id,
                       obj_type="support.review", obj_id=rid,
                       data={"on_time": reviewed_on <= review_date, "outcome": outcome})
            if outcome == "closed":
                return
            if outcome == "reassess":
                self.assessment(carer, reviewed, None, cared_for, kind="review", source="practitioner")
                return
            version, previous, how = version + 1, pid, outcome
            created, agreed, worker = reviewed, next_agreed, reviewer

    def write_plan(self, pid, carer, assessment, version, previous, status, content, review_date, agreed, agreed_by,
                   created, created_by, *, ended=None):
        self.streams["plan"].write((
            pid, carer["id"], assessment["id"], version, previous, status,
            "A regular break each week; to feel less alone.", self.json(content["options"]), content["budget"],
            review_date, self.dt(agreed) if agreed else None, agreed_by if agreed else None, ended, self.dt(created),
            created_by, 1,
        ))
        for description, who in content["actions"]:
            self.streams["action"].write((pid, description, who,
                                          carer["area"].partner if who == "partner" else None, None))

    # ---- records with no carer's story -----------------------------------------------------

    def linked_self_assessment(self, sid, carer, submitted, made_by, assessment_id):
        rng = self.rng
        area = carer["area"]
        self.streams["self_assessment"].write((
            sid, self.dt(submitted), made_by, "Rhian Bevan" if made_by == "on_behalf" else "", "Sam", "Carer",
            carer["dob"], f"{area.prefix}{rng.randint(1, 9)} 1AB", "", "", area.id, self.reference(sid),
            self.json({"nation": area.nation, "caring_role": "I look after my mum since her stroke.",
                       "able_to_care": "partly", "willing_to_care": "yes"}),
            assessment_id, None, None, "", None,
        ))
        self.event("self_assessment.received", submitted, area=area.id, obj_type="selfassessment.selfassessment",
                   obj_id=sid, data={"nation": area.nation, "made_by": made_by,
                                     "carer_type": self.carer_type(carer, submitted)})

    def reference(self, sid: int) -> str:
        """A unique reference like the product's (8 characters of its alphabet), from the id, scrambled."""
        n = (sid * 2654435761) % (31 ** 8)
        chars = []
        for _ in range(8):
            n, r = divmod(n, 31)
            chars.append(REFERENCE_ALPHABET[r])
        return "".join(chars[:4]) + "-" + "".join(chars[4:])

    def unlinked_contacts(self):
        """Callers the front door logged who have no record yet (the front door's queue)."""
        rng = self.rng
        self.unlinked = []
        for _ in range(round(UNLINKED_CONTACTS_PER_MILLION * self.scale)):
            area = rng.choice(self.areas)
            ts = self.start + rng.random() * (self.now - self.start)
            caller = {"id": None, "area": area, "given": "Morwenna", "family": "Pryce", "dob": None,
                      "postcode": f"{area.prefix}3 2BD"}
            self.unlinked.append((self.contact(caller, ts, rng.choice(area.front_door), person=False), ts))

    def waiting_and_discarded_self_assessments(self):
        rng = self.rng
        waiting = round(SELF_ASSESSMENTS_WAITING_PER_MILLION * self.scale)
        discarded = round(SELF_ASSESSMENTS_DISCARDED_PER_MILLION * self.scale)
        for n in range(waiting + discarded):
            area = rng.choice(self.areas)
            junk = n >= waiting
            # Most of the queue arrived in the last three weeks; a few have waited longer.
            ago = rng.uniform(0, 21) if rng.random() < 0.8 else rng.uniform(21, 200)
            if junk:
                ago = rng.uniform(1, 1000)
            ts = max(self.start, self.now - ago * DAY)
            self.ids["self_assessment"] += 1
            sid = self.ids["self_assessment"]
            made_by = rng.choice(("self", "self", "on_behalf"))
            dob = self.day(ts) - datetime.timedelta(days=rng.randint(18 * 365, 80 * 365))
            discarded_at = self.dt(ts + DAY) if junk else None
            reviewer = rng.choice(area.practitioners)
            self.streams["self_assessment"].write((
                sid, self.dt(ts), made_by, "", "" if junk else "Bronwen", "" if junk else "Watkins",
                None if junk else dob, "" if junk else f"{area.prefix}2 4NP", "", "", area.id, self.reference(sid),
                self.json({"nation": area.nation} if junk else {
                    "nation": area.nation, "caring_role": "I do her shopping, cooking and help her wash.",
                    "able_to_care": "partly", "willing_to_care": "yes",
                    "carer_views": "I am tired all the time and I do not want to lose my job."}),
                None, discarded_at, reviewer if junk else None, "Test submission" if junk else "", discarded_at,
            ))
            self.event("self_assessment.received", ts, area=area.id, obj_type="selfassessment.selfassessment",
                       obj_id=sid, data={"nation": area.nation, "made_by": made_by, "carer_type": "adult_carer"})
            if junk:
                self.event("self_assessment.discarded", ts + DAY, actor=reviewer, area=area.id,
                           obj_type="selfassessment.selfassessment", obj_id=sid, data={"nation": area.nation})

    def data_rights_requests(self):
        from carershub.privacy import deadlines

        rng = self.rng
        for _ in range(round(DATA_RIGHTS_PER_MILLION * self.scale)):
            person = rng.randint(1, self.ids["person"])
            area = self.areas[self.person_area[person]]
            ts = self.start + rng.random() * (self.now - self.start)
            received = self.day(ts)
            due = deadlines.response_due(received)
            kind = rng.choice(DATA_RIGHTS_KINDS)
            recorder = rng.choice(area.front_door)
            manager = rng.choice(area.managers)
            age = (self.today - received).days
            extended = rng.random() < 0.1
            if age < 35 or rng.random() < 0.04:
                status = "extended" if extended else "open"
                completed = None
            else:
                status = rng.choice(["completed"] * 17 + ["refused", "withdrawn"])
                completed = min(self.today, received + datetime.timedelta(days=rng.randint(3, 80 if extended else 30)))
            extended_to = deadlines.extended_due(received) if extended else None
            self.ids["data_rights"] += 1
            rid = self.ids["data_rights"]
            self.streams["data_rights"].write((
                rid, person, person, kind, received, due, extended_to, "A large record to review" if extended else "",
                "person", "", "", status, completed, None, "", recorder, self.dt(ts), 1,
            ))
            obj = {"person": person, "area": area.id, "obj_type": "privacy.datarightsrequest", "obj_id": rid}
            self.event("data_rights.received", ts, actor=recorder, data={"kind": kind, "requested_by": "person"}, **obj)
            if extended:
                self.event("data_rights.extended", ts + 20 * DAY, actor=manager, data={"kind": kind}, **obj)
            if completed:
                respond_by = extended_to or due
                closed_ts = datetime.datetime.combine(completed, datetime.time(15), LONDON).timestamp()
                self.event("data_rights.closed", min(closed_ts, self.now), actor=manager, data={
                    "kind": kind, "status": status, "extended": extended, "on_time": completed <= respond_by,
                    "days_taken": (completed - received).days}, **obj)

    def access_grants(self, resolved):
        table, cols, extras = resolved
        stream = Stream(self.url, table, cols, extras)
        rng = self.rng
        for _ in range(round(ACCESS_GRANTS_PER_MILLION * self.scale)):
            person = rng.randint(1, self.ids["person"])
            home = self.person_area[person]
            area = self.areas[(home + rng.randint(1, len(self.areas) - 1)) % len(self.areas)]
            user = rng.choice(area.practitioners)
            ts = self.now - rng.uniform(0, 400) * DAY
            reviewed = rng.random() < 0.9
            stream.write((person, user, "Covering for a colleague on leave",
                          self.dt(ts), self.dt(ts + 12 * 3600), self.dt(ts + 3 * DAY) if reviewed else None,
                          rng.choice(area.managers) if reviewed else None, "Reason accepted" if reviewed else ""))
        stream.finish()
        self.counts[table] = stream.rows

    def retention_items(self, resolved):
        """Unlinked contacts more than two years old, listed for a manager's retention review."""
        table, cols, extras = resolved
        stream = Stream(self.url, table, cols, extras)
        rng = self.rng
        cutoff = self.today - datetime.timedelta(days=731)
        for contact, ts in self.unlinked:
            last = self.day(ts)
            if last < cutoff and rng.random() < 0.5:  # the rest were reviewed and emptied already
                stream.write(("contact", contact, "unlinked_contact", last, years_after(last, 2),
                              self.today - datetime.timedelta(days=rng.randint(0, 30)), "due", None, "", None, None))
        stream.finish()
        self.counts[table] = stream.rows

    def access_log(self, resolved):
        """About a million rows of who looked at whom, in time order."""
        table, cols, extras = resolved
        stream = Stream(self.url, table, cols, extras)
        rng = self.rng
        total = round(ACCESS_EVENTS_PER_PERSON * self.total)
        staff = [(user, org) for user, org in self.org_of.items()]
        span = self.now - self.start
        people = self.ids["person"]
        for n in range(total):
            ts = self.start + (n + rng.random()) * span / total
            user, org = rng.choice(staff)
            person = rng.randint(1, people)
            roll = rng.random()
            if roll < 0.7:
                action, part, purpose, path = "view", "record", "", f"/people/{person}/"
            elif roll < 0.95:
                action, part, purpose, path = "search", "search_results", "jones", "/people/?q=jones"
            else:
                action, part, purpose, path = "view", "assessment", "", f"/people/{person}/"
            stream.write((self.dt(ts), user, org, person, None, action, part, purpose, f"10.0.{n % 250}.{n % 200 + 1}",
                          USER_AGENT, path))
        stream.finish()
        self.counts[table] = stream.rows


def years_after(day: datetime.date, years: int) -> datetime.date:
    from carershub.core.ukdata import years_after as product_years_after

    return product_years_after(day, years)
