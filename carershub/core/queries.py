"""Small helpers for queries every app runs on every page."""

import copy
import threading

from django.core.exceptions import EmptyResultSet, ImproperlyConfigured
from django.db import connections, router
from django.db.models import QuerySet
from django.db.models.query import ModelIterable, ValuesListIterable
from django.db.models.sql import Query


def unique_or_none(queryset):
    """The one row a primary-key (or other unique) lookup finds, or None.

    ``first()`` adds an ORDER BY (the model's ordering, or the primary key) that a unique lookup
    does not need, and Django compiles it by comparing every selected column: with a few joins,
    a noticeable part of a page that opens a record and loads the signed-in user on every request.
    """
    return next(iter(queryset.order_by()[:1]), None)


def as_key(value) -> int | None:
    """``value`` as a primary key a prepared query can take (an integer a big integer column holds),
    or None: what a filter on the key would have found nothing for, never a database error."""
    try:
        key = int(value)
    except (TypeError, ValueError):
        return None
    return key if -(2**63) <= key < 2**63 else None


# Stand-ins for the values a prepared query is built with: integers no key, count or setting
# holds, so each is found again in the compiled parameters and nothing else is mistaken for one.
# Positive and within a 32-bit integer, so no integer column's range check drops the condition.
_MARK = 2_061_584_302


class Prepared:
    """A query of one shape, built and compiled to SQL once per process and database, then run
    with new values (DEVELOPERS.md decision 65).

    Django builds and compiles a queryset's SQL again every time it runs: with a few joins, about
    1 ms of Python, more than the query's own time in PostgreSQL. The few queries every page runs
    (the signed-in user, the person opened, their caring relationships, their timeline) are
    declared once instead::

        LOAD = Prepared(lambda pk: Person.objects.select_related("area").filter(pk=pk))
        rows = LOAD(42)

    ``build`` takes one argument per value and returns a queryset of model instances; it is called
    once per database connection with stand-in integers in place of the values. Every stand-in must
    reach the SQL's parameters unchanged (a filter on a key or an integer column does), or the
    query is refused when first run. The values go to the database as given, without the field's
    conversion a filter would make: pass what the column holds (an ``int`` for a key). Anything
    that changes the SQL's shape (which relations come with the row, how many values an ``IN``
    lists, a slice) belongs in ``build``'s own code: make a ``Prepared`` per shape
    (``Prepared.keyed``). ``prefetch_related`` is refused: it runs queries of its own. What the
    rows become (converters, the related rows of ``select_related``, annotations) is Django's own
    ``ModelIterable``, as for any queryset. A ``values_list()`` query (not flat, not named) returns
    tuples instead, converted as Django converts them, without a model instance per row: for a page
    that shows many rows and keeps none of them (a page of search results).
    """

    def __init__(self, build, *, name: str = ""):
        self._build = build
        self._name = name or getattr(build, "__qualname__", "query")
        self._compiled = threading.local()  # a database connection belongs to one thread

    def __call__(self, *values, using: str | None = None) -> list:
        model, alias, compiler, sql, params, slots, tuples = self._compiled_for(len(values), using)
        params = tuple(values[slot] if slot is not None else param for param, slot in zip(params, slots))
        query = _Compiled(model, compiler, sql, params)
        if tuples:
            return list(query.get_compiler(using=alias).results_iter(tuple_expected=True))
        return list(QuerySet(model=model, query=query, using=alias))

    def _compiled_for(self, count: int, using: str | None):
        by_alias = self._compiled.__dict__
        key = (using, count)
        if key in by_alias:
            entry = by_alias[key]
            if entry[2].connection is connections[entry[1]]:
                return entry
        entry = by_alias[key] = self._compile(count, using)
        return entry

    def _compile(self, count: int, using: str | None):
        marks = [_MARK + i for i in range(count)]
        queryset = self._build(*marks)
        tuples = queryset._iterable_class is ValuesListIterable
        if queryset._prefetch_related_lookups or not (tuples or queryset._iterable_class is ModelIterable):
            raise ImproperlyConfigured(
                f"{self._name}: a prepared query returns model instances or values_list() tuples,"
                " without prefetch_related"
            )
        alias = using or queryset._db or router.db_for_read(queryset.model)
        compiler = queryset.query.get_compiler(using=alias)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:
            # Django found the query can match nothing (an empty IN, a value out of a column's
            # range): with stand-ins, that may not hold for the real values.
            raise ImproperlyConfigured(f"{self._name}: Django compiled it as matching nothing") from None
        slots, found = [], set()
        for param in params:
            slot = param - _MARK if type(param) is int and _MARK <= param < _MARK + count else None
            slots.append(slot)
            if slot is not None:
                found.add(slot)
        if found != set(range(count)):
            raise ImproperlyConfigured(
                f"{self._name}: values {sorted(set(range(count)) - found)} did not reach the SQL's parameters unchanged"
            )
        # Which columns need converting, and how, is the same on every run: Django works it out
        # again for each (comparing every column's field with its target), so it is kept here.
        converters = compiler.get_converters([column for column, *_ in compiler.select[: compiler.col_count]])
        compiler.get_converters = lambda expressions: converters
        return queryset.model, alias, compiler, sql, tuple(params), tuple(slots), tuples

    @classmethod
    def keyed(cls, build, *, name: str = ""):
        """One ``Prepared`` per shape: ``build(shape, *values)``, called as ``query(shape, *values)``.

        ``shape`` must be hashable and come from a small set (a tuple of relation names, of event
        kinds): each one is compiled and kept for the life of the process.
        """
        return _Keyed(build, name=name)


class _Keyed:
    def __init__(self, build, *, name: str):
        self._build, self._name, self._by_shape = build, name, {}

    def __call__(self, shape, *values, using: str | None = None) -> list:
        prepared = self._by_shape.get(shape)
        if prepared is None:
            prepared = self._by_shape.setdefault(
                shape, Prepared(lambda *marks: self._build(shape, *marks), name=f"{self._name}{shape!r}")
            )
        return prepared(*values, using=using)


class _Compiled(Query):
    """A query whose SQL is already compiled: Django's ``ModelIterable`` runs it as its own.

    The compiler (what the columns are, which model and related rows they fill, their converters,
    worked out once) is a copy of the one that compiled the SQL, on this thread's connection,
    answering ``as_sql`` with the SQL and this call's parameters.
    """

    def __init__(self, model, compiler, sql, params):
        super().__init__(model)
        self._ready = compiler, sql, params

    def get_compiler(self, using=None, connection=None, elide_empty=True):
        compiler, sql, params = self._ready
        ready = copy.copy(compiler)
        ready.connection = connection or connections[using]
        ready.as_sql = lambda *args, **kwargs: (sql, params)
        return ready
