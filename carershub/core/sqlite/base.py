"""Django's SQLite engine, switching a database file to write-ahead logging without losing a race.

WAL lets readers carry on while one request writes (settings.DATABASES). It is a property of the
file, so it is asked for on every new connection, and is a no-op once the file is in WAL. But while
a file is still in its first journal mode, a connection that asks for WAL while another holds a
lock on the file can be refused at once with "database is locked", without waiting out the busy
timeout: SQLite refuses instead of waiting when waiting could deadlock. A server's first requests
open their connections together, so on a new file one of them failed (a 503 from /healthz, seen in
CI). Here the switch is tried again, for as long as the busy timeout, until it is made.
"""

import sqlite3
import time

from django.db.backends.sqlite3 import base

# Pauses between tries, in seconds: short at first (another connection's switch takes a millisecond).
FIRST_PAUSE = 0.002
LONGEST_PAUSE = 0.05


def switch_to_wal(connection: sqlite3.Connection, timeout: float) -> str:
    """Ask for WAL until granted or ``timeout`` seconds pass; the journal mode the file ends in.

    A file system without shared memory keeps its mode (SQLite answers with it, not an error), so
    the answer is returned rather than checked.
    """
    deadline = time.monotonic() + timeout
    pause = FIRST_PAUSE
    while True:
        try:
            return connection.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() + pause > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, LONGEST_PAUSE)


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params):
        connection = super().get_new_connection(conn_params)
        if not self.is_in_memory_db():
            try:
                # The connection's busy timeout (settings: OPTIONS["timeout"]), else sqlite3's default.
                switch_to_wal(connection, conn_params.get("timeout", 5.0))
            except sqlite3.Error:
                connection.close()  # not left open for the garbage collector
                raise
        return connection
