"""Importing a legacy system's export: read, check and decide each row, batch by batch.

``import_file()`` is the one way in (``manage.py import_people`` calls it). Nothing holds the
whole file: rows are read one at a time (imports/sources.py), checked by the forms' rules
(imports/checks.py) and decided and written a batch at a time (imports/kinds.py), and each
row's outcome goes to the report as soon as its batch is done.

A real run commits each batch on its own: if it stops (a crash, a lost connection), whole
batches are in, and running the same file again reports those rows "unchanged" and carries on.
A dry run goes through exactly the same steps inside one transaction that is rolled back at
the end, so its report is the one a real run would give and nothing stays written.
"""

from __future__ import annotations

import csv
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from carershub.imports import checking, kinds, ledger
from carershub.imports.checks import CHECKERS
from carershub.imports.mapping import Mapping
from carershub.imports.models import ImportRun
from carershub.imports.sources import SourceProblem, open_source

BATCH_SIZE = 2000

OUTCOME_LABELS = {
    kinds.ADDED: gettext_lazy("added"),
    kinds.UPDATED: gettext_lazy("updated"),
    kinds.UNCHANGED: gettext_lazy("unchanged"),
    kinds.MERGED: gettext_lazy("merged"),
    kinds.REJECTED: gettext_lazy("rejected"),
}


class ImportStopped(Exception):
    """A batch could not be written; the batches before it were."""

    def __init__(self, first_row: int, error: Exception, summary: "Summary"):
        super().__init__(f"batch from row {first_row}: {error}")
        self.first_row = first_row
        self.error = error
        self.summary = summary


@dataclass
class Summary:
    dry_run: bool
    counts: Counter = field(default_factory=Counter)
    rows: int = 0
    elapsed: float = 0.0
    run_id: int | None = None

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.elapsed if self.elapsed else 0.0

    def lines(self) -> list[str]:
        """The summary staff read at the end, in the active language."""
        lines = [
            _("Dry run: nothing has been written. A real run would give the same report.")
            if self.dry_run
            else _("Import finished.")
        ]
        lines.append(
            ", ".join(f"{OUTCOME_LABELS[outcome]}: {self.counts.get(outcome, 0)}" for outcome in kinds.OUTCOMES)
        )
        lines.append(
            _("%(rows)s rows in %(seconds)s seconds (%(speed)s rows a second)")
            % {"rows": self.rows, "seconds": f"{self.elapsed:.1f}", "speed": f"{self.rows_per_second:,.0f}"}
        )
        return lines


class Report:
    """The row-by-row report: a CSV file, one line per row of the import."""

    def __init__(self, path: str | Path, *, dry_run: bool):
        self.handle = open(path, "w", newline="", encoding="utf-8")
        self.writer = csv.writer(self.handle)
        self.dry_run = dry_run
        self.writer.writerow([_("row"), _("source id"), _("outcome"), _("our record id"), _("reason")])

    def write(self, results):
        labels = {outcome: str(label) for outcome, label in OUTCOME_LABELS.items()}  # translated once a batch
        for result in results:
            # A dry run's new records were never kept, so their ids mean nothing.
            record = "" if self.dry_run or result.record_id is None else result.record_id
            self.writer.writerow(
                [result.number, _cell(result.source_id), labels[result.outcome], record, _cell(result.reason)]
            )

    def close(self):
        self.handle.close()


def _cell(text: str) -> str:
    # Their ids and column names reach the report: a spreadsheet would run one starting with
    # = + - or @ as a formula, so it is kept as text.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def import_file(
    path: str | Path,
    mapping: Mapping,
    *,
    organisation,
    user=None,
    dry_run: bool = False,
    report: Report | None = None,
    batch_size: int = BATCH_SIZE,
    progress=None,
) -> Summary:
    """Import one export file through its mapping; raises MappingProblem or SourceProblem before any row.

    ``organisation`` is whose data it is (on every event, and the area of rows without one);
    ``user`` the member of staff running it (the events' actor; contacts' "recorded by").
    """
    source = open_source(path, delimiter=mapping.delimiter, sheet=mapping.sheet)
    # The service's own time zone, made the active one: "today" in the date checks is then read
    # without looking for an active zone that is not there, half the cost for a million dates.
    with source, timezone.override(timezone.get_default_timezone()):
        mapping.check_columns(source.header)
        checker = CHECKERS[mapping.kind](mapping)
        summary = Summary(dry_run=dry_run)
        args = (source, mapping, checker, summary, Path(path).name, organisation, user, report, batch_size, progress,
                checking.separate(path))
        if dry_run:
            with transaction.atomic():
                _run(*args)
                transaction.set_rollback(True)
        else:
            _run(*args)
    return summary


