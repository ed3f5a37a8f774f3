"""Serving the benchmark database as production does: gunicorn, 2 sync workers, DEBUG off, and
the background worker (``manage.py db_worker``) that compose.yaml runs beside them.

The environment is the one tests/production/serve_check.py needs to serve (a secret key and
Fernet encryption keys generated for this run, allowed hosts, collected static files with
WhiteNoise's manifest) plus the benchmark database and, where the redis package is installed,
the shared Redis cache (database 15). The benchmark process itself runs Django with the very
same environment, so the SQL it captures in-process is the server's.
"""

from __future__ import annotations

import base64
import importlib.util
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
REDIS_URL = "redis://127.0.0.1:6379/15"


def redis_available() -> bool:
    """Django's Redis cache needs the redis package; without it REDIS_URL would break every sign-in."""
    return importlib.util.find_spec("redis") is not None


def environment(database_url: str, run_dir: Path, static_root: Path) -> dict[str, str]:
    """Production settings for this run (what the server and this process both use)."""
    # Everything of the product's own is set here except how it talks to PostgreSQL, which a
    # comparison may change (CARERSHUB_POSTGRES_JIT, CARERSHUB_POSTGRES_PREPARE).
    env = {k: v for k, v in os.environ.items()
           if k.startswith("CARERSHUB_POSTGRES_")
           or not k.startswith(("CARERSHUB_", "DATABASE_URL", "DJANGO_", "REDIS_URL"))}
    env.update({
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "carershub.settings",
        "CARERSHUB_DEBUG": "0",
        "CARERSHUB_SECRET_KEY": secrets.token_urlsafe(50),
        "CARERSHUB_ENCRYPTION_KEYS": base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
        "CARERSHUB_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "CARERSHUB_STATIC_ROOT": str(static_root),
        "CARERSHUB_VAR_DIR": str(run_dir / "var"),
        "PYTHONUNBUFFERED": "1",
    })
    if redis_available():
        env["REDIS_URL"] = REDIS_URL
    return env


def clear_rate_limits() -> int:
    """Forget the sign-in rate-limit counters earlier runs left in the benchmark's cache database.

    Database 15 is the benchmark's own; only allauth's rate-limit keys are removed, so a run
    started a minute after another can sign its users in again.
    """
    if not redis_available():
        return 0
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    keys = list(client.scan_iter(match="*allauth:rl:*", count=1000))
    if keys:
        client.delete(*keys)
    return len(keys)


def collect_static(static_root: Path) -> bool:
    """``collectstatic`` into the benchmark's own STATIC_ROOT, unless nothing changed since the last run.

    Returns whether it ran. Compressing and hashing every file takes a minute or more on a busy
    machine, so the newest source file's time and the file count are kept beside the result.
    """
    from django.conf import settings
    from django.contrib.staticfiles.finders import get_finders
    from django.core.management import call_command

    newest, count = 0.0, 0
    for finder in get_finders():
        for path, storage in finder.list(["CVS", ".*", "*~"]):
            newest = max(newest, Path(storage.path(path)).stat().st_mtime)
            count += 1
    fingerprint = f"{newest:.3f} {count} {settings.STORAGES['staticfiles']['BACKEND']}"
    marker = static_root / ".benchmark-fingerprint"
    if (static_root / "staticfiles.json").exists() and marker.exists() and marker.read_text() == fingerprint:
        return False
    call_command("collectstatic", interactive=False, verbosity=0)
    marker.write_text(fingerprint)
    return True


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Served:
    """gunicorn and the background worker, started and stopped together."""

    def __init__(self, web: subprocess.Popen, worker: subprocess.Popen):
        self.web = web
        self.worker = worker

    def poll(self):
        """None while the web server runs (as ``Popen.poll``)."""
        return self.web.poll()

    def cpu_seconds(self) -> tuple[float, float]:
        """CPU seconds used so far by gunicorn (its master and workers) and by PostgreSQL (every process
        of the server on this machine), each with the children it has reaped. Read before and after a
        timed level, the differences divided by the requests give each page's CPU on either side,
        which another program's load on the machine changes less than it changes the times (though
        runs of the same code still differed by up to 40%: benchmarks/README.md, 5 December 2026).
        """
        return _cpu_of(lambda pid, ppid, name: pid == self.web.pid or ppid == self.web.pid), _cpu_of(
            lambda pid, ppid, name: name == "postgres")


_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _cpu_of(chosen) -> float:
    """User and system CPU seconds of the processes ``chosen(pid, ppid, name)`` picks, reaped children
    included (so a process that ends moves its time to its parent, not out of the sum); 0 where /proc
    is missing."""
    total = 0
    for entry in os.scandir("/proc") if os.path.isdir("/proc") else ():
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as f:
                stat = f.read().decode(errors="replace")
        except OSError:
            continue  # ended while the list was read
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        # After the name: state, ppid, ..., utime (14th field of the line), stime, cutime, cstime.
        if chosen(int(entry.name), int(fields[1]), name):
            total += sum(int(v) for v in fields[11:15])
    return total / _TICKS


def start(env: dict[str, str], log_path: Path, workers: int = 2, threads: int = 1,
          timeout: int = 120) -> tuple[Served, int]:
    """gunicorn carershub.wsgi with ``workers`` processes on a free port (sync workers, or gthread
    with ``threads`` each above one), and the tasks worker; waits for /healthz. Both write to ``log_path``."""
    port = free_port()
    gunicorn = Path(sys.executable).with_name("gunicorn")
    log = open(log_path, "ab")  # noqa: SIM115 - the server keeps it; closed when the process ends
    server = subprocess.Popen(
        [str(gunicorn), "carershub.wsgi", "-w", str(workers), "--threads", str(threads), "-b", f"127.0.0.1:{port}",
         # A slow page is measured, not killed: 120 s instead of gunicorn's 30 s.
         "--timeout", str(timeout),
         # No control socket: gunicorn's default one is a single path shared by every server on the machine.
         "--no-control-socket"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    # The background worker counts what pages ask of it (the home page's queue counts, decision 63),
    # on the same two cores, as in production.
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-startup-delay"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    served = Served(server, worker)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if server.poll() is not None:
            stop(served)
            raise SystemExit(f"gunicorn stopped: see {log_path}")
        if worker.poll() is not None:
            stop(served)
            raise SystemExit(f"the background worker stopped: see {log_path}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as response:
                if response.status == 200:
                    return served, port
        except OSError:
            time.sleep(0.3)
    stop(served)
    raise SystemExit(f"gunicorn did not answer within 90 seconds: see {log_path}")


def stop(served: Served) -> None:
    for process in (served.web, served.worker):
        if process.poll() is not None:
            continue
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()