"""The SQL floor: a page's own statements, replayed without Python.

Capture: the page is requested in this process with Django's test client, carrying the session
cookie the user got by signing in to the server (so it is the same signed-in, MFA-passed
session) and with nothing cached, first to warm up, then inside an execute wrapper that records
every statement as Django handed it to psycopg (its text and its parameters) and which
transaction it ran in.

Replay: the statements go again, in order, over one psycopg connection (autocommit), sent the
way the product's settings send them: parameters apart from the text, with statements prepared
once a connection has run them ``prepare_threshold`` times (DEVELOPERS.md decision 77), or, with
``CARERSHUB_POSTGRES_PREPARE=off``, as Django does by default, parameters written into the text
and nothing prepared. Each transaction runs between BEGIN and COMMIT as it was, every result
fetched. What is left is what PostgreSQL and the wire cost: the least the page could take if
Python cost nothing. Writes are replayed too (the access log rows the page adds, the session it
saves), so the floor includes their commits.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass, field


@dataclass
class Capture:
    path: str
    status: int
    # (sql as Django gave it, its parameters or None, transaction number or None in autocommit)
    statements: list[tuple[str, object, int | None]] = field(default_factory=list)
    seconds: float = 0.0  # one in-process request (the mean of the warm-up and the captured one)

    @property
    def count(self) -> int:
        return len(self.statements)


NO_CACHE = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


def capture(path: str, cookies: dict[str, str], user_agent: str) -> Capture:
    """The page's statements as it runs them with nothing cached (Django's dummy cache).

    A page that keeps something in the cache (the home page's queue counts) would otherwise show
    the statements of a cache hit; the floor is the page doing its work.
    """
    from django.test.utils import override_settings

    with override_settings(CACHES=NO_CACHE):
        return _capture(path, cookies, user_agent)


def _capture(path: str, cookies: dict[str, str], user_agent: str) -> Capture:
    from django.db import connection
    from django.test import Client

    client = Client(HTTP_USER_AGENT=user_agent, HTTP_ACCEPT_LANGUAGE="en-GB")
    for name, value in cookies.items():
        client.cookies[name] = value
    started = time.perf_counter()
    client.get(path)  # warm-up: templates, the connection
    statements: list[tuple[str, object, int | None]] = []
    transactions = [0]
    original_commit, original_rollback = connection.commit, connection.rollback

    def commit():
        transactions[0] += 1
        return original_commit()

    def rollback():
        transactions[0] += 1
        return original_rollback()

    def wrapper(execute, sql, params, many, context):
        group = transactions[0] if connection.in_atomic_block else None
        result = execute(sql, params, many, context)
        for one in (params if many else [params]):
            statements.append((sql, one, group))
        return result

    connection.commit, connection.rollback = commit, rollback
    try:
        with connection.execute_wrapper(wrapper):
            response = client.get(path)
    finally:
        del connection.commit, connection.rollback  # back to the class's methods
    return Capture(path=path, status=response.status_code, statements=statements,
                   seconds=(time.perf_counter() - started) / 2)


@dataclass
class Floor:
    statements: list[int]
    times_ms: list[float]
    error: str = ""

    @property
    def p50(self) -> float:
        return statistics.median(self.times_ms) if self.times_ms else float("nan")


def replay(url: str, captures: list[Capture], *, repeat: int, budget_seconds: float = 20.0) -> Floor:
    """Replay the captures in turn, ``repeat`` times in all (at least three when ``budget_seconds`` runs out).

    ``captures`` is in the order the load uses its users, so a capture appears as often as its
    kind of user does: the floor's median is over the same mix as the page's.
    """
    import psycopg
    from django.conf import settings
    from django.db import connection as django_connection

    floor = Floor(statements=sorted({c.count for c in captures}), times_ms=[])
    product = settings.DATABASES["default"].get("OPTIONS", {})
    # The product's own connection options too (settings.py: JIT off), so the floor plans as the server does.
    options = f"-c TimeZone=UTC {product.get('options', '')}".strip()
    server_side = product.get("server_side_binding") is True
    django_connection.ensure_connection()
    with psycopg.connect(url, autocommit=True, options=options,
                         # Django's own adapters (its time zone, its JSON), so parameters go as Django sends them.
                         context=django_connection.connection,
                         prepare_threshold=product.get("prepare_threshold") if server_side else None,
                         cursor_factory=psycopg.Cursor if server_side else psycopg.ClientCursor) as conn:
        cursor = conn.cursor()

        def run(statements):
            current = None
            for sql, params, group in statements:
                if group != current:
                    if current is not None:
                        cursor.execute("COMMIT")
                    if group is not None:
                        cursor.execute("BEGIN")
                    current = group
                if params is None:  # as Django's cursor does: sent exactly as written
                    cursor.execute(sql)
                else:
                    cursor.execute(sql, params)
                if cursor.description is not None:
                    cursor.fetchall()
            if current is not None:
                cursor.execute("COMMIT")

        try:
            for capture in {id(c): c for c in captures}.values():  # warm-up: each distinct capture once
                if capture.seconds < 2:  # (a page slower than that gains nothing from warm caches)
                    run(capture.statements)
            deadline = time.perf_counter() + budget_seconds
            for n in range(repeat):
                statements = captures[n % len(captures)].statements
                started = time.perf_counter()
                run(statements)
                floor.times_ms.append((time.perf_counter() - started) * 1000)
                if time.perf_counter() > deadline and n >= 2:
                    break
        except psycopg.Error as error:
            floor.error = f"{type(error).__name__}: {str(error).splitlines()[0]}"
            if conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
                cursor.execute("ROLLBACK")
    floor.times_ms.sort()
    return floor
