#!/usr/bin/env python
"""Search benchmark: time the real person search and duplicate check on a large synthetic population.

    CARERSHUB_TESTING=1 .venv/bin/python benchmarks/search.py [--people N] [--database sqlite|postgres]
                                                              [--repeat K] [--rebuild]

It never touches the developer's database. SQLite uses var/benchmarks/search-<N>.sqlite3;
PostgreSQL uses a database called ``carershub_bench`` that it creates. A populated database is
reused while it holds exactly N people (``--rebuild`` forces a fresh one).

Everyone in it is made up: 999-range NHS numbers, the invented AF and MR postcode areas.
See benchmarks/README.md for the figures and how to read them.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import random
import resource
import sqlite3
import statistics
import sys
import time
from bisect import bisect_left
from itertools import accumulate
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "benchmarks"
RESULTS_DIR = Path(__file__).resolve().parent / "results"
PG_DATABASE = "carershub_bench"
SEED = 20240601
BATCH_SIZE = 5000

# --------------------------------------------------------------------------------------------
# Synthetic names: common ones ranked (Zipf-like weights), plus a long tail of invented rare ones.
# --------------------------------------------------------------------------------------------

FAMILY_NAMES = """
Jones Smith Williams Davies Evans Thomas Roberts Taylor Brown Hughes Lewis Morgan Griffiths Edwards
Wilson Johnson Wright Walker Wood Thompson Robinson White Hall Green Hill Clarke Harris Jackson Turner
Martin Cooper Morris Ward King Baker Harrison Price Phillips Watkins Powell Owen Rees Jenkins James
Lloyd Parry Pritchard Bevan Howells Pugh Rowlands Bowen Preece Probert Vaughan Gwynne Llewellyn
Meredith Prosser Watts Wall Moore Allen Young Mitchell Anderson Bell Carter Cook Collins Murphy Kelly
O'Brien Ryan Walsh Byrne O'Connor Doyle McCarthy Kennedy MacDonald McDonald Campbell Stewart Scott Reid
Ross Patel Khan Ahmed Ali Hussain Begum Shah Singh Kaur Rahman Chowdhury Islam Akhtar Nowak Kowalski
Wiśniewski Kamiński Lewandowski Nguyen Chen Wang Zhang Okafor Mensah Adeyemi Osei Silva Santos
Pereira Rossi Russo Müller Schmidt Smith-Jones Davis Davey Hewitt Humphreys Jarvis Knight Lamb Marsh
Nash Oakley Palmer Quinn Rogers Saunders Tucker Upton Vincent Webb Yates Abbott Barker Chapman Dixon
Ellis Fisher Gibson Hayes Ingram Jennings Kirby Lane Mason Newman Osborne Parker Reynolds Sharp Tanner
Underwood Warren Bailey Bennett Bishop Butler Cole Cox Day Dean Fox Fraser Gray Hart Hunt Kemp
Lawrence Long Marshall Mills Pearce Perry Porter Richards Russell Shaw Simpson Thomson Stevens
Stephens Summers Wade Webster Wells West Whitehead Wilkinson Woods Atkinson Barnes Burton Chambers
Cross Dawson Ford Francis Grant Griffin Hammond Holland Holmes Hopkins Hudson Lee Lowe Matthews Miles
Nicholson Payne Pearson Randall Riley Sanders Spencer Stone Sutton Walters Ashton Fletcher Gardner
Gough Haines Hicks Jeffries Kent Lucas Morton Norris Parsons Rowe Skinner Slater Swift Tudor Whitaker
Smyth Smithe Jonas
""".split()

GIVEN_NAMES = """
John David Margaret Mary Susan Michael Elizabeth Peter Patricia Paul Robert Sarah James Helen William
Catherine Richard Ann Thomas Julie Christopher Karen Mark Linda Stephen Janet Andrew Jean Gareth Joan
Rhys Jane Dafydd Anne Huw Anna Ian Siân Alan Rhiannon Brian Megan Keith Ffion Colin Cerys Kevin Nia
Gary Bethan Neil Carys Simon Angharad Steven Gwen Jon Eleri Jonathan Lowri Daniel Emma Matthew Claire
Joshua Nicola Liam Rachel Ethan Rebecca Oliver Laura Harry Amy Jack Hannah George Jessica Noah Chloe
Leo Sophie Mohammed Olivia Ahmed Amelia Ali Isla Arjun Ava Ravi Lily Sanjay Grace Piotr Ella Tomasz
Mia Jakub Freya Patrick Ruby Sean Evie Shaun Poppy Kieran Fatima Connor Aisha Ryan Priya Callum Anjali
Kyle Zainab Aaron Agnieszka Adam Katarzyna Ben Joanne Sam Tracey Ieuan Deborah Owain Lisa Dylan
Michelle Aled Kelly Emyr Donna Geraint Dawn Gethin Gemma Stephen Jemma Kathryn Lucy Katherine
Charlotte Annie Victoria Zoe Eve Maria Chiamaka Ngozi Wei Mei Bill Liz Kate Chris Christine
""".split()

_RARE_START = "Ash Bram Carn Dun Elm Fair Glen Hal Ives Kel Lang Mor Nor Pen Quen Rad Stan Thorn Wen Yar".split()
_RARE_MIDDLE = ["", "er", "in", "ow"]
_RARE_END = "by combe field ford ham hurst ley low mere stead ton well wick worth den gate".split()
RARE_FAMILY_NAMES = [
    name
    for name in (start + middle + end for start in _RARE_START for middle in _RARE_MIDDLE for end in _RARE_END)
    if name not in FAMILY_NAMES  # "Morton" and "Ashton" are common ones too
]
RARE_SHARE = 0.10  # a tenth of people have an uncommon family name (about 1,300 of them)

OUTWARD_CODES = [f"{area}{district}" for area in ("AF", "MR") for district in range(1, 10)]
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"  # the letters real inward codes use
STREETS = "High Street|Church Road|Station Road|Heol y Felin|Ffordd y Parc|Mill Lane|Bryn Terrace|Park View".split("|")
TOWNS = ["Afonbridge", "Marchford", "Pont Afon", "Llanafon", "Marcham", "Eastmarch"]
NHS_SHARE = 0.70
CARER_SHARE = 0.75  # the rest are cared-for people without a carer profile


def zipf_cum_weights(count: int, offset: float) -> list[float]:
    """Cumulative weights 1/(rank+offset): a few names very common, a long tail of uncommon ones."""
    return list(accumulate(1.0 / (rank + offset) for rank in range(1, count + 1)))


def nhs_numbers(rng: random.Random, count: int):
    """Unique valid NHS numbers in the 999 range (the range never issued to patients)."""
    from carershub.core.ukdata import ValidationProblem, normalise_nhs_number

    stems = list(range(1_000_000))
    rng.shuffle(stems)
    produced = 0
    for stem in stems:
        if produced >= count:
            return
        first_nine = f"999{stem:06d}"
        total = sum(int(d) * w for d, w in zip(first_nine, range(10, 1, -1)))
        check = (11 - total % 11) % 11
        if check == 10:
            continue
        number = f"{first_nine}{check}"
        try:
            normalise_nhs_number(number)
        except ValidationProblem:
            continue
        produced += 1
        yield number


# --------------------------------------------------------------------------------------------
# The benchmark's own database
# --------------------------------------------------------------------------------------------


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=300_000, help="how many people to generate (default 300000)")
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--repeat", type=int, default=20, help="timed runs of each query (default 20)")
    parser.add_argument("--rebuild", action="store_true", help="regenerate the data even if it is already there")
    parser.add_argument(
        "--postgres-server",
        default=os.environ.get("BENCHMARK_POSTGRES_SERVER", "postgres://postgres@127.0.0.1:5432"),
        help=f"PostgreSQL server URL without a database name; the benchmark uses its own {PG_DATABASE!r} database",
    )
    return parser.parse_args(argv)


def sqlite_path(people: int) -> Path:
    return BENCH_DIR / f"search-{people}.sqlite3"


def count_people_sqlite(path: Path) -> int | None:
    if not path.exists():
        return None
    try:
        with sqlite3.connect(path) as db:
            return db.execute("SELECT count(*) FROM people_person").fetchone()[0]
    except sqlite3.Error:
        return None


def prepare_postgres(server: str, people: int, rebuild: bool) -> bool:
    """Create carershub_bench if needed; True when it already holds ``people`` people."""
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [PG_DATABASE]).fetchone()
        if exists and not rebuild:
            try:
                with psycopg.connect(f"{server}/{PG_DATABASE}") as bench:
                    if bench.execute("SELECT count(*) FROM people_person").fetchone()[0] == people:
                        return True
            except psycopg.Error:
                pass
        if exists:
            admin.execute(f'DROP DATABASE "{PG_DATABASE}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{PG_DATABASE}"')
    return False


def configure_django(args) -> bool:
    """Point Django at the benchmark database before setup; True when the data can be reused."""
    os.environ.setdefault("CARERSHUB_TESTING", "1")
    os.environ["DJANGO_SETTINGS_MODULE"] = "carershub.settings"
    if args.database == "sqlite":
        path = sqlite_path(args.people)
        BENCH_DIR.mkdir(parents=True, exist_ok=True)
        reuse = not args.rebuild and count_people_sqlite(path) == args.people
        if not reuse:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    else:
        reuse = prepare_postgres(args.postgres_server.rstrip("/"), args.people, args.rebuild)
        os.environ["DATABASE_URL"] = f"{args.postgres_server.rstrip('/')}/{PG_DATABASE}"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    return reuse


# --------------------------------------------------------------------------------------------
# Generating people
# --------------------------------------------------------------------------------------------


def generate_people(total: int) -> float:
    from django.db import transaction

    from carershub.partnership.models import Area, Nation
    from carershub.people.models import CarerProfile, Person

    started = time.perf_counter()
    rng = random.Random(SEED)
    areas = [
        Area.objects.create(name="Bench Afon", code="W06999901", nation=Nation.WALES),
        Area.objects.create(name="Bench Marches", code="E06999901", nation=Nation.ENGLAND),
    ]
    family_cum = zipf_cum_weights(len(FAMILY_NAMES), offset=3)
    given_cum = zipf_cum_weights(len(GIVEN_NAMES), offset=8)
    nhs = nhs_numbers(rng, int(total * NHS_SHARE))
    first_day = datetime.date(1925, 1, 1).toordinal()
    last_day = datetime.date(2019, 12, 31).toordinal()
    today = datetime.datetime.now(datetime.UTC)

    def family_name() -> str:
        if rng.random() < RARE_SHARE:
            return rng.choice(RARE_FAMILY_NAMES)
        return FAMILY_NAMES[bisect_left(family_cum, rng.random() * family_cum[-1])]

    def given_name() -> str:
        return GIVEN_NAMES[bisect_left(given_cum, rng.random() * given_cum[-1])]

    made = 0
    while made < total:
        size = min(BATCH_SIZE, total - made)
        people = []
        for _ in range(size):
            outward = rng.choice(OUTWARD_CODES)
            has_postcode = rng.random() < 0.95
            person = Person(
                given_name=given_name(),
                family_name=family_name(),
                preferred_name="",
                date_of_birth=(
                    datetime.date.fromordinal(rng.randint(first_day, last_day)) if rng.random() < 0.97 else None
                ),
                nhs_number=(next(nhs, None) if rng.random() < NHS_SHARE else None),
                address_line_1=f"{rng.randint(1, 180)} {rng.choice(STREETS)}" if has_postcode else "",
                town=rng.choice(TOWNS) if has_postcode else "",
                postcode=(
                    f"{outward} {rng.randint(0, 9)}{rng.choice(INWARD_LETTERS)}{rng.choice(INWARD_LETTERS)}"
                    if has_postcode
                    else ""
                ),
                area=areas[0] if outward.startswith("AF") else areas[1],
                created_at=today,
            )
            person.refresh_search_keys()  # bulk_create does not call save()
            people.append(person)
        with transaction.atomic():
            Person.objects.bulk_create(people)
            CarerProfile.objects.bulk_create(
                CarerProfile(person=p, identified_on=today.date()) for p in people if rng.random() < CARER_SHARE
            )
        made += size
        if made % 100_000 == 0 or made == total:
            print(f"  {made:>9,} people  {time.perf_counter() - started:7.1f} s", flush=True)

    return time.perf_counter() - started


def settle():
    """What autovacuum does soon after a big load or new indexes: statistics and visibility map.

    SQLite gets no ANALYZE: nothing runs one in a real installation (and its plans for these
    queries came out the same with and without one).
    """
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


# --------------------------------------------------------------------------------------------
# Queries
# --------------------------------------------------------------------------------------------


def pick_examples():
    """Real values from the generated data, so every lookup has something to find."""
    from carershub.people.models import Person

    def one(**filters):
        return Person.objects.filter(**filters).order_by("pk").first() or Person.objects.order_by("pk").first()

    middle = Person.objects.order_by("pk").values_list("pk", flat=True)[Person.objects.count() // 2]
    with_nhs = one(pk__gte=middle, nhs_number__isnull=False)
    with_postcode = one(pk__gte=middle, postcode__startswith="MR4 ")
    ann_jones = one(pk__gte=middle, given_name="Ann", family_name="Jones", date_of_birth__isnull=False)
    rare = one(pk__gte=middle, family_name__in=RARE_FAMILY_NAMES)
    duplicate_of = one(pk__gte=middle, family_name="Smith", given_name="John", date_of_birth__isnull=False)
    dob = with_nhs.date_of_birth or datetime.date(1961, 3, 27)
    return {
        "searches": [
            ("common surname prefix", "jon"),
            ("full name", "ann jones"),
            ("phonetic variant", "smyth"),
            ("NHS number", f"{with_nhs.nhs_number[:3]} {with_nhs.nhs_number[3:6]} {with_nhs.nhs_number[6:]}"),
            ("full postcode", with_postcode.postcode),
            ("postcode outward code", "MR4"),
            ("date of birth", dob.strftime("%d/%m/%Y")),
            ("name + date of birth", f"ann jones {ann_jones.date_of_birth:%d/%m/%Y}"),
            ("rare name", rare.family_name.lower()),
        ],
        "duplicate_of": duplicate_of,
    }


def capture_person_sql(run):
    """Run once, recording the SQL that reads people_person (for EXPLAIN)."""
    from django.db import connection

    captured = []

    def wrapper(execute, sql, params, many, context):
        if '"people_person"' in sql and sql.lstrip().upper().startswith("SELECT"):
            captured.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        result = run()
    return result, captured


def _pg_nodes(node):
    yield node
    for child in node.get("Plans", []):
        yield from _pg_nodes(child)


def plan_summary(sql, params) -> str:
    """How people_person was read: which indexes, or a warning about a full scan."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS OFF, FORMAT JSON) " + sql, params)
            raw = cursor.fetchone()[0]
            plan = (json.loads(raw) if isinstance(raw, str) else raw)[0]
            reads, sorts = [], []
            for node in _pg_nodes(plan["Plan"]):
                kind = node["Node Type"]
                if kind in ("Index Scan", "Index Only Scan", "Bitmap Index Scan"):
                    if node.get("Index Name", "").startswith(("person_", "people_person")):
                        reads.append(f"{kind} on {node['Index Name']}")
                elif kind == "Seq Scan" and node.get("Relation Name") == "people_person":
                    reads.append("SEQ SCAN on people_person")
                elif kind == "Sort":
                    sorts.append(f"sort: {node.get('Sort Method', '?')}")
            reads = list(dict.fromkeys(reads))
            return f"{', '.join(reads + sorts)}  [{plan['Execution Time']:.1f} ms]"
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        details = [row[3] for row in cursor.fetchall()]
        useful = [d for d in details if "people_person" in d or "TEMP B-TREE" in d]
        return ", ".join(dict.fromkeys(d.replace("people_person", "person") for d in useful))


