"""Reads compiled to SQL once per process and database connection, then run many times.

Django compiles a queryset to SQL every time it is evaluated. For the desk's inbox that is
most of a request: its reads (joins, the crisis lane's subqueries, the partial-index literals)
cost 1-4 ms of Python each to build and compile, ten to thirty times what SQLite or PostgreSQL
take to run them, and the same handful of them is asked on every page load. A read whose SQL
and parameters are wholly determined by a key (the filters, the drill, the user where the
filter names them) is compiled the first time that key is seen on a connection and its SQL
reused after that, much as a prepared statement is.

The caller owns the key: it must hold every input the query depends on. A read that depends
on the clock or on free text (overdue, search) is not one of these.

The cache lives on the thread's database connection wrapper (Django gives each thread its
own), so a compiled query is never shared between threads; it is bounded (least recently used
out first) and survives reconnects, since the SQL does not depend on the session.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import QuerySet

CACHE_SIZE = 256  # compiled reads per connection; a few KB each
_ATTRIBUTE = "_kalm_prepared"
_EMPTY = object()  # the query can match nothing (e.g. ``pk__in=[]``): no SQL to run


def _cache(alias: str) -> OrderedDict[Hashable, Any]:
    wrapper = connections[alias]
    cache = wrapper.__dict__.get(_ATTRIBUTE)
    if cache is None:
        cache = wrapper.__dict__[_ATTRIBUTE] = OrderedDict()
    return cache


def _remember(cache: OrderedDict[Hashable, Any], key: Hashable, value: Any) -> None:
    cache[key] = value
    if len(cache) > CACHE_SIZE:
        cache.popitem(last=False)


# Stand-ins for the values a read takes (``values=`` below) while it is compiled: numbers and
# texts no table holds, each found once among the compiled parameters to learn where the values
# go.
_STAND_IN = -(2**62)


def _stand_in(index: int, value: Any) -> Any:
    if isinstance(value, str):
        return f"\x00kalm-stand-in-{index}\x00"
    if isinstance(value, int) and not isinstance(value, bool):
        return _STAND_IN - index
    raise TypeError(f"A prepared read takes integers and texts, not {type(value).__name__}.")


class _Prepared:
    """A queryset whose compiler answers with SQL compiled once; ``slots`` are the positions
    of the caller's values among its parameters."""

    def __init__(
        self, queryset: QuerySet[Any], compiler: Any, sql: str, params: tuple, slots: tuple
    ) -> None:
        self.queryset, self.compiler = queryset, compiler
        self.sql, self.params, self.slots = sql, params, slots

    def rows(self, values: tuple) -> list[Any]:
        params = self.params
        if self.slots:
            params = list(params)
            for slot, value in zip(self.slots, values, strict=True):
                params[slot] = value
            params = tuple(params)
        queryset, compiler, sql = self.queryset, self.compiler, self.sql
        # The compiler keeps what compiling worked out (the select list, the related models'
        # positions, the annotations' columns), which turning rows into objects needs; only
        # its SQL step is skipped. The queryset itself is never evaluated (its result cache
        # stays empty): each call runs its iterable afresh, as evaluating a clone would.
        compiler.as_sql = lambda *args, **kwargs: (sql, params)  # type: ignore[method-assign]
        queryset.query.get_compiler = lambda *args, **kwargs: compiler  # type: ignore[method-assign]
        return list(queryset._iterable_class(queryset))


def _prepare(queryset: QuerySet[Any], values: tuple) -> _Prepared | object | None:
    """``queryset`` compiled, or ``_EMPTY``; None when the values cannot be placed (the query
    uses one of them twice, or changes it): then it is compiled on every call."""
    if queryset._prefetch_related_lookups:
        raise ValueError("A prepared read cannot prefetch: prefetch after it instead.")
    compiler = queryset.query.get_compiler(using=queryset.db)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:
        return _EMPTY
    if not sql:
        return _EMPTY
    params = tuple(params)
    slots = []
    for stand_in in values:
        found = [at for at, param in enumerate(params) if param == stand_in]
        if len(found) != 1:
            return None
        slots.append(found[0])
    return _Prepared(queryset, compiler, sql, params, tuple(slots))


def prepared_list(
    key: Hashable,
    build: Callable[..., QuerySet[Any]],
    *,
    values: Sequence[int | str] = (),
    using: str = DEFAULT_DB_ALIAS,
) -> list[Any]:
    """The rows (models, values or flat values, as the queryset says) of ``build(*values)``,
    whose SQL is compiled only the first time ``key`` is asked on this connection.

    ``values`` are integers or texts that change from call to call (the ids of a page's cases,
    a token's prefix): the read is compiled with stand-ins for them and takes each call's values
    in their places. ``build`` must use each of them once, as it is (``case_id__in=ids``,
    ``prefix=prefix``); a lookup that changes its value (``iexact``, ``contains``) makes the read
    an ordinary one, compiled on every call."""
    values = tuple(values)
    cache = _cache(using)
    cache_key = (key, tuple(type(value).__name__ for value in values))
    prepared = cache.get(cache_key)
    if prepared is None:
        stand_ins = tuple(_stand_in(index, value) for index, value in enumerate(values))
        built = build(*stand_ins)
        if built.db != using:
            raise ValueError(f"A prepared read for {using!r} was built for {built.db!r}.")
        prepared = _prepare(built, stand_ins)
        if prepared is None:
            return list(build(*values))  # not preparable: an ordinary read
        _remember(cache, cache_key, prepared)
    else:
        cache.move_to_end(cache_key)
    if prepared is _EMPTY:
        return []
    return prepared.rows(values)  # type: ignore[union-attr]


def prepared_count(
    key: Hashable, build: Callable[[], QuerySet[Any]], *, using: str = DEFAULT_DB_ALIAS
) -> int:
    """``build().count()`` with its SQL compiled once per ``key`` and connection. Give a
    narrow, sliced queryset to bound the count (``qs.values("id")[:501]``): its rows are
    counted as they are, slice included."""
    cache = _cache(using)
    count_key = ("count", key)
    entry = cache.get(count_key)
    if entry is None:
        built = build()
        if built.db != using:
            raise ValueError(f"A prepared read for {using!r} was built for {built.db!r}.")
        compiler = built.query.get_compiler(using=using)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:
            sql, params = "", ()
        entry = (f"SELECT COUNT(*) FROM ({sql}) counted", tuple(params)) if sql else _EMPTY
        _remember(cache, count_key, entry)
    else:
        cache.move_to_end(count_key)
    if entry is _EMPTY:
        return 0
    with connections[using].cursor() as cursor:
        cursor.execute(*entry)
        return int(cursor.fetchone()[0])


def forget_prepared(using: str = DEFAULT_DB_ALIAS) -> None:
    """Drop this connection's compiled reads (tests that change the schema under them)."""
    connections[using].__dict__.pop(_ATTRIBUTE, None)
