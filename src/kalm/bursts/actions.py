"""Every write to burst alerts: detecting (store new alerts, refresh open ones), dismissing,
and marking an alert as handled by a crisis (called by the crisis app)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db import connection, transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from kalm.bursts import detect as detector
from kalm.bursts.models import BurstAlert
from kalm.cases.models import Case, Channel, Message, Product

Status = BurstAlert.Status

# The detector's state is recomputed from this window on every run rather than persisted: a few
# hundred to a few thousand cases take well under a second to count (embedding the texts is the
# cost, ~1 ms each), the result never drifts from the database, and a changed setting or a
# merged case takes effect on the next run. Four weeks give the weekday x hour baseline history.
WINDOW = timedelta(days=28)
# Two detections are the same burst when they share a case, or (same key) start within a day.
SAME_BURST = timedelta(hours=24)
MAX_EVIDENCE = 200
_LOCK_ID = 0x6B616C6D  # "kalm": one detection run at a time on PostgreSQL

MOVES: dict[str, frozenset[str]] = {
    Status.OPEN: frozenset({Status.DISMISSED, Status.CRISIS}),
    Status.DISMISSED: frozenset({Status.CRISIS}),  # a dismissed wave can turn out to matter
    Status.CRISIS: frozenset(),
}


class BurstActionError(ValueError):
    """An alert action refused for a reason the user can act on; the message is translated."""


class Clock:
    """Where the detector's time axis puts each case. Real detection uses the real clock. A
    drill plays its script faster than real time (``speed``): its cases are placed at their
    script moment (start + script seconds), the weeks of background history before the start
    where they are, so the detector sees the wave's true shape in script hours rather than a
    compressed burst that any trickle would trip."""

    def __init__(self, drill: Any = None) -> None:
        self.drill = drill
        self.script: dict[int, int] = {}
        if drill is not None:
            self.script = {int(e["case"]): int(e["at"]) for e in drill.script if e.get("case")}

    def place(self, case_id: int, created_at: datetime) -> datetime:
        at = self.script.get(case_id)
        return created_at if at is None else self.drill.started_at + timedelta(seconds=at)

    def now(self, now: datetime) -> datetime:
        if self.drill is None:
            return now
        return self.drill.started_at + timedelta(seconds=self.drill.script_time(now))

    def real(self, moment: datetime) -> datetime:
        """Back from the detector's axis to the real clock (charts, stored times)."""
        if self.drill is None or moment <= self.drill.started_at:
            return moment
        return self.drill.started_at + (moment - self.drill.started_at) / self.drill.speed


def _events(
    since: datetime, until: datetime, clock: Clock | None = None
) -> tuple[list[detector.Event], dict[str, str]]:
    clock = clock or Clock()
    drill_id = clock.drill.pk if clock.drill is not None else None
    first_inbound = Message.objects.filter(case=OuterRef("pk"), kind=Message.Kind.INBOUND).order_by(
        "created_at", "pk"
    )
    rows = (
        # Real detection never sees a drill's cases; a drill's detection sees only its own.
        Case.objects.filter(drill_id=drill_id)
        .annotate(first_text=Subquery(first_inbound.values("body")[:1]))
        .values_list(
            "pk", "created_at", "product_id", "batch_number", "channel", "subject", "first_text"
        )
    )
    if clock.drill is None:
        rows = rows.filter(created_at__gte=since, created_at__lte=until)
    events = []
    for pk, created_at, product_id, batch, channel, subject, text in rows:
        moment = clock.place(pk, created_at)
        if not since <= moment <= until:
            continue
        # The subject is usually the consumer's own summary: it sharpens the topic.
        body = ". ".join(part for part in (subject, text or "") if part)
        events.append(
            detector.Event(
                timestamp=moment,
                product=str(product_id or ""),
                batch=batch.strip().upper(),
                channel=channel,
                text=body[:1000],
                case_id=str(pk),
            )
        )
    labels = {f"channel:{value}": str(label) for value, label in Channel.choices}
    product_ids = {int(e.product) for e in events if e.product}
    for pk, name in Product.objects.filter(pk__in=product_ids).values_list("pk", "name"):
        labels[f"product:{pk}"] = name
    for event in events:
        if event.batch:
            labels[f"batch:{event.batch}"] = event.batch
    return events, labels


def _scope(alert: detector.Alert, by_case: dict[str, detector.Event]) -> dict[str, Any]:
    """Product, batch and channel of an alert: its own key, or what all its cases share."""
    rows = [by_case[c] for c in alert.all_case_ids if c in by_case]

    def shared(attr: str) -> str:
        values = {getattr(row, attr) for row in rows}
        return values.pop() if len(values) == 1 else ""

    dimension, value = alert.key.split(":", 1)
    product = value if dimension == "product" else shared("product")
    return {
        "product_id": int(product) if product else None,
        "batch": value if dimension == "batch" else shared("batch"),
        "channel": value if dimension == "channel" else shared("channel"),
    }


