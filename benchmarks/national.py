#!/usr/bin/env python
"""A million carers, end to end: build the region, serve it as production does, time the pages.

    CARERSHUB_TESTING=1 .venv/bin/python benchmarks/national.py [--people 1000000] [--users 20]
        [--seconds 15 | --requests K] [--pages home,person,search,figures,commissioning] [--capacity]
        [--rebuild] [--keep-serving]
        [--postgres-server postgres://postgres@127.0.0.1:5432]

1. Build (or reuse) a PostgreSQL database called ``carershub_national`` holding N synthetic
   people with four financial years of contacts, assessments, plans, reviews, consents, activity
   events and access-log rows (benchmarks/_national/build.py). It is migrated first, always, so
   its schema is the product's; one that already holds N people from this builder is reused.
2. Serve it with gunicorn, 2 sync workers, production settings (DEBUG off, secrets generated
   for the run, collected static files), logging to a file.
3. Sign the benchmark's staff in through the real sign-in and authenticator pages.
4. For each page: capture the SQL it runs and replay it without Python (the "SQL floor"), then
   load it with 1 user and with --users users at once for --seconds each, after a warm-up.
   With --capacity, a page that misses its target with --users users is run at the levels
   between until the most users it serves within its target is found.
5. Print a table of p50/p95 times, requests a second and errors, with the machine, the data
   and the build; write it to benchmarks/results/national-<N>.txt.

Never touches your own database (whatever DATABASE_URL says). Everyone in it is made up.
See benchmarks/README.md, "A million carers, end to end".
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import random
import re
import resource
import shutil
import sys
import tempfile
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = Path(__file__).resolve().parent
RESULTS_DIR = BENCHMARKS / "results"
STATIC_ROOT = ROOT / "var" / "benchmarks" / "national-static"
PG_DATABASE = "carershub_national"
BUILD_VERSION = 2  # bump when the builder makes different data: older databases are rebuilt
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCHMARKS))

from _national import build, client, floor, serve, staff  # noqa: E402

# The product owner's targets (issue 7), p95 in milliseconds: (1 user, N users).
TARGETS = {
    "home": (150, 150),
    "person": (40, 150),
    "search": (50, 50),
    "figures FY": (1000, 1000),
    "figures quarter": (300, 300),
    "figures area": (1000, 1000),
    # Issue 12's commissioning pages: "fast on a million carers", held to the figures' targets.
    "dashboard FY": (1000, 1000),
    "dashboard quarter": (300, 300),
}


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=1_000_000, help="synthetic people (default 1,000,000)")
    parser.add_argument("--users", type=int, default=20, help="concurrent signed-in users (default 20)")
    parser.add_argument("--workers", type=int, default=2,
                        help="gunicorn processes (default 2, the issue's measure; the image runs 3)")
    parser.add_argument("--threads", type=int, default=1,
                        help="threads in each (default 1: sync workers; the image runs 4)")
    parser.add_argument("--seconds", type=float, default=15, help="per page and concurrency level (default 15)")
    parser.add_argument("--requests", type=int, help="instead of --seconds: requests per page and level")
    parser.add_argument("--pages", default="home,person,search,figures,commissioning",
                        help="which of home,person,search,figures,commissioning (default all)")
    parser.add_argument("--capacity", action="store_true",
                        help="for each page that misses its target with --users, find the most users it serves "
                             "within it (more levels, halving the gap between one that meets it and one that misses)")
    parser.add_argument("--rebuild", action="store_true", help="build the data again even if it is there")
    parser.add_argument("--keep-serving", action="store_true", help="leave the server running until Ctrl-C")
    parser.add_argument("--build-only", action="store_true", help="build (or check) the data, then stop")
    parser.add_argument("--postgres-server",
                        default=os.environ.get("BENCHMARK_POSTGRES_SERVER", "postgres://postgres@127.0.0.1:5432"),
                        help="server only; the user must be a superuser (the load skips row-by-row key checks)")
    parser.add_argument("--floor-repeat", type=int, default=30, help="replays of each page's SQL (default 30)")
    parser.add_argument("--warmup", type=float, default=2.0, metavar="SECONDS",
                        help="each user's uncounted requests before timing (default 2 s, at least one request)")
    parser.add_argument("--skip-slower-than", type=float, default=10.0, metavar="SECONDS",
                        help="skip a page's --users level when one user's p95 is slower (default 10 s)")
    parser.add_argument("--load-with-indexes", action="store_true",
                        help="(for comparison) load into the migrated schema without dropping its indexes")
    args = parser.parse_args(argv)
    args.pages = [p.strip() for p in args.pages.split(",") if p.strip()]
    unknown = set(args.pages) - {"home", "person", "search", "figures", "commissioning"}
    if unknown:
        parser.error(f"unknown page(s): {', '.join(sorted(unknown))}")
    if args.requests is not None:
        args.seconds = None
    return args


def say(text: str) -> None:
    print(text, flush=True)


# --------------------------------------------------------------------------------------------
# The benchmark's own database
# --------------------------------------------------------------------------------------------


def prepare_database(server: str, people: int, rebuild: bool) -> dict | None:
    """Create carershub_national if needed; its build record when it already holds these N people."""
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        row = admin.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s", [PG_DATABASE]
        ).fetchone()
        if row is not None and not rebuild:
            try:
                stamp = json.loads(row[0] or "{}")
            except ValueError:
                stamp = {}
            if stamp.get("people") == people and stamp.get("builder") == BUILD_VERSION:
                with psycopg.connect(f"{server}/{PG_DATABASE}") as bench:
                    if bench.execute("SELECT count(*) FROM people_person").fetchone()[0] == people:
                        return stamp
        if row is not None:
            admin.execute(f'DROP DATABASE "{PG_DATABASE}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{PG_DATABASE}"')
    return None


def record_build(server: str, stamp: dict) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(sql.SQL("COMMENT ON DATABASE {} IS {}").format(
            sql.Identifier(PG_DATABASE), sql.Literal(json.dumps(stamp))))


def build_data(args, database_url: str) -> dict:
    from carershub.accounts.models import User
    from carershub.partnership.models import Area, Organisation

    say(f"Building {args.people:,} people with their records and events (seeded, synthetic)...")
    builder = build.Builder(database_url, args.people, progress=say, drop_indexes=not args.load_with_indexes)
    result = builder.run()
    counts = dict(builder.counts)
    counts.update({"partnership_area": Area.objects.count(), "partnership_organisation": Organisation.objects.count(),
                   "accounts_user": User.objects.count()})
    return {
        "people": args.people,
        "builder": BUILD_VERSION,
        "built_on": datetime.date.today().isoformat(),
        "seconds": round(result["seconds"], 1),
        "load_seconds": round(result["load_seconds"], 1),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "indexes": "dropped and recreated" if not args.load_with_indexes else "kept during the load",
        "indexes_dropped": result["indexes_dropped"],
        "nhs_numbers": result["nhs_numbers"],
        "rebuilt": result["rebuilt"],
        "counts": counts,
        "events": dict(sorted(builder.event_kinds.items(), key=lambda kv: -kv[1])),
    }


# --------------------------------------------------------------------------------------------
# Pages
# --------------------------------------------------------------------------------------------


@dataclass
class Page:
    group: str  # home, person, search, figures, commissioning (what --pages selects)
    label: str
    target: str  # key of TARGETS
    pool: str  # which users load it (staff.plan)
    path: object  # (session, rng) -> path


def pages(examples: dict) -> list[Page]:
    area = examples["area"]
    nhs = examples["nhs_numbers"]
    return [
        Page("home", "home (queue counts)", "home", "home", lambda s, rng: "/"),
        Page("person", "person page", "person", "service",
             lambda s, rng: f"/people/{rng.choice(s.context['people'])}/"),
        # The search page before anything is searched: a signed-in page that reads only the session
        # and the user. What every search pays before its own statements, access log and rows.
        Page("search", "search page, nothing searched", "search", "service", lambda s, rng: "/people/"),
        Page("search", 'search "jon"', "search", "service", lambda s, rng: "/people/?q=jon"),
        Page("search", 'search "ann jones"', "search", "service", lambda s, rng: "/people/?q=ann+jones"),
        Page("search", 'search "MR4"', "search", "service", lambda s, rng: "/people/?q=MR4"),
        Page("search", "search NHS number", "search", "service",
             lambda s, rng: "/people/?" + urllib.parse.urlencode({"q": rng.choice(nhs)})),
        # How a record is most often looked for: somebody's own first and last name, mostly a rare
        # pair of a common first name and a common last name (people/search.py reads those one last
        # name at a time).
        Page("search", "search a full name", "search", "service",
             lambda s, rng: "/people/?" + urllib.parse.urlencode({"q": rng.choice(examples["full_names"])})),
        Page("figures", "figures, this financial year", "figures FY", "figures",
             lambda s, rng: "/figures/?period=this_year"),
        Page("figures", "figures, last quarter", "figures quarter", "figures",
             lambda s, rng: "/figures/?period=last_quarter"),
        Page("figures", f"figures, one area ({area.name}), this FY", "figures area", "figures",
             lambda s, rng: f"/figures/?period=this_year&area={area.pk}"),
        # Issue 12: the commissioner's dashboards, each read as a commissioner opens it.
        Page("commissioning", "activity, last financial year", "dashboard FY", "figures",
             lambda s, rng: "/figures/activity/?period=last_year"),
        Page("commissioning", f"activity, one area ({area.name}), last FY", "dashboard FY", "figures",
             lambda s, rng: f"/figures/activity/?period=last_year&area={area.pk}"),
        Page("commissioning", "activity, last quarter", "dashboard quarter", "figures",
             lambda s, rng: "/figures/activity/?period=last_quarter"),
        Page("commissioning", "coverage against the Census", "dashboard FY", "figures",
             lambda s, rng: "/figures/coverage/"),
        Page("commissioning", "money, this financial year", "dashboard FY", "figures",
             lambda s, rng: "/figures/money/"),
        Page("commissioning", "contract monitoring", "dashboard quarter", "figures",
             lambda s, rng: "/figures/contracts/"),
        Page("commissioning", "carers survey", "dashboard FY", "figures",
             lambda s, rng: "/figures/survey/"),
        Page("commissioning", "statutory returns, last financial year", "dashboard FY", "figures",
             lambda s, rng: "/figures/returns/"),
    ]


def examples_and_people(sessions: dict[str, client.Session], users: dict[str, staff.BenchUser]) -> dict:
    """Real values to ask for, and for each service user people they legitimately work with.

    The people are checked with the product's own ``Person.objects.related_to(user)`` (reasons
    1 to 7 of people/relationships.py), so no request meets "why do you need this record".
    """
    from django.db import connection

    from carershub.accounts.models import User
    from carershub.partnership.models import Area
    from carershub.people.models import Person

    rng = random.Random(7)
    with connection.cursor() as cursor:
        cursor.execute("SELECT max(id) FROM people_person")
        top = cursor.fetchone()[0]
        cursor.execute("SELECT nhs_number FROM people_person WHERE nhs_number IS NOT NULL AND id % 997 = 1 LIMIT 400")
        nhs = [f"{n[:3]} {n[3:6]} {n[6:]}" for (n,) in cursor.fetchall()]
        cursor.execute("SELECT given_name, family_name FROM people_person WHERE id % 991 = 3 LIMIT 400")
        full_names = [f"{given} {family}" for given, family in cursor.fetchall()]
    for username, session in sessions.items():
        bench = users[username]
        if bench.kind == "commissioner":
            continue
        user = User.objects.get(pk=bench.pk)
        if user.organisation.kind == user.organisation.Kind.CARERS_CENTRE:
            candidates = rng.sample(range(1, top + 1), min(400, top))
        else:
            with connection.cursor() as cursor:
                cursor.execute("SELECT id FROM people_person WHERE area_id = %s AND id %% 13 = %s LIMIT 400",
                               [bench.area_id, bench.pk % 13])
                candidates = [pk for (pk,) in cursor.fetchall()]
        related = list(Person.objects.related_to(user).filter(pk__in=candidates).values_list("pk", flat=True))
        if not related:
            raise SystemExit(f"{username} has nobody to open: the data gives them no relationship")
        session.context["people"] = sorted(related)
    return {"area": Area.objects.order_by("pk").first(), "nhs_numbers": nhs, "full_names": full_names}


def capture_mix(page: Page, pool: list[client.Session]) -> list[floor.Capture]:
    """The page's SQL for each kind of user in the pool (two of each, one if it is slow), in pool order.

    The list has one entry per user of the pool, the capture of that user or of another of the
    same kind, so replaying it in turn gives the floor for the same mix of users the load has.
    """
    rng = random.Random(11)
    by_kind: dict[str, list[floor.Capture]] = {}
    by_user: dict[str, floor.Capture] = {}
    for session in pool:
        kind = session.context["kind"]
        taken = by_kind.setdefault(kind, [])
        if len(taken) >= 2 or (taken and taken[0].seconds > 5):
            continue
        capture = floor.capture(page.path(session, rng), session.cookies, client.USER_AGENT)
        taken.append(capture)
        by_user[session.username] = capture
    counters: dict[str, int] = {}
    ordered = []
    for session in pool:
        kind = session.context["kind"]
        if session.username in by_user:
            ordered.append(by_user[session.username])
        else:
            n = counters[kind] = counters.get(kind, -1) + 1
            ordered.append(by_kind[kind][n % len(by_kind[kind])])
    return ordered


def mix_counts(users: int) -> dict[str, int]:
    counts: dict[str, int] = {}
    for bench in staff.plan(users)["home"]:
        counts[bench.kind.replace("_", " ")] = counts.get(bench.kind.replace("_", " "), 0) + 1
    return counts


# --------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------


def worker_idle(limit: float = 300.0) -> float:
    """Wait until the background worker has nothing waiting or running; returns the seconds waited.

    Each level is timed after the work earlier levels (and the sign-ins) asked of the worker, so
    one page's figures do not carry another's background work. Work the timed requests ask of it
    (a home page's counts a minute old) still runs while they are timed, as in production.
    """
    from django.db import connections
    from django_tasks_db.models import DBTaskResult

    started = time.perf_counter()
    while time.perf_counter() - started < limit:
        if not DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).exists():
            break
        time.sleep(0.5)
    connections.close_all()
    return time.perf_counter() - started


# What the timed requests and sign-ins write: a search logs 25 people, so one run adds a few
# million rows to the access log, and the next run met autovacuum working through them.
WRITTEN_TABLES = ("audit_accessevent", "django_session", "usersessions_usersession")


def settle_writes(database_url: str) -> float:
    """VACUUM (ANALYZE) the tables the load writes; returns the seconds it took.

    Run before each page's levels, untimed. Without it, whichever of two runs went second was
    10-25% slower on every page, the unchanged ones too (5 December 2026): autovacuum was
    catching up on the first run's rows while the second was timed.
    """
    import psycopg

    started = time.perf_counter()
    with psycopg.connect(database_url, autocommit=True) as connection:
        connection.execute(f"VACUUM (ANALYZE) {', '.join(WRITTEN_TABLES)}")
    return time.perf_counter() - started


def most_within(target_ms: float, measured: dict[int, float], measure) -> int:
    """The most users a page serves within ``target_ms`` (p95), between levels already measured.

    ``measured`` maps users to p95 for the levels run so far (1 and --users); ``measure(users)``
    runs another level and returns its p95. The gap between the most users that met the target and
    the fewest that missed it is halved until they are next to each other, so 20 users take four or
    five more levels. This takes the p95 to grow with the users, which holds for a closed loop of
    users who never pause; a level near the boundary can go either way from one run to the next.
    0 when even one user misses it.
    """
    met = [users for users, p95 in measured.items() if p95 <= target_ms]
    if not met:
        return 0
    low = max(met)
    missed = [users for users, p95 in measured.items() if p95 > target_ms and users > low]
    high = min(missed) if missed else None
    while high is not None and high - low > 1:
        middle = (low + high) // 2
        measured[middle] = measure(middle)
        if measured[middle] <= target_ms:
            low = middle
        else:
            high = middle
    return low


def server_kind(args) -> str:
    """How gunicorn serves, for the report: gunicorn takes more than one thread to mean gthread."""
    if args.threads > 1:
        return f"{args.workers} workers of {args.threads} threads (gthread)"
    return f"{args.workers} sync workers"


def home_counts_line(log_text: str) -> str:
    """What the background worker did for the home pages (from its log lines, decision 63)."""
    seconds = [float(found) for found in re.findall(r"home counts kept in ([0-9.]+) s", log_text)]
    if not seconds:
        return "the background worker counted no home page's queues"
    seconds.sort()
    return (f"the background worker counted home pages' queues {len(seconds)} times (after sign-in, or for "
            f"counts over a minute old): median {seconds[len(seconds) // 2]:.2f} s, longest {seconds[-1]:.2f} s")


def fmt(value: float) -> str:
    if value != value:  # nan
        return "-"
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def figures_check() -> str:
    """The product's own figures for this financial year against the events counted directly.

    Figures may read counts kept beside the events (a trigger the load skips, rebuilt after it):
    if those did not match the events, the figures pages would be timed on the wrong data.
    """
    from django.utils import timezone

    from carershub.activity.models import Event, EventKind
    from carershub.reporting import figures, measures

    period = figures.Period(*measures.financial_year_bounds(timezone.localdate()))
    shown = figures.team_figures(period)
    start, after = period.window()
    direct = {
        kind: Event.objects.filter(kind=kind, occurred_at__gte=start, occurred_at__lt=after).count()
        for kind in (EventKind.ASSESSMENT_STARTED, EventKind.ASSESSMENT_COMPLETED, EventKind.CONTACT_LOGGED)
    }
    got = (shown.by_type.started, shown.by_type.completed, shown.contacts_logged)
    expected = tuple(direct.values())
    verdict = "the same as counting the events" if got == expected else f"NOT the events' {expected}"
    return (f"figures check, this financial year: {got[0]:,} assessments started, {got[1]:,} completed, "
            f"{got[2]:,} contacts logged ({verdict})")


def count_ahead(area_pk: int) -> list[str]:
    """Count what the commissioning pages read, as ``manage.py prepare_figures`` does nightly, and time each.

    The pages then read these kept counts (reporting/prepared.py, decision 50), so their times below are
    those of a commissioner opening a dashboard; these are the times the background worker takes.
    """
    from django.utils import timezone

    from carershub.reporting import measures, prepared

    today = timezone.localdate()
    last_year = [d.isoformat() for d in measures.previous_financial_year_bounds(today)]
    last_quarter = [d.isoformat() for d in measures.previous_quarter_bounds(today)]
    wanted = [
        ("activity", "activity, last financial year, all areas",
         {"start": last_year[0], "end": last_year[1], "area": None, "breakdown": "carer_group"}),
        ("activity", "activity, last financial year, one area",
         {"start": last_year[0], "end": last_year[1], "area": area_pk, "breakdown": "carer_group"}),
        ("activity", "activity, last quarter, all areas",
         {"start": last_quarter[0], "end": last_quarter[1], "area": None, "breakdown": "carer_group"}),
        ("coverage", "known carers by area and band, today", {"on": today.isoformat()}),
        ("statutory", "statutory returns, last financial year, all areas",
         {"start": last_year[0], "end": last_year[1], "area": None}),
    ]
    lines = []
    for name, label, choices in wanted:
        say(f"counting ahead: {label}...")
        kept = prepared.count_now(name, choices)
        lines.append(f"counted ahead (the worker's time): {label} {kept.seconds:,.1f} s")
        say("  " + lines[-1])
    return lines


def code_state() -> str:
    """Which code was measured: the commit, and whether the product's files differ from it."""
    import subprocess

    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                                check=True).stdout.strip()
        changed = subprocess.run(["git", "status", "--porcelain", "--", "carershub"], cwd=ROOT, capture_output=True,
                                 text=True, check=True).stdout.splitlines()
    except (OSError, subprocess.CalledProcessError):
        return "code: not a git checkout"
    return f"code: commit {commit}" + (f", with {len(changed)} file(s) under carershub/ changed or added since"
                                       if changed else ", no uncommitted change under carershub/")


