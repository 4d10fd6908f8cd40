"""Every write of a drill: start it (script, product, weeks of history), play its due
complaints through the normal intake, fast-forward, run its burst detection, finish it.

Replay goes through the very functions real complaints go through (the portal's, the email
ingest's, the chat's, a phone intake's and a social message's use of ``case_open``), so the
empathy analysis, routing, SLA, the confirmation email and the reply check all run as they
would. The only difference is the address: every drill consumer writes from the drill's
reserved ``.invalid`` domain, which keeps them apart from real consumers (see
``kalm.consumers.actions.consumer_find_or_create``), and every case is marked with the drill in
the same transaction that opened it, before any background job can see it.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kalm.bursts.actions import alerts_detect
from kalm.cases.actions import (
    case_confirmation_queue,
    case_open,
    case_transition,
    portal_link_create,
)
from kalm.cases.models import Case, Channel, ExpectationOption, Product, Status
from kalm.drills.models import Drill
from kalm.drills.scenarios import (
    Params,
    Scenario,
    ScenarioError,
    history_build,
    scenario_get,
    script_build,
)
from kalm.drills.selectors import drill_address, running_drills

HISTORY_DAYS = 21  # three weeks: past the detector's one-week warm-up, a baseline per weekday
MAX_SPEED = 240
MAX_ADVANCE_MINUTES = 7 * 24 * 60


class DrillError(ValueError):
    """A drill action refused for a reason the facilitator can fix; the message is translated."""


def _local_part(name: str, n: int, prefix: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return f"{prefix}{n}.{re.sub(r'[^a-z0-9]+', '.', plain).strip('.')}"


def drill_start(
    *,
    scenario: str,
    actor: Any,
    speed: int = 12,
    volume: float = 1.0,
    angry_share: float = 0.3,
    threat_share: float = 0.05,
    channels: list[str] | tuple[str, ...] | None = None,
    languages: list[str] | tuple[str, ...] | None = None,
    seed: int | None = None,
    history_days: int = HISTORY_DAYS,
) -> Drill:
    """Create the drill, its own "[DRILL]" product, its script, and the weeks of everyday
    complaints before it (backdated, closed) that give the burst detector its baseline.
    Nothing of the wave is played yet: the periodic task (or ``drill_advance``) does that."""
    try:
        found = scenario_get(scenario)
        params = Params(
            volume=float(volume),
            angry_share=float(angry_share),
            threat_share=float(threat_share),
            channels=tuple(channels) if channels else Params.channels,
            languages=tuple(languages) if languages else Params.languages,
        ).checked()
    except (ScenarioError, TypeError, ValueError) as exc:
        raise DrillError(str(exc)) from exc
    if not 1 <= int(speed) <= MAX_SPEED:
        raise DrillError(_("Speed must be between 1 and %(max)d.") % {"max": MAX_SPEED})
    if not 0 <= int(history_days) <= 56:
        raise DrillError(_("The history must be between 0 and 56 days."))
    seed = int(seed) if seed is not None else secrets.randbelow(1_000_000) + 1
    if seed < 0:
        raise DrillError(_("The seed must be a positive number."))
    with transaction.atomic():
        product = Product.objects.create(
            name=found.product_name, brand="", sku=f"DRILL-{found.batch}", active=False
        )
        drill = Drill.objects.create(
            scenario=found.key,
            title=str(found.title),
            seed=seed,
            speed=int(speed),
            volume=params.volume,
            angry_share=params.angry_share,
            threat_share=params.threat_share,
            channels=list(params.channels),
            languages=list(params.languages),
            script=script_build(found, params, seed),
            product=product,
            started_by=actor,
            started_at=timezone.now(),
        )
        _history(drill, found, params, history_days, actor)
    return drill


def _history(drill: Drill, scenario: Scenario, params: Params, days: int, actor: Any) -> None:
    """Everyday complaints of the weeks before, opened through case_open with their own date
    and closed: the desk's past, not work for the team."""
    rows = history_build(scenario, params, drill.seed, days) if days else []
    for row in rows:
        at = drill.started_at + timedelta(seconds=row["at"])
        case = case_open(
            name=row["name"],
            email=drill_address(drill.pk, _local_part(row["name"], row["n"], "h")),
            subject=row["subject"],
            body=row["text"],
            channel=row["channel"],
            language=row["language"],
            product=drill.product,
            batch_number=row["batch"],
            created_at=at,
        )
        Case.objects.filter(pk=case.pk).update(drill=drill)
        case_transition(case=case, to=Status.CLOSED, actor=actor, reason=_("Drill history"))


def _raw_email(drill: Drill, event: dict[str, Any], address: str) -> bytes:
    message = EmailMessage()
    message["From"] = f"{event['name']} <{address}>"
    message["To"] = "klantenservice@kalm.localhost"
    message["Subject"] = event["subject"]
    message["Date"] = format_datetime(timezone.now())
    message["Message-ID"] = make_msgid(idstring=f"drill{drill.pk}", domain=address.split("@")[1])
    message.set_content(event["text"])
    return message.as_bytes()