def timed(run, repeat: int):
    run()  # warm-up: caches, query compilation
    run()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, max(0, round(0.95 * len(times)) - 1))]
    return statistics.median(times), p95


def run_queries(repeat: int):
    from carershub.people import search, search_terms, services
    from carershub.people.models import Person

    examples = pick_examples()
    results = []
    for label, text in examples["searches"]:

        def run(text=text):
            terms = search_terms.parse(text)
            return search.first_page(search.search_people(terms, visible=Person.objects.all()))

        (rows, more), captured = capture_person_sql(run)
        matches = search.search_people(search_terms.parse(text), visible=Person.objects.all()).count()
        median, p95 = timed(run, repeat)
        steps = ["ids", "page"] if len(captured) == 2 else [f"query {n}" for n in range(1, len(captured) + 1)]
        plans = [f"({step}) {plan_summary(sql, params)}" for step, (sql, params) in zip(steps, captured)]
        results.append((label, text, f"{len(rows)}{'+' if more else ''}", matches, median, p95, plans))

    existing = examples["duplicate_of"]

    def check():
        return services.possible_duplicates(
            given_name=existing.given_name,
            family_name=existing.family_name,
            date_of_birth=existing.date_of_birth,
            postcode=existing.postcode,
        )

    found, captured = capture_person_sql(check)
    median, p95 = timed(check, repeat)
    plans = [plan_summary(sql, params) for sql, params in captured]
    text = f"{existing.given_name} {existing.family_name}, {existing.date_of_birth:%d/%m/%Y}, {existing.postcode}"
    results.append(("possible duplicates", text, str(len(found)), None, median, p95, plans))
    ranks = [p.pk for p, _ in found]
    found_note = (
        f"record #{existing.pk} is match {ranks.index(existing.pk) + 1} of {len(found)}"
        if existing.pk in ranks
        else f"record #{existing.pk} NOT among the {len(found)} matches"
    )
    return results, found_note


