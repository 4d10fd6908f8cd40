"""The reads behind the dashboards: volumes, response and resolution times, SLA, backlog,
satisfaction, expectation, sentiment and crisis periods, for the filters of one dashboard.

Every function runs a fixed, small number of aggregate queries (grouped in the database by
time bucket or by team, channel, product, topic or agent), never a loop over rows, so the figures
stay fast on a million cases. Drill cases and merged duplicates never count: a drill is rehearsal,
and a merged duplicate would count one complaint twice. Days are the desk's local days
(settings.TIME_ZONE), so a case opened at 00:30 in Amsterdam counts on that day, not the UTC one.

Answers (kalm.surveys.Response) are filtered on the team, product, topic, channel and agent they
copied when answered, not on the case as it is now: a case moved to another team later does not
move its answer. Nor do they depend on the case being a drill or merged: drill cases are never
surveyed, and an answer on a case merged into another later is still a real opinion.

SLA clocks (kalm.sla.CaseSla, per target) are met, late or still running: see _sla_met.

Whole days are read from the daily figures the worker keeps (kalm.insights.models): on SQLite a
year of a million cases takes seconds to add up row by row, their sums per day a few ms. The
days not rolled up yet (today, and any day since the worker last ran) come from the live rows,
in the same query (kalm.insights.daily), so each read stays one query and gives the very same
figures. A read filtered or grouped by columns no rollup holds together (an agent's own figures
by channel, a channel and a product) reads the live rows only."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection
from django.db.models import Case as SqlCase  # kalm.cases' Case is the model
from django.db.models import (
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.utils import timezone
from django.utils.translation import gettext as _

from kalm.accounts.models import Team
from kalm.cases.models import OPEN_STATUSES, Case, Channel
from kalm.core.i18n import page_language
from kalm.crisis.models import Crisis
from kalm.empathy.models import MessageAnalysis
from kalm.insights import daily
from kalm.insights.models import (
    DailyAnswerFigures,
    DailyCaseFigures,
    DailySentimentFigures,
    DailySlaFigures,
)
from kalm.insights.types import Filters, Series, Table
from kalm.sla.models import CaseSla
from kalm.surveys.models import Response

# Where the dashboards stop drawing days and start drawing weeks, then months: a chart stays
# readable with up to about 60 points. The filter form's "Last 12 months" (334-365 days: it
# starts on the 1st of the month eleven months back) must land on months, so weeks stop well
# before that, at about half a year (27 points).
DAY_BUCKETS_UP_TO = 62
WEEK_BUCKETS_UP_TO = 190

# A message this negative or worse counts as negative in the sentiment chart (the engine's
# sentiment runs from -1 to 1; -0.2 is where its "negative" label starts to be reliable).
NEGATIVE_SENTIMENT = -0.2

# The Dutch consumer research issue 7 cites (2,000 consumers): how service compared with what
# they expected. Shown next to our own answers.
NATIONAL_EXPECTATION = {"below": 37.0, "as_expected": 59.0, "surprised": 4.0}

VOLUME_BY = ("channel", "product", "team", "topic")
SATISFACTION_BY = ("team", "agent", "channel", "product", "topic")

# Durations as the database computes them: PostgreSQL adds up intervals, SQLite microseconds;
# both come back as timedelta (NULL when a case has no first response or resolution yet: the
# sums skip them, and the means divide by Count of the same column, which skips them too).
FIRST_RESPONSE = ExpressionWrapper(
    F("first_responded_at") - F("created_at"), output_field=DurationField()
)
RESOLUTION = ExpressionWrapper(F("resolved_at") - F("created_at"), output_field=DurationField())


# --- Periods and buckets --------------------------------------------------------------------


def _tz() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def _bounds(f: Filters) -> tuple[datetime, datetime]:
    """The period as aware instants: from the start of the first local day up to (not
    including) the start of the day after the last one. Correct across daylight saving."""
    tz = _tz()
    start = datetime.combine(f.start, time.min, tzinfo=tz)
    end = datetime.combine(f.end + timedelta(days=1), time.min, tzinfo=tz)
    return start, end


def bucket_size(f: Filters) -> str:
    """ "day" up to 62 days, "week" up to 190 days, else "month"."""
    days = (f.end - f.start).days + 1
    if days <= DAY_BUCKETS_UP_TO:
        return "day"
    if days <= WEEK_BUCKETS_UP_TO:
        return "week"
    return "month"


def _bucket_start(day: date, size: str) -> date:
    if size == "week":
        return day - timedelta(days=day.weekday())  # weeks start on Monday (ISO)
    if size == "month":
        return day.replace(day=1)
    return day


def _next_bucket(day: date, size: str) -> date:
    if size == "week":
        return day + timedelta(days=7)
    if size == "month":
        return (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return day + timedelta(days=1)


def _buckets(f: Filters, size: str) -> list[date]:
    """Every bucket of the period, in order (the first may start before the period: a week
    starts on Monday, a month on the 1st)."""
    days = []
    day = _bucket_start(f.start, size)
    while day <= f.end:
        days.append(day)
        day = _next_bucket(day, size)
    return days


def _bucket(field: str, f: Filters, days: list[date]) -> SqlCase:
    """The index into ``days`` (the buckets' first days, see _buckets) of the bucket a row's
    ``field`` falls in, for rows in the period: compared with the instants the buckets end,
    worked out here in the desk's time zone (as _bounds does). Comparing instants is several
    times cheaper for the database than converting every row to local time and truncating it,
    and a CASE of constants lets PostgreSQL hash the few buckets instead of sorting every row.
    The CASE halves the buckets at each step, so a row takes about six comparisons even among
    the 62 buckets of the longest period drawn in days."""
    tz = _tz()
    ends = [datetime.combine(day, time.min, tzinfo=tz) for day in days[1:]] + [_bounds(f)[1]]

    def among(lo: int, hi: int) -> SqlCase | Value:  # the rows of buckets lo .. hi - 1
        if hi - lo == 1:
            return Value(lo)
        mid = (lo + hi) // 2
        return SqlCase(
            When(**{f"{field}__lt": ends[mid - 1]}, then=among(lo, mid)),
            default=among(mid, hi),
            output_field=IntegerField(),
        )

    if len(days) == 1:
        # A constant would be left out of GROUP BY, and an empty period would give a row of
        # zeros: compare with the period's end all the same.
        return SqlCase(
            When(**{f"{field}__lt": ends[0]}, then=Value(0)), output_field=IntegerField()
        )
    return among(0, len(days))


# --- Base querysets -------------------------------------------------------------------------


def _real_cases() -> QuerySet[Case]:
    # Each term a hint: see daily.Likely why SQLite needs it.
    return Case.objects.filter(_hint(Q(drill_id=None)), _hint(Q(merged_into_id=None)))


def _case_filters(f: Filters, prefix: str = "", *, hint_all: bool = False) -> Q:
    """The filters on the case. On the cases themselves, those on a column without an index
    by date are hints on SQLite (daily.Likely): its sampled statistics make a channel's,
    product's or topic's index look better than the period's range of the dates' index, which
    holds the column too (the team's and agent's indexes go by date as well, and stay as they
    are). ``hint_all``: every one a hint (see _analyses)."""
    q = Q()
    for name, value, indexed_by_date in (
        ("team_id", f.team_id, True),
        ("product_id", f.product_id, False),
        ("channel", f.channel or None, False),
        ("assignee_id", f.agent_id, True),
        ("topic_id", f.topic_id, False),
    ):
        if value is None:
            continue
        term = Q(**{f"{prefix}{name}": value})
        hinted = hint_all or (not prefix and not indexed_by_date)
        q &= _hint(term) if hinted else term
    return q


def _hint(q: Q) -> Q:
    """``q`` holds for nearly every row: a hint to SQLite's planner (see daily.Likely)."""
    return Q(daily.Likely(q))


def _start(f: Filters, grain: str | None) -> Any:
    """Where a read of the period's live rows starts: at the period's start, or, when the
    read takes the other days from the rollup's ``grain``, at the first day the rollup does
    not hold (kalm.insights.daily.live_since, worked out inside the query)."""
    start = _bounds(f)[0]
    return start if grain is None else daily.live_since(start)


def _cases(f: Filters, grain: str | None = None) -> QuerySet[Case]:
    """Real cases created in the period, with the dashboard's filters (see _start)."""
    end = _bounds(f)[1]
    return _real_cases().filter(
        _case_filters(f), created_at__gte=_start(f, grain), created_at__lt=end
    )


def _answers(f: Filters, grain: str | None = None) -> QuerySet[Response]:
    """Answers given in the period, filtered on what they copied from their case (see
    _start)."""
    end = _bounds(f)[1]
    # No join to the case (see the module docstring): an answer stands on its own.
    qs = Response.objects.filter(created_at__gte=_start(f, grain), created_at__lt=end)
    if f.team_id is not None:
        qs = qs.filter(team_id=f.team_id)
    if f.product_id is not None:
        qs = qs.filter(_hint(Q(product_id=f.product_id)))
    if f.channel:
        qs = qs.filter(_hint(Q(channel=f.channel)))
    if f.agent_id is not None:
        qs = qs.filter(agent_id=f.agent_id)
    if f.topic_id is not None:
        qs = qs.filter(_hint(Q(topic_id=f.topic_id)))
    return qs


def _both(live: QuerySet, rolled: QuerySet | None) -> QuerySet:
    """The live rows' groups and the rollup's, in one query (their columns in the same
    order): groups on the same key come twice, and the caller adds them up."""
    return live if rolled is None else live.union(rolled, all=True)


def _sums(names: Iterable[str]) -> dict[str, Any]:
    """The rollup's sums of its columns ``names``, under other names (an annotation may not
    shadow a field): a union takes its columns' names from its first query."""
    return {f"rolled_{name}": Sum(name) for name in names}


def _merge(rows: Iterable[dict[str, Any]], key: str, counts: Iterable[str]) -> list[dict]:
    """Rows that share ``key`` as one, their ``counts`` added up (a sum over no rows, None,
    as 0), in the order each key first came."""
    counts = tuple(counts)
    merged: dict[Any, dict[str, Any]] = {}
    for row in rows:
        if row[key] in merged:
            into = merged[row[key]]
            for name in counts:
                into[name] = (into[name] or 0) + (row[name] or 0)
        else:
            merged[row[key]] = dict(row)
    return list(merged.values())


# --- Arithmetic -----------------------------------------------------------------------------


def _rolled(
    model: type,
    grain: str | None,
    f: Filters,
    values: Iterable[str],
    aggregates: dict[str, Any],
    *,
    days: list[date] | None = None,
) -> QuerySet | None:
    """The rolled-up days of a read grouped by ``values``, or None when no grain holds what the
    read filters and groups by (it is then live rows only)."""
    if grain is None:
        return None
    return daily.rolled(model, grain, f, days).order_by().values(*values).annotate(**aggregates)


def _percent(part: int | None, whole: int | None) -> float | None:
    return round(100.0 * (part or 0) / whole, 1) if whole else None


def _hours(value: timedelta | float | None) -> float | None:
    if value is None:
        return None
    if isinstance(value, timedelta):
        return round(value.total_seconds() / 3600, 2)
    return round(float(value) / 3_600_000_000, 2)  # a backend that returns microseconds


def _mean(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(float(value), digits)


def _nps(promoters: int, detractors: int, answered: int) -> float | None:
    """Net promoter score: % promoters (9-10) minus % detractors (0-6) of those who answered."""
    if not answered:
        return None
    return round(100.0 * (promoters - detractors) / answered, 1)


def _ratio(total: float | None, n: int | None, digits: int = 2) -> float | None:
    """A mean from its sum and count (None when nothing was counted)."""
    return round((total or 0) / n, digits) if n else None


def _answer_aggregates(*, expectation: bool = False) -> dict[str, Any]:
    """Counts and sums, not means: they add up over buckets and groups, so one grouped query
    gives the chart, the expectation split and the headline (see "One pass per source").
    ``expectation``: also how many answered below and as expected (expectation_split); the
    tables, which read many groups, leave these two out."""
    aggregates = {
        "answers": Count("id"),
        "csat_n": Count("csat"),
        "csat_sum": Sum("csat"),
        "ces_n": Count("ces"),
        "ces_sum": Sum("ces"),
        "nps_n": Count("nps"),  # those who answered it
        "promoters": Count("id", filter=Q(nps__gte=9)),
        "detractors": Count("id", filter=Q(nps__lte=6)),
        "expected_n": Count("id", filter=~Q(expectation="")),
        "surprised_n": Count("id", filter=Q(expectation=Response.Expectation.SURPRISED)),
    }
    if expectation:
        aggregates["below_n"] = Count("id", filter=Q(expectation=Response.Expectation.BELOW))
        aggregates["as_expected_n"] = Count(
            "id", filter=Q(expectation=Response.Expectation.AS_EXPECTED)
        )
    return aggregates


def _answer_figures(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "answers": row["answers"],
        "csat": _ratio(row["csat_sum"], row["csat_n"]),
        "nps": _nps(row["promoters"], row["detractors"], row["nps_n"]),
        "ces": _ratio(row["ces_sum"], row["ces_n"]),
        "surprised": _percent(row["surprised_n"], row["expected_n"]),
    }


# --- One pass per source -------------------------------------------------------------------
#
# A page shows the period's cases three ways (the volume chart, the times chart, the headline)
# and its answers three ways (the satisfaction chart, the expectation split, the headline). Each
# source is read once, grouped by bucket (cases also by channel), as counts and sums: those add
# up, so a figure for the whole period is the sum of the buckets' sums over the sum of their
# counts, the same mean one query over the whole period gives. The selectors below take such a
# rollup from a caller that has read it already (kalm.insights.views.Figures), or read their own.


def _duration(value: timedelta | float | None) -> timedelta:
    """A database's sum of durations as a timedelta (a backend may give microseconds)."""
    if value is None:
        return timedelta(0)
    if isinstance(value, timedelta):
        return value
    return timedelta(microseconds=float(value))


def _add(cells: Iterable[dict[str, Any]], zero: dict[str, Any]) -> dict[str, Any]:
    total = dict(zero)
    for cell in cells:
        for key, value in cell.items():
            total[key] = total[key] + value
    return total


def _case_sums() -> dict[str, Any]:
    return {
        "n": Count("id"),
        "first_n": Count("first_responded_at"),
        "first_total": Sum(FIRST_RESPONSE),
        "resolution_n": Count("resolved_at"),
        "resolution_total": Sum(RESOLUTION),
    }


CASE_ZERO: dict[str, Any] = {
    "n": 0,
    "first_n": 0,
    "first_total": timedelta(0),
    "resolution_n": 0,
    "resolution_total": timedelta(0),
}


def _case_cell(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "n": row["n"],
        "first_n": row["first_n"],
        "first_total": _duration(row["first_total"]),
        "resolution_n": row["resolution_n"],
        "resolution_total": _duration(row["resolution_total"]),
    }


def _mean_hours(cell: dict[str, Any] | None, name: str) -> float | None:
    """The mean hours to the first response or resolution of the cases of ``cell``."""
    if not cell or not cell[f"{name}_n"]:
        return None
    return _hours(cell[f"{name}_total"] / cell[f"{name}_n"])


@dataclass(frozen=True)
class CaseRollup:
    """The period's cases per (bucket, channel): ``n`` cases, ``first_n`` of them with a first
    response and ``first_total`` their time to it added up, ``resolution_n`` resolved and
    ``resolution_total`` their time to resolution added up."""

    bucket: str
    days: list[date]
    cells: dict[tuple[date, str], dict[str, Any]]

    @property
    def total(self) -> dict[str, Any]:
        return _add(self.cells.values(), CASE_ZERO)


def case_rollup(f: Filters) -> CaseRollup:
    """One query over the period's cases (the rollup's whole days and the live rest, see
    kalm.insights.daily): see CaseRollup."""
    size = bucket_size(f)
    days = _buckets(f, size)
    grain = daily.grain_for(f, "channel")
    live = (
        _cases(f, grain)
        .annotate(bucket=_bucket("created_at", f, days))
        .order_by()
        .values("bucket", "channel")
        .annotate(**_case_sums())
    )
    rolled = _rolled(DailyCaseFigures, grain, f, ["bucket", "channel"], _sums(CASE_ZERO), days=days)
    cells: dict[tuple[date, str], dict[str, Any]] = {}
    for row in _both(live, rolled):
        key = (days[row["bucket"]], row["channel"])
        cell = _case_cell(row)
        cells[key] = _add([cells[key], cell], CASE_ZERO) if key in cells else cell
    return CaseRollup(bucket=size, days=days, cells=cells)


ANSWER_ZERO: dict[str, Any] = dict.fromkeys(_answer_aggregates(expectation=True), 0)


def _answer_cell(row: dict[str, Any]) -> dict[str, Any]:
    # A sum over no answers is NULL; "bucket" is the key the row is filed under, not a figure.
    return {key: value or 0 for key, value in row.items() if key != "bucket"}


@dataclass(frozen=True)
class AnswerRollup:
    """The period's answers per bucket: the counts and sums of _answer_aggregates."""

    bucket: str
    days: list[date]
    cells: dict[date, dict[str, Any]]

    @property
    def total(self) -> dict[str, Any]:
        return _add(self.cells.values(), ANSWER_ZERO)


def answer_rollup(f: Filters) -> AnswerRollup:
    """One query over the period's answers (the rollup's whole days and the live rest, see
    kalm.insights.daily): see AnswerRollup."""
    size = bucket_size(f)
    days = _buckets(f, size)
    grain = daily.grain_for(f)
    live = (
        _answers(f, grain)
        .annotate(bucket=_bucket("created_at", f, days))
        .order_by()
        .values("bucket")
        .annotate(**_answer_aggregates(expectation=True))
    )
    rolled = _rolled(DailyAnswerFigures, grain, f, ["bucket"], _sums(ANSWER_ZERO), days=days)
    cells: dict[date, dict[str, Any]] = {}
    for row in _both(live, rolled):
        day, cell = days[row["bucket"]], _answer_cell(row)
        cells[day] = _add([cells[day], cell], ANSWER_ZERO) if day in cells else cell
    return AnswerRollup(bucket=size, days=days, cells=cells)


# --- Volumes --------------------------------------------------------------------------------


def volume_series(f: Filters, *, rollup: CaseRollup | None = None) -> Series:
    """Cases created per bucket: one dataset per channel that has cases in the period (in the
    order of Channel), and "total". Empty buckets are 0."""
    rollup = rollup or case_rollup(f)
    size, days = rollup.bucket, rollup.days
    counts = {key: cell["n"] for key, cell in rollup.cells.items()}
    present = {channel for _day, channel in counts}
    channels = [c for c in Channel.values if c in present]
    channels += sorted(present - set(channels))  # a code no longer in Channel still counts
    datasets: dict[str, list[float | None]] = {
        channel: [counts.get((day, channel), 0) for day in days] for channel in channels
    }
    datasets["total"] = [sum(counts.get((day, c), 0) for c in channels) for day in days]
    return Series(bucket=size, labels=[d.isoformat() for d in days], datasets=datasets)


def volume_table(f: Filters, by: str) -> Table:
    """Cases in the period by channel, product, team or topic, most first, with their share."""
    if by not in VOLUME_BY:
        raise ValueError(f"volume_table: by must be one of {VOLUME_BY}, not {by!r}")
    values = GROUP_VALUES[by]
    grain = daily.grain_for(f, by)
    live = _cases(f, grain).order_by().values(*values).annotate(cases=Count("id"))
    rolled = _rolled(DailyCaseFigures, grain, f, values, {"rolled_cases": Sum("n")})
    rows = _merge(_both(live, rolled), values[0], ["cases"])
    if by == "channel":
        named = [(_channel_name(r["channel"]), r["cases"]) for r in rows]
        title = _("Cases by channel")
    elif by == "product":
        named = [(_product_name(r), r["cases"]) for r in rows]
        title = _("Cases by product")
    elif by == "topic":
        named = [(_topic_name(r), r["cases"]) for r in rows]
        title = _("Cases by topic")
    else:
        named = [(r["team__name"] or _("No team"), r["cases"]) for r in rows]
        title = _("Cases by team")
    total = sum(n for _name, n in named)
    named.sort(key=lambda item: (-item[1], item[0]))
    return Table(
        key=f"volume_{by}",
        title=title,
        columns=[("name", _by_header(by)), ("cases", _("Cases")), ("share", _("Share (%)"))],
        rows=[{"name": name, "cases": n, "share": _percent(n, total)} for name, n in named],
    )


def _by_header(by: str) -> str:
    return {
        "channel": _("Channel"),
        "product": _("Product"),
        "team": _("Team"),
        "agent": _("Agent"),
        "topic": _("Topic"),
    }[by]


def _channel_name(code: str) -> str:
    return str(Channel(code).label) if code in Channel.values else (code or _("No channel"))


def _product_name(row: dict[str, Any]) -> str:
    if row["product_id"] is None:
        return _("No product")
    return f"{row['product__brand'] or ''} {row['product__name'] or ''}".strip()


# A topic is a knowledge-base category, named in the reader's language (as Category.name).
TOPIC_VALUES = ("topic_id", "topic__name_nl", "topic__name_en")

# What the tables group by, and the names they show: the key first. The same on the live rows
# and the rollup's (kalm.insights.models.DailyFigures has the same columns and relations).
GROUP_VALUES: dict[str, tuple[str, ...]] = {
    "channel": ("channel",),
    "product": ("product_id", "product__brand", "product__name"),
    "topic": TOPIC_VALUES,
    "team": ("team_id", "team__name"),
    "agent": ("agent_id", "agent__alias"),
}


def _topic_name(row: dict[str, Any]) -> str:
    if row["topic_id"] is None:
        return _("No topic")
    english = page_language() == "en"
    return (row["topic__name_en"] if english else "") or row["topic__name_nl"] or ""


# --- Response and resolution times ----------------------------------------------------------


def response_time_series(f: Filters, *, rollup: CaseRollup | None = None) -> Series:
    """Per bucket of case creation: the mean hours to the first response (of cases that have
    one) and to the resolution (of resolved cases); None where there is none."""
    rollup = rollup or case_rollup(f)
    size, days = rollup.bucket, rollup.days
    per_day: dict[date, list[dict[str, Any]]] = {}
    for (day, _channel), cell in rollup.cells.items():
        per_day.setdefault(day, []).append(cell)
    buckets = {day: _add(cells, CASE_ZERO) for day, cells in per_day.items()}
    return Series(
        bucket=size,
        labels=[d.isoformat() for d in days],
        datasets={
            "first_response_hours": [_mean_hours(buckets.get(d), "first") for d in days],
            "resolution_hours": [_mean_hours(buckets.get(d), "resolution") for d in days],
        },
    )


def _sla_met(target: str, prefix: str = "") -> Q:
    """A clock met its target: it was met (a reply, a resolution) by its due time, and the sweep
    never found it breached."""
    p = f"{prefix}{target}"
    return Q(
        **{
            f"{p}_met_at__isnull": False,
            f"{p}_met_at__lte": F(f"{p}_due"),
            f"{p}_breached_at__isnull": True,
        }
    )


def _sla_late(target: str, now: datetime, prefix: str = "") -> Q:
    """A clock missed its target. The sweep's ``*_breached_at`` is not enough on its own: it
    only stamps clocks of running cases on its next pass, so a reply after the due time can be
    unstamped, and a case closed without a reply is never stamped at all."""
    p = f"{prefix}{target}"
    return (
        Q(**{f"{p}_breached_at__isnull": False})
        | Q(**{f"{p}_met_at__gt": F(f"{p}_due")})
        | Q(**{f"{p}_met_at__isnull": True, f"{p}_due__lt": now})
    )


def _sla_running(target: str, now: datetime, prefix: str = "") -> Q:
    """A clock with a due time that is neither met nor late (yet): not met, not breached, and
    not yet due. Written out rather than negated so SQL NULLs cannot slip through."""
    p = f"{prefix}{target}"
    return Q(
        **{
            f"{p}_due__isnull": False,
            f"{p}_due__gte": now,
            f"{p}_met_at__isnull": True,
            f"{p}_breached_at__isnull": True,
        }
    )


SLA_KEYS = ("cases", "first_met", "first_late", "resolution_met", "resolution_late", "running")


def sla_counts(f: Filters, *, now: datetime | None = None) -> list[dict[str, Any]]:
    """One query: per team (``team_id``), the period's cases under an SLA policy and how many
    of their clocks are met, late and running (SLA_KEYS). sla_table and headline_of read them.
    Without the teams' names: joined to a million cases before counting they cost a tenth of
    the time, and looked up per team in the same query they keep PostgreSQL from counting in
    parallel (sla_table fetches the few names itself).

    On SQLite, days the worker rolled up come from DailySlaFigures for the cases whose clocks
    were settled when it ran (sla_settled), and live for the others (sla_pending, found by
    their due times): the same counts, as long as ``now`` is not before that run (a page's
    never is)."""
    now = now or timezone.now()
    # PostgreSQL counts a year's clocks live in a few hundred ms (in parallel workers), faster
    # than with the rollup: planned before it knows when the worker ran, it takes every clock
    # for pending and hashes the whole period's cases to find the few that are.
    grain = daily.grain_for(f) if connection.vendor == "sqlite" else None
    live = (
        _cases(f, grain)
        .filter(sla__isnull=False)
        .order_by()
        .values("team_id")
        .annotate(**_sla_aggregates(now))
    )
    if grain is None:
        return list(live)
    # The rolled-up days: the rollup holds their cases whose clocks were settled when the
    # worker last ran (see sla_settled); the others, still pending then, count as they are now.
    start = _bounds(f)[0]
    # One list of case ids per target: each found through its due time's index.
    pending = Q()
    for target in (SLA_FIRST, SLA_RESOLUTION):
        clocks = CaseSla.objects.filter(sla_pending(target, daily.rolled_at()))
        pending |= Q(pk__in=clocks.values("case_id"))
    unsettled = (
        _real_cases()
        .filter(
            _case_filters(f),
            created_at__gte=start,
            created_at__lt=_bounds(f)[1],
        )
        .filter(pending)
        .filter(created_at__lt=daily.rolled_until(start))
        .order_by()
        .values("team_id")
        .annotate(**_sla_aggregates(now))
    )
    rolled = (
        daily.rolled(DailySlaFigures, grain, f)
        .order_by()
        .values("team_id")
        .annotate(**_sums(SLA_KEYS))
    )
    return _merge(live.union(unsettled, rolled, all=True), "team_id", SLA_KEYS)


SLA_FIRST, SLA_RESOLUTION = "first_response", "resolution"


def _sla_aggregates(now: Any) -> dict[str, Any]:
    """sla_counts' counts of cases with an SLA clock (joined as ``sla``) at ``now``."""
    return {
        "cases": Count("id"),
        "first_met": Count("id", filter=_sla_met(SLA_FIRST, "sla__")),
        "first_late": Count("id", filter=_sla_late(SLA_FIRST, now, "sla__")),
        "resolution_met": Count("id", filter=_sla_met(SLA_RESOLUTION, "sla__")),
        "resolution_late": Count("id", filter=_sla_late(SLA_RESOLUTION, now, "sla__")),
        "running": Count(
            "id",
            filter=_sla_running(SLA_FIRST, now, "sla__")
            | _sla_running(SLA_RESOLUTION, now, "sla__"),
        ),
    }


def sla_settled(target: str, at: Any, prefix: str = "") -> Q:
    """A clock whose verdict (_sla_met, _sla_late, _sla_running) no longer changes with time
    after ``at``: it has no due time, was due before ``at``, or was met or stamped breached
    before ``at``. Only a change to the clock itself (a reply, a due time moved) changes it
    then, and such a change touches its case (see kalm.insights.actions). sla_pending is its
    exact opposite (written out: SQL NULLs would slip through a negation)."""
    p = f"{prefix}{target}"
    return (
        Q(**{f"{p}_due__isnull": True})
        | Q(**{f"{p}_due__lt": at})
        | Q(**{f"{p}_met_at__isnull": False, f"{p}_met_at__lt": at})
        | Q(**{f"{p}_breached_at__isnull": False, f"{p}_breached_at__lt": at})
    )


def sla_pending(target: str, at: Any, prefix: str = "") -> Q:
    """A clock not sla_settled at ``at``: due at or after ``at``, and neither met nor stamped
    breached before it."""
    p = f"{prefix}{target}"
    return (
        Q(**{f"{p}_due__isnull": False, f"{p}_due__gte": at})
        & (Q(**{f"{p}_met_at__isnull": True}) | Q(**{f"{p}_met_at__gte": at}))
        & (Q(**{f"{p}_breached_at__isnull": True}) | Q(**{f"{p}_breached_at__gte": at}))
    )


def sla_table(
    f: Filters, *, now: datetime | None = None, counts: list[dict[str, Any]] | None = None
) -> Table:
    """Per team, of the period's cases that run under an SLA policy: how many, the share of
    first responses and of resolutions on time (met / (met + late), see _sla_met and
    _sla_late; None while none is settled), and how many cases still have a clock running,
    which the shares leave out until it is met or late. Plus a total row. ``counts``: the
    page's sla_counts(f), read once for this table and the headline. Two queries: the
    counts, then the teams' names."""
    rows = sla_counts(f, now=now) if counts is None else counts
    ids = [r["team_id"] for r in rows if r["team_id"] is not None]
    names = dict(Team.objects.filter(pk__in=ids).values_list("pk", "name")) if ids else {}
    named = sorted(
        ((names.get(r["team_id"]), r) for r in rows),
        key=lambda item: (item[0] is None, item[0] or ""),
    )
    out = [_sla_row(name or _("No team"), r) for name, r in named]
    total = {key: sum(r[key] for r in rows) for key in SLA_KEYS}
    out.append({**_sla_row(_("Total"), total), "total": True})
    return Table(
        key="sla",
        title=_("Service levels"),
        columns=[
            ("name", _("Team")),
            ("cases", _("Cases with an SLA")),
            ("first_response_met", _("First reply on time (%)")),
            ("resolution_met", _("Resolved on time (%)")),
            ("running", _("Still running")),
        ],
        rows=out,
    )


def _sla_row(name: str, row: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": name,
        "cases": row["cases"],
        "first_response_met": _percent(row["first_met"], row["first_met"] + row["first_late"]),
        "resolution_met": _percent(
            row["resolution_met"], row["resolution_met"] + row["resolution_late"]
        ),
        "running": row["running"],
    }


# --- Backlog --------------------------------------------------------------------------------


# (label, older than, at most this old); None: no bound.
def _age_bands() -> list[tuple[str, timedelta | None, timedelta | None]]:
    day, week = timedelta(days=1), timedelta(days=7)
    return [
        (_("Less than 1 day"), None, day),
        (_("1-3 days"), day, 3 * day),
        (_("3-7 days"), 3 * day, week),
        (_("1-4 weeks"), week, 4 * week),
        (_("More than 4 weeks"), 4 * week, None),
    ]


def backlog_table(f: Filters, *, now: datetime | None = None) -> Table:
    """Open cases now, whatever their period, by age (since they were opened), with how many
    are overdue for their first response. The team, product, channel and agent filters apply."""
    now = now or timezone.now()
    bands = _age_bands()
    overdue = Q(first_responded_at__isnull=True, first_response_due_at__lt=now)
    aggregates: dict[str, Any] = {}
    for i, (_label, older, younger) in enumerate(bands):
        q = Q()
        if older is not None:
            q &= Q(created_at__lte=now - older)
        if younger is not None:
            q &= Q(created_at__gt=now - younger)
        aggregates[f"n{i}"] = Count("id", filter=q)
        aggregates[f"o{i}"] = Count("id", filter=q & overdue)
    totals = (
        _real_cases().filter(_case_filters(f), status__in=OPEN_STATUSES).aggregate(**aggregates)
    )
    return Table(
        key="backlog",
        title=_("Open cases by age"),
        columns=[
            ("age", _("Age")),
            ("cases", _("Open cases")),
            ("overdue", _("Overdue for a first reply")),
        ],
        rows=[
            {"age": label, "cases": totals[f"n{i}"], "overdue": totals[f"o{i}"]}
            for i, (label, _older, _younger) in enumerate(bands)
        ],
    )


# --- Satisfaction ---------------------------------------------------------------------------


def satisfaction_series(f: Filters, *, rollup: AnswerRollup | None = None) -> Series:
    """Per bucket of answering: mean CSAT (1-5), NPS (-100..100), mean CES (1-7) and the number
    of answers; None where there were no answers (or none to that question)."""
    rollup = rollup or answer_rollup(f)
    size, days = rollup.bucket, rollup.days
    csat, nps, ces, answers = [], [], [], []
    for day in days:
        row = rollup.cells.get(day)
        if row is None:
            csat.append(None)
            nps.append(None)
            ces.append(None)
            answers.append(None)
            continue
        figures = _answer_figures(row)
        csat.append(figures["csat"])
        nps.append(figures["nps"])
        ces.append(figures["ces"])
        answers.append(figures["answers"])
    return Series(
        bucket=size,
        labels=[d.isoformat() for d in days],
        datasets={"csat": csat, "nps": nps, "ces": ces, "answers": answers},
    )


def satisfaction_table(f: Filters, by: str) -> Table:
    """Answers in the period by team, agent, channel, product or topic. Agents appear under their
    public alias only. Rows are in name order, not ranked: the figures are for coaching, and
    the issue asks not to rank colleagues publicly."""
    if by not in SATISFACTION_BY:
        raise ValueError(f"satisfaction_table: by must be one of {SATISFACTION_BY}, not {by!r}")
    values = GROUP_VALUES[by]
    aggregates = _answer_aggregates()
    grain = daily.grain_for(f, by)
    live = _answers(f, grain).order_by().values(*values).annotate(**aggregates)
    rolled = _rolled(DailyAnswerFigures, grain, f, values, _sums(aggregates))
    rows = _merge(_both(live, rolled), values[0], aggregates)
    if by == "team":
        named = [(r["team__name"] or _("No team"), r) for r in rows]
    elif by == "agent":
        # Never the real name: the alias is what the agent answers under.
        named = [(_agent_name(r), r) for r in rows]
    elif by == "channel":
        named = [(_channel_name(r["channel"]), r) for r in rows]
    elif by == "topic":
        named = [(_topic_name(r), r) for r in rows]
    else:
        named = [(_product_name(r), r) for r in rows]
    named.sort(key=lambda item: item[0].casefold())
    return Table(
        key=f"satisfaction_{by}",
        title={
            "team": _("Satisfaction by team"),
            "agent": _("Satisfaction by agent"),
            "channel": _("Satisfaction by channel"),
            "product": _("Satisfaction by product"),
            "topic": _("Satisfaction by topic"),
        }[by],
        columns=[
            ("name", _by_header(by)),
            ("answers", _("Answers")),
            ("csat", _("CSAT (1-5)")),
            ("nps", _("NPS")),
            ("ces", _("Effort (1-7)")),
            ("surprised", _("Positively surprised (%)")),
        ],
        rows=[{"name": name, **_answer_figures(row)} for name, row in named],
    )


def _agent_name(row: dict[str, Any]) -> str:
    if row["agent_id"] is None:
        return _("Unassigned")
    return row["agent__alias"] or _("Agent without alias")


def expectation_split(f: Filters, *, rollup: AnswerRollup | None = None) -> dict[str, Any]:
    """How service compared with what consumers expected, in percent of those who answered
    that question, next to the national figures (NATIONAL_EXPECTATION)."""
    counts = (rollup or answer_rollup(f)).total
    n = counts["expected_n"]
    return {
        "n": n,
        "below": _percent(counts["below_n"], n),
        "as_expected": _percent(counts["as_expected_n"], n),
        "surprised": _percent(counts["surprised_n"], n),
        "national": dict(NATIONAL_EXPECTATION),
    }


# --- Sentiment ------------------------------------------------------------------------------


def sentiment_series(f: Filters) -> Series:
    """Per bucket of analysis: the mean sentiment of the consumers' analysed messages (-1..1)
    and the share that is negative (<= NEGATIVE_SENTIMENT); None where nothing was analysed.
    Only inbound messages are analysed (kalm.cases.actions._message_create)."""
    size = bucket_size(f)
    days = _buckets(f, size)
    grain = daily.grain_for(f)
    live = (
        _analyses(f, grain)
        .annotate(bucket=_bucket("created_at", f, days))
        .order_by()
        .values("bucket")
        .annotate(**SENTIMENT_SUMS)
    )
    rolled = _rolled(DailySentimentFigures, grain, f, ["bucket"], _sums(SENTIMENT_SUMS), days=days)
    grouped: dict[date, dict[str, Any]] = {}
    for row in _both(live, rolled):
        cell = {key: row[key] or 0 for key in SENTIMENT_SUMS}
        day = days[row["bucket"]]
        grouped[day] = _add([grouped[day], cell], SENTIMENT_ZERO) if day in grouped else cell
    return Series(
        bucket=size,
        labels=[d.isoformat() for d in days],
        datasets={
            # The mean is the sum over the count, as AVG works it out (not a mean of means).
            "sentiment": [
                _mean(grouped[d]["total"] / grouped[d]["n"], 3) if d in grouped else None
                for d in days
            ],
            "negative_share": [
                _percent(grouped[d]["negative"], grouped[d]["n"]) if d in grouped else None
                for d in days
            ],
        },
    )


SENTIMENT_SUMS: dict[str, Any] = {
    "n": Count("id"),
    "total": Sum("sentiment"),
    "negative": Count("id", filter=Q(sentiment__lte=NEGATIVE_SENTIMENT)),
}
SENTIMENT_ZERO: dict[str, Any] = {"n": 0, "total": 0.0, "negative": 0}


def _analyses(f: Filters, grain: str | None = None) -> QuerySet[MessageAnalysis]:
    """Analyses made in the period of real cases, filtered on the case as it is now (see
    _start)."""
    end = _bounds(f)[1]
    qs = MessageAnalysis.objects.filter(created_at__gte=_start(f, grain), created_at__lt=end)
    by_case = _case_filters(f, prefix="case__")
    if by_case:
        # Filtered on the case as it is now (its team, product, ...): join the cases.
        real = Q(case__drill_id=None, case__merged_into=None)
        if grain is not None:
            # Only the days after the rollup's: hints on SQLite (daily.Likely) to go by the
            # analyses' dates, not through all the team's (channel's ...) cases ever.
            by_case = _case_filters(f, prefix="case__", hint_all=True)
            real = _hint(Q(case__drill_id=None)) & _hint(Q(case__merged_into=None))
        return qs.filter(by_case, real)
    # Only drills and merged duplicates to leave out: look up those few cases (their
    # foreign-key indexes) rather than join a million real ones to every analysis.
    unreal = Case.objects.filter(pk=OuterRef("case_id")).filter(
        Q(drill__isnull=False) | Q(merged_into__isnull=False)
    )
    return qs.filter(~Exists(unreal))


# --- Crises ---------------------------------------------------------------------------------


def crisis_periods(f: Filters, *, now: datetime | None = None) -> list[dict[str, Any]]:
    """Real crises (not drills) that were open at some time in the period, oldest first: the
    bands every time chart marks. A crisis still open has ``"end": None``: the page shows it as
    going on now, and a chart draws it to the end of its period. ``now`` is accepted for the
    callers that pass it and not used: an open crisis no longer ends at a moment."""
    start, end = _bounds(f)
    crises = (
        Crisis.objects.filter(drill_id=None, opened_at__lt=end)
        .filter(Q(closed_at__isnull=True) | Q(closed_at__gte=start))
        .order_by("opened_at", "id")
        .values("title", "opened_at", "closed_at")
    )
    tz = _tz()
    return [
        {
            "start": timezone.localtime(c["opened_at"], tz).isoformat(),
            "end": timezone.localtime(c["closed_at"], tz).isoformat() if c["closed_at"] else None,
            "title": c["title"],
        }
        for c in crises
    ]


# --- Headline -------------------------------------------------------------------------------


def headline(f: Filters, *, now: datetime | None = None) -> dict[str, Any]:
    """The period's key figures in three queries: the period's cases, answers and SLA clocks
    (case_rollup, answer_rollup, sla_counts). The first reply on time is met / (met + late),
    as in sla_table. A page that has read those already takes headline_of instead."""
    return headline_of(cases=case_rollup(f), answers=answer_rollup(f), sla=sla_counts(f, now=now))


def headline_of(
    *, cases: CaseRollup, answers: AnswerRollup, sla: list[dict[str, Any]]
) -> dict[str, Any]:
    """headline() from the period's case_rollup, answer_rollup and sla_counts: no query."""
    first_met = sum(row["first_met"] for row in sla)
    first_late = sum(row["first_late"] for row in sla)
    case_counts = cases.total
    figures = _answer_figures(answers.total)
    return {
        "cases": case_counts["n"],
        "first_response_hours": _mean_hours(case_counts, "first"),
        "resolution_hours": _mean_hours(case_counts, "resolution"),
        "sla_first_response_met": _percent(first_met, first_met + first_late),
        "csat": figures["csat"],
        "nps": figures["nps"],
        "ces": figures["ces"],
        "surprised": figures["surprised"],
        "answers": figures["answers"],
    }
