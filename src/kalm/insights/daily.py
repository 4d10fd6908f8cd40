"""Reading the daily figures (kalm.insights.models) next to the live rows, in one query.

A selector that can use them reads the period's whole days before ``DailyFiguresState.through``
from the rollup and the rest (today, and any day the worker has not rolled up yet) from the
live table, as one ``UNION ALL`` of grouped queries with the same columns (the bucket, the
columns grouped by, the counts and sums): the rollup's and the live rows' (and for the SLA
clocks the rolled-up days' clocks still pending, see selectors.sla_counts). The state is read inside that query (a subquery in
each half), so the two halves always split the period at the same instant and a page costs no
query more than before. The caller adds up the rows that land on the same key.

Which rollup grain answers a read is decided here (grain_for): the smallest one that holds every
column the read filters or groups by. None: the read goes to the live table alone, as before
(an agent's own figures are few, and an index on the assignee finds them)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import (
    BooleanField,
    DateTimeField,
    Func,
    IntegerField,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models import Case as SqlCase
from django.db.models.functions import Coalesce, Greatest

from kalm.insights.models import GRAINS, DailyFiguresState
from kalm.insights.types import Filters

# The dashboards' filters as the rollup's columns.
FILTER_DIMENSIONS = {
    "team_id": "team",
    "product_id": "product",
    "channel": "channel",
    "agent_id": "agent",
    "topic_id": "topic",
}


def filter_dims(f: Filters) -> dict[str, Any]:
    """The filters that are set, by rollup column: {"team": 3, "channel": "email"}."""
    dims = {}
    for attr, dim in FILTER_DIMENSIONS.items():
        value = getattr(f, attr)
        if value is not None and value != "":
            dims[dim] = value
    return dims


def grain_for(f: Filters, *grouped: str) -> str | None:
    """The smallest grain whose rows hold the filters' columns and ``grouped``; None when no
    grain does (the read goes to the live rows only)."""
    needed = set(filter_dims(f)) | set(grouped)
    for grain, dims in GRAINS.items():
        if needed <= set(dims):
            return grain
    return None


def rollup_filter(f: Filters) -> Q:
    q = Q()
    for dim, value in filter_dims(f).items():
        q &= Q(**{dim if dim == "channel" else f"{dim}_id": value})
    return q


def _state(field: str) -> Subquery:
    """One field of the worker's run state, as a subquery of the read that needs it."""
    return Subquery(DailyFiguresState.objects.order_by("pk").values(field)[:1])


def _through() -> Subquery:
    return _state("through")


def rolled_at() -> Subquery:
    """When the worker's last run started: the instant its rollup is as of."""
    return _state("started_at")


def rolled_until(start: datetime) -> Coalesce:
    """Where the rollup's days end: the start of the first day it does not hold (no state yet:
    ``start``, the period's, so that nothing is taken as rolled up)."""
    through_at = _state("through_at")
    return Coalesce(through_at, Value(start, output_field=DateTimeField()))


def live_since(start: datetime) -> Greatest:
    """Where a read of the live rows starts: the period's start, or the start of the first day
    not rolled up yet, whichever is later (no state yet: the period's start)."""
    through_at = _state("through_at")
    return Greatest(
        Value(start, output_field=DateTimeField()),
        Coalesce(through_at, Value(start, output_field=DateTimeField())),
    )


def rolled(model: type, grain: str, f: Filters, days: list[date] | None = None) -> QuerySet:
    """The rollup rows of ``grain`` for the period's days that are rolled up, filtered like
    the period; with ``days`` (the buckets' first days) also ``bucket``: the index into
    ``days`` of the bucket each row's day falls in."""
    rows = model.objects.filter(
        grain=grain, day__gte=f.start, day__lte=f.end, day__lt=_through()
    ).filter(rollup_filter(f))
    return rows.annotate(bucket=day_bucket("day", days)) if days else rows


def day_bucket(field: str, days: list[date]) -> SqlCase | Value:
    """As selectors._bucket, for a date column: the index into ``days`` of the bucket a row's
    day falls in (halving the buckets at each step)."""

    def among(lo: int, hi: int) -> SqlCase | Value:
        if hi - lo == 1:
            return Value(lo, output_field=IntegerField())
        mid = (lo + hi) // 2
        return SqlCase(
            When(**{f"{field}__lt": days[mid]}, then=among(lo, mid)),
            default=among(mid, hi),
            output_field=IntegerField(),
        )

    if len(days) == 1:
        # A constant would be left out of GROUP BY (see selectors._bucket).
        return SqlCase(
            When(**{f"{field}__gte": days[0]}, then=Value(0)), output_field=IntegerField()
        )
    return among(0, len(days))


class Likely(Func):
    """On SQLite, ``likely(<condition>)``: the condition holds for nearly every row. The
    worker's sampled statistics (kalm.core.database) say ``drill_id IS NULL`` and
    ``merged_into_id IS NULL`` pick out ~1,000 cases, so the planner reads every real case
    through one of those foreign-key indexes instead of the period's range of the dashboards'
    covering partial index (case_real_created_cover): at 200,000 cases a year of cases by
    channel took 350 ms instead of 100. Unlike ``+drill_id`` (kalm.desk.selectors), the hint
    leaves the terms as written, which the partial index's condition must match. Elsewhere the
    condition as it is."""

    function = "likely"
    output_field = BooleanField()

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, Any]:
        return compiler.compile(self.get_source_expressions()[0])

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, Any]:
        return super().as_sql(compiler, connection, **extra)


def desk_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def local_midnight(day: date) -> datetime:
    """The instant the desk's local ``day`` starts (as selectors._bounds works it out)."""
    return datetime.combine(day, time.min, tzinfo=desk_zone())


def day_runs(days: set[date], longest: int = 31) -> list[tuple[date, date]]:
    """Days as runs of consecutive days (first, last), none longer than ``longest``."""
    runs: list[tuple[date, date]] = []
    for day in sorted(days):
        if runs and day == runs[-1][1] + timedelta(days=1) and (day - runs[-1][0]).days < longest:
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    return runs
