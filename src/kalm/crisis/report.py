"""The post-crisis report: the figures of one crisis, gathered once and shown twice (the HTML
page and the PDF read the same dataclasses, so they cannot disagree).

Only confirmed links count as affected cases. Every section is read with one query over all
affected cases (or their messages, solutions, follow-ups), never one query per case, so the
report costs the same dozen queries for ten cases or ten thousand. Medians and percentiles are
worked out in Python: SQLite has no percentile function, and the rows read are small tuples."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from django.db.models import Count
from django.utils import formats, timezone
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from kalm.cases.models import OPEN_STATUSES, Case, Channel, Solution, Status
from kalm.crisis.models import (
    Crisis,
    CrisisCase,
    CrisisMailing,
    CrisisTask,
    Publication,
    PublishChannel,
    StatementVersion,
)
from kalm.empathy.models import MessageAnalysis, Signal, signal_label
from kalm.followups.models import FollowUp

# The signals a crisis team reads the mood by (in the report's column order).
REPORT_SIGNALS: tuple[str, ...] = (Signal.INJURY, Signal.LEGAL, Signal.AGGRESSION, Signal.MEDIA)
HOURLY_WINDOW = 48  # hours of the per-hour chart, from the first affected case
MAX_FILLED_DAYS = 92  # longer than this, the day chart shows only days with cases
DASH = "\u2013"  # shown for a figure that does not exist (yet)
LIST_LIMIT = 100  # rows of open cases / follow-ups listed; the totals are always complete


# --- small helpers -------------------------------------------------------------------------


def duration_text(value: timedelta | None) -> str:
    """A duration as people say it: "45 min", "3 h 20 min", "2 d 4 h"."""
    if value is None:
        return DASH
    minutes = int(value.total_seconds() // 60)
    if minutes < 1:
        return _("under a minute")
    days, rest = divmod(minutes, 60 * 24)
    hours, minutes = divmod(rest, 60)
    if days:
        return _("%(days)d d %(hours)d h") % {"days": days, "hours": hours}
    if hours:
        return _("%(hours)d h %(minutes)d min") % {"hours": hours, "minutes": minutes}
    return _("%(minutes)d min") % {"minutes": minutes}


def percentile(values: Sequence[timedelta], share: float) -> timedelta | None:
    """Nearest-rank percentile (``share`` 0.5 is the median, 0.9 the p90): always a value that
    really occurred, which is easier to explain in a review than an interpolation."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


