"""A cheap HTTP client: signing in through the real pages, then timing pages under concurrent users.

Each simulated user is a thread with its own ``http.client`` connection (kept open where the
server allows; gunicorn's sync workers close it after every response, so it reconnects, as a
browser would) and its own cookies. Nothing is parsed during the load: the status is checked,
the body read and dropped.
"""

from __future__ import annotations

import http.client
import random
import re
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.cookies import SimpleCookie

USER_AGENT = "carershub-national-benchmark/1"
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_TAGS = re.compile(r"<[^>]+>")


class Browser:
    def __init__(self, port: int, cookies: dict[str, str] | None = None):
        self.port = port
        self.cookies: dict[str, str] = dict(cookies or {})
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)

    def request(self, method: str, path: str, form: dict | None = None, cookies: dict | None = None):
        """(status, headers, body). ``cookies`` replaces the browser's own for this request."""
        headers = {"User-Agent": USER_AGENT, "Accept-Language": "en-GB"}
        jar = self.cookies if cookies is None else cookies
        if jar:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in jar.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in (1, 2):
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                data = response.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.conn.close()  # the server closed a kept-alive connection: open a new one once
                if attempt == 2:
                    raise
        if response.getheader("Connection", "").lower() == "close":
            self.conn.close()
        for value in response.headers.get_all("Set-Cookie") or []:
            parsed = SimpleCookie()
            parsed.load(value)
            for name, morsel in parsed.items():
                if morsel["max-age"] == "0" or morsel.value == "":
                    jar.pop(name, None)
                else:
                    jar[name] = morsel.value
        return response.status, response.headers, data

    def close(self):
        self.conn.close()


def sign_in(port: int, username: str, password: str, code_now) -> dict[str, str]:
    """The real journey: the sign-in form, then the authenticator code page. Returns the cookies.

    ``code_now()`` gives the user's current code; a code that turns over between reading it and
    sending it is tried once more with the next one. Rate-limited answers (429) wait and retry.
    """
    browser = Browser(port)
    try:
        for attempt in range(6):
            status, _h, body = browser.request("GET", "/accounts/login/")
            if status == 429:
                time.sleep(10)
                continue
            token = _CSRF.search(body.decode()).group(1)
            status, headers, body = browser.request(
                "POST", "/accounts/login/", {"csrfmiddlewaretoken": token, "login": username, "password": password}
            )
            if status == 429:
                time.sleep(10)
                continue
            if status != 302 or "/2fa/" not in (headers.get("Location") or ""):
                raise SystemExit(f"{username}: signing in answered {status} {headers.get('Location')}: {excerpt(body)}")
            mfa_path = headers["Location"]
            for _try in range(3):
                status, _h, body = browser.request("GET", mfa_path)
                token = _CSRF.search(body.decode()).group(1)
                status, headers, body = browser.request(
                    "POST", mfa_path, {"csrfmiddlewaretoken": token, "code": code_now()}
                )
                if status == 302:
                    break
                if status == 429:
                    time.sleep(10)
                    continue
                time.sleep(31 - time.time() % 30)  # the code turned over: wait for the next one
            if status != 302:
                raise SystemExit(f"{username}: the authenticator code was refused ({status}): {excerpt(body)}")
            # Signed in: the code page sends the browser on to the home page. That page is one of
            # those timed (it can be slow), so it is not opened here.
            if headers.get("Location") != "/":
                raise SystemExit(f"{username}: after the code, sent to {headers.get('Location')} instead of home")
            return dict(browser.cookies)
        raise SystemExit(f"{username}: still rate-limited after a minute of retries")
    finally:
        browser.close()


def excerpt(body: bytes, lines: int = 4) -> str:
    """The first lines of a page's text (tags removed), for an error report."""
    text = _TAGS.sub(" ", body.decode(errors="replace"))
    kept = [" ".join(line.split()) for line in text.splitlines()]
    return " | ".join([line for line in kept if line][:lines])[:400]


# --------------------------------------------------------------------------------------------
# Load
# --------------------------------------------------------------------------------------------


@dataclass
class Session:
    username: str
    cookies: dict[str, str]
    context: dict = field(default_factory=dict)  # what a page needs for this user (their people)


