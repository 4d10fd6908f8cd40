"""The drill report: how fast the team saw the wave, spoke and answered, whether every channel
said the same thing, and what was missed.

Clocks. The wave's moments are known exactly in script time (each complaint's ``at``), and the
team's moments (an approval, a reply) exactly in real time. The report measures:

- time to detect in both: script time between the wave's first complaint and the complaint
  whose arrival tipped the detector (exact, whatever the speed or fast-forwards), and the real
  minutes between their arrival;
- time to first approved statement and time to first reply in real (wall-clock) minutes from
  the arrival of the wave's first complaint: what a drill trains is the team's reaction, and
  the team only had the real minutes. Next to it, the scenario equivalent (real x speed): what
  the same reaction would have meant in a live crisis. Minutes the facilitator fast-forwarded
  are not in either (no one could act during them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db.models import F, Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from kalm.bursts.models import BurstAlert
from kalm.cases.models import Case, Message
from kalm.crisis.report import duration_text
from kalm.drills.models import Drill
from kalm.drills.scenarios import SCENARIOS, onset_seconds

# Signals that must never go unanswered in a crisis.
URGENT_SIGNALS = ("injury", "legal", "media", "aggression")
LIST_LIMIT = 50


@dataclass
class Duration:
    real: timedelta | None = None
    script: timedelta | None = None

    @property
    def measured(self) -> bool:
        return self.real is not None or self.script is not None


@dataclass
class ChannelLine:
    label: str
    language: str
    shown: int | None  # version number the channel shows
    newest: int | None  # newest approved version number
    behind: bool


@dataclass
class MissedItem:
    text: str
    case: Case | None = None


@dataclass
class MissedGroup:
    key: str
    title: str
    items: list[MissedItem] = field(default_factory=list)
    total: int = 0


@dataclass
class DrillReport:
    drill: Drill
    played: int
    scripted: int
    cases: int
    onset_script: timedelta | None
    onset_real: datetime | None
    crisis: Any
    detect: Duration
    statement: Duration
    reply: Duration
    alerts_before_onset: int
    channels: list[ChannelLine]
    missed: list[MissedGroup]

    @property
    def consistent(self) -> bool | None:
        """Every channel shows the newest approved version (None: nothing published)."""
        published = [c for c in self.channels if c.shown is not None]
        if not published:
            return None
        return not any(c.behind for c in self.channels)

    def as_text(self) -> str:
        return report_text(self)


def _script_delta(seconds: float | None) -> timedelta | None:
    return timedelta(seconds=seconds) if seconds is not None else None


def _real(drill: Drill, since: datetime | None, at: datetime | None) -> Duration:
    if since is None or at is None:
        return Duration()
    real = at - since
    return Duration(real=real, script=real * drill.speed)


def _answered_case_ids(case_ids: set[int], since: datetime | None) -> set[int]:
    """Cases that got a reply or a call from a person (after the onset, when given)."""
    rows = Message.objects.filter(
        case_id__in=case_ids,
        author__isnull=False,
        kind__in=[Message.Kind.OUTBOUND, Message.Kind.PHONE],
    )
    return set(rows.values_list("case_id", flat=True))


def _urgent_reasons(drill: Drill, case_ids: set[int]) -> dict[int, set[str]]:
    """Why each case is urgent: what the empathy engine fired, and what the script says the
    consumer did (an injury, a threat), so a signal the engine missed still counts."""
    from kalm.empathy.models import MessageAnalysis, signal_label

    reasons: dict[int, set[str]] = {}
    rows = MessageAnalysis.objects.filter(case_id__in=case_ids).values_list("case_id", "fired")
    for case_id, fired in rows:
        for name in fired or []:
            if name in URGENT_SIGNALS:
                reasons.setdefault(case_id, set()).add(signal_label(name))
    for event in drill.script:
        case_id = event.get("case")
        if case_id not in case_ids:
            continue
        if event.get("injury"):
            reasons.setdefault(case_id, set()).add(signal_label("injury"))
        if event.get("threat") == "legal":
            reasons.setdefault(case_id, set()).add(signal_label("legal"))
        elif event.get("threat") == "media":
            reasons.setdefault(case_id, set()).add(signal_label("media"))
        elif event.get("threat") == "aggression":
            reasons.setdefault(case_id, set()).add(signal_label("aggression"))
    return reasons


def _group(key: str, title: str, items: list[MissedItem]) -> MissedGroup:
    return MissedGroup(key=key, title=title, items=items[:LIST_LIMIT], total=len(items))


def _channels(crisis: Any, drill: Drill) -> list[ChannelLine]:
    from kalm.crisis.selectors import statement_panel

    lines = []
    for block in statement_panel(crisis, drill.started_by).blocks:
        for state in block.channels:
            lines.append(
                ChannelLine(
                    label=state.label,
                    language=state.language,
                    shown=state.shown.number if state.shown else None,
                    newest=state.newest_approved.number if state.newest_approved else None,
                    behind=state.behind,
                )
            )
    return lines


def drill_report(drill: Drill, *, now: datetime | None = None) -> DrillReport:
    from kalm.crisis.models import (
        Crisis,
        CrisisMailing,
        CrisisTask,
        Publication,
        PublishChannel,
        StatementVersion,
    )
    from kalm.crisis.selectors import STATEMENT_CHANNELS

    now = now or timezone.now()
    script = drill.script
    played = [e for e in script[: drill.played] if e.get("case")]
    case_ids = {int(e["case"]) for e in played}
    cases = {
        c.pk: c
        for c in Case.objects.filter(pk__in=case_ids, drill=drill).select_related("consumer")
    }
    onset_at = onset_seconds(script)
    onset_event = next((e for e in played if e.get("kind") == "wave"), None)
    onset_case = cases.get(onset_event["case"]) if onset_event else None
    onset_real = onset_case.created_at if onset_case else None

    # Time to detect: the first alert at or after the onset (earlier ones were false alarms).
    alerts = list(BurstAlert.objects.filter(drill=drill).order_by("detected_at", "pk"))
    first = next((a for a in alerts if onset_real and a.detected_at >= onset_real), None)
    detect = Duration()
    if first is not None and onset_real is not None:
        tipped = next((e for e in script if first.pk in e.get("alerts", [])), None)
        detect = Duration(
            real=first.detected_at - onset_real,
            script=_script_delta(tipped["at"] - onset_at) if tipped and onset_at else None,
        )
    early = sum(1 for a in alerts if onset_real is None or a.detected_at < onset_real)

    crisis = Crisis.objects.filter(drill=drill).order_by("opened_at", "pk").first()
    approved = (
        StatementVersion.objects.filter(
            statement__crisis__drill=drill,
            state__in=[StatementVersion.State.APPROVED, StatementVersion.State.SUPERSEDED],
            reviewed_at__isnull=False,
        )
        .order_by("reviewed_at", "pk")
        .first()
    )
    statement = _real(drill, onset_real, approved.reviewed_at if approved else None)

    reply_rows = Message.objects.filter(
        case_id__in=case_ids, kind=Message.Kind.OUTBOUND, author__isnull=False
    )
    if onset_real is not None:
        reply_rows = reply_rows.filter(created_at__gte=onset_real)
    first_reply = reply_rows.order_by("created_at", "pk").first()
    reply = _real(drill, onset_real, first_reply.created_at if first_reply else None)

    answered = _answered_case_ids(case_ids, onset_real)
    live = {pk: c for pk, c in cases.items() if c.merged_into_id is None}

    urgent = _urgent_reasons(drill, set(live))
    missed_urgent = [
        MissedItem(
            _("%(ref)s: %(reasons)s, no reply or call-back")
            % {"ref": live[pk].reference, "reasons": ", ".join(sorted(reasons))},
            live[pk],
        )
        for pk, reasons in sorted(urgent.items())
        if pk not in answered
    ]

    tasks: list[MissedItem] = []
    if crisis is not None:
        overdue = CrisisTask.objects.filter(crisis__drill=drill).filter(
            Q(done_at__isnull=True, due_at__lt=now) | Q(done_at__gt=F("due_at"))
        )
        for task in overdue.order_by("due_at", "pk"):
            text = (
                _("%(title)s: not done, due %(due)s")
                if task.done_at is None
                else _("%(title)s: done late, due %(due)s")
            ) % {"title": task.title, "due": formats.time_format(timezone.localtime(task.due_at))}
            tasks.append(MissedItem(text))

    unpublished: list[MissedItem] = []
    if crisis is None:
        unpublished.append(MissedItem(_("No crisis was opened, so nothing was published.")))
    else:
        published = set(
            Publication.objects.filter(crisis__drill=drill).values_list("channel", flat=True)
        )
        unpublished = [
            MissedItem(str(PublishChannel(c).label))
            for c in STATEMENT_CHANNELS
            if c not in published
        ]

    informed_ids = {int(e["case"]) for e in played if e.get("informed")}
    informed_ids |= set(
        Case.objects.filter(pk__in=case_ids, expectations__code="informed").values_list(
            "pk", flat=True
        )
    )
    mailed_consumers = set(
        CrisisMailing.objects.filter(
            crisis__drill=drill, status=CrisisMailing.Status.SENT
        ).values_list("subscription__consumer_id", flat=True)
    )
    not_informed = [
        MissedItem(
            _("%(ref)s: %(name)s asked to be kept informed and got no update")
            % {"ref": live[pk].reference, "name": live[pk].consumer.name},
            live[pk],
        )
        for pk in sorted(informed_ids & set(live))
        if pk not in answered and live[pk].consumer_id not in mailed_consumers
    ]

    unanswered = [
        MissedItem(
            _("%(ref)s (%(channel)s): %(subject)s")
            % {
                "ref": c.reference,
                "channel": c.get_channel_display(),
                "subject": c.subject,
            },
            c,
        )
        for pk, c in sorted(live.items())
        if pk not in answered
    ]

    missed = [
        _group(
            "urgent",
            _("Injury, legal or threat signals without a reply or call-back"),
            missed_urgent,
        ),
        _group("tasks", _("Playbook tasks overdue"), tasks),
        _group("channels", _("Channels never published"), unpublished),
        _group("informed", _("Asked to be kept informed, no update"), not_informed),
        _group("unanswered", _("Cases without any reply"), unanswered),
    ]
    return DrillReport(
        drill=drill,
        played=drill.played,
        scripted=len(script),
        cases=len(cases),
        onset_script=_script_delta(onset_at),
        onset_real=onset_real,
        crisis=crisis,
        detect=detect,
        statement=statement,
        reply=reply,
        alerts_before_onset=early,
        channels=_channels(crisis, drill) if crisis is not None else [],
        missed=missed,
    )


def minutes(value: timedelta | None) -> str:
    """ "12 min", "1 h 5 min" (translated, as the crisis report says it); "-" when missing."""
    if value is None:
        return "-"
    if value < timedelta(0):
        return "-" + duration_text(-value)
    return duration_text(value)


def report_text(report: DrillReport) -> str:
    """The report as plain text (``kalm drill report``)."""
    drill = report.drill
    scenario = SCENARIOS.get(drill.scenario)
    lines = [
        _("Drill report: %(title)s (#%(id)d)") % {"title": drill.title, "id": drill.pk},
        _("Scenario %(key)s, seed %(seed)d, speed %(speed)dx, volume %(volume)s")
        % {
            "key": scenario.key if scenario else drill.scenario,
            "seed": drill.seed,
            "speed": drill.speed,
            "volume": drill.volume,
        },
        _("Complaints played: %(played)d of %(total)d; cases: %(cases)d")
        % {"played": report.played, "total": report.scripted, "cases": report.cases},
        "",
        _("Times from the wave's first complaint (real minutes; scenario minutes at this speed):"),
    ]
    # Translated outside the f-strings: xgettext does not look inside them.
    scenario_word, not_reached = _("scenario"), _("not reached")
    for label, value in (
        (_("Time to detect"), report.detect),
        (_("Time to first approved statement"), report.statement),
        (_("Time to first reply"), report.reply),
    ):
        lines.append(
            f"  {label}: {minutes(value.real)} ({scenario_word}: {minutes(value.script)})"
            if value.measured
            else f"  {label}: {not_reached}"
        )
    if report.alerts_before_onset:
        lines.append(
            "  "
            + _("Alerts before the onset (false alarms): %(n)d") % {"n": report.alerts_before_onset}
        )
    lines.append("")
    lines.append(_("Channel consistency:"))
    if not report.channels:
        lines.append("  " + _("no crisis or no statement"))
    for channel in report.channels:
        state = _("behind") if channel.behind else _("up to date")
        lines.append(
            f"  {channel.label} [{channel.language}]: v{channel.shown or '-'} / "
            f"v{channel.newest or '-'} {state}"
        )
    for group in report.missed:
        lines.append("")
        lines.append(f"{group.title}: {group.total}")
        lines.extend(f"  - {item.text}" for item in group.items)
    return "\n".join(lines)
