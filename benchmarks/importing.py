#!/usr/bin/env python
"""Import benchmark: ``manage.py import_people`` against a raw PostgreSQL COPY of the same rows.

    CARERSHUB_TESTING=1 .venv/bin/python benchmarks/importing.py [--people N] [--batch-size B]

Issue 7 asks that a legacy import run at no less than a third of the speed of a raw
PostgreSQL ``COPY`` of the same rows, measured in the same run, with memory staying flat
(under 300 MB for a million rows). This generates N people rows of a made-up legacy system
(CSV, its dates as 31/12/1961, sex as M/F, council areas as their own codes; about 1% bad
rows and 1% duplicates of an earlier row), then times, in a scratch database it creates and
drops itself:

(a) ``COPY people_person FROM STDIN`` of the rows the import will add, already in our
    format (search keys worked out, postcodes and NHS numbers normalised), into the real
    table with all its indexes and constraints; the table is then emptied;
(b) ``manage.py import_people`` of the CSV, in a child process (so its peak memory is its
    own): reading, checking every row by the forms' rules, looking for duplicates, and
    writing the people, their carer profiles, the source-id links and an activity event each.

It prints rows a second of both, the ratio, and the import's peak memory (``ru_maxrss``), its own
and that of the second process that checks a large file's rows (imports/checking.py).
``run(people)`` returns the same figures as a dict, for other benchmark scripts.

It never touches your own database, whatever DATABASE_URL says: it uses a database called
``carershub_bench_import`` on the server given (``--postgres-server``), dropped at the end.
Everybody in it is made up: 999-range NHS numbers, the invented AF and MR postcode areas.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import json
import os
import platform
import random
import resource
import subprocess
import sys
import time
from bisect import bisect_left
from collections import Counter, deque
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BENCH_DIR = ROOT / "var" / "benchmarks"
PG_DATABASE = "carershub_bench_import"
DEFAULT_SERVER = os.environ.get("BENCHMARK_POSTGRES_SERVER", "postgres://postgres@127.0.0.1:5432")
SEED = 20261201
BAD_SHARE = 0.01
DUPLICATE_SHARE = 0.01
ORGANISATION = "Bench Afon Valley Council"
SOURCE = "BenchCarerBase"

MAPPING = f"""\
kind = "people"
source = "{SOURCE}"
source_id = "Client Ref"
date_format = "%d/%m/%Y"