def cpu_pace() -> float:
    """Seconds for a fixed loop of pure Python (5 million additions, best of three).

    The same code ran 30% slower on one machine than on another, and the speed of one shared
    machine varied by as much from one minute to the next: this figure, printed at the start and
    the end of a run, says which runs can be compared.
    """
    best = float("inf")
    for _attempt in range(3):
        started = time.perf_counter()
        total = 0
        for n in range(5_000_000):
            total += n
        best = min(best, time.perf_counter() - started)
    return best


def machine_lines(load_start, load_end) -> list[str]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('server_version'), current_setting('shared_buffers'), "
            "current_setting('work_mem'), current_setting('effective_cache_size'), "
            "current_setting('max_parallel_workers_per_gather'), pg_size_pretty(pg_database_size(current_database()))"
        )
        version, shared_buffers, work_mem, cache_size, parallel, size = cursor.fetchone()
    memory = ""
    try:
        with open("/proc/meminfo") as meminfo:
            total_kb = int(meminfo.readline().split()[1])
            memory = f", {total_kb / 1024 / 1024:.1f} GB memory"
    except OSError:
        pass
    return [
        f"machine: {os.cpu_count()} cores{memory}, {platform.machine()} {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}",
        "load average (1, 5, 15 min): at the start " + ", ".join(f"{x:.1f}" for x in load_start)
        + "; at the end " + ", ".join(f"{x:.1f}" for x in load_end),
        f"PostgreSQL {version}: shared_buffers {shared_buffers}, work_mem {work_mem}, effective_cache_size "
        f"{cache_size}, max_parallel_workers_per_gather {parallel}; database {PG_DATABASE} is {size}",
    ]


