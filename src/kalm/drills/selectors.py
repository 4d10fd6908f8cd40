"""Reads for drills, and the one question every desk listing asks: which drill, if any, is
this desk switched to? ``None`` means real work, and real listings show no drill rows."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from kalm.drills.models import Drill

# The session key holding the id of the drill the desk is switched to.
SESSION_KEY = "kalm_drill"


def desk_drill_id(request: HttpRequest) -> int | None:
    """The drill this person's desk shows, or None for real work."""
    session = getattr(request, "session", None)
    value = session.get(SESSION_KEY) if session is not None else None
    return (
        int(value)
        if isinstance(value, int) or (isinstance(value, str) and value.isdigit())
        else None
    )


# Drill consumers write from a reserved domain (RFC 2606 ``.invalid``): nothing can ever be
# delivered there, and the consumer look-ups keep drill addresses apart from real ones.
DRILL_DOMAIN = "drill-{id}.invalid"
_DRILL_ADDRESS = re.compile(r"@drill-(\d+)\.invalid$", re.IGNORECASE)


def drill_address(drill_id: int, local: str) -> str:
    return f"{local}@{DRILL_DOMAIN.format(id=drill_id)}"


def drill_id_of_address(address: str) -> int | None:
    """The drill a consumer address belongs to, if it is at a drill domain of a drill that
    exists (an address someone typed at random stays an ordinary, real address)."""
    found = _DRILL_ADDRESS.search((address or "").strip())
    if not found:
        return None
    drill_id = int(found.group(1))
    return drill_id if Drill.objects.filter(pk=drill_id).exists() else None


def can_run_drills(user: Any) -> bool:
    """Leads and admins start, fast-forward and finish drills; every desk member may join."""
    return bool(getattr(user, "is_authenticated", False) and user.is_lead)


def access_drill(user: Any, drill_id: int, *, manage: bool = False) -> Drill:
    if not getattr(user, "is_authenticated", False) or not user.is_desk_member:
        raise PermissionDenied
    if manage and not can_run_drills(user):
        raise PermissionDenied
    return get_object_or_404(Drill.objects.select_related("started_by", "product"), pk=drill_id)


def desk_drill(request: HttpRequest) -> Drill | None:
    """The drill this desk is switched to, if it still exists."""
    drill_id = desk_drill_id(request)
    return Drill.objects.filter(pk=drill_id).first() if drill_id else None


def drills_list() -> QuerySet[Drill]:
    return Drill.objects.select_related("started_by").order_by("-started_at", "-id")


def running_drills() -> QuerySet[Drill]:
    return Drill.objects.filter(status=Drill.Status.RUNNING).order_by("pk")
