"""Real concurrency for tests on PostgreSQL: posts sent at the same moment, each from its own thread
and database connection, meeting at a chosen point of the code instead of at a guessed time.

Used with ``@pytest.mark.django_db(transaction=True)``, so each thread sees what the others commit.
"""

import threading
import time

import pytest
from django.db import connection

ONLY_POSTGRESQL = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs two connections writing at once: the SQLite test database is in memory and shared, "
    "and SQLite makes writers take turns with IMMEDIATE transactions (benchmarks/sqlite_concurrency.py "
    "shows the embedded database under 20 users at once)",
)


def _backend_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def _waits_on_a_lock(pid: int) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT EXISTS (SELECT 1 FROM pg_locks WHERE pid = %s AND NOT granted)", [pid])
        return cursor.fetchone()[0]


def at_the_same_moment(posts: dict, hold_point, monkeypatch) -> dict:
    """Send each post from its own thread (its own database connection), and hold the first to reach
    ``hold_point`` (module, name) there until the other is either held too or waiting on a lock.

    Without a lock both reach the hold point, so both go on and race; with one, the second is seen
    waiting and the first goes on alone. Nothing here is timed: the wait ends on one of the two.
    """
    pids, arrived, responses, failures = {}, [], {}, []
    started = threading.Barrier(len(posts))
    module, name = hold_point
    original = getattr(module, name)

    def held(*args, **kwargs):
        result = original(*args, **kwargs)
        me = threading.current_thread().name
        arrived.append(me)
        others = [pid for thread, pid in pids.items() if thread != me]
        deadline = time.monotonic() + 30  # a safety net for a broken run, not a timing
        while len(arrived) < len(posts) and not any(_waits_on_a_lock(pid) for pid in others):
            assert time.monotonic() < deadline, "neither held nor waiting: the test itself is broken"
            time.sleep(0.01)
        return result

    monkeypatch.setattr(module, name, held)

    def send(thread_name, post):
        try:
            pids[thread_name] = _backend_pid()
            started.wait()
            responses[thread_name] = post()
        except BaseException as failure:  # noqa: BLE001 - raised again in the test's own thread
            failures.append(failure)
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(n, p), name=n) for n, p in posts.items()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise failures[0]
    return responses




def all_at_once(count: int, work, *, after=None) -> list[BaseException]:
    """Run ``work()`` in ``count`` threads released together; what each raised, if anything.

    ``after()`` runs in each thread when its work ends (closing its database connections).
    """
    start, failures = threading.Barrier(count), []

    def run():
        try:
            start.wait()
            work()
        except BaseException as failure:  # noqa: BLE001 - returned to the test's own thread
            failures.append(failure)
        finally:
            if after is not None:
                after()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return failures
