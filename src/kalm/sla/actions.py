"""Every write to SLA clocks: start, pause/resume, replies, and the worker's warnings, breaches
and escalations.

Clocks count business time (kalm.sla.calendar). The worker claims each warning and breach with
a conditional update (``…_breached_at IS NULL``), so several workers running the sweep at once
never warn or escalate one case twice."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from kalm.cases.models import Case, Priority, Status
from kalm.core.prepared import prepared_list
from kalm.dossier.actions import entry_append
from kalm.dossier.models import DossierEntry, EntryKind
from kalm.drills.mail import staff_mail_send
from kalm.sla.calendar import add_business_time, business_time_between
from kalm.sla.models import TARGETS, CaseSla, SlaPolicy, Target
from kalm.sla.selectors import RUNNING_STATUSES, case_sla_queryset, lead_recipients, policy_for

log = logging.getLogger(__name__)

# A near-breach warning once this share of the business time is used.
WARN_FRACTION = 0.8
# One step up on breach; the leads are told when the case is (or becomes) one of these.
PRIORITY_STEP = {
    Priority.LOW: Priority.NORMAL,
    Priority.NORMAL: Priority.HIGH,
    Priority.HIGH: Priority.URGENT,
}
TELL_LEADS_AT = (Priority.URGENT,)
# A breach found long after its due time (the worker was down, cases were imported with their
# history, the demo data) is recorded but not escalated: a storm of priority bumps and lead
# emails about stale breaches helps nobody. Within this window a breach escalates as usual.
ESCALATE_WITHIN = timedelta(hours=24)


def _clock(target: str, start: datetime, duration: timedelta, policy: SlaPolicy) -> dict[str, Any]:
    """Fresh fields for one target's clock started at ``start``."""
    calendar = policy.calendar
    return {
        f"{target}_due": add_business_time(start, duration, calendar),
        f"{target}_warn_at": add_business_time(start, duration * WARN_FRACTION, calendar),
        f"{target}_warned_at": None,
        f"{target}_breached_at": None,
        f"{target}_met_at": None,
    }


def _save(sla: CaseSla, fields: dict[str, Any]) -> CaseSla:
    for key, value in fields.items():
        setattr(sla, key, value)
    if fields:
        CaseSla.objects.filter(pk=sla.pk).update(**fields)
    return sla


def _locked(case: Case) -> CaseSla | None:
    # Compiled once per connection (kalm.core.prepared): every inbound message on a case asks
    # it (sla_on_inbound), and compiling it cost more than running it.
    found = prepared_list(
        "sla.locked",
        lambda case_id: (
            case_sla_queryset()
            .select_for_update(of=("self",))
            .filter(case_id=case_id)
            .order_by("pk")[:1]
        ),
        values=[case.pk],
    )
    return found[0] if found else None


def sla_plan(
    *, priority: str, channel: str, team: Any, start: datetime
) -> tuple[SlaPolicy | None, dict[str, Any]]:
    """The policy a new case with these properties falls under and its clocks' fields from
    ``start``; (None, {}) when no policy matches. case_open plans before it inserts the case, so
    the first-response due time goes in with the row instead of in a second write."""
    policy = policy_for(priority=priority, channel=channel, team=team)
    if policy is None:
        return None, {}
    return policy, {
        **_clock(Target.FIRST_RESPONSE, start, policy.first_response, policy),
        **_clock(Target.RESOLUTION, start, policy.resolution, policy),
    }


def sla_first_response_due(fields: dict[str, Any]) -> datetime | None:
    """The first-response due time in fields from sla_plan (None for no policy)."""
    return fields.get(f"{Target.FIRST_RESPONSE}_due")


def sla_start(
    *,
    case: Case,
    at: datetime | None = None,
    plan: tuple[SlaPolicy | None, dict[str, Any]] | None = None,
) -> CaseSla | None:
    """Start the clocks of a new case under the most specific matching policy.

    Returns None (and leaves the case's own first-response due time, from the organisation's
    hours, alone) when no policy matches. ``plan`` is sla_plan's answer for this case from the
    same ``at``, given by case_open for a case it has just inserted with that plan's due time:
    the clocks are then created without looking for earlier ones or rewriting the case."""
    start = at or case.created_at or timezone.now()
    if plan is not None:
        policy, fields = plan
        if policy is None:
            return None
        return CaseSla.objects.create(
            case=case, policy=policy, started_at=start, paused_at=None, **fields
        )
    policy, fields = sla_plan(
        priority=case.priority, channel=case.channel, team=case.team_id, start=start
    )
    if policy is None:
        return None
    with transaction.atomic():
        sla, _created = CaseSla.objects.update_or_create(
            case=case, defaults={"policy": policy, "started_at": start, "paused_at": None, **fields}
        )
        due = fields[f"{Target.FIRST_RESPONSE}_due"]
        Case.objects.filter(pk=case.pk).update(first_response_due_at=due)
        case.first_response_due_at = due
    return sla


