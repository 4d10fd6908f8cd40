"""Reads for the crisis room: access checks, the list, the room itself, and the communication
protocol's answer to "may this person do this on this channel?"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Case as When_
from django.db.models import Count, IntegerField, Q, QuerySet, Value, When
from django.http import Http404

from kalm.crisis.models import (
    OPEN_CRISIS_STATUSES,
    Crisis,
    CrisisCase,
    CrisisRole,
    CrisisStatus,
    CrisisTask,
    ProtocolRule,
    PublishChannel,
    Scenario,
    TeamRole,
)

ACTIONS = ("draft", "approve", "publish")


def _require_member(user: Any) -> None:
    if not getattr(user, "is_authenticated", False) or not user.is_desk_member:
        raise PermissionDenied


def can_manage_crises(user: Any) -> bool:
    """Leads and admins open and steer crises; agents follow them and tick their own tasks."""
    return bool(getattr(user, "is_authenticated", False) and user.is_lead)


def require_crisis_manager(user: Any) -> None:
    _require_member(user)
    if not can_manage_crises(user):
        raise PermissionDenied


def access_crisis(user: Any, crisis_id: int, *, manage: bool = False) -> Crisis:
    """The crisis, if this user may see it (every desk member) or, with ``manage``, steer it."""
    require_crisis_manager(user) if manage else _require_member(user)
    try:
        return Crisis.objects.select_related("owner", "opened_by").get(pk=crisis_id)
    except Crisis.DoesNotExist as exc:
        raise Http404 from exc


def access_link(user: Any, link_id: int) -> CrisisCase:
    """A proposed/decided case link; deciding is steering the crisis: leads and admins."""
    require_crisis_manager(user)
    try:
        return CrisisCase.objects.select_related("crisis", "case").get(pk=link_id)
    except CrisisCase.DoesNotExist as exc:
        raise Http404 from exc


def access_role_assignment(user: Any, crisis: Crisis, assignment_id: int) -> CrisisRole:
    """A role assignment shown in this crisis room (its own or a default), for a manager."""
    require_crisis_manager(user)
    assignment = (
        CrisisRole.objects.filter(Q(crisis=crisis) | Q(crisis=None), pk=assignment_id)
        .select_related("user", "crisis")
        .first()
    )
    if assignment is None:
        raise Http404
    return assignment


def user_roles(user: Any, crisis: Crisis | None = None) -> set[str]:
    """The crisis-team roles this user holds: by default for every crisis, plus for this one."""
    if not getattr(user, "is_authenticated", False) or not user.is_desk_member:
        return set()
    scope = (Q(crisis=None) | Q(crisis=crisis)) if crisis is not None else Q(crisis=None)
    return set(CrisisRole.objects.filter(scope, user=user).values_list("role", flat=True))


def can_tick(user: Any, task: CrisisTask) -> bool:
    """Leads tick any task; an agent ticks the tasks they own or whose role they hold."""
    if can_manage_crises(user):
        return True
    if not getattr(user, "is_authenticated", False) or not user.is_desk_member:
        return False
    if task.owner_id == user.pk:
        return True
    return task.owner_id is None and task.owner_role in user_roles(user, task.crisis)


def access_task(user: Any, task_id: int) -> CrisisTask:
    _require_member(user)
    try:
        task = CrisisTask.objects.select_related("crisis", "owner").get(pk=task_id)
    except CrisisTask.DoesNotExist as exc:
        raise Http404 from exc
    if not can_tick(user, task):
        raise PermissionDenied
    return task


def protocol_allows(
    user: Any, channel: str, action: str = "publish", *, crisis: Crisis | None = None
) -> bool:
    """Whether the protocol lets this person draft, approve or publish on the channel.

    Only crisis-team roles count (held by default, or for this crisis), never the account's
    desk role: an administrator manages playbooks, the matrix and role assignments, but is not a
    spokesperson. Letting admins publish would make the protocol advisory — the one voice per
    channel it exists for could be bypassed by whoever has the most rights. An admin who must
    speak assigns themselves a role, which the crisis timeline records."""
    if action not in ACTIONS:
        raise ValueError(f"Unknown protocol action: {action}")
    if channel not in PublishChannel.values:
        return False
    roles = user_roles(user, crisis)
    if not roles:
        return False
    return ProtocolRule.objects.filter(
        channel=channel, role__in=roles, **{f"may_{action}": True}
    ).exists()


@dataclass(frozen=True)
class MatrixRow:
    channel: str
    label: str
    cells: list[tuple[str, str]]  # per role, in TeamRole order: (role, "D A P" letters or "")


def protocol_matrix() -> list[MatrixRow]:
    """The protocol as a channel-by-role table, for the crisis room (one query)."""
    rules = {(r.channel, r.role): r for r in ProtocolRule.objects.all()}
    rows = []
    for channel, label in PublishChannel.choices:
        cells = []
        for role in TeamRole.values:
            rule = rules.get((channel, role))
            letters = ""
            if rule is not None:
                letters = "".join(
                    letter
                    for letter, allowed in (
                        ("D", rule.may_draft),
                        ("A", rule.may_approve),
                        ("P", rule.may_publish),
                    )
                    if allowed
                )
            cells.append((role, letters))
        rows.append(MatrixRow(channel=channel, label=str(label), cells=cells))
    return rows


def crisis_list() -> QuerySet:
    """Active first, then recovering, monitoring and closed; within a group the most severe and
    the newest first."""
    order = When_(
        When(status=CrisisStatus.ACTIVE, then=Value(0)),
        When(status=CrisisStatus.RECOVERING, then=Value(1)),
        When(status=CrisisStatus.MONITORING, then=Value(2)),
        default=Value(3),
        output_field=IntegerField(),
    )
    return (
        Crisis.objects.select_related("owner")
        .annotate(
            rank=order,
            task_count=Count("tasks", distinct=True),
            tasks_done=Count("tasks", filter=Q(tasks__done_at__isnull=False), distinct=True),
            confirmed_cases=Count(
                "links", filter=Q(links__state=CrisisCase.State.CONFIRMED), distinct=True
            ),
        )
        .order_by("rank", "-severity", "-opened_at", "-id")
    )


def active_crisis_count() -> int:
    return Crisis.objects.filter(status__in=OPEN_CRISIS_STATUSES).count()


def open_alert_count() -> int:
    """Open burst alerts (through the bursts app's selector), or 0 without a bursts app."""
    try:
        from kalm.bursts.selectors import open_alert_count as count
    except ImportError:
        alerts = open_alerts(limit=1000)
        return len(alerts)
    return count()


def open_alerts(limit: int = 10) -> list[Any]:
    try:
        from kalm.bursts.models import BurstAlert
    except ImportError:
        return []
    return list(BurstAlert.objects.filter(status="open").order_by("-detected_at", "-id")[:limit])


def alert_for_prefill(user: Any, alert_id: str | None) -> Any:
    """The alert named in ``?alert=`` for the new-crisis form, or None if absent or unknown."""
    if not alert_id or not str(alert_id).isdigit():
        return None
    try:
        from kalm.bursts.models import BurstAlert
    except ImportError:
        return None
    return BurstAlert.objects.select_related("product").filter(pk=int(alert_id)).first()


_GUESSES: list[tuple[str, re.Pattern[str]]] = [
    (
        Scenario.DATA_BREACH,
        re.compile(r"datalek|data ?breach|leak|wachtwoord|password|hack|phishing|gegevens"),
    ),
    (
        Scenario.OUTAGE,
        re.compile(r"storing|outage|\bdown\b|inlog|login|app\b|website|niet bereikbaar|offline"),
    ),
    (Scenario.DELIVERY, re.compile(r"bezorg|levering|deliver|pakket|parcel|verzend|shipping")),
    (
        Scenario.PRODUCT_SAFETY,
        re.compile(r"ontplof|explod|glas|glass|gewond|injur|letsel|allergi|brand|burn|ziek|sick"),
    ),
]


def scenario_guess(alert: Any) -> str:
    """A first guess at the scenario from the alert's words and dimension; people correct it."""
    text = f"{getattr(alert, 'label', '')} {getattr(alert, 'key', '')}".casefold()
    for scenario, pattern in _GUESSES:
        if pattern.search(text):
            return scenario
    dimension = getattr(alert, "dimension", "")
    if dimension == "batch":
        return Scenario.RECALL
    if dimension == "channel":
        return Scenario.REPUTATIONAL
    return Scenario.PRODUCT_SAFETY


@dataclass
class Room:
    crisis: Crisis
    tasks: list[CrisisTask]
    done: int
    overdue: int
    proposed: list[CrisisCase]
    confirmed: list[CrisisCase]
    status_counts: list[tuple[str, int]]
    events: list[Any]
    matrix: list[MatrixRow]
    roles: list[CrisisRole]

    @property
    def progress(self) -> int:
        return round(100 * self.done / len(self.tasks)) if self.tasks else 0


def crisis_room(crisis: Crisis) -> Room:
    """Everything the crisis room shows, in a fixed number of queries."""
    tasks = list(crisis.tasks.select_related("owner", "done_by").order_by("position", "id"))
    links = list(
        crisis.links.exclude(state=CrisisCase.State.REJECTED)
        .select_related("case", "case__product", "case__consumer")
        .order_by("proposed_at", "id")
    )
    confirmed = [link for link in links if link.state == CrisisCase.State.CONFIRMED]
    counts: dict[str, int] = {}
    for link in confirmed:
        counts[link.case.get_status_display()] = counts.get(link.case.get_status_display(), 0) + 1
    return Room(
        crisis=crisis,
        tasks=tasks,
        done=sum(1 for t in tasks if t.is_done),
        overdue=sum(1 for t in tasks if t.is_overdue),
        proposed=[link for link in links if link.state == CrisisCase.State.PROPOSED],
        confirmed=confirmed,
        status_counts=sorted(counts.items()),
        events=list(crisis.events.select_related("actor").order_by("-at", "-id")),
        matrix=protocol_matrix(),
        roles=list(
            CrisisRole.objects.filter(Q(crisis=crisis) | Q(crisis=None))
            .select_related("user")
            .order_by("role", "crisis_id", "id")
        ),
    )