@dataclass
class LevelResult:
    concurrency: int
    times_ms: list[float]
    errors: int
    elapsed: float
    first_error: str = ""
    statuses: dict = field(default_factory=dict)
    cpu_ms: tuple[float, float] | None = None  # the server's and the database's CPU a request (``cpu``)

    @property
    def requests(self) -> int:
        return len(self.times_ms)

    @property
    def per_second(self) -> float:
        return self.requests / self.elapsed if self.elapsed else 0.0


def percentile(sorted_values: list[float], fraction: float) -> float:
    """Nearest-rank percentile of already sorted values."""
    if not sorted_values:
        return float("nan")
    rank = max(1, round(fraction * len(sorted_values) + 0.4999))
    return sorted_values[min(rank, len(sorted_values)) - 1]


def run_level(port: int, sessions: list[Session], path_for, concurrency: int, *, seconds: float | None,
              requests: int | None, warmup: float = 2.0, seed: int = 1, cpu=None) -> LevelResult:
    """``concurrency`` users at once, each in its own thread, for ``seconds`` (or ``requests`` in all).

    Thread i takes the sessions i, i + concurrency, i + 2 * concurrency..., one after another,
    so one user or twenty, the same people are using the page. Each thread first makes
    requests that are not counted for ``warmup`` seconds (at least one, so both server workers
    have compiled the page's templates); all then start together. ``cpu()``, if given, returns
    the (server, database) CPU seconds used so far; it is read when the timed requests start and
    when the last ends, and the result holds each side's CPU per timed request.
    """
    barrier = threading.Barrier(concurrency + 1)
    lock = threading.Lock()
    times: list[float] = []
    statuses: dict[int, int] = {}
    first_error: list[str] = []
    budget = [requests if requests is not None else -1]
    window = {"start": 0.0, "end": float("inf")}
    finished = [0.0]

    def claim() -> bool:
        with lock:
            if budget[0] < 0:
                return True
            if budget[0] == 0:
                return False
            budget[0] -= 1
            return True

    def worker(i: int):
        rng = random.Random(seed * 1000 + i)
        mine = sessions[i::concurrency] or [sessions[i % len(sessions)]]
        browser = Browser(port)
        local_times, local_status = [], {}
        try:
            turn = 0
            warm_until = time.perf_counter() + warmup
            while turn == 0 or time.perf_counter() < warm_until:
                session = mine[turn % len(mine)]
                turn += 1
                browser.request("GET", path_for(session, rng), cookies=session.cookies)
            barrier.wait()
            while True:
                now = time.perf_counter()
                if now >= window["end"] or not claim():
                    break
                session = mine[turn % len(mine)]
                turn += 1
                path = path_for(session, rng)
                started = time.perf_counter()
                try:
                    status, headers, body = browser.request("GET", path, cookies=session.cookies)
                except OSError as error:
                    status, headers, body = 599, {}, str(error).encode()
                took = (time.perf_counter() - started) * 1000
                local_times.append(took)
                local_status[status] = local_status.get(status, 0) + 1
                if status != 200 and not first_error:
                    where = headers.get("Location") if hasattr(headers, "get") else None
                    with lock:
                        if not first_error:
                            first_error.append(f"{status} {path}" + (f" -> {where}" if where else "")
                                               + f": {excerpt(body)}")
        finally:
            browser.close()
            with lock:
                times.extend(local_times)
                for code, n in local_status.items():
                    statuses[code] = statuses.get(code, 0) + n
                finished[0] = max(finished[0], time.perf_counter())

    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(concurrency)]
    for thread in threads:
        thread.start()
    barrier.wait()
    window["start"] = time.perf_counter()
    cpu_before = cpu() if cpu else None
    if seconds is not None:
        window["end"] = window["start"] + seconds
    for thread in threads:
        thread.join()
    cpu_ms = None
    if cpu_before is not None and times:
        cpu_ms = tuple(1000 * (after - before) / len(times) for before, after in zip(cpu_before, cpu()))
    errors = sum(n for code, n in statuses.items() if code != 200)
    return LevelResult(
        concurrency=concurrency,
        times_ms=sorted(times),
        errors=errors,
        elapsed=max(finished[0] - window["start"], 1e-9),
        first_error=first_error[0] if first_error else "",
        statuses=statuses,
        cpu_ms=cpu_ms,
    )