def data_lines(stamp: dict, reused: bool) -> list[str]:
    counts = stamp["counts"]
    names = [
        ("people_person", "people"), ("people_carerprofile", "carers"),
        ("people_caringrelationship", "caring relationships"),
        ("contacts_contact", "contacts"), ("assessments_assessment", "assessments"),
        ("assessments_supportplan", "support plan versions"), ("assessments_planaction", "plan actions"),
        ("assessments_review", "reviews"), ("people_consent", "consents"),
        ("assessments_selfassessment", "self-assessments"), ("activity_event", "activity events"),
        ("audit_accessevent", "access-log rows"), ("privacy_datarightsrequest", "data-rights requests"),
        ("people_accessgrant", "break-glass reasons"), ("privacy_retentionreviewitem", "retention review items"),
        ("partnership_area", "areas"), ("partnership_organisation", "organisations"), ("accounts_user", "staff"),
    ]
    shown = ", ".join(f"{counts[t]:,} {label}" for t, label in names if t in counts)
    events = ", ".join(f"{kind} {n:,}" for kind, n in stamp["events"].items())
    rebuilt = stamp.get("rebuilt") or []
    build_text = (
        f"built in {stamp['seconds']:.0f} s ({stamp['load_seconds']:.0f} s generating and loading; indexes "
        f"{stamp['indexes']}"
        + (f"; what the {', '.join(rebuilt)} trigger keeps recounted by the product's own rebuild" if rebuilt else "")
        + f"; then VACUUM ANALYZE), peak memory of the builder {stamp['peak_mb']} MB"
    )
    return [
        f"data (as built on {stamp['built_on']}): {shown}",
        f"  {stamp['nhs_numbers']:,} people have an NHS number (999 range)",
        f"  events by kind: {events}",
        ("reused the database built earlier: " if reused else "") + build_text,
    ]