[fields]
given_name = "Forename"
family_name = "Surname"
date_of_birth = "DOB"
nhs_number = "NHS Number"
address_line_1 = "Address 1"
town = "Town"
postcode = "Post Code"
area = {{ column = "LA", values = {{ AFON = "W06999901", MARCH = "E06999901" }} }}
phone = "Telephone"
email = "Email"
sex = {{ column = "Gender", values = {{ M = "male", F = "female", U = "" }} }}
preferred_language = {{ column = "Language", values = {{ ENG = "en", CYM = "cy" }}, default = "en" }}
identified_on = "Registered"
"""

HEADER = ["Client Ref", "Forename", "Surname", "DOB", "NHS Number", "Address 1", "Town", "Post Code", "LA",
          "Telephone", "Email", "Gender", "Language", "Registered"]

# The people_person columns of the COPY baseline, in this order.
COPY_COLUMNS = [
    "given_name", "family_name", "preferred_name", "date_of_birth", "nhs_number", "address_line_1", "address_line_2",
    "town", "postcode", "area_id", "phone", "email", "preferred_contact_method", "preferred_language",
    "communication_needs", "sex", "gender_same_as_sex", "ethnic_group", "religion", "sexual_orientation",
    "disability", "employer", "search_given", "search_family", "given_key", "family_key", "version", "created_at",
    "updated_at",
]


# --------------------------------------------------------------------------------------------
# The synthetic legacy export
# --------------------------------------------------------------------------------------------


def _ascii(text: str) -> str:
    from carershub.people.matching import normalise_name

    return normalise_name(text).replace(" ", "")


def generate(people: int, csv_path: Path, copy_path: Path, area_ids: dict[str, int]) -> Counter:
    """Write the legacy CSV and, for the baseline, the rows the import will add in COPY text format.

    Streams both files: nothing but a small ring of recent rows (to duplicate) stays in memory.
    """
    from benchmarks.search import (
        FAMILY_NAMES, GIVEN_NAMES, INWARD_LETTERS, OUTWARD_CODES, RARE_FAMILY_NAMES, RARE_SHARE, STREETS, TOWNS,
        nhs_numbers, zipf_cum_weights,
    )
    from carershub.core import ukdata
    from carershub.people.matching import name_key, normalise_name

    rng = random.Random(SEED)
    family_cum = zipf_cum_weights(len(FAMILY_NAMES), offset=3)
    given_cum = zipf_cum_weights(len(GIVEN_NAMES), offset=8)
    nhs = nhs_numbers(rng, int(people * 0.7) + 10)
    first_day = datetime.date(1925, 1, 1).toordinal()
    last_day = datetime.date(2019, 12, 31).toordinal()
    now = datetime.datetime.now(datetime.UTC).isoformat()
    recent: deque = deque(maxlen=500)
    stats = Counter()

    def family_name():
        if rng.random() < RARE_SHARE:
            return rng.choice(RARE_FAMILY_NAMES)
        return FAMILY_NAMES[bisect_left(family_cum, rng.random() * family_cum[-1])]

    def given_name():
        return GIVEN_NAMES[bisect_left(given_cum, rng.random() * given_cum[-1])]

    with open(csv_path, "w", newline="", encoding="utf-8") as out, open(copy_path, "w", encoding="utf-8") as copy:
        writer = csv.writer(out)
        writer.writerow(HEADER)
        for n in range(1, people + 1):
            ref = f"CB{n:08d}"
            roll = rng.random()
            if roll < DUPLICATE_SHARE and recent:
                # The same person again under another of their ids: the import merges it.
                row = list(rng.choice(recent))
                row[0] = ref
                writer.writerow(row)
                stats["duplicate"] += 1
                continue
            given, family = given_name(), family_name()
            dob = datetime.date.fromordinal(rng.randint(first_day, last_day)) if rng.random() < 0.97 else None
            number = next(nhs, None) if rng.random() < 0.7 else None
            outward = rng.choice(OUTWARD_CODES)
            postcode = (
                f"{outward} {rng.randint(0, 9)}{rng.choice(INWARD_LETTERS)}{rng.choice(INWARD_LETTERS)}"
                if rng.random() < 0.95 else ""
            )
            address = f"{rng.randint(1, 180)} {rng.choice(STREETS)}" if postcode else ""
            town = rng.choice(TOWNS) if postcode else ""
            la = "AFON" if outward.startswith("AF") else "MARCH"
            phone = f"07700 900{rng.randint(0, 999):03d}" if rng.random() < 0.5 else ""
            email = f"{_ascii(given)}.{_ascii(family)}{n}@example.org" if rng.random() < 0.3 else ""
            sex = rng.choice("MFFU")
            language = "CYM" if la == "AFON" and rng.random() < 0.2 else "ENG"
            registered = datetime.date.fromordinal(rng.randint(datetime.date(2010, 1, 1).toordinal(),
                                                               datetime.date(2026, 6, 30).toordinal()))
            row = [ref, given, family, f"{dob:%d/%m/%Y}" if dob else "",
                   f"{number[:3]} {number[3:6]} {number[6:]}" if number else "", address, town, postcode.lower()
                   if rng.random() < 0.1 else postcode, la, phone, email, sex, language, f"{registered:%d/%m/%Y}"]
            if roll > 1 - BAD_SHARE:
                # A row the forms refuse, one problem of four kinds.
                problem = n % 4
                if problem == 0 and number:
                    row[4] = number[:9] + str((int(number[9]) + 1) % 10)
                elif problem == 1:
                    row[7] = outward
                elif problem == 2:
                    row[3] = "30/02/1970"
                else:
                    row[2] = ""
                writer.writerow(row)
                stats["bad"] += 1
                continue
            writer.writerow(row)
            recent.append(row)
            stats["good"] += 1
            copy.write("\t".join([
                given, family, "", dob.isoformat() if dob else r"\N", number or r"\N", address, "", town,
                ukdata.normalise_postcode(postcode) if postcode else "", str(area_ids[la]),
                ukdata.normalise_phone(phone) if phone else "", email, "", "cy" if language == "CYM" else "en", "",
                {"M": "male", "F": "female", "U": ""}[sex], "", "", "", "", "", "",
                normalise_name(given), normalise_name(family), name_key(given), name_key(family), "1", now, now,
            ]) + "\n")
    stats["rows"] = people
    return stats


# --------------------------------------------------------------------------------------------
# The scratch database, and the child processes that use Django in it
# --------------------------------------------------------------------------------------------


def _child_env(database_url: str) -> dict:
    env = dict(os.environ)
    env.pop("CARERSHUB_DEBUG", None)  # DEBUG keeps every query in memory
    env.update(DATABASE_URL=database_url, CARERSHUB_TESTING=env.get("CARERSHUB_TESTING", "1"),
               DJANGO_SETTINGS_MODULE="carershub.settings")
    return env


def _child(database_url: str, *args) -> dict:
    result = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--child", *args],
        env=_child_env(database_url), capture_output=True, text=True, cwd=ROOT,
    )
    if result.returncode != 0:
        raise SystemExit(f"benchmark child {args[0]} failed:\n{result.stdout}\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def child_main(args):
    import django

    django.setup()
    from django.core.management import call_command

    if args[0] == "setup":
        from carershub.partnership.models import Area, Nation, Organisation

        call_command("migrate", verbosity=0, interactive=False)
        afon = Area.objects.create(name="Bench Afon", code="W06999901", nation=Nation.WALES)
        march = Area.objects.create(name="Bench Marches", code="E06999901", nation=Nation.ENGLAND)
        Organisation.objects.create(
            name=ORGANISATION, kind=Organisation.Kind.COUNCIL, sector=Organisation.Sector.STATUTORY, area=afon
        )
        print(json.dumps({"AFON": afon.pk, "MARCH": march.pk}))
        return
    csv_path, mapping_path, report_path, *options = args[1:]
    started = time.perf_counter()
    with open(os.devnull, "w") as quiet:
        call_command("import_people", csv_path, "--mapping", mapping_path, "--organisation", ORGANISATION,
                     "--report", report_path, *options, stdout=quiet)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KB on Linux
    # The process that checks the rows of a large file (imports/checking.py), once it has ended.
    checker_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    with open(report_path, newline="", encoding="utf-8") as handle:
        outcomes = Counter(row[2] for row in csv.reader(handle))
    outcomes.pop("outcome", None)
    print(json.dumps({"seconds": seconds, "peak_kb": peak, "checker_peak_kb": checker_peak, "outcomes": outcomes}))


def _time_copy(database_url: str, copy_path: Path) -> tuple[float, int]:
    import psycopg

    with psycopg.connect(database_url) as connection:
        with connection.cursor() as cursor:
            started = time.perf_counter()
            rows = 0
            with cursor.copy(f"COPY people_person ({', '.join(COPY_COLUMNS)}) FROM STDIN") as copy:
                with open(copy_path, "rb") as handle:
                    while chunk := handle.read(1 << 20):
                        rows += chunk.count(b"\n")
                        copy.write(chunk)
            connection.commit()
            seconds = time.perf_counter() - started
            # Back to an empty table (and sequence) for the import.
            cursor.execute("TRUNCATE people_person RESTART IDENTITY CASCADE")
            connection.commit()
    return seconds, rows


def run(people: int, *, server: str = DEFAULT_SERVER, batch_size: int | None = None, keep_files: bool = False) -> dict:
    """Generate ``people`` rows, time a raw COPY and the import in a scratch database; the figures as a dict."""
    import psycopg

    server = server.rstrip("/")
    database_url = f"{server}/{PG_DATABASE}"
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    csv_path = BENCH_DIR / f"importing-{people}.csv"
    copy_path = BENCH_DIR / f"importing-{people}.copy"
    mapping_path = BENCH_DIR / "importing-mapping.toml"
    report_path = BENCH_DIR / f"importing-{people}.report.csv"
    mapping_path.write_text(MAPPING, encoding="utf-8")
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{PG_DATABASE}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{PG_DATABASE}"')
    try:
        area_ids = _child(database_url, "setup")
        started = time.perf_counter()
        stats = generate(people, csv_path, copy_path, area_ids)
        generation = time.perf_counter() - started
        copy_seconds, copied = _time_copy(database_url, copy_path)
        extra = ["--batch-size", str(batch_size)] if batch_size else []
        imported = _child(database_url, "import", str(csv_path), str(mapping_path), str(report_path), *extra)
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{PG_DATABASE}" WITH (FORCE)')
        if not keep_files:
            for path in (csv_path, copy_path, report_path):
                path.unlink(missing_ok=True)
    copy_rate = copied / copy_seconds
    import_rate = people / imported["seconds"]
    return {
        "people": people,
        "generated": dict(stats),
        "generation_seconds": round(generation, 1),
        "copy_rows": copied,
        "copy_seconds": round(copy_seconds, 2),
        "copy_rows_per_second": round(copy_rate),
        "import_rows": people,
        "import_seconds": round(imported["seconds"], 2),
        "import_rows_per_second": round(import_rate),
        "ratio": round(import_rate / copy_rate, 3),
        "import_peak_mb": round(imported["peak_kb"] / 1024),
        "checker_peak_mb": round(imported["checker_peak_kb"] / 1024),
        "outcomes": imported["outcomes"],
    }


def describe(result: dict) -> str:
    return "\n".join([
        f"Import benchmark, {datetime.date.today():%Y-%m-%d}, {os.cpu_count()} cores, "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}",
        f"rows: {result['people']:,} (generated {result['generated']}, in {result['generation_seconds']} s)",
        f"raw COPY:      {result['copy_rows']:>9,} rows in {result['copy_seconds']:>7.2f} s = "
        f"{result['copy_rows_per_second']:>7,} rows/s",
        f"import_people: {result['import_rows']:>9,} rows in {result['import_seconds']:>7.2f} s = "
        f"{result['import_rows_per_second']:>7,} rows/s",
        f"ratio (import / COPY): {result['ratio']:.2f}  (issue 7 asks for at least 0.33)",
        f"import peak memory (ru_maxrss): {result['import_peak_mb']} MB, and {result['checker_peak_mb']} MB for the "
        f"process checking its rows; {result['import_peak_mb'] + result['checker_peak_mb']} MB together (pages "
        "the two share are counted twice)",
        f"outcomes: {result['outcomes']}",
    ])


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        child_main(argv[1:])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=100_000, help="rows to generate (default 100000)")
    parser.add_argument("--batch-size", type=int, help="the import's batch size (default: the command's)")
    parser.add_argument("--postgres-server", default=DEFAULT_SERVER,
                        help=f"server URL without a database name; the benchmark uses its own {PG_DATABASE!r}")
    parser.add_argument("--keep-files", action="store_true", help="keep the generated CSV and report in var/benchmarks")
    args = parser.parse_args(argv)
    result = run(args.people, server=args.postgres_server, batch_size=args.batch_size, keep_files=args.keep_files)
    print(describe(result))


if __name__ == "__main__":
    main()