def sla_start_many(
    *, starts: Sequence[tuple[Case, datetime, tuple[SlaPolicy | None, dict[str, Any]]]]
) -> list[CaseSla]:
    """sla_start with a plan, for many cases just inserted: ``starts`` holds each case, its
    start and sla_plan's answer. The clocks of those under a policy go in with one INSERT."""
    clocks = [
        CaseSla(case=case, policy=policy, started_at=start, paused_at=None, **fields)
        for case, start, (policy, fields) in starts
        if policy is not None
    ]
    return CaseSla.objects.bulk_create(clocks)


def sla_policy_switch(*, case: Case, policy: SlaPolicy, at: datetime | None = None) -> CaseSla:
    """Put a case under another policy from ``at`` on (a routing rule's gentler SLA): the clocks
    still running restart with the new policy's targets; met or breached clocks stay as they
    were. A case without clocks gets the first-response and resolution clocks."""
    now = at or timezone.now()
    with transaction.atomic():
        sla = _locked(case)
        if sla is None:
            fields = {
                **_clock(Target.FIRST_RESPONSE, now, policy.first_response, policy),
                **_clock(Target.RESOLUTION, now, policy.resolution, policy),
            }
            sla = CaseSla.objects.create(case=case, policy=policy, started_at=now, **fields)
        else:
            fields = {"policy": policy}
            for target in TARGETS:
                running = sla.get(target, "due") is not None and sla.get(target, "met_at") is None
                if running and sla.get(target, "breached_at") is None:
                    fields.update(_clock(target, now, getattr(policy, target), policy))
            _save(sla, fields)
        due = fields.get(f"{Target.FIRST_RESPONSE}_due")
        if due is not None:
            Case.objects.filter(pk=case.pk).update(first_response_due_at=due)
            case.first_response_due_at = due
    return sla


def sla_on_reply(*, case: Case) -> CaseSla | None:
    """An agent answered the consumer: the first and next response targets are met."""
    now = timezone.now()
    with transaction.atomic():
        sla = _locked(case)
        if sla is None:
            return None
        fields = {}
        for target in (Target.FIRST_RESPONSE, Target.NEXT_RESPONSE):
            if sla.get(target, "due") is not None and sla.get(target, "met_at") is None:
                fields[f"{target}_met_at"] = now
        return _save(sla, fields)


def sla_on_inbound(*, case: Case) -> CaseSla | None:
    """The consumer wrote: once the first reply was given, the next-response clock starts
    (unless it is already running)."""
    now = timezone.now()
    with transaction.atomic():
        sla = _locked(case)
        if sla is None or sla.first_response_met_at is None:
            return sla
        running = sla.next_response_due is not None and sla.next_response_met_at is None
        if running:
            return sla
        return _save(sla, _clock(Target.NEXT_RESPONSE, now, sla.policy.next_response, sla.policy))


def _resume_fields(sla: CaseSla, now: datetime) -> dict[str, Any]:
    """Move every running clock by the time it was paused: what was left at the pause is left
    now. Clocks already overdue at the pause stay where they were."""
    calendar = sla.policy.calendar
    fields: dict[str, Any] = {"paused_at": None}
    for target in TARGETS:
        if sla.get(target, "met_at") is not None or sla.get(target, "breached_at") is not None:
            continue
        for what in ("due", "warn_at"):
            moment = sla.get(target, what)
            if moment is None or moment <= sla.paused_at:
                continue
            left = business_time_between(sla.paused_at, moment, calendar)
            fields[f"{target}_{what}"] = add_business_time(now, left, calendar)
    return fields


def sla_on_status(*, case: Case, status: str) -> CaseSla | None:
    """Pause in waiting_consumer, resume on leaving it, stop at resolved/closed, restart the
    resolution clock on reopening. A proposed solution counts as a response."""
    now = timezone.now()
    with transaction.atomic():
        sla = _locked(case)
        if sla is None:
            return None
        fields: dict[str, Any] = {}
        if status == Status.WAITING_CONSUMER:
            if sla.paused_at is None:
                fields["paused_at"] = now
        elif sla.paused_at is not None:
            fields.update(_resume_fields(sla, now))
        if status in (Status.SOLUTION_PROPOSED, Status.WAITING_CONSUMER):
            for target in (Target.FIRST_RESPONSE, Target.NEXT_RESPONSE):
                if sla.get(target, "due") is not None and sla.get(target, "met_at") is None:
                    fields[f"{target}_met_at"] = now
        if status in (Status.RESOLVED, Status.CLOSED) and sla.resolution_met_at is None:
            fields["resolution_met_at"] = now
        if status == Status.REOPENED:
            fields.update(_clock(Target.RESOLUTION, now, sla.policy.resolution, sla.policy))
        return _save(sla, fields)