def report(args, stamp, reused, results, load_start, load_end, extra: list[str], code: str,
           capacity: dict[str, int] | None = None) -> str:
    users = args.users
    header = ["page", "statements", "SQL floor p50 / p95", "1 user p50 / p95", f"{users} users p50 / p95",
              f"requests 1 / {users}", f"req/s 1 / {users}", f"CPU a request at {users}: web / db",
              "errors", "target p95"]
    if capacity is not None:
        header.insert(-1, "most users within target")
    rows = []
    for page, flr, levels in results:
        one, many = levels.get(1), levels.get(users)
        statements = "-"
        if flr is not None and flr.statements:
            low, high = min(flr.statements), max(flr.statements)
            statements = str(low) if low == high else f"{low}-{high}"
        floor_text = "-" if flr is None else (f"failed: {flr.error}" if flr.error and not flr.times_ms else
                                              f"{fmt(flr.p50)} / {fmt(client.percentile(flr.times_ms, 0.95))}")

        def level_text(level):
            if level is None:
                return "-"
            return f"{fmt(client.percentile(level.times_ms, 0.5))} / {fmt(client.percentile(level.times_ms, 0.95))}"

        rate = " / ".join(f"{lv.per_second:.1f}" if lv else "-" for lv in (one, many))
        counts = " / ".join(f"{lv.requests:,}" if lv else "-" for lv in (one, many))
        errors = sum(lv.errors for lv in levels.values())  # --capacity's levels too
        target = TARGETS[page.target]
        cpu = f"{many.cpu_ms[0]:.1f} / {many.cpu_ms[1]:.1f}" if many and many.cpu_ms else "-"
        row = [page.label, statements, floor_text, level_text(one), level_text(many), counts, rate, cpu,
               str(errors), f"<{target[0]:,} / <{target[1]:,}"]
        if capacity is not None:
            most = capacity.get(page.label)
            row.insert(-1, "-" if most is None else f"{most}+" if most == users else str(most))
        rows.append(row)
    widths = [max(len(r[i]) for r in rows + [header]) for i in range(len(header))]
    right = set(range(1, len(header) - 1))

    def line(cells):
        padded = (c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths)))
        return "| " + " | ".join(padded) + " |"

    table = [line(header), "|" + "|".join(("-" * (w + 1) + ":") if i in right else "-" * (w + 2)
                                          for i, w in enumerate(widths)) + "|"]
    table += [line(r) for r in rows]
    how = (f"{args.seconds:g} s per page and level" if args.seconds is not None
           else f"{args.requests} requests per page and level")
    from django.conf import settings

    threshold = settings.DATABASES["default"].get("OPTIONS", {}).get("prepare_threshold")
    prepared = ("parameters sent apart, statements prepared after "
                f"{threshold} run{'s' if threshold != 1 else ''} on a connection" if threshold is not None
                else "parameters written into the statements, nothing prepared")
    lines = [
        f"Carers Hub, a million carers end to end: {args.people:,} people, {datetime.date.today():%Y-%m-%d}",
        *machine_lines(load_start, load_end),
        code,
        *data_lines(stamp, reused),
        f"server: gunicorn, {server_kind(args)}, production settings (DEBUG off, WhiteNoise manifest; {prepared}); client: "
        f"{users} signed-in users in threads on the same machine, {how}, after {args.warmup:g} s of uncounted "
        "requests (at least one per user)",
        "users: " + ", ".join(f"{n} {kind}" for kind, n in mix_counts(args.users).items())
        + f" on the home page; {users} service workers for the person page and searches; {users} commissioners "
        "for the figures",
        "",
        "Times in milliseconds. SQL floor = the page's own statements replayed without Python "
        "(one psycopg connection, the same order and transactions; captured with nothing cached). "
        f"CPU a request at {users} users: the CPU gunicorn's processes (web) and every PostgreSQL process on "
        "the machine (db) used while the level was timed, divided by its requests (read from /proc; the "
        "background worker's queries count in db; another program's load changes these less than the times).",
        *table,
        "",
        *extra,
    ]
    if capacity is not None:
        lines += ["", f"Most users within target (--capacity): for a page that missed its target with {users} users, "
                  "the levels between were run until one that meets it and one that misses it were next to each "
                  f"other ({users}+: met with {users}). p95 in ms at each level run:"]
        for page, _f, levels in results:
            if page.label in capacity and len(levels) > 2:
                tried = ", ".join(f"{n}: {fmt(client.percentile(lv.times_ms, 0.95))}" for n, lv in sorted(levels.items()))
                lines.append(f"  {page.label}: {capacity[page.label]} users within <{TARGETS[page.target][1]:,} ({tried})")
    failures = [(page, lv) for page, _f, levels in results for lv in levels.values() if lv.first_error]
    for page, lv in failures:
        lines.append(f"first error, {page.label} at {lv.concurrency} user(s): {lv.first_error}")
    for page, flr, _levels in results:
        if flr is not None and flr.error:
            lines.append(f"SQL floor of {page.label}: {flr.error}")
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------


