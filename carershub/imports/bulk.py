"""Reading and writing a batch in as few statements, and as few parameters, as the database allows.

On PostgreSQL each table's new rows go in with one ``COPY`` (psycopg's ``cursor.copy()``),
the fastest way in; elsewhere (SQLite) with Django's ``bulk_create``. New records' ids are
reserved first (``reserve_ids``), so every row of a batch, and the rows pointing at them, can
be made ready before any is written. Neither calls ``save()``: the caller gives every column
a value, search keys included.
"""

from __future__ import annotations

import json
import re

from django.core.exceptions import ImproperlyConfigured
from django.db import connection, models, transaction
from django.db.models import Q
from django.db.models.expressions import RawSQL


def _columns(model) -> dict[str, models.Field]:
    return {f.attname: f for f in model._meta.concrete_fields}


def reserve_ids(model, count: int) -> list[int]:
    """Ids for ``count`` new rows of ``model``, taken from the table's own sequence now.

    The batch's rows are then written with their ids, so the rows that point at them (links,
    events, carer profiles) are ready at the same time. PostgreSQL: ``nextval`` of the
    identity sequence. SQLite: the table's AUTOINCREMENT counter (``sqlite_sequence``), moved
    on in one statement; anything else inserted later gets an id after the reserved ones. An
    id reserved and not used is a gap, as after any rolled-back insert.
    """
    if count <= 0:
        return []
    meta = model._meta
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [meta.db_table, meta.pk.column, count],
            )
            return [row[0] for row in cursor.fetchall()]
        if connection.vendor != "sqlite":
            # Carers Hub runs on PostgreSQL or SQLite (settings.DATABASES); nothing else is supported.
            raise ImproperlyConfigured(f"Carers Hub cannot import into a {connection.vendor} database")
    # SQLite: read and move the counter in one transaction (it takes the write lock first).
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SELECT max({connection.ops.quote_name(meta.pk.column)}) FROM {meta.db_table}")
        highest = cursor.fetchone()[0] or 0
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [meta.db_table])
        row = cursor.fetchone()
        start = max(highest, row[0] if row else 0)
        if row:
            cursor.execute("UPDATE sqlite_sequence SET seq = %s WHERE name = %s", [start + count, meta.db_table])
        else:
            cursor.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [meta.db_table, start + count])
        return list(range(start + 1, start + count + 1))


class Rows:
    """New rows of one table, made ready to write without the database (so in the reading thread).

    On PostgreSQL that is the data of a ``COPY ... FROM STDIN`` in its text format
    (``copy_text``): the database thread then only sends it, in a few large writes, and the
    database parses the text format faster than CSV. Elsewhere, model instances for
    ``bulk_create``.
    """

    def __init__(self, model, names: list[str], rows: list[list]):
        self.model = model
        self.count = len(rows)
        self.data = self.objects = None
        if not rows:
            return
        if connection.vendor == "postgresql":
            fields = _columns(model)
            qn = connection.ops.quote_name
            columns = ", ".join(qn(fields[name].column) for name in names)
            self.sql = f"COPY {qn(model._meta.db_table)} ({columns}) FROM STDIN"
            self.data = copy_text([fields[name] for name in names], rows)
        else:
            self.objects = [model(**dict(zip(names, row))) for row in rows]

    def write(self):
        if self.data is not None:
            with connection.cursor() as cursor, cursor.cursor.copy(self.sql) as copy:
                copy.write(self.data)
        elif self.objects:
            self.model.objects.bulk_create(self.objects, batch_size=500)


def insert_rows(model, names: list[str], rows: list[list]) -> None:
    """Insert ``rows``, each a list of values in the order of ``names`` (attribute names, ``id`` included if given)."""
    Rows(model, names, rows).write()


# COPY's text format (PostgreSQL manual, COPY, "Text Format"): a line a row, a tab between
# columns, \N for NULL, and a backslash before a backslash, tab, newline or carriage return.
_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
_SPECIAL = re.compile(r"[\\\t\n\r]")
_NEWLINES = re.compile(r"[\n\r]")
_JSON = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False)
NULL = "\\N"


def _text(value) -> str:
    if value is None:
        return NULL
    if value.__class__ is not str:
        value = str(value)  # numbers; dates and times print as ISO 8601, which PostgreSQL reads
    return value.translate(_ESCAPES) if _SPECIAL.search(value) else value


