#!/usr/bin/env python
"""Twenty people at once on the embedded SQLite database: no "database is locked", no 5xx.

    .venv/bin/python benchmarks/sqlite_concurrency.py [--seconds 60] [--users 20] [--demo-database PATH]

It runs the product as ``make run`` does (SQLite, CARERSHUB_DEBUG=1, ``manage.py runserver``) on a
copy of the demo database in a temporary folder, on 127.0.0.1 and a free port. It signs in
demo-like staff (sessions made on the server, as the demo users need an authenticator code),
then each user's thread loops for ``--seconds`` over a mix of reads (home page, search, a
person's page) and writes (log a contact, save an assessment section), and finally prints the
requests made, the median and 95th percentile time of each kind, and the number of 5xx answers
(which must be 0). It stops the server it started and deletes the folder. Nothing else is
touched: not your database (whatever DATABASE_URL says), not the network beyond loopback.

The demo database is var/carershub.sqlite3 when it holds the demo (``make demo-data``);
otherwise a fresh one is made in the temporary folder first (about 30 seconds).
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import random
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SEARCHES = ["jones", "smith", "davies", "evans", "williams", "thomas", "roberts", "lewis"]
# kind -> weight: about two reads for every write, as at a busy front door.
MIX = {"home": 15, "search": 25, "person": 30, "log contact": 15, "save assessment section": 15}
WRITES = {"log contact", "save assessment section"}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60, help="how long the users work (default 60)")
    parser.add_argument("--users", type=int, default=20, help="people working at once (default 20)")
    parser.add_argument("--demo-database", type=Path, default=ROOT / "var" / "carershub.sqlite3")
    parser.add_argument("--seed", type=int, default=2026)
    return parser.parse_args()


def server_environment(var_dir: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "CARERSHUB_", "DJANGO_"))}
    env.update({"CARERSHUB_DEBUG": "1", "CARERSHUB_VAR_DIR": str(var_dir), "PYTHONUNBUFFERED": "1"})
    return env


def holds_the_demo(path: Path) -> bool:
    if not path.exists():
        return False
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            return db.execute("SELECT 1 FROM accounts_user WHERE username = 'frontdoor'").fetchone() is not None
    except sqlite3.Error:
        return False


def prepare_database(source: Path, var_dir: Path) -> str:
    """A copy of the demo database (and its keys) in ``var_dir``, migrated; or a fresh demo."""
    env = server_environment(var_dir)
    if holds_the_demo(source):
        # The backup API copies a WAL database consistently, whatever is in its -wal file.
        with sqlite3.connect(source) as src, sqlite3.connect(var_dir / "carershub.sqlite3") as dst:
            src.backup(dst)
        for key in ("dev-secret-key", "dev-encryption-key"):
            if (source.parent / key).exists():
                shutil.copy(source.parent / key, var_dir / key)
        origin = f"a copy of {source}"
    else:
        origin = "a fresh demo region (no demo in %s)" % source
    subprocess.run([PYTHON, "manage.py", "migrate", "--no-input", "-v", "0"], cwd=ROOT, env=env, check=True)
    if not holds_the_demo(var_dir / "carershub.sqlite3"):
        subprocess.run([PYTHON, "manage.py", "load_demo_data"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    return origin


def make_users(var_dir: Path, count: int, seed: int) -> list[dict]:
    """Demo-like staff with authenticators and server-side sessions; each with a draft assessment."""
    os.environ.update(server_environment(var_dir))
    os.environ.pop("DATABASE_URL", None)
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "carershub.settings"
    import django

    django.setup()
    from allauth.mfa.totp.internal.auth import TOTP
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import connections

    from carershub.accounts.middleware import SESSION_STARTED_KEY
    from carershub.accounts.models import Role, StaffRole, User
    from carershub.assessments import services as assessments
    from carershub.assessments.models import AssessmentType
    from carershub.partnership.models import Organisation
    from carershub.people.models import Person

    rng = random.Random(seed)
    councils = list(Organisation.objects.filter(kind=Organisation.Kind.COUNCIL, area__isnull=False).order_by("name"))
    users = []
    for n in range(count):
        council = councils[n % len(councils)]
        username = f"bench{n + 1:02d}"
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": "Bench", "last_name": f"Worker {n + 1}", "email": f"{username}@example.invalid",
                      "organisation": council},
        )
        if created:
            user.set_unusable_password()
            user.save()
            StaffRole.objects.create(user=user, role=Role.PRACTITIONER)
            TOTP.activate(user, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "allauth.account.auth_backends.AuthenticationBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session[SESSION_STARTED_KEY] = int(time.time())
        session.create()
        carers = list(
            Person.objects.filter(area_id=council.area_id, carer__isnull=False).values_list("pk", flat=True)[:200]
        )
        rng.shuffle(carers)
        assessment = assessments.start_assessment(
            carer=Person.objects.get(pk=carers[0]), assessment_type=AssessmentType.CARER, organisation=council, actor=user
        )
        users.append({"username": username, "session": session.session_key, "people": carers, "assessment": assessment.pk})
    cookie_name = settings.SESSION_COOKIE_NAME
    connections.close_all()
    for user in users:
        user["cookie"] = cookie_name
    return users


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(var_dir: Path, port: int) -> subprocess.Popen:
    log = open(var_dir / "server.log", "w")  # noqa: SIM115 - closed with the process
    server = subprocess.Popen(
        [PYTHON, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=server_environment(var_dir),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"The server stopped: see {var_dir / 'server.log'}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("The server did not answer within a minute.")


def stop_server(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a saved form answers 302: count it, do not follow it


class Worker:
    """One member of staff: a browser with their session, clicking through the mix."""

    def __init__(self, base: str, user: dict, rng: random.Random):
        self.base, self.user, self.rng = base, user, rng
        self.jar = http.cookiejar.CookieJar()
        self.jar.set_cookie(http.cookiejar.Cookie(
            0, user["cookie"], user["session"], None, False, "127.0.0.1", False, False, "/", True, False, None,
            False, None, None, {},
        ))
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirects)
        self.results: list[tuple[str, float, int]] = []

    def request(self, kind, path, data=None) -> tuple[int, str]:
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        started = time.perf_counter()
        try:
            with self.opener.open(self.base + path, data=body, timeout=120) as response:
                status, text = response.status, response.read().decode()
        except urllib.error.HTTPError as answer:  # 3xx (not followed), 4xx, 5xx
            status, text = answer.code, answer.read().decode(errors="replace")
        self.results.append((kind, time.perf_counter() - started, status))
        return status, text

    def form(self, kind, path) -> dict | None:
        from tests.pages import Page  # the tests' own reader of forms, as a browser would send them

        status, text = self.request(kind, path)
        return Page(text).form_data() if status == 200 else None

    def step(self):
        kind = self.rng.choices(list(MIX), weights=list(MIX.values()))[0]
        person = self.rng.choice(self.user["people"])
        if kind == "home":
            self.request(kind, "/")
        elif kind == "search":
            self.request(kind, "/people/?" + urllib.parse.urlencode({"q": self.rng.choice(SEARCHES)}))
        elif kind == "person":
            self.request(kind, f"/people/{person}/")
        elif kind == "log contact":
            data = self.form("contact form", f"/contacts/new/?person={person}")
            if data is not None:
                data.update({"channel": "phone", "caller_role": "carer", "outcomes": ["information_only"],
                             "what_matters": f"Benchmark call {self.rng.randrange(10**6)}: wants a break"})
                self.request(kind, f"/contacts/new/?person={person}", data)
        else:
            path = f"/assessments/{self.user['assessment']}/caring/"
            data = self.form("assessment section form", path)
            if data is not None:
                data["caring_role"] = f"Cares every evening (benchmark edit {self.rng.randrange(10**6)})"
                self.request(kind, path, data)

    def run(self, until: float):
        while time.monotonic() < until:
            self.step()


def report(results, seconds, users, origin) -> int:
    by_kind = defaultdict(list)
    statuses = defaultdict(lambda: defaultdict(int))
    for kind, took, status in results:
        by_kind[kind].append(took * 1000)
        statuses[kind][status] += 1
    errors = sum(1 for _k, _t, status in results if status >= 500)
    print(f"\nSQLite, {users} users for {seconds:g} s, runserver as `make run`, on {origin}")
    print(f"{len(results)} requests ({len(results) / seconds:.1f} a second)\n")
    print(f"{'kind':<26}{'requests':>9}{'p50 ms':>9}{'p95 ms':>9}  answers")
    for kind in sorted(by_kind, key=lambda k: (k in WRITES, k)):
        times = sorted(by_kind[kind])
        p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
        answers = ", ".join(f"{code}: {n}" for code, n in sorted(statuses[kind].items()))
        print(f"{kind:<26}{len(times):>9}{statistics.median(times):>9.0f}{p95:>9.0f}  {answers}")
    print(f"\n5xx answers: {errors}")
    return errors


def main() -> int:
    args = parse_args()
    var_dir = Path(tempfile.mkdtemp(prefix="carershub-sqlite-bench-"))
    server = None
    try:
        print(f"Preparing the database in {var_dir} ...", flush=True)
        origin = prepare_database(args.demo_database, var_dir)
        users = make_users(var_dir, args.users, args.seed)
        port = free_port()
        server = start_server(var_dir, port)
        print(f"Serving on 127.0.0.1:{port}; {args.users} users for {args.seconds:g} s ...", flush=True)
        until = time.monotonic() + args.seconds
        workers = [Worker(f"http://127.0.0.1:{port}", user, random.Random(args.seed + i)) for i, user in enumerate(users)]
        threads = [threading.Thread(target=w.run, args=(until,), daemon=True) for w in workers]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=args.seconds + 180)
        errors = report([r for w in workers for r in w.results], args.seconds, args.users, origin)
        log = (var_dir / "server.log").read_text(errors="replace")
        if "database is locked" in log:
            print('The server log mentions "database is locked".')
            errors += 1
        return 1 if errors else 0
    finally:
        if server is not None:
            stop_server(server)
        shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
