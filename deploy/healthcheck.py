"""Health checks for the containers of compose.yaml and the image's HEALTHCHECK.

    python deploy/healthcheck.py web      # GET /healthz on this container's gunicorn: 200 and "ok"
    python deploy/healthcheck.py worker   # the database answers, and no task has waited too long

Prints one line, OK or PROBLEM, and exits 0 or 1 (Docker keeps the line in `docker inspect`).

The web check asks /healthz, which answers whatever the host (load balancers ask by address),
then the home page as the proxy in front would ask it: with the first of CARERSHUB_ALLOWED_HOSTS
as its Host (any other host is refused with 400) and with `X-Forwarded-Proto: https`, which
Django believes only when CARERSHUB_BEHIND_PROXY is on (otherwise CARERSHUB_SSL_REDIRECT would
answer every plain request with a redirect to HTTPS, 301). Nobody is signed in, so a working
service sends the home page's visitor to sign in (302). Redirects are never followed.

The worker check runs in the worker's container: `manage.py db_worker` is that container's only
process, so while the container runs the worker runs; what can still go wrong is a database the
worker cannot reach, or a worker stuck in one task while others wait. Output is for operators,
so it is not translated.
"""

import argparse
import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "http://127.0.0.1:8000/healthz"


class Problem(Exception):
    """The check failed; the message says why."""


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # a 3xx reaches the caller as an HTTPError


def host_to_ask_for(allowed_hosts: str) -> str:
    """A host name Django will accept: the first usable entry of CARERSHUB_ALLOWED_HOSTS."""
    for host in (item.strip() for item in allowed_hosts.split(",")):
        if host and host != "*":
            return host.lstrip(".")
    return "localhost"


def _ask(url: str, host: str, timeout: float, *, sign_in_expected: bool = False) -> tuple[int, bytes]:
    """(status, body) of GET ``url`` as the proxy would send it; a Problem for what configuration breaks."""
    request = urllib.request.Request(url, headers={"Host": host, "X-Forwarded-Proto": "https"})
    opener = urllib.request.build_opener(_NoRedirects)
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        location = error.headers.get("Location") or ""
        if sign_in_expected and error.code == 302 and "/accounts/login/" in location:
            return error.code, b""
        if 300 <= error.code < 400:
            raise Problem(
                f"{url} redirected to {location}: with CARERSHUB_SSL_REDIRECT on, set CARERSHUB_BEHIND_PROXY=1"
            ) from None
        if error.code == 400:
            raise Problem(f"{url} answered 400 for host {host!r}: check CARERSHUB_ALLOWED_HOSTS") from None
        return error.code, error.read()
    except OSError as error:  # refused, timed out, reset: gunicorn is not answering
        raise Problem(f"{url} did not answer ({error})") from None


def check_web(url: str = DEFAULT_URL, timeout: float = 5.0) -> str:
    host = host_to_ask_for(os.environ.get("CARERSHUB_ALLOWED_HOSTS", ""))
    status, body = _ask(url, host, timeout)
    try:
        answer = json.loads(body)
    except ValueError:
        raise Problem(f"{url} answered {status} without the health JSON") from None
    if status != 200 or answer.get("status") != "ok":
        raise Problem(f"{url} answered {status}: {answer}")
    # /healthz answers any host over plain HTTP; a page shows whether the proxy's requests get through.
    home = urllib.parse.urljoin(url, "/")
    status, _body = _ask(home, host, timeout, sign_in_expected=True)
    if status != 302:
        raise Problem(f"{home} answered {status} instead of sending a visitor to sign in")
    return f"{url} answered 200, database {answer.get('database', {}).get('status')}; {home} asks to sign in"


def check_worker(max_wait_minutes: int = 30) -> str:
    """Needs Django set up (main() does it). Counts tasks ready to run for longer than the limit."""
    from datetime import timedelta

    from django.db import DatabaseError, connection
    from django.db.models import Q
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult, get_date_max

    try:
        connection.ensure_connection()
        cutoff = timezone.now() - timedelta(minutes=max_wait_minutes)
        # A task waits from when it was queued, or from its run_after when it was given one.
        late = (
            DBTaskResult.objects.ready()
            .filter(Q(run_after=get_date_max(), enqueued_at__lt=cutoff) | Q(run_after__lt=cutoff))
            .count()
        )
    except DatabaseError as error:
        raise Problem(f"cannot reach the {connection.vendor} database ({error}): check DATABASE_URL") from None
    if late:
        raise Problem(f"{late} task(s) ready for more than {max_wait_minutes} minutes: is the worker stuck?")
    return f"{connection.vendor} database reachable, no task waiting over {max_wait_minutes} minutes"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    checks = parser.add_subparsers(dest="check", required=True)
    web = checks.add_parser("web", help="GET /healthz on this container's web server")
    web.add_argument("--url", default=DEFAULT_URL)
    web.add_argument("--timeout", type=float, default=5.0)
    worker = checks.add_parser("worker", help="the task worker's database and queue")
    worker.add_argument("--max-wait-minutes", type=int, default=30)
    return parser


def main(argv: list[str] | None = None) -> int:
    options = build_parser().parse_args(argv)
    try:
        if options.check == "web":
            detail = check_web(options.url, options.timeout)
        else:
            sys.path.insert(0, str(ROOT))
            os.environ.setdefault("DJANGO_SETTINGS_MODULE", "carershub.settings")
            import django

            django.setup()
            detail = check_worker(options.max_wait_minutes)
    except Problem as problem:
        print(f"PROBLEM {options.check}: {problem}")
        return 1
    print(f"OK {options.check}: {detail}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