class DatabaseThread:
    """One thread that does the database's part of each batch while this one does the Python.

    Checking a row (the forms' rules) and deciding a batch need no database; reading and
    writing a batch are mostly the database's own work (indexes, constraints), on the other
    core. The thread uses this thread's connection (Django's thread sharing), so a batch's
    transaction, a dry run's outer transaction and a test's transaction are all the same
    connection's; the two threads never use it at the same time. After a job fails, the jobs
    queued behind it do nothing: no batch is written on top of one that was not.
    """

    def __init__(self):
        self.connection = connections[DEFAULT_DB_ALIAS]
        self.failed = False

    def _adopt(self):
        connections[DEFAULT_DB_ALIAS] = self.connection

    def __enter__(self):
        self.connection.inc_thread_sharing()
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="import-db", initializer=self._adopt)
        return self

    def __exit__(self, *exc):
        self.executor.shutdown(wait=True)
        self.connection.dec_thread_sharing()

    def submit(self, function, *args):
        def job():
            if self.failed:
                raise ImportCancelled()
            try:
                return function(*args)
            except BaseException:
                self.failed = True
                raise

        return self.executor.submit(job)


class ImportCancelled(Exception):
    """A batch not written because one before it failed."""


def _write(importer, plan, first):
    with transaction.atomic():
        importer.write(plan)
    if first:
        importer.refresh_statistics()


def _run(source, mapping, checker, summary, file_name, organisation, user, report, batch_size, progress,
         in_second_process):
    started = time.perf_counter()
    run = ImportRun.objects.create(
        source=mapping.source, kind=mapping.kind, file_name=file_name[:255], organisation=organisation,
        started_by=user if getattr(user, "pk", None) else None,
    )
    summary.run_id = None if summary.dry_run else run.pk
    importer = kinds.IMPORTERS[mapping.kind](
        mapping, run=run, organisation=organisation, user=user, hasher=ledger.Hasher()
    )

    def result(batch, future):
        try:
            return future.result()
        except Exception as error:
            summary.elapsed = time.perf_counter() - started
            raise ImportStopped(batch[0].number, error, summary) from error

    writing: list[tuple[list, kinds.Plan, object]] = []  # written or being written, oldest first

    def report_written(wait=False):
        while writing and (wait or writing[0][2].done()):
            batch, plan, future = writing.pop(0)
            result(batch, future)
            summary.rows += len(batch)
            summary.counts.update(r.outcome for r in plan.results)
            if report is not None:
                report.write(plan.results)
            if progress is not None:
                progress(summary, time.perf_counter() - started)

    # The rows are checked (in a second process for a large file) before the database thread starts.
    with checking.CheckedBatches(source, checker, importer, batch_size, in_second_process=in_second_process) as checked, \
            DatabaseThread() as database:
        decided = None
        first = True
        read = iter(checked)
        next_row = 2  # the first row of the file's data
        # Each batch is read and checked while the database writes the one before; it is read
        # from the database before that one is written, and decided while it is.
        while True:
            try:
                batch = next(read, None)
            except (SourceProblem, checking.CheckingStopped) as problem:
                # A row the file format itself breaks, or the checking process stopped: the
                # batches before it are written.
                if decided is not None:
                    writing.append((*decided, database.submit(_write, importer, decided[1], first)))
                report_written(wait=True)
                summary.elapsed = time.perf_counter() - started
                row = problem.params["row"] if isinstance(problem, SourceProblem) else next_row
                raise ImportStopped(row, problem, summary) from problem
            if batch is None:
                break
            next_row = batch[-1].number + 1
            reading = database.submit(importer.read, batch)
            if decided is not None:
                writing.append((*decided, database.submit(_write, importer, decided[1], first)))
                first = False
            found = result(batch, reading)
            report_written()
            decided = (batch, importer.decide(batch, found))
        if decided is not None:
            writing.append((*decided, database.submit(_write, importer, decided[1], False)))
        report_written(wait=True)
    summary.elapsed = time.perf_counter() - started
    run.finished_at = timezone.now()
    run.counts = dict(summary.counts)
    run.save(update_fields=["finished_at", "counts"])
    return summary
