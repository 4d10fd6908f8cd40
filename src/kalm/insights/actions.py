"""The only writes of the insights app: the daily figures (kalm.insights.models), which the
worker keeps (kalm.insights.tasks) and ``kalm insights_rebuild`` rebuilds.

daily_figures_refresh, every few minutes: rolls up the days that ended since the last run, and
recomputes every earlier day the desk touched since then: the days cases came in of the cases
changed since (a case's ``updated_at`` moves with every change of its team, assignee, status,
first reply, resolution, merge), the days of those cases' analyses and of the analyses made
since, the days of the answers given or completed since, and the days of the cases whose SLA
clocks fell due since (their verdict turned from running to late: see
selectors.sla_settled). A day is recomputed whole, from
the live rows, and written in one transaction, so a reader sees it before or after, never half.

What leaves no trace in ``updated_at`` (a case deleted, a drill flag set by a bulk update, a
message analysed again) is caught by daily_figures_rebuild, which the worker runs every night."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Min, QuerySet
from django.utils import timezone

from kalm.cases.models import Case
from kalm.empathy.models import MessageAnalysis
from kalm.insights import daily, selectors
from kalm.insights.models import (
    DIMENSIONS,
    GRAINS,
    DailyAnswerFigures,
    DailyCaseFigures,
    DailyFigures,
    DailyFiguresState,
    DailySentimentFigures,
    DailySlaFigures,
)
from kalm.insights.types import Filters
from kalm.sla.models import CaseSla
from kalm.surveys.models import Response

# How far back a run looks for changes before the previous run's start: a transaction that
# began before that start and committed after it carries an older ``updated_at``.
OVERLAP = timedelta(minutes=15)
SLA_TARGETS = (selectors.SLA_FIRST, selectors.SLA_RESOLUTION)


@dataclass(frozen=True)
class Source:
    """One kind of live row the dashboards add up, and its rollup."""

    model: type[DailyFigures]
    # The period's rows as the selectors count them, at the run's start.
    rows: Callable[[Filters, datetime], QuerySet]
    columns: dict[str, str]  # rollup column -> the live rows' lookup
    # Rollup column -> aggregate over the live rows, at the run's start.
    sums: Callable[[datetime], dict[str, Any]]
    zero: dict[str, Any]


CASE_COLUMNS = {
    "team": "team_id",
    "channel": "channel",
    "product": "product_id",
    "topic": "topic_id",
    "agent": "assignee_id",
}

SOURCES: dict[str, Source] = {
    "cases": Source(
        model=DailyCaseFigures,
        rows=lambda f, now: selectors._cases(f),
        columns=CASE_COLUMNS,
        sums=lambda now: selectors._case_sums(),
        zero=selectors.CASE_ZERO,
    ),
    "sla": Source(
        model=DailySlaFigures,
        # Only the cases whose clocks are settled: the others are read live (sla_counts).
        rows=lambda f, now: selectors._cases(f).filter(
            selectors.sla_settled(selectors.SLA_FIRST, now, "sla__"),
            selectors.sla_settled(selectors.SLA_RESOLUTION, now, "sla__"),
            sla__isnull=False,
        ),
        columns=CASE_COLUMNS,
        sums=selectors._sla_aggregates,
        zero=dict.fromkeys(selectors.SLA_KEYS, 0),
    ),
    "answers": Source(
        model=DailyAnswerFigures,
        rows=lambda f, now: selectors._answers(f),
        columns={**CASE_COLUMNS, "agent": "agent_id"},
        sums=lambda now: selectors._answer_aggregates(expectation=True),
        zero=selectors.ANSWER_ZERO,
    ),
    "sentiment": Source(
        model=DailySentimentFigures,
        rows=lambda f, now: selectors._analyses(f),
        columns={dim: f"case__{lookup}" for dim, lookup in CASE_COLUMNS.items()},
        sums=lambda now: dict(selectors.SENTIMENT_SUMS),
        zero=selectors.SENTIMENT_ZERO,
    ),
}


def _figures(source: Source, first: date, last: date, now: datetime) -> list[DailyFigures]:
    """The rollup rows of the days ``first`` .. ``last`` (consecutive) from the live rows as
    they are at ``now``: one query grouped by day and every column, added up into each
    grain."""
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    period = Filters(start=first, end=last)
    lookups = [source.columns[dim] for dim in DIMENSIONS]
    rows = (
        source.rows(period, now)
        .annotate(bucket=selectors._bucket("created_at", period, days))
        .order_by()
        .values("bucket", *lookups)
        .annotate(**source.sums(now))
    )
    cells: dict[tuple, dict[str, Any]] = {}
    for row in rows:
        values = dict(zip(DIMENSIONS, (row[lookup] for lookup in lookups), strict=True))
        sums = {
            name: row[name] if row[name] is not None else source.zero[name] for name in source.zero
        }
        for grain, dims in GRAINS.items():
            key = (grain, days[row["bucket"]], *(values[dim] for dim in dims))
            cell = cells.get(key)
            if cell is None:
                cells[key] = dict(sums)
            else:
                for name, value in sums.items():
                    cell[name] += value
    out = []
    for (grain, day, *keyed), sums in cells.items():
        dims = dict(zip(GRAINS[grain], keyed, strict=True))
        out.append(
            source.model(
                grain=grain,
                day=day,
                team_id=dims.get("team"),
                channel=dims.get("channel") or "",
                product_id=dims.get("product"),
                topic_id=dims.get("topic"),
                agent_id=dims.get("agent"),
                **sums,
            )
        )
    return out


def _write(days: Iterable[date], now: datetime) -> int:
    """Recompute ``days`` of every source as at ``now`` (the run's start), a run of at most a
    month per transaction. Returns how many rollup rows were written."""
    written = 0
    for first, last in daily.day_runs(set(days)):
        made = {name: _figures(source, first, last, now) for name, source in SOURCES.items()}
        with transaction.atomic():
            # One writer at a time (the rebuild command and the worker may overlap): a second
            # one waits here and then deletes what the first wrote before writing its own.
            DailyFiguresState.objects.select_for_update().filter(pk=_state().pk).first()
            for name, source in SOURCES.items():
                source.model.objects.filter(day__gte=first, day__lte=last).delete()
                source.model.objects.bulk_create(made[name], batch_size=2000)
                written += len(made[name])
    return written


def _state() -> DailyFiguresState:
    state = DailyFiguresState.objects.order_by("pk").first()
    return state or DailyFiguresState.objects.create()


def _local_day(at: datetime) -> date:
    return timezone.localdate(at, daily.desk_zone())


def _touched_days(since: datetime, now: datetime) -> set[date]:
    """The local days whose figures may have changed since ``since``: see the module
    docstring."""
    days: set[date] = set()
    # SLA clocks that fell due since: pending at the last run, settled now.
    for target in SLA_TARGETS:
        due = CaseSla.objects.filter(**{f"{target}_due__gte": since, f"{target}_due__lt": now})
        days |= {_local_day(at) for at in due.values_list("case__created_at", flat=True)}
    changed = Case.objects.filter(updated_at__gte=since).order_by()
    case_ids = []
    for case_id, created_at in changed.values_list("id", "created_at").iterator(chunk_size=2000):
        case_ids.append(case_id)
        days.add(_local_day(created_at))
    answers = Response.objects.filter(updated_at__gte=since).order_by()
    days |= {_local_day(at) for at in answers.values_list("created_at", flat=True).iterator()}
    analyses = MessageAnalysis.objects.filter(created_at__gte=since).order_by()
    days |= {_local_day(at) for at in analyses.values_list("created_at", flat=True).iterator()}
    for start in range(0, len(case_ids), 500):
        of_cases = MessageAnalysis.objects.filter(case_id__in=case_ids[start : start + 500])
        days |= {_local_day(at) for at in of_cases.order_by().values_list("created_at", flat=True)}
    return days


def _finish(state: DailyFiguresState, today: date, started: datetime) -> None:
    DailyFiguresState.objects.filter(pk=state.pk).update(
        through=today,
        through_at=daily.local_midnight(today),
        started_at=started,
        finished_at=timezone.now(),
    )


def daily_figures_refresh(*, now: datetime | None = None) -> dict[str, Any]:
    """Roll up the days that ended since the last run and recompute the days touched since
    (see the module docstring); the first run rebuilds everything. For the worker's log: how
    many days and rows."""
    now = now or timezone.now()
    state = _state()
    if state.through is None or state.started_at is None:
        return daily_figures_rebuild(now=now)
    today = _local_day(now)
    days = {day for day in _touched_days(state.started_at - OVERLAP, now) if day < state.through}
    day = state.through
    while day < today:
        days.add(day)
        day += timedelta(days=1)
    rows = _write(days, now)
    _finish(state, max(today, state.through), now)
    return {"days": len(days), "rows": rows}


def daily_figures_rebuild(*, now: datetime | None = None) -> dict[str, Any]:
    """Recompute every day before today from the live rows (and drop rows of days that have
    none any more). For ``kalm insights_rebuild`` and the nightly run."""
    now = now or timezone.now()
    state = _state()
    today = _local_day(now)
    firsts = [
        Case.objects.aggregate(first=Min("created_at"))["first"],
        Response.objects.aggregate(first=Min("created_at"))["first"],
        MessageAnalysis.objects.aggregate(first=Min("created_at"))["first"],
    ]
    known = [_local_day(at) for at in firsts if at is not None]
    first = min(known) if known else today
    with transaction.atomic():
        for source in SOURCES.values():
            source.model.objects.filter(day__lt=first).delete()
            source.model.objects.filter(day__gte=today).delete()
    days = {first + timedelta(days=n) for n in range((today - first).days)}
    rows = _write(days, now)
    _finish(state, today, now)
    return {"days": len(days), "rows": rows}