def copy_text(fields, rows) -> bytes:
    """Rows in the text format of PostgreSQL's COPY, for these model fields in this order.

    Most values need no escaping, so each line is first written plainly and then checked whole
    (three scans in C instead of a call and a search for each value); a line where any value has
    a tab, newline, carriage return or backslash is written again value by value, escaped.
    Booleans print as True and False, which PostgreSQL reads as booleans; JSON is encoded first.
    """
    json_at = [i for i, field in enumerate(fields) if isinstance(field, models.JSONField)]
    tabs = len(fields) - 1
    lines = []
    for row in rows:
        if json_at:
            row = list(row)
            for i in json_at:
                row[i] = _JSON.encode(row[i])  # None is JSON's null, as before
        texts = [value if value.__class__ is str else NULL if value is None else str(value) for value in row]
        line = "\t".join(texts)
        # Each None is one backslash (\N); any other backslash is in a value (a value "\N" too).
        if line.count("\t") != tabs or line.count("\\") != row.count(None) or _NEWLINES.search(line):
            line = "\t".join([NULL if value is None else _text(value) for value in row])
        lines.append(line)
    lines.append("")
    return "\n".join(lines).encode()


def array(values) -> str:
    """A PostgreSQL array literal (PostgreSQL manual, "Array Value Input") of numbers, dates or text.

    Sent as one text parameter and cast in the query (``%s::date[]``). psycopg adapts a Python
    list element by element in Python; for the thousands of values of a batch that is most of
    what the database thread does besides waiting. Every element is quoted, with a backslash
    before a backslash or a double quote, so any text arrives as it was. Never None.
    """
    texts = [value if value.__class__ is str else str(value) for value in values]
    if not texts:
        return "{}"
    joined = '","'.join(texts)
    if "\\" in joined or '"' in joined:
        joined = '","'.join([text.replace("\\", "\\\\").replace('"', '\\"') for text in texts])
    return '{"' + joined + '"}'


def among(model, name: str, values):
    """A filter: ``name`` is one of ``values``. On PostgreSQL one array parameter (``= ANY(%s)``).

    A query with thousands of parameters costs more to build and parse than to run; an array
    is one value however long, and ``= ANY`` is answered from the column's index whatever the
    planner believes about a table this import is filling (statistics lag behind a big load).
    """
    values = list(values)
    if connection.vendor != "postgresql":
        return Q(**{f"{name}__in": values})
    field = model._meta.get_field(name)
    db_type = "bigint" if isinstance(field, (models.AutoField, models.ForeignKey, models.IntegerField)) else "text"
    qn = connection.ops.quote_name
    return RawSQL(
        f"{qn(model._meta.db_table)}.{qn(field.column)} = ANY(%s::{db_type}[])", [array(values)],
        output_field=models.BooleanField(),
    )


def set_run(table: str, run_id: int, rows: list[tuple[int, int]]):
    """Stamp rows of ``table`` (id, row number) with the run that read them."""
    if not rows:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"UPDATE {table} AS t SET run_id = %s, row_number = v.n "
                "FROM unnest(%s::bigint[], %s::integer[]) AS v(id, n) WHERE t.id = v.id",
                [run_id, array([pk for pk, _n in rows]), array([n for _pk, n in rows])],
            )
            return
        for start in range(0, len(rows), 400):
            chunk = rows[start : start + 400]
            cases = " ".join(["WHEN %s THEN %s"] * len(chunk))
            cursor.execute(
                f"UPDATE {table} SET run_id = %s, row_number = CASE id {cases} END "
                f"WHERE id IN ({', '.join(['%s'] * len(chunk))})",
                [run_id, *[v for pair in chunk for v in pair], *[pk for pk, _n in chunk]],
            )


def refresh_statistics(*models_) -> None:
    """ANALYZE tables that were empty when this session first planned queries on them.

    PostgreSQL plans each foreign-key check once per session and keeps the plan. An import into
    a new installation starts with empty tables, for which a sequential scan looks cheapest;
    kept, every check (a carer profile's person, an event's person) then reads the whole
    growing table. Statistics taken after the first batch make the kept plans use the primary
    key (ANALYZE invalidates them); autovacuum keeps them current as the tables grow.
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(model._meta.db_table) for model in models_))
