"""Reading another system's export one row at a time: CSV (UTF-8) or an Excel workbook (.xlsx).

Pure Python (no Django). Nothing here holds the whole file: CSV rows come from the ``csv``
module as they are read, and workbooks are opened with openpyxl in read-only mode, which
reads the sheet's XML as it goes. Row numbers are the ones a spreadsheet shows: the header is
row 1, so the first row of data is row 2.
"""

from __future__ import annotations

import codecs
import csv
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final

from carershub.core.i18n import gettext_noop
from carershub.core.ukdata import ValidationProblem
from carershub.imports.mapping import cell_text

CHUNK: Final = 1 << 20


class SourceProblem(ValidationProblem):
    messages = {
        "unreadable": gettext_noop("The file %(path)s cannot be read: %(error)s"),
        "unknown_type": gettext_noop("The file must be a .csv or an .xlsx file, not %(suffix)s"),
        "not_utf8": gettext_noop(
            "The file is not UTF-8 text: line %(line)s has a character that is not (byte %(byte)s of the file). "
            "It may be Windows-1252 or Latin-1. Open it in a spreadsheet and save it as \"CSV UTF-8\", "
            "then run the import again. Nothing has been imported."
        ),
        "empty": gettext_noop("The file has no header row: its first row must name the columns"),
        "duplicate_column": gettext_noop("The file has more than one column called %(column)s"),
        "not_xlsx": gettext_noop("The file is not an Excel workbook (.xlsx) that can be read: %(error)s"),
        "no_sheet": gettext_noop("The workbook has no sheet called %(sheet)s. Its sheets are: %(sheets)s"),
        "bad_row": gettext_noop("Row %(row)s of the file cannot be read: %(error)s"),
    }


def check_utf8(path: Path) -> None:
    """Raise SourceProblem("not_utf8") naming the line of the first byte that is not UTF-8.

    Read before any row is imported, so a file in another encoding stops the import at once
    rather than halfway through. A byte-order mark is allowed (Excel writes one).
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = 0
    lines = 1
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            # The decoder may hold back the first bytes of a character split between chunks.
            pending = len(decoder.getstate()[0])
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as error:
                in_chunk = max(0, error.start - pending)
                raise SourceProblem(
                    "not_utf8", line=lines + chunk.count(b"\n", 0, in_chunk), byte=offset + in_chunk + 1
                ) from None
            lines += chunk.count(b"\n")
            offset += len(chunk)
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            raise SourceProblem("not_utf8", line=lines, byte=offset) from None


class Source:
    """An open export: ``header`` (their column names) and ``rows()`` (row number, cells by column)."""

    def __init__(self, header: list[str], rows: Iterator[tuple[int, list[Any]]], close=None):
        self.header = header
        self._rows = rows
        self._close = close
        seen = set()
        for column in header:
            if column and column in seen:
                raise SourceProblem("duplicate_column", column=column)
            seen.add(column)

    def rows(self) -> Iterator[tuple[int, dict[str, Any]]]:
        """Each row that has anything in it, as (row number, {column: cell}); blank rows are skipped."""
        header = self.header
        width = len(header)
        for number, cells in self._rows:
            if not any(cell not in (None, "") for cell in cells):
                continue
            if len(cells) < width:
                cells = [*cells, *([None] * (width - len(cells)))]
            yield number, dict(zip(header, cells))

    def close(self):
        if self._close is not None:
            self._close()
            self._close = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _csv_source(path: Path, delimiter: str) -> Source:
    check_utf8(path)
    handle = open(path, newline="", encoding="utf-8-sig")
    reader = csv.reader(handle, delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        handle.close()
        raise SourceProblem("empty") from None
    header = [cell_text(name) for name in header]
    if not any(header):
        handle.close()
        raise SourceProblem("empty")

    def rows():
        # Row numbers as a spreadsheet shows them when it opens the file: the header is row 1.
        number = 1
        while True:
            number += 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as error:  # a field longer than the csv module allows, say
                raise SourceProblem("bad_row", row=number, error=str(error)) from None
            yield number, cells

    try:
        return Source(header, rows(), handle.close)
    except SourceProblem:
        handle.close()
        raise


def _xlsx_source(path: Path, sheet: str | None) -> Source:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise SourceProblem("not_xlsx", error=str(error) or type(error).__name__) from None
    if sheet is not None:
        if sheet not in workbook.sheetnames:
            workbook.close()
            raise SourceProblem("no_sheet", sheet=sheet, sheets=", ".join(workbook.sheetnames))
        worksheet = workbook[sheet]
    else:
        worksheet = workbook.worksheets[0]
    # Some programs write a wrong size into the sheet; read every row there is, whatever it says.
    worksheet.reset_dimensions()
    # Read-only sheets yield an empty row for each row missing from the XML, so counting gives
    # the row numbers the spreadsheet shows.
    values = enumerate(worksheet.iter_rows(values_only=True), start=1)
    header = []
    for _number, cells in values:
        header = [cell_text(cell) for cell in cells]
        if any(header):
            break
    if not any(header):
        workbook.close()
        raise SourceProblem("empty")
    while header and not header[-1]:
        header.pop()

    def rows():
        for number, cells in values:
            yield number, list(cells[: len(header)])

    try:
        return Source(header, rows(), workbook.close)
    except SourceProblem:
        workbook.close()
        raise


def open_source(path: str | Path, *, delimiter: str = ",", sheet: str | None = None) -> Source:
    """Open a .csv or .xlsx export; raises SourceProblem before any row is read if it cannot be."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise SourceProblem("unknown_type", suffix=suffix or path.name)
    if not path.is_file():
        raise SourceProblem("unreadable", path=str(path), error="no such file")
    try:
        if suffix == ".csv":
            return _csv_source(path, delimiter)
        return _xlsx_source(path, sheet)
    except PermissionError as error:
        raise SourceProblem("unreadable", path=str(path), error=error.strerror or str(error)) from None