def _entry(case: Case, summary: str, payload: dict[str, Any]) -> DossierEntry:
    return entry_append(case=case, kind=EntryKind.SLA, summary=summary, payload=payload)


def sla_near_breach(*, sla: CaseSla, target: str, now: datetime | None = None) -> bool:
    """Record a near-breach warning, once: returns False when another worker already did."""
    now = now or timezone.now()
    with transaction.atomic():
        claimed = CaseSla.objects.filter(
            pk=sla.pk, **{f"{target}_warned_at": None, f"{target}_breached_at": None}
        ).update(**{f"{target}_warned_at": now})
        if claimed != 1:
            return False
        due = sla.get(target, "due")
        _entry(
            sla.case,
            _("SLA: %(target)s due soon (%(due)s), %(pct)s%% of the time used")
            % {
                "target": Target(target).label,
                "due": timezone.localtime(due).strftime("%d-%m-%Y %H:%M"),
                "pct": int(WARN_FRACTION * 100),
            },
            {
                "event": "near_breach",
                "target": target,
                "due": due.isoformat(),
                "policy": sla.policy.name,
            },
        )
    return True


def sla_breach(*, sla: CaseSla, target: str, now: datetime | None = None) -> bool:
    """Record a breach once, raise the case's priority one step, and tell the team leads when
    the case is urgent. Returns False when another worker already handled this breach."""
    from kalm.cases.actions import case_set_priority

    now = now or timezone.now()
    with transaction.atomic():
        claimed = CaseSla.objects.filter(pk=sla.pk, **{f"{target}_breached_at": None}).update(
            **{f"{target}_breached_at": now}
        )
        if claimed != 1:
            return False
        case = Case.objects.select_for_update().get(pk=sla.case_id)
        due = sla.get(target, "due")
        _entry(
            case,
            _("SLA breached: %(target)s was due %(due)s")
            % {
                "target": Target(target).label,
                "due": timezone.localtime(due).strftime("%d-%m-%Y %H:%M"),
            },
            {
                "event": "breach",
                "target": target,
                "due": due.isoformat(),
                "policy": sla.policy.name,
            },
        )
        if now - due > ESCALATE_WITHIN:
            return True
        raised = PRIORITY_STEP.get(case.priority)
        if raised:
            case_set_priority(case=case, actor=None, priority=raised)
        if case.priority in TELL_LEADS_AT:
            breached_at = now.isoformat()
            transaction.on_commit(lambda: _queue_leads(case.pk, target, breached_at))
    return True


def _queue_leads(case_id: int, target: str, breached_at: str) -> None:
    from kalm.sla.tasks import sla_tell_leads

    sla_tell_leads(case_id, target, breached_at)


def sla_leads_tell(*, case: Case, target: str, breached_at: str) -> DossierEntry | None:
    """Email the team leads about a breach and record who was told. Idempotent per breach, so a
    retried job does not email twice."""
    done = DossierEntry.objects.filter(
        case=case,
        kind=EntryKind.SLA,
        payload__event="leads_told",
        payload__target=target,
        payload__breached_at=breached_at,
    ).first()
    if done is not None:
        return done
    recipients = lead_recipients(case)
    if not recipients:
        log.warning("SLA breach on %s: no team lead with an email address", case.reference)
        return None
    with override(settings.LANGUAGE_CODE):
        label = Target(target).label
        subject = _("[%(ref)s] SLA breached: %(target)s") % {"ref": case.reference, "target": label}
        body = render_to_string(
            "sla/email/breach.txt",
            {"case": case, "target": label, "site_url": settings.SITE_URL},
        )
    staff_mail_send(subject, body, recipients, drill_id=case.drill_id)
    with transaction.atomic():
        return _entry(
            case,
            _("Team leads told of the SLA breach: %(who)s") % {"who": ", ".join(recipients)},
            {"event": "leads_told", "target": target, "breached_at": breached_at, "to": recipients},
        )


def sla_sweep(*, now: datetime | None = None) -> dict[str, int]:
    """One pass of the worker: warn near-breaches, then handle breaches. Safe to run on many
    workers at once and to run again: each warning and breach is claimed once."""
    now = now or timezone.now()
    counts = {"near_breach": 0, "breach": 0}
    base = (
        case_sla_queryset()
        .select_related("case")
        .filter(paused_at=None, case__status__in=RUNNING_STATUSES)
    )
    for target in TARGETS:
        open_clock = {f"{target}_met_at": None, f"{target}_breached_at": None}
        for sla in base.filter(**open_clock, **{f"{target}_due__lte": now}):
            counts["breach"] += sla_breach(sla=sla, target=target, now=now)
        for sla in base.filter(
            **open_clock, **{f"{target}_warned_at": None, f"{target}_warn_at__lte": now}
        ):
            counts["near_breach"] += sla_near_breach(sla=sla, target=target, now=now)
    return counts
