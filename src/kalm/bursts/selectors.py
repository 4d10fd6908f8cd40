"""Reads for burst alerts."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.shortcuts import get_object_or_404

from kalm.bursts.models import BurstAlert


def open_alert_count(drill_id: int | None = None) -> int:
    return BurstAlert.objects.filter(status=BurstAlert.Status.OPEN, drill_id=drill_id).count()


def alerts_list(drill_id: int | None = None) -> models.QuerySet[BurstAlert]:
    """Open alerts first, newest first within each group: real alerts, or only those of the
    drill the desk is switched to."""
    open_first = models.Case(
        models.When(status=BurstAlert.Status.OPEN, then=models.Value(0)),
        default=models.Value(1),
        output_field=models.IntegerField(),
    )
    return (
        BurstAlert.objects.filter(drill_id=drill_id)
        .select_related("product", "handled_by")
        .annotate(open_first=open_first)
        .order_by("open_first", "-detected_at", "-pk")
    )


def access_alert(user: Any, pk: int, drill_id: int | None = None) -> BurstAlert:
    """Every desk member may see every alert (a burst concerns the whole desk); the desk gate
    (desk_member_required) has already refused everyone else. A drill's alerts are only found
    in that drill's mode, real ones only outside drill mode: a link cannot cross the two."""
    rows = BurstAlert.objects.filter(drill_id=drill_id).select_related("product", "handled_by")
    return get_object_or_404(rows, pk=pk)


def alert_sample_cases(alert: BurstAlert, limit: int = 10) -> list:
    return list(alert.cases.order_by("created_at", "pk")[:limit])
