"""Every table of figures downloadable as CSV and as an Excel workbook (XLSX), from one description.

A page builds ``Table`` objects from the same published (small numbers suppressed) figures it
shows, and its download view answers ``download(tables, stem, fmt)``: the CSV holds the tables one
after another with a blank row between, the workbook one sheet per table. Numbers stay numbers
(``Decimal`` money stays exact in both), and text that a spreadsheet would run as a formula is
made plain (``core.spreadsheet.safe_cell``), whoever typed it.
"""

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.http import Http404, HttpResponse

from carershub.core.spreadsheet import safe_cell

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass
class Table:
    title: str
    headings: Sequence[str]
    rows: Sequence[Sequence]
    # Lines above the table: the period, the area, what a suppressed cell means, the definition.
    notes: Sequence[str] = field(default_factory=tuple)


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float | Decimal):
        return value
    return safe_cell(str(value))


def _csv(tables: Sequence[Table]) -> bytes:
    out = io.StringIO()
    out.write("\ufeff")  # so spreadsheet programs read it as UTF-8
    writer = csv.writer(out)
    for index, table in enumerate(tables):
        if index:
            writer.writerow([])
        writer.writerow([_cell(table.title)])
        for note in table.notes:
            writer.writerow([_cell(note)])
        writer.writerow([_cell(h) for h in table.headings])
        for row in table.rows:
            writer.writerow([_cell(c) for c in row])
    return out.getvalue().encode("utf-8")


_SHEET_UNSAFE = re.compile(r"[\[\]:*?/\\]")


def _sheet_name(title: str, used: set[str]) -> str:
    # Excel allows 31 characters and none of []:*?/\ in a sheet's name, each name once.
    base = _SHEET_UNSAFE.sub(" ", title).strip()[:28] or "Sheet"
    name, n = base, 2
    while name.lower() in used:
        name, n = f"{base[:25]} ({n})", n + 1
    used.add(name.lower())
    return name


def _xlsx(tables: Sequence[Table]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook(write_only=False)
    book.remove(book.active)
    used: set[str] = set()
    for table in tables:
        sheet = book.create_sheet(_sheet_name(table.title, used))
        sheet.append([_cell(table.title)])
        sheet.cell(row=1, column=1).font = Font(bold=True)
        for note in table.notes:
            sheet.append([_cell(note)])
        sheet.append([_cell(h) for h in table.headings])
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append([_cell(c) for c in row])
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, Decimal):
                    cell.number_format = "#,##0.00"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def download(tables: Sequence[Table] | Table, stem: str, fmt: str) -> HttpResponse:
    """The tables as an attachment called ``stem.csv`` or ``stem.xlsx``; any other format is a 404."""
    if fmt not in FORMATS:
        raise Http404("No such download format")
    if isinstance(tables, Table):
        tables = [tables]
    body = _csv(tables) if fmt == "csv" else _xlsx(tables)
    response = HttpResponse(body, content_type=FORMATS[fmt])
    safe_stem = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-") or "figures"
    response["Content-Disposition"] = f'attachment; filename="{safe_stem}.{fmt}"'
    return response