def percent(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


def _name(user: Any) -> str:
    return user.internal_name if user is not None else ""


def _language_label(code: str) -> str:
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code or DASH


# --- charts --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bucket:
    """One bar: the cases of one day or one hour."""

    start: datetime | date
    label: str
    count: int


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    count: int
    show_label: bool

    @property
    def center(self) -> float:
        return round(self.x + self.width / 2, 2)

    @property
    def value_y(self) -> float:
        """Where the count is written, just above the bar."""
        return round(self.y - 3, 2)


@dataclass(frozen=True)
class Tick:
    y: float
    value: int


@dataclass(frozen=True)
class Chart:
    """Bar geometry in a box of ``width`` by ``height`` (0,0 top left), with room at the left
    for the axis values and at the bottom for the bar labels. The HTML draws it as SVG, the PDF
    scales it to millimetres: one layout for both."""

    bars: list[Bar]
    ticks: list[Tick]
    width: float
    height: float
    left: float
    bottom: float
    right: float

    @property
    def baseline(self) -> float:
        return self.height - self.bottom

    @property
    def plot_right(self) -> float:
        """Where the grid lines end: short of the edge, so the last bar's label fits."""
        return self.width - self.right

    @property
    def tick_x(self) -> float:
        return self.left - 4

    @property
    def label_y(self) -> float:
        return self.baseline + 14

    @property
    def show_values(self) -> bool:
        """Counts above the bars while they fit (a month of days; not 48 hours)."""
        return len(self.bars) <= 31


def _nice_max(value: int) -> int:
    """The axis top: the next 1, 2 or 5 times a power of ten, at least the largest bar."""
    if value <= 1:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if step * power >= value:
            return step * power
    return 10 * power  # pragma: no cover - the loop always returns


def bar_chart(
    buckets: Sequence[Bucket],
    *,
    width: float = 640,
    height: float = 200,
    left: float = 36,
    bottom: float = 26,
    right: float = 16,
    max_labels: int = 12,
) -> Chart:
    top = _nice_max(max((b.count for b in buckets), default=0))
    plot_h = height - bottom - 16  # 16: room above the highest bar for its value
    slot = (width - left - right) / max(len(buckets), 1)
    every = max(1, math.ceil(len(buckets) / max_labels))
    bars = []
    for i, bucket in enumerate(buckets):
        bar_h = plot_h * bucket.count / top
        bars.append(
            Bar(
                x=round(left + i * slot + slot * 0.12, 2),
                y=round(height - bottom - bar_h, 2),
                width=round(slot * 0.76, 2),
                height=round(bar_h, 2),
                label=bucket.label,
                count=bucket.count,
                show_label=i % every == 0,
            )
        )
    # 0, the top, and the middle when it is a whole number.
    values = [0, top // 2, top] if top % 2 == 0 else [0, top]
    ticks = [Tick(y=round(height - bottom - plot_h * v / top, 2), value=v) for v in values]
    return Chart(
        bars=bars, ticks=ticks, width=width, height=height, left=left, bottom=bottom, right=right
    )


# --- the sections --------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineRow:
    at: datetime
    kind: str
    kind_label: str
    actor: str
    text: str


@dataclass(frozen=True)
class Share:
    key: str
    label: str
    count: int
    percent: int


@dataclass
class Volumes:
    total: int
    by_day: list[Bucket]
    by_hour: list[Bucket]
    by_channel: list[Share]
    by_language: list[Share]

    @property
    def day_chart(self) -> Chart:
        return bar_chart(self.by_day)

    @property
    def hour_chart(self) -> Chart:
        return bar_chart(self.by_hour)

    @property
    def charts(self) -> list[tuple[str, Chart, list[Bucket]]]:
        """(title, chart, its data as a table) for each chart the report draws."""
        charts = [(_("Affected cases per day"), self.day_chart, self.by_day)]
        if self.by_hour:
            charts.append((_("Per hour, first 48 hours"), self.hour_chart, self.by_hour))
        return charts

    @property
    def peak_day(self) -> Bucket | None:
        return max(self.by_day, key=lambda b: b.count, default=None)


@dataclass(frozen=True)
class Durations:
    count: int
    median: timedelta | None
    p90: timedelta | None

    @classmethod
    def of(cls, values: Sequence[timedelta]) -> Durations:
        return cls(count=len(values), median=percentile(values, 0.5), p90=percentile(values, 0.9))

    @property
    def median_text(self) -> str:
        return duration_text(self.median)

    @property
    def p90_text(self) -> str:
        return duration_text(self.p90)


@dataclass(frozen=True)
class ResponseTimes:
    first_response: Durations
    awaiting_first_response: int
    sla_met: int
    sla_missed: int  # answered late, or not answered and past the deadline
    sla_running: int  # not answered yet, deadline still ahead
    resolution: Durations
    still_open: int

    @property
    def sla_percent(self) -> int | None:
        return percent(self.sla_met, self.sla_met + self.sla_missed)


@dataclass(frozen=True)
class PublicationRow:
    channel: str
    channel_label: str
    language: str
    published_at: datetime
    published_by: str
    superseded_at: datetime | None


@dataclass
class VersionRow:
    language: str
    language_label: str
    number: int
    state: str
    state_label: str
    drafted_at: datetime
    drafted_by: str
    submitted_at: datetime | None
    reviewed_at: datetime | None
    reviewed_by: str
    published_at: datetime | None
    published_by: str
    publications: list[PublicationRow] = field(default_factory=list)
    mails_sent: int = 0
    mails_failed: int = 0
    mails_pending: int = 0

    @property
    def approved(self) -> bool:
        return self.state in (StatementVersion.State.APPROVED, StatementVersion.State.SUPERSEDED)

    @property
    def channels_text(self) -> str:
        return ", ".join(sorted({p.channel_label for p in self.publications}))


@dataclass(frozen=True)
class SentimentDay:
    day: date
    label: str
    messages: int
    negative: int
    signals: tuple[int, ...]  # counts in REPORT_SIGNALS order

    @property
    def negative_percent(self) -> int:
        return percent(self.negative, self.messages) or 0


@dataclass
class Sentiment:
    days: list[SentimentDay]
    signal_labels: list[str]

    @property
    def messages(self) -> int:
        return sum(d.messages for d in self.days)

    @property
    def negative(self) -> int:
        return sum(d.negative for d in self.days)

    @property
    def negative_percent(self) -> int | None:
        return percent(self.negative, self.messages)

    @property
    def signal_totals(self) -> list[tuple[str, int]]:
        return [
            (label, sum(d.signals[i] for d in self.days))
            for i, label in enumerate(self.signal_labels)
        ]


@dataclass(frozen=True)
class Satisfaction:
    accepted: int  # answers to proposed solutions
    rejected: int
    awaiting: int
    cases_satisfied: int  # affected cases whose latest answer was "yes"
    cases_not_satisfied: int
    cases_without_answer: int
    # Satisfaction surveys do not exist yet: None says "no survey answers yet" rather than a
    # number made up from something else.
    survey_answers: int | None = None

    @property
    def accepted_percent(self) -> int | None:
        return percent(self.accepted, self.accepted + self.rejected)


@dataclass(frozen=True)
class OpenTask:
    title: str
    owner_role: str
    owner: str
    due_at: datetime
    overdue: bool


@dataclass(frozen=True)
class OpenCase:
    pk: int
    reference: str
    subject: str
    status_label: str
    created_at: datetime
    overdue: bool


@dataclass(frozen=True)
class OpenFollowUp:
    case_pk: int
    case_reference: str
    title: str
    owner: str
    due_at: datetime
    overdue: bool


@dataclass
class OpenActions:
    tasks: list[OpenTask]
    cases: list[OpenCase]
    cases_total: int
    followups: list[OpenFollowUp]
    followups_total: int

    @property
    def overdue_tasks(self) -> int:
        return sum(1 for t in self.tasks if t.overdue)

    @property
    def nothing_open(self) -> bool:
        return not (self.tasks or self.cases_total or self.followups_total)


@dataclass
class CrisisReport:
    crisis: Crisis
    generated_at: datetime
    products: list[str]
    duration: timedelta
    timeline: list[TimelineRow]
    volumes: Volumes
    response: ResponseTimes
    statements: list[VersionRow]
    sentiment: Sentiment
    satisfaction: Satisfaction
    open_actions: OpenActions

    @property
    def ongoing(self) -> bool:
        return self.crisis.closed_at is None

    @property
    def duration_text(self) -> str:
        return duration_text(self.duration)

    @property
    def scope(self) -> list[tuple[str, str]]:
        crisis = self.crisis
        window = _day_time(crisis.window_start)
        if crisis.window_end:
            window = f"{window} {DASH} {_day_time(crisis.window_end)}"
        rows = [
            (_("Products"), ", ".join(self.products)),
            (_("Batches"), ", ".join(crisis.batches)),
            (_("Regions"), ", ".join(crisis.regions)),
            (_("Customer segments"), ", ".join(crisis.segments)),
            (_("Affected from"), window),
        ]
        return [(label, value or DASH) for label, value in rows]


def _day_time(value: datetime) -> str:
    return formats.date_format(timezone.localtime(value), "j M Y H:i")


# --- gathering -----------------------------------------------------------------------------


def _confirmed_case_ids(crisis: Crisis) -> Any:
    """The affected cases as a subquery: every section filters on it in its own single query."""
    return CrisisCase.objects.filter(crisis=crisis, state=CrisisCase.State.CONFIRMED).values(
        "case_id"
    )


def _timeline(crisis: Crisis) -> list[TimelineRow]:
    events = crisis.events.select_related("actor").order_by("at", "id")
    return [
        TimelineRow(
            at=e.at,
            kind=e.kind,
            kind_label=e.get_kind_display(),
            actor=_name(e.actor),
            text=e.text,
        )
        for e in events
    ]


def _days(moments: Iterable[datetime]) -> list[Bucket]:
    counts = Counter(timezone.localtime(m).date() for m in moments)
    if not counts:
        return []
    first, last = min(counts), max(counts)
    span = (last - first).days + 1
    days = (
        [first + timedelta(days=i) for i in range(span)]
        if span <= MAX_FILLED_DAYS
        else sorted(counts)
    )
    return [Bucket(start=d, label=formats.date_format(d, "j M"), count=counts[d]) for d in days]


def _hours(moments: Sequence[datetime]) -> list[Bucket]:
    """The first 48 hours from the first affected case, hour by hour, up to the last hour with a
    case in it: a short crisis gets a short chart. Buckets step through UTC hours so a change
    to or from summer time neither drops nor doubles an hour; labels are local."""
    if not moments:
        return []
    start = min(moments).astimezone(UTC).replace(minute=0, second=0, microsecond=0)
    end = start + timedelta(hours=HOURLY_WINDOW)
    counts = Counter(int((m - start).total_seconds() // 3600) for m in moments if start <= m < end)
    buckets = []
    for i in range(max(counts) + 1):
        at = timezone.localtime(start + timedelta(hours=i))
        fmt = "j M H:i" if i == 0 or at.hour == 0 else "H:i"
        buckets.append(Bucket(start=at, label=formats.date_format(at, fmt), count=counts[i]))
    return buckets


def _shares(values: Iterable[str], labels: dict[str, str]) -> list[Share]:
    counts = Counter(values)
    total = sum(counts.values())
    return [
        Share(key=key, label=labels.get(key, key) or DASH, count=n, percent=percent(n, total) or 0)
        for key, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]


def _cases_and_times(
    crisis: Crisis, now: datetime
) -> tuple[Volumes, ResponseTimes, list[OpenCase], int]:
    rows = list(
        Case.objects.filter(pk__in=_confirmed_case_ids(crisis))
        .order_by("created_at", "id")
        .values_list(
            "pk",
            "reference",
            "subject",
            "status",
            "channel",
            "language",
            "created_at",
            "first_response_due_at",
            "first_responded_at",
            "resolved_at",
        )
    )
    created = [r[6] for r in rows]
    languages = {r[5] for r in rows}
    volumes = Volumes(
        total=len(rows),
        by_day=_days(created),
        by_hour=_hours(created),
        by_channel=_shares((r[4] for r in rows), {k: str(v) for k, v in Channel.choices}),
        by_language=_shares((r[5] for r in rows), {c: _language_label(c) for c in languages}),
    )
    first, resolution = [], []
    awaiting = met = missed = running = 0
    open_cases: list[OpenCase] = []
    status_labels = {k: str(v) for k, v in Status.choices}
    for pk, reference, subject, status, _ch, _lang, made, due, answered, resolved in rows:
        if answered is not None:
            first.append(answered - made)
        else:
            awaiting += 1
        if due is not None:
            if answered is not None:
                met, missed = (met + 1, missed) if answered <= due else (met, missed + 1)
            elif due < now:
                missed += 1
            else:
                running += 1
        if resolved is not None:
            resolution.append(resolved - made)
        if status in OPEN_STATUSES:
            open_cases.append(
                OpenCase(
                    pk=pk,
                    reference=reference,
                    subject=subject,
                    status_label=status_labels.get(status, status),
                    created_at=made,
                    overdue=answered is None and due is not None and due < now,
                )
            )
    response = ResponseTimes(
        first_response=Durations.of(first),
        awaiting_first_response=awaiting,
        sla_met=met,
        sla_missed=missed,
        sla_running=running,
        resolution=Durations.of(resolution),
        still_open=len(open_cases),
    )
    return volumes, response, open_cases[:LIST_LIMIT], len(open_cases)


def _statements(crisis: Crisis) -> list[VersionRow]:
    versions = list(
        StatementVersion.objects.filter(statement__crisis=crisis)
        .select_related("statement", "drafted_by", "reviewed_by", "published_by")
        .order_by("statement__language", "number")
    )
    publications: dict[int, list[PublicationRow]] = defaultdict(list)
    for p in (
        Publication.objects.filter(crisis=crisis)
        .select_related("published_by")
        .order_by("published_at", "id")
    ):
        publications[p.version_id].append(
            PublicationRow(
                channel=p.channel,
                channel_label=str(PublishChannel(p.channel).label),
                language=p.language,
                published_at=p.published_at,
                published_by=_name(p.published_by),
                superseded_at=p.superseded_at,
            )
        )
    mails: dict[tuple[int, str], int] = {
        (row["version_id"], row["status"]): row["n"]
        for row in CrisisMailing.objects.filter(crisis=crisis)
        .values("version_id", "status")
        .annotate(n=Count("id"))
        .order_by()
    }
    rows = []
    for v in versions:
        rows.append(
            VersionRow(
                language=v.statement.language,
                language_label=_language_label(v.statement.language),
                number=v.number,
                state=v.state,
                state_label=v.get_state_display(),
                drafted_at=v.drafted_at,
                drafted_by=_name(v.drafted_by),
                submitted_at=v.submitted_at,
                reviewed_at=v.reviewed_at,
                reviewed_by=_name(v.reviewed_by),
                published_at=v.published_at,
                published_by=_name(v.published_by),
                publications=publications.get(v.pk, []),
                mails_sent=mails.get((v.pk, CrisisMailing.Status.SENT), 0),
                mails_failed=mails.get((v.pk, CrisisMailing.Status.FAILED), 0),
                mails_pending=mails.get((v.pk, CrisisMailing.Status.PENDING), 0),
            )
        )
    return rows


def is_negative(sentiment_label: str, emotion: str) -> bool:
    """A message counts as negative when the engine read a negative tone or anger in it."""
    return sentiment_label == "negative" or emotion == "anger"


def _sentiment(crisis: Crisis) -> Sentiment:
    rows = (
        MessageAnalysis.objects.filter(case_id__in=_confirmed_case_ids(crisis))
        .order_by("message__created_at", "id")
        .values_list("message__created_at", "sentiment_label", "emotion", "fired")
    )
    messages: Counter[date] = Counter()
    negative: Counter[date] = Counter()
    signals: dict[date, Counter[str]] = defaultdict(Counter)
    for at, label, emotion, fired in rows:
        day = timezone.localtime(at).date()
        messages[day] += 1
        negative[day] += int(is_negative(label, emotion))
        signals[day].update(name for name in set(fired or ()) if name in REPORT_SIGNALS)
    days = [
        SentimentDay(
            day=day,
            label=formats.date_format(day, "j M"),
            messages=messages[day],
            negative=negative[day],
            signals=tuple(signals[day][name] for name in REPORT_SIGNALS),
        )
        for day in sorted(messages)
    ]
    return Sentiment(days=days, signal_labels=[signal_label(s) for s in REPORT_SIGNALS])


def _satisfaction(crisis: Crisis, affected: int) -> Satisfaction:
    rows = (
        Solution.objects.filter(case_id__in=_confirmed_case_ids(crisis))
        .exclude(response=Solution.Response.WITHDRAWN)
        .order_by("proposed_at", "id")
        .values_list("case_id", "response")
    )
    counts: Counter[str] = Counter()
    latest: dict[int, str] = {}  # per case, its latest answer (the order makes it the last)
    for case_id, response in rows:
        counts[response] += 1
        if response != Solution.Response.PENDING:
            latest[case_id] = response
    satisfied = sum(1 for r in latest.values() if r == Solution.Response.ACCEPTED)
    return Satisfaction(
        accepted=counts[Solution.Response.ACCEPTED],
        rejected=counts[Solution.Response.REJECTED],
        awaiting=counts[Solution.Response.PENDING],
        cases_satisfied=satisfied,
        cases_not_satisfied=len(latest) - satisfied,
        cases_without_answer=affected - len(latest),
    )


def _open_tasks(crisis: Crisis, now: datetime) -> list[OpenTask]:
    tasks = (
        CrisisTask.objects.filter(crisis=crisis, done_at=None)
        .select_related("owner")
        .order_by("due_at", "position", "id")
    )
    return [
        OpenTask(
            title=t.title,
            owner_role=t.get_owner_role_display(),
            owner=_name(t.owner),
            due_at=t.due_at,
            overdue=t.due_at < now,
        )
        for t in tasks
    ]


def _open_followups(crisis: Crisis, now: datetime) -> tuple[list[OpenFollowUp], int]:
    rows = list(
        FollowUp.objects.filter(
            case_id__in=_confirmed_case_ids(crisis), status=FollowUp.Status.OPEN
        )
        .select_related("owner", "case")
        .order_by("due_at", "id")[: LIST_LIMIT + 1]
    )
    total = len(rows)
    if total > LIST_LIMIT:
        total = FollowUp.objects.filter(
            case_id__in=_confirmed_case_ids(crisis), status=FollowUp.Status.OPEN
        ).count()
    return [
        OpenFollowUp(
            case_pk=f.case_id,
            case_reference=f.case.reference,
            title=f.title,
            owner=_name(f.owner),
            due_at=f.due_at,
            overdue=f.due_at < now,
        )
        for f in rows[:LIST_LIMIT]
    ], total


def crisis_report(crisis: Crisis, *, now: datetime | None = None) -> CrisisReport:
    """Everything the post-crisis report shows, for a crisis read with ``access_crisis``."""
    now = now or timezone.now()
    volumes, response, open_cases, open_total = _cases_and_times(crisis, now)
    followups, followups_total = _open_followups(crisis, now)
    return CrisisReport(
        crisis=crisis,
        generated_at=now,
        products=[str(p) for p in crisis.products.order_by("brand", "name")],
        duration=(crisis.closed_at or now) - crisis.opened_at,
        timeline=_timeline(crisis),
        volumes=volumes,
        response=response,
        statements=_statements(crisis),
        sentiment=_sentiment(crisis),
        satisfaction=_satisfaction(crisis, volumes.total),
        open_actions=OpenActions(
            tasks=_open_tasks(crisis, now),
            cases=open_cases,
            cases_total=open_total,
            followups=followups,
            followups_total=followups_total,
        ),
    )
