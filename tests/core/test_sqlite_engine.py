"""The embedded default's engine switches a new file to WAL however many connections open it at once
(carershub/core/sqlite/base.py). Plain sqlite3 files in a temporary folder: no Django test database."""

import sqlite3
import threading
import time

import pytest
from django.db.utils import ConnectionHandler

from carershub.core.sqlite.base import switch_to_wal
from tests.concurrency import all_at_once


def _locked_for(path, seconds: float | None):
    """Another connection holding a read lock on ``path`` (for ``seconds``, or until closed)."""
    holder = sqlite3.connect(path, check_same_thread=False)
    holder.execute("CREATE TABLE held (x)")
    holder.execute("BEGIN")
    holder.execute("SELECT * FROM held").fetchall()
    if seconds is not None:
        threading.Timer(seconds, holder.rollback).start()
    return holder


def test_the_switch_waits_for_a_lock_sqlite_would_refuse_at_once(tmp_path):
    path = tmp_path / "new.sqlite3"
    holder = _locked_for(path, 0.2)
    # No busy handler at all (timeout 0): SQLite answers "locked" at once, as it does in the race.
    joining = sqlite3.connect(path, timeout=0)
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        joining.execute("PRAGMA journal_mode=WAL")
    started = time.monotonic()
    assert switch_to_wal(joining, timeout=5) == "wal"
    assert time.monotonic() - started >= 0.1
    holder.close()
    joining.close()
    with sqlite3.connect(path) as later:
        assert later.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_the_switch_gives_up_after_the_busy_timeout(tmp_path):
    path = tmp_path / "new.sqlite3"
    holder = _locked_for(path, None)
    joining = sqlite3.connect(path, timeout=0)
    started = time.monotonic()
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        switch_to_wal(joining, timeout=0.2)
    assert 0.1 <= time.monotonic() - started < 2
    holder.close()
    joining.close()


def test_a_servers_first_connections_all_open_a_new_file(tmp_path, django_db_blocker):
    """Six connections at once on a new file, fifty times. Django's own engine, asking for WAL in its
    init_command, failed it in each of four runs."""
    failures = []
    with django_db_blocker.unblock():  # these files only, not the test database
        for trial in range(50):
            handler = ConnectionHandler(
                {
                    "default": {
                        "ENGINE": "carershub.core.sqlite",
                        "NAME": str(tmp_path / f"trial-{trial}.sqlite3"),
                        "OPTIONS": {"timeout": 20},
                    }
                }
            )

            def first_request(handler=handler):
                with handler["default"].cursor() as cursor:
                    cursor.execute("PRAGMA journal_mode")
                    assert cursor.fetchone()[0] == "wal"

            failures += all_at_once(6, first_request, after=handler.close_all)
    assert failures == []
