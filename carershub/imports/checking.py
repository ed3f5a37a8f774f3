"""The rows of an export, read and checked a batch at a time: here, or in a second process.

Reading a row and checking it by the forms' rules (imports/checks.py), then hashing what it
says (imports/ledger.py), is about two fifths of an import's Python, and needs neither the
database nor any other row. Python runs one thread at a time, so while that work shares a
process with deciding the batches and preparing their ``COPY`` it cannot use the second core.
For a large file it runs in a second process, forked when the import starts: the child reads,
checks and hashes; the parent receives each batch already checked, while it decides and
writes the one before. A pipe holds about one batch, so the child is never more than a batch
or two ahead and memory stays flat.

The child is a copy of the parent taken before any other thread starts (the database thread
starts after), with the mapping, the forms, the lookups of areas and organisations and the
active language already in it. It never uses the database: the parent's connection is in its
memory but is never touched, and the child ends with ``os._exit`` (multiprocessing's way), so
nothing closes it either (psycopg does not close a connection from a process other than the
one that opened it).

Small files are checked in the same process: forking costs more than it gives there. So do
systems without ``fork`` (Windows) and macOS, where forking a process that has loaded
system frameworks is not safe.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import operator
import os
import sys
import traceback
from collections.abc import Iterator

from django.utils.translation import gettext as _

from carershub.imports.checks import CheckedRow
from carershub.imports.sources import SourceProblem

# Files at least this large are checked in a second process (about 10,000 rows of a CSV export).
SEPARATE_FROM_BYTES = 1 << 20


# A checked row crosses the pipe as a plain tuple of its fields: pickling a tuple is done in C,
# where pickling the dataclass would call Python for each row, on both sides.
_FIELDS = operator.attrgetter(*(f.name for f in dataclasses.fields(CheckedRow)))


def _to_wire(batch: list[CheckedRow]) -> list[tuple]:
    return [_FIELDS(row) for row in batch]


def _from_wire(rows: list[tuple]) -> list[CheckedRow]:
    return [CheckedRow(*fields) for fields in rows]


class CheckingStopped(Exception):
    """The second process stopped without finishing: its error, or how it ended."""


def batches(source, checker, importer, batch_size: int) -> Iterator[list]:
    """The source's rows in batches of ``batch_size``, each checked, valid ones hashed."""
    batch = []
    for number, cells in source.rows():
        row = checker.check(number, cells)
        if row.ok:
            importer.fingerprint(row)
        batch.append(row)
        if len(batch) >= batch_size:
            yield batch
            batch = []
    if batch:
        yield batch


def can_fork() -> bool:
    return sys.platform != "darwin" and "fork" in multiprocessing.get_all_start_methods()


def separate(path) -> bool:
    """Whether a file is worth a second process (see the module's docstring)."""
    try:
        return can_fork() and os.path.getsize(path) >= SEPARATE_FROM_BYTES
    except OSError:
        return False


class CheckedBatches:
    """Iterate for the checked batches; a context manager, which starts and stops the second process.

    Enter it before any other thread of the import starts. A ``SourceProblem`` in the child (a
    row the file format breaks) is raised here, where the batches before it have been received,
    as it would be in one process.
    """

    def __init__(self, source, checker, importer, batch_size: int, *, in_second_process: bool):
        self.rows = batches(source, checker, importer, batch_size)
        self.in_second_process = in_second_process
        self.process = self.pipe = None

    def __enter__(self):
        if self.in_second_process:
            context = multiprocessing.get_context("fork")
            receiving, sending = context.Pipe(duplex=False)
            self.process = context.Process(target=_child, args=(sending, self.rows), name="import-checks", daemon=True)
            self.process.start()  # multiprocessing flushes stdout and stderr before forking
            sending.close()
            self.pipe = receiving
        return self

    def __iter__(self):
        if self.process is None:
            yield from self.rows
            return
        while True:
            try:
                tag, payload = self.pipe.recv()
            except EOFError:
                self.process.join()
                raise CheckingStopped(
                    _("the process checking the rows ended unexpectedly (exit code %(code)s)")
                    % {"code": self.process.exitcode}
                ) from None
            if tag == "batch":
                yield _from_wire(payload)
            elif tag == "end":
                return
            elif tag == "problem":
                code, params = payload
                raise SourceProblem(code, **params)
            else:
                raise CheckingStopped(_("the process checking the rows failed:") + f"\n{payload}")

    def __exit__(self, *exc):
        if self.process is not None:
            self.pipe.close()  # a child still sending then stops with a broken pipe
            self.process.join(timeout=5)
            if self.process.is_alive():
                self.process.kill()
                self.process.join()
            self.process.close()
            self.process = None


def _child(pipe, rows):
    """The second process: send each checked batch, then "end", or what stopped it."""
    try:
        for batch in rows:
            pipe.send(("batch", _to_wire(batch)))
        pipe.send(("end", None))
    except SourceProblem as problem:
        pipe.send(("problem", (problem.code, problem.params)))
    except (BrokenPipeError, ConnectionResetError):
        pass  # the parent stopped listening: it has stopped the import
    except BaseException:
        pipe.send(("error", traceback.format_exc()))
    finally:
        pipe.close()
