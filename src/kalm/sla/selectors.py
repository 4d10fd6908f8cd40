"""Reads for SLAs: which policy applies, and the timers the desk shows."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kalm.cases.models import Case, Status
from kalm.core.prepared import prepared_list
from kalm.sla.calendar import business_time_between, format_duration
from kalm.sla.models import TARGETS, CaseSla, SlaPolicy, Target

# Statuses in which the clocks run. Waiting on the consumer pauses them; resolved/closed stop.
RUNNING_STATUSES = (
    Status.NEW,
    Status.OPEN,
    Status.WAITING_US,
    Status.SOLUTION_PROPOSED,
    Status.REOPENED,
)


def policy_for(*, priority: str, channel: str, team: Any = None) -> SlaPolicy | None:
    """The most specific active policy for a case: team > channel > priority, then ``order``."""
    team_id = getattr(team, "pk", team)
    # Compiled once per connection and combination (kalm.core.prepared): every new case asks.
    candidates = prepared_list(
        ("sla.policy_for", priority, channel, team_id),
        lambda: (
            SlaPolicy.objects.filter(active=True)
            .filter(Q(priority="") | Q(priority=priority))
            .filter(Q(channel="") | Q(channel=channel))
            .filter(Q(team__isnull=True) | Q(team_id=team_id))
            .select_related("calendar")
        ),
    )
    best = sorted(candidates, key=lambda p: (-p.specificity, p.order, p.pk))
    return best[0] if best else None


def case_sla_queryset():
    return CaseSla.objects.select_related("policy__calendar")


def sla_prefetch(cases: Iterable[Case]) -> None:
    """Load the SLA of every case in a list in one query, compiled once per page size (for
    the inbox; :mod:`kalm.core.prepared`)."""
    todo = [c for c in cases if not Case.sla.is_cached(c)]
    if not todo:
        return
    ids = list(dict.fromkeys(case.pk for case in todo))
    slas = {
        sla.case_id: sla
        for sla in prepared_list(
            "sla.prefetch",
            lambda *ids: case_sla_queryset().filter(case_id__in=ids),
            values=ids,
        )
    }
    # What prefetch_related("sla") would leave: each case knows its SLA (or that it has
    # none), and each SLA its case.
    for case in todo:
        sla = slas.get(case.pk)
        Case.sla.related.set_cached_value(case, sla)
        if sla is not None:
            CaseSla.case.field.set_cached_value(sla, case)


def case_sla(case: Case) -> CaseSla | None:
    try:
        return case.sla
    except CaseSla.DoesNotExist:
        return None


@dataclass(frozen=True)
class Timer:
    target: str
    due: datetime
    state: str  # "ok", "near", "breached", "paused", "met"
    text: str

    @property
    def css(self) -> str:
        return {"breached": "sla-breached", "near": "sla-near", "paused": "sla-paused"}.get(
            self.state, "sla-ok"
        )


def sla_timers(case: Case, *, now: datetime | None = None) -> list[Timer]:
    """The running (or paused) clocks of a case, most urgent first."""
    sla = case_sla(case)
    if sla is None or case.status in (Status.RESOLVED, Status.CLOSED):
        return []
    now = now or timezone.now()
    calendar = sla.policy.calendar
    timers = []
    for target in TARGETS:
        due = sla.get(target, "due")
        if due is None or sla.get(target, "met_at") is not None:
            continue
        label = Target(target).label
        if sla.paused_at is not None:
            left = business_time_between(sla.paused_at, due, calendar)
            state = "paused" if left > timedelta(0) else "breached"
            text = _("%(target)s paused while waiting on the consumer (%(time)s left)") % {
                "target": label,
                "time": format_duration(max(left, timedelta(0))),
            }
        else:
            left = business_time_between(now, due, calendar)
            warn_at = sla.get(target, "warn_at")
            if left <= timedelta(0) or sla.get(target, "breached_at"):
                state = "breached"
            elif sla.get(target, "warned_at") or (warn_at and warn_at <= now):
                state = "near"
            else:
                state = "ok"
        if state == "breached":
            # Running clock: ``left`` already is the business time from now to due, so the time
            # overdue is its negative (half an inbox row's calendar work otherwise).
            over = business_time_between(due, now, calendar) if sla.paused_at else -left
            text = _("%(target)s overdue by %(time)s (business time)") % {
                "target": label,
                "time": format_duration(max(over, timedelta(0))),
            }
        elif state != "paused":
            text = _("%(target)s due in %(time)s (business time)") % {
                "target": label,
                "time": format_duration(left),
            }
        timers.append(Timer(target, due, state, text))
    timers.sort(key=lambda t: (t.state != "breached", t.due))
    return timers


def team_leads(team_id: int | None) -> list[Any]:
    """The active leads with an email address of a team; every such lead when the team has none
    (or there is no team): somebody must be told."""
    from kalm.accounts.models import Role, User

    leads = User.objects.filter(is_active=True, role=Role.LEAD).exclude(email="")
    in_team = list(leads.filter(teams=team_id)) if team_id else []
    return in_team or list(leads)


def lead_recipients(case: Case) -> list[str]:
    """Email addresses of the case team's leads; all leads when the team has none."""
    return [lead.email for lead in team_leads(case.team_id)]
