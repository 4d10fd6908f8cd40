"""Reads for burst alerts."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.shortcuts import get_object_or_404

from kalm.bursts.models import BurstAlert


def open_alert_count() -> int:
    return BurstAlert.objects.filter(status=BurstAlert.Status.OPEN).count()


def alerts_list() -> models.QuerySet[BurstAlert]:
    """Open alerts first, newest first within each group."""
    open_first = models.Case(
        models.When(status=BurstAlert.Status.OPEN, then=models.Value(0)),
        default=models.Value(1),
        output_field=models.IntegerField(),
    )
    return (
        BurstAlert.objects.select_related("product", "handled_by")
        .annotate(open_first=open_first)
        .order_by("open_first", "-detected_at", "-pk")
    )


def access_alert(user: Any, pk: int) -> BurstAlert:
    """Every desk member may see every alert (a burst concerns the whole desk); the desk gate
    (desk_member_required) has already refused everyone else."""
    return get_object_or_404(BurstAlert.objects.select_related("product", "handled_by"), pk=pk)


def alert_sample_cases(alert: BurstAlert, limit: int = 10) -> list:
    return list(alert.cases.order_by("created_at", "pk")[:limit])