# --------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------


def database_description() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT current_setting('server_version'), datcollate FROM pg_database"
                " WHERE datname = current_database()"
            )
            version, collation = cursor.fetchone()
            return f"PostgreSQL {version} (collation {collation}), database {connection.settings_dict['NAME']}"
    return f"SQLite {sqlite3.sqlite_version}, {connection.settings_dict['NAME']}"


def report(args, generation_seconds, results, found_note) -> str:
    lines = [
        f"Search benchmark, {datetime.date.today():%Y-%m-%d}",
        f"database: {database_description()}",
        f"people: {args.people:,}   repeat: {args.repeat}   cores: {os.cpu_count()}   "
        f"machine: {platform.machine()} {platform.system()} {platform.release()}   python: {platform.python_version()}",
        "load average (1, 5, 15 min) at the end: " + ", ".join(f"{load:.1f}" for load in os.getloadavg()),
        (
            f"generated the data in {generation_seconds:.1f} s"
            if generation_seconds is not None
            else "reused the data generated earlier (--rebuild to regenerate)"
        ),
        "",
        f"| {'query':<24} | {'typed':<36} | {'rows':>5} | {'matches':>8} | {'median ms':>9} | {'p95 ms':>7} |",
        f"|{'-' * 26}|{'-' * 38}|{'-' * 6}:|{'-' * 9}:|{'-' * 10}:|{'-' * 8}:|",
    ]
    for label, text, rows, matches, median, p95, _plans in results:
        shown_matches = f"{matches:,}" if matches is not None else "-"
        lines.append(f"| {label:<24} | {text:<36} | {rows:>5} | {shown_matches:>8} | {median:>9.1f} | {p95:>7.1f} |")
    lines += [
        "",
        "rows: what the page shows (25 a page, + when there is another page); matches: every matching record.",
        f"possible duplicates: {found_note}.",
        f"peak memory (RSS) of this process{', data generation included' if generation_seconds else ''}: "
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB",
        "",
        "Query plans (how people_person was read; a search runs two queries: the page's ids, then its rows):",
    ]
    for label, _text, _rows, _matches, _median, _p95, plans in results:
        for plan in plans:
            lines.append(f"  {label}: {plan}")
    return "\n".join(lines)


def main(argv=None):
    args = parse_args(argv)
    reuse = configure_django(args)
    from django.core.management import call_command

    from carershub.people.models import Person

    call_command("migrate", verbosity=0, interactive=False)
    generation_seconds = None
    if not reuse:
        print(f"Generating {args.people:,} synthetic people...", flush=True)
        generation_seconds = generate_people(args.people)
    assert Person.objects.count() == args.people
    settle()

    results, found_note = run_queries(args.repeat)
    text = report(args, generation_seconds, results, found_note)
    print()
    print(text)
    RESULTS_DIR.mkdir(exist_ok=True)
    (RESULTS_DIR / f"search-{args.database}-{args.people}.txt").write_text(text + "\n")


if __name__ == "__main__":
    main()
