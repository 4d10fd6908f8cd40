"""Reads for follow-ups: the access check, the desk's due list and the case box."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from kalm.followups.models import FollowUp

SCOPES = ("mine", "team", "all")
State = FollowUp.Status


def access_followup(user: Any, followup_id: int) -> FollowUp:
    """The follow-up, if this user may work on it: every desk member may (as with cases)."""
    if not getattr(user, "is_authenticated", False) or not user.is_desk_member:
        raise PermissionDenied
    try:
        return FollowUp.objects.select_related("case", "owner").get(pk=followup_id)
    except FollowUp.DoesNotExist as exc:
        raise Http404 from exc


def end_of_today(now: datetime | None = None) -> datetime:
    local = timezone.localtime(now or timezone.now())
    return datetime.combine(local.date() + timedelta(days=1), time(0), tzinfo=local.tzinfo)


def _scope_filter(user: Any, scope: str) -> Q:
    if scope == "mine":
        # Mine, and the unowned ones of my teams' cases: nobody else will pick those up.
        return Q(owner=user) | Q(owner=None, case__team__in=user.teams.all())
    if scope == "team":
        teams = user.teams.all()
        return Q(owner__teams__in=teams) | Q(case__team__in=teams) | Q(owner=user)
    return Q()


def due_followups(
    user: Any, *, scope: str = "mine", now: datetime | None = None, drill_id: int | None = None
) -> QuerySet:
    """Open follow-ups due today or overdue, the oldest first: on real cases, or on the cases
    of the drill the desk is switched to."""
    return (
        FollowUp.objects.filter(
            _scope_filter(user, scope), status=State.OPEN, case__drill_id=drill_id
        )
        .filter(due_at__lt=end_of_today(now))
        .select_related("case", "owner")
        .distinct()
        .order_by("due_at", "id")
    )


def due_count(user: Any, *, now: datetime | None = None, drill_id: int | None = None) -> int:
    return due_followups(user, scope="mine", now=now, drill_id=drill_id).count()


def case_followups(case: Any) -> QuerySet:
    """The case's open and proposed follow-ups, proposals first."""
    return (
        FollowUp.objects.filter(case=case, status__in=[State.PROPOSED, State.OPEN])
        .select_related("owner", "source_message")
        .order_by("-status", "due_at", "id")
    )