def _inject(drill: Drill, event: dict[str, Any]) -> Case | None:
    """One complaint through the intake of its channel. Returns the case, or None when the
    intake refused it (the reason is then recorded on the event)."""
    address = drill_address(drill.pk, _local_part(event["name"], event["n"], "c"))
    channel = event["channel"]
    common = {
        "name": event["name"],
        "email": address,
        "subject": event["subject"],
        "body": event["text"],
        "language": event["language"],
    }
    if channel == Channel.EMAIL:
        from kalm.channels.email.ingest import ingest_raw

        result = ingest_raw(_raw_email(drill, event, address), source=f"drill:{drill.pk}")
        if result.case is None:
            event["refused"] = result.line[:200]
        return result.case
    if channel == Channel.CHAT:
        from kalm.chat.actions import chat_start

        session, _secret = chat_start(
            name=event["name"], email=address, body=event["text"], language=event["language"]
        )
        return session.case
    if channel == Channel.WEB:
        informed = (
            list(ExpectationOption.objects.filter(code="informed", active=True))
            if event.get("informed")
            else []
        )
        case = case_open(
            **common,
            channel=Channel.WEB,
            product=drill.product,
            batch_number=event["batch"],
            expectations=informed,
        )
        _link, token = portal_link_create(case=case)
        case_confirmation_queue(case=case, token=token)
        return case
    if channel == Channel.PHONE:
        # A call taken in: the agent records product and batch as the caller says them.
        return case_open(
            **common, channel=Channel.PHONE, product=drill.product, batch_number=event["batch"]
        )
    return case_open(**common, channel=Channel.SOCIAL)


def drill_play(*, drill: Drill, now: datetime | None = None) -> int:
    """Play every complaint that is due by the script clock; returns how many were played.

    One transaction per complaint, under a lock on the drill row: two workers never play the
    same complaint, and a complaint the intake refuses is recorded and skipped, not retried
    forever."""
    played = 0
    while True:
        with transaction.atomic():
            locked = Drill.objects.select_for_update().get(pk=drill.pk)
            if not locked.is_running or locked.played >= len(locked.script):
                break
            due = locked.script_time(now)
            event = dict(locked.script[locked.played])
            if event["at"] > due:
                break
            case = _inject(locked, event)
            if case is not None:
                Case.objects.filter(pk=case.pk).update(drill=locked)
                event["case"] = case.pk
            event["played_at"] = timezone.now().isoformat()
            locked.script[locked.played] = event
            locked.played += 1
            locked.save(update_fields=["script", "played"])
            played += 1
    drill.refresh_from_db()
    return played


def drill_detect(*, drill: Drill, now: datetime | None = None) -> list[Any]:
    """The burst detector over this drill's own cases; alerts belong to the drill. Each new
    alert is noted on the complaint that tipped it, so the report can tell the time to detect
    in script time even when the facilitator fast-forwarded."""
    created = alerts_detect(now=now, drill=drill)
    tipped = {getattr(a, "trigger_case_id", None): a.pk for a in created}
    if created:
        with transaction.atomic():
            locked = Drill.objects.select_for_update().get(pk=drill.pk)
            for event in locked.script:
                if event.get("case") in tipped:
                    event.setdefault("alerts", []).append(tipped[event["case"]])
            locked.save(update_fields=["script"])
        drill.refresh_from_db()
    return created


def drill_tick(*, drill: Drill, now: datetime | None = None) -> tuple[int, list[Any]]:
    """What the worker does every minute for a running drill: play, then detect."""
    played = drill_play(drill=drill, now=now)
    return played, drill_detect(drill=drill, now=now)


def drills_tick(now: datetime | None = None) -> int:
    """Every running drill, one tick each; returns the number of complaints played."""
    return sum(drill_tick(drill=drill, now=now)[0] for drill in running_drills())


def drill_advance(*, drill: Drill, minutes: float, now: datetime | None = None) -> Drill:
    """Fast-forward: the script clock jumps ``minutes`` (script minutes) ahead and what became
    due is played and detected at once. The start moves back by minutes/speed real minutes,
    so the script clock stays one formula (``Drill.script_time``)."""
    try:
        minutes = float(minutes)
    except (TypeError, ValueError):
        raise DrillError(_("Give the minutes as a number.")) from None
    if not 0 < minutes <= MAX_ADVANCE_MINUTES:
        raise DrillError(
            _("Fast-forward between 1 and %(max)d minutes.") % {"max": MAX_ADVANCE_MINUTES}
        )
    with transaction.atomic():
        locked = Drill.objects.select_for_update().get(pk=drill.pk)
        if not locked.is_running:
            raise DrillError(_("This drill has finished."))
        locked.started_at -= timedelta(seconds=minutes * 60 / locked.speed)
        locked.save(update_fields=["started_at"])
    drill.refresh_from_db()
    drill_tick(drill=drill, now=now)
    drill.refresh_from_db()
    return drill


def drill_finish(*, drill: Drill, actor: Any) -> Drill:
    """End the drill: nothing more is played. Its rows stay (the report reads them)."""
    with transaction.atomic():
        locked = Drill.objects.select_for_update().get(pk=drill.pk)
        if not locked.is_running:
            raise DrillError(_("This drill has already finished."))
        locked.status = Drill.Status.FINISHED
        locked.finished_at = timezone.now()
        locked.save(update_fields=["status", "finished_at"])
    drill.refresh_from_db()
    return drill