def _existing(
    found: detector.Alert, case_ids: list[int], drill_id: int | None = None
) -> BurstAlert | None:
    same = BurstAlert.objects.filter(dimension=found.dimension, drill_id=drill_id)
    by_cases = same.filter(cases__in=case_ids).order_by("-detected_at").first()
    if by_cases or found.dimension == BurstAlert.Dimension.TOPIC:
        # Topic numbers are not stable between runs (clusters form anew): only cases tell.
        return by_cases
    return (
        same.filter(
            key=found.key,
            start__gte=found.start - SAME_BURST,
            start__lte=found.start + SAME_BURST,
        )
        .order_by("-detected_at")
        .first()
    )


def _series(
    result: detector.Result, found: detector.Alert, now: datetime, clock: Clock | None = None
) -> list:
    clock = clock or Clock()
    last = found.ended_at or now
    since = found.start - timedelta(hours=12)
    until = min(max(last, found.detected_at) + timedelta(hours=6), now)
    hours = result.hourly(found.key, since, until)[-96:]
    return [[clock.real(moment).isoformat(), count] for moment, count in hours]


def _moments(
    found: detector.Alert, clock: Clock, created: dict[str, datetime]
) -> dict[str, datetime]:
    """Start and detection of an alert on the real clock. For a drill: when the run's first
    case and the case that tipped the detector really arrived (what the team could see)."""
    if clock.drill is None:
        return {"start": found.start, "detected_at": found.detected_at}
    ids = found.case_ids or found.all_case_ids
    first = created.get(ids[0]) if ids else None
    tipped = created.get(ids[-1]) if ids else None
    return {
        "start": first or clock.real(found.start),
        "detected_at": tipped or clock.real(found.detected_at),
    }


def alerts_detect(
    *, now: datetime | None = None, window: timedelta = WINDOW, drill: Any = None
) -> list[BurstAlert]:
    """Run the detector over the cases of the last `window` and store what it finds: a new
    alert per burst, or a refreshed count on the open alert of a burst seen before (dismissed
    and handled alerts are left as they are, so a burst is never raised twice). Returns the
    alerts created by this run.

    Without ``drill`` only real cases count; with one, only that drill's cases, on the drill's
    script clock (see ``Clock``), and the alerts belong to the drill."""
    clock = Clock(drill)
    now = clock.now(now or timezone.now())
    since = now - window
    events, labels = _events(since, now, clock)
    if not events:
        return []
    if drill is not None:
        # A drill's world begins with its history: the detector's warm-up counts from there,
        # not from weeks of silence that would make its first everyday complaints a burst.
        since = max(since, min(e.timestamp for e in events).replace(minute=0, second=0))
    result = detector.detect(events, start=since, end=now, labels=labels)
    by_case = {e.case_id: e for e in events}
    created_at: dict[str, datetime] = {}
    if drill is not None:
        created_at = {
            str(pk): at
            for pk, at in Case.objects.filter(drill=drill).values_list("pk", "created_at")
        }
    drill_id = drill.pk if drill is not None else None
    created: list[BurstAlert] = []
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:  # two workers must not both create an alert
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_ID])
        for found in result.alerts:
            case_ids = [int(c) for c in found.all_case_ids][:MAX_EVIDENCE]
            values = {
                "count": found.total_count,
                "expected": round(found.total_expected, 3),
                "score": round(found.score, 3),
                "series": _series(result, found, now, clock),
            }
            alert = _existing(found, case_ids, drill_id)
            if alert is not None:
                if alert.status == Status.OPEN:
                    for name, value in values.items():
                        setattr(alert, name, value)
                    alert.updated_at = timezone.now() if drill is not None else now
                    alert.save(update_fields=[*values, "updated_at"])
                    alert.cases.add(*case_ids)
                continue
            stored = timezone.now() if drill is not None else now
            alert = BurstAlert.objects.create(
                dimension=found.dimension,
                key=found.key,
                label=found.label[:200],
                drill=drill,
                **_moments(found, clock, created_at),
                created_at=stored,
                updated_at=stored,
                **_scope(found, by_case),
                **values,
            )
            alert.cases.set(case_ids)
            # Not stored: the case whose arrival tipped the detector, for the drill report.
            tipped = found.case_ids or found.all_case_ids
            alert.trigger_case_id = int(tipped[-1]) if tipped else None
            created.append(alert)
    return created


def _move(alert: BurstAlert, status: str, *, actor: Any, note: str | None = None) -> BurstAlert:
    with transaction.atomic():
        locked = BurstAlert.objects.select_for_update().get(pk=alert.pk)
        if status not in MOVES[locked.status]:
            raise BurstActionError(
                _("This alert was already handled: %(status)s.")
                % {"status": locked.get_status_display()}
            )
        locked.status = status
        locked.handled_by = actor
        locked.handled_at = timezone.now()
        locked.updated_at = locked.handled_at
        if note is not None:
            locked.note = note
        locked.save(update_fields=["status", "handled_by", "handled_at", "updated_at", "note"])
    return locked


def alert_dismiss(*, alert: BurstAlert, actor: Any, reason: str = "") -> BurstAlert:
    """Not a crisis: close the alert with the reason (kept for the post-crisis review)."""
    return _move(alert, Status.DISMISSED, actor=actor, note=reason.strip())


def alert_mark_crisis(*, alert: BurstAlert, actor: Any) -> BurstAlert:
    """A crisis was opened from this alert (called by the crisis app)."""
    return _move(alert, Status.CRISIS, actor=actor)