def main(argv=None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    load_start = os.getloadavg()
    pace_start = cpu_pace()
    server_url = args.postgres_server.rstrip("/")
    database_url = f"{server_url}/{PG_DATABASE}"
    run_dir = Path(tempfile.mkdtemp(prefix="carershub-national-"))
    env = serve.environment(database_url, run_dir, STATIC_ROOT)
    # This process runs Django exactly as the server will (production settings, same database).
    for name in [n for n in os.environ if n.startswith(("CARERSHUB_", "DATABASE_URL", "DJANGO_", "REDIS_URL"))]:
        del os.environ[name]
    os.environ.update(env)
    server = None
    try:
        stamp = prepare_database(server_url, args.people, args.rebuild)
        reused = stamp is not None
        import django

        django.setup()
        from django.core.management import call_command

        say(f"Migrating {PG_DATABASE}...")
        call_command("migrate", interactive=False, verbosity=0)
        if not reused:
            stamp = build_data(args, database_url)
            record_build(server_url, stamp)
        else:
            say(f"Reusing {PG_DATABASE}: {args.people:,} people built on {stamp['built_on']} "
                f"in {stamp['seconds']:.0f} s (--rebuild to build again)")
        if args.build_only:
            say("\n".join(data_lines(stamp, reused)))
            return 0

        plan = staff.plan(args.users)
        password = staff.prepare(plan["everyone"])
        secrets_by_user = {u.username: staff.stored_secret(u.username) for u in plan["everyone"]}
        by_name = {u.username: u for u in plan["everyone"]}

        say("Collecting static files (when they changed)...")
        serve.collect_static(STATIC_ROOT)
        cleared = serve.clear_rate_limits() if "REDIS_URL" in env else 0
        log_path = ROOT / "var" / "benchmarks" / f"national-{args.people}-server.log"
        log_path.parent.mkdir(parents=True, exist_ok=True)
        log_path.write_text("")
        code = code_state()  # as the server starts: the code it loads
        checked = figures_check()
        say(checked)
        server, port = serve.start(env, log_path, workers=args.workers, threads=args.threads)
        say(f"Serving on 127.0.0.1:{port} (log {log_path}); signing users in...")

        from django.db import connections

        needed = {"home": "home", "person": "service", "search": "service", "figures": "figures", "commissioning": "figures"}
        wanted = {u.username for key in {needed[p] for p in args.pages} for u in plan[key]}
        sessions = {}
        signing = time.perf_counter()
        for username in sorted(wanted):
            cookies = client.sign_in(port, username, password, lambda u=username: staff.code_now(secrets_by_user[u]))
            sessions[username] = client.Session(username, cookies, {"kind": by_name[username].kind})
        say(f"  signed in {len(sessions)} users in {time.perf_counter() - signing:.0f} s")
        examples = examples_and_people(sessions, by_name)
        pools = {key: [sessions[u.username] for u in plan[key]] for key in {needed[p] for p in args.pages}}

        counted_ahead = count_ahead(examples["area"].pk) if "commissioning" in args.pages else []
        results, skipped, worker_waits = [], [], []
        capacity: dict[str, int] = {}  # --capacity: the most users each page serves within its target
        client_cpu = load_wall = settled = 0.0
        for page in pages(examples):
            if page.group not in args.pages:
                continue
            pool = pools[page.pool]
            say(f"{page.label}: SQL floor...")
            captures = capture_mix(page, pool)
            bad = [c for c in captures if c.status != 200]
            if bad:
                flr = floor.Floor(statements=[], times_ms=[], error=f"in-process request answered {bad[0].status}"
                                                                    f" for {bad[0].path}")
            else:
                flr = floor.replay(database_url, captures, repeat=args.floor_repeat)
            connections.close_all()
            settled += settle_writes(database_url)
            levels = {}

            def run(concurrency: int, page=page, pool=pool, levels=levels):
                nonlocal load_wall, client_cpu
                waited = worker_idle()
                if waited >= 1:
                    say(f"{page.label}: waited {waited:.0f} s for the background worker to finish what it was asked")
                    worker_waits.append(f"{page.label}, {concurrency} user(s): {waited:.0f} s")
                say(f"{page.label}: {concurrency} user(s)...")
                t, cpu = time.perf_counter(), resource.getrusage(resource.RUSAGE_SELF)
                levels[concurrency] = lv = client.run_level(
                    port, pool, page.path, concurrency, seconds=args.seconds, requests=args.requests,
                    warmup=args.warmup, cpu=server.cpu_seconds,
                )
                after = resource.getrusage(resource.RUSAGE_SELF)
                load_wall += time.perf_counter() - t
                client_cpu += (after.ru_utime - cpu.ru_utime) + (after.ru_stime - cpu.ru_stime)
                say(f"    {lv.requests} requests, p50 {fmt(client.percentile(lv.times_ms, 0.5))} ms, "
                    f"p95 {fmt(client.percentile(lv.times_ms, 0.95))} ms, errors {lv.errors}"
                    + (f", CPU a request: gunicorn {lv.cpu_ms[0]:.1f} ms, PostgreSQL {lv.cpu_ms[1]:.1f} ms"
                       if lv.cpu_ms else ""))
                return client.percentile(lv.times_ms, 0.95)

            for concurrency in sorted({1, args.users}):
                one = levels.get(1)
                if concurrency > 1 and one and client.percentile(one.times_ms, 0.95) > args.skip_slower_than * 1000:
                    # 20 users would each wait minutes behind the 2 workers, and tell nothing more.
                    say(f"{page.label}: {concurrency} users skipped (1 user's p95 is over {args.skip_slower_than:g} s)")
                    skipped.append(f"{page.label}: the {concurrency}-user level was skipped, as one user's p95 "
                                   f"was over {args.skip_slower_than:g} s (--skip-slower-than)")
                    continue
                run(concurrency)
            if args.capacity and {1, args.users} <= levels.keys():
                target = TARGETS[page.target][1]
                measured = {users: client.percentile(lv.times_ms, 0.95) for users, lv in levels.items()}
                capacity[page.label] = most_within(target, measured, run)
            results.append((page, flr, levels))

        log_text = log_path.read_text(errors="replace")
        extra = [
            checked,
            *counted_ahead,
            f"the load client used {100 * client_cpu / max(load_wall, 1e-9):.0f}% of one core while timing; "
            f"the server log ({log_path.relative_to(ROOT)}) has {log_text.count('Traceback')} tracebacks",
            home_counts_line(log_text),
            "before timing, waited for the background worker to finish what earlier requests and sign-ins asked of it: "
            + ("; ".join(worker_waits) if worker_waits else "never more than a second"),
            f"before each page, VACUUM (ANALYZE) of the tables the load writes ({', '.join(WRITTEN_TABLES)}):"
            f" {settled:.1f} s in all, untimed",
            "cache: " + (f"Redis {env['REDIS_URL']} ({cleared} old rate-limit keys cleared)" if "REDIS_URL" in env
                         else "each worker's own memory: the redis package is not installed, so REDIS_URL is not set"),
            f"whole run {time.perf_counter() - started:.0f} s",
            f"CPU pace (5 million additions in Python, best of three): {pace_start:.3f} s at the start, "
            f"{cpu_pace():.3f} s at the end",
            *skipped,
        ]
        text = report(args, stamp, reused, results, load_start, os.getloadavg(), extra, code,
                      capacity if args.capacity else None)
        say("")
        say(text)
        RESULTS_DIR.mkdir(exist_ok=True)
        (RESULTS_DIR / f"national-{args.people}.txt").write_text(text + "\n")

        if args.keep_serving:
            someone = plan["home"][0].username
            say(f"\nStill serving on http://127.0.0.1:{port}/ until Ctrl-C. Sign in as {someone} (or any bench-* "
                f"user) with password {password}; authenticator key {staff.totp_secret(someone)} "
                "(add it to an authenticator app or `oathtool --totp -b KEY`).")
            try:
                while server.poll() is None:
                    time.sleep(1)
            except KeyboardInterrupt:
                pass
        errors = sum(lv.errors for _p, _f, levels in results for lv in levels.values())
        return 1 if errors else 0
    finally:
        if server is not None:
            serve.stop(server)
        shutil.rmtree(run_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
