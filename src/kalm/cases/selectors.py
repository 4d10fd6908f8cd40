"""Reads that need care, and the access checks every view calls before acting."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Sum
from django.http import Http404
from django.utils import timezone

from kalm.cases.models import Case, GoodwillGesture, PortalLink

PORTAL_SALT = "kalm.portal.link"


def access_case(user: Any, case_id: int, *, for_update: bool = False) -> Case:
    """The case, if this user may work on it. Agents, leads and admins see every case."""
    if not getattr(user, "is_authenticated", False) or not user.is_desk_member:
        raise PermissionDenied
    qs = Case.objects.select_related(
        "consumer", "team", "assignee", "product", "topic", "merged_into"
    )
    if for_update:
        qs = qs.select_for_update(of=("self",))
    try:
        return qs.get(pk=case_id)
    except Case.DoesNotExist as exc:
        raise Http404 from exc


def access_case_by_reference(user: Any, reference: str) -> Case:
    if not getattr(user, "is_authenticated", False) or not user.is_desk_member:
        raise PermissionDenied
    case = Case.objects.filter(reference__iexact=reference.strip()).only("id").first()
    if case is None:
        raise Http404
    return access_case(user, case.pk)


def portal_link_from_token(token: str) -> PortalLink:
    """Resolve a consumer's status-link token, or 404 for anything forged, unknown or revoked."""
    try:
        value = signing.Signer(salt=PORTAL_SALT).unsign(token)
        link_id_text, secret = value.split(".", 1)
        link_id = int(link_id_text)
    except (signing.BadSignature, ValueError) as exc:
        raise Http404 from exc
    link = (
        PortalLink.objects.select_related("case", "case__consumer", "case__product")
        .filter(pk=link_id)
        .first()
    )
    if link is None or not link.is_active:
        raise Http404
    if not hmac.compare_digest(link.secret_hash, hashlib.sha256(secret.encode()).hexdigest()):
        raise Http404
    PortalLink.objects.filter(pk=link.pk).update(last_used_at=timezone.now())
    return link


# --- goodwill gestures ------------------------------------------------------------------------


@dataclass(frozen=True)
class GoodwillTotals:
    """Gestures in a period: how many, on how many cases, and their cost per currency and kind."""

    count: int
    cases: int
    cost: dict[str, Decimal]
    by_kind: list[dict[str, Any]]


def goodwill_for_case(case: Case) -> tuple[list[Any], dict[str, Decimal]]:
    """The case's gestures, newest first, and their total cost per currency."""
    gestures = list(
        GoodwillGesture.objects.filter(case=case).select_related("given_by").order_by("-given_at")
    )
    totals: dict[str, Decimal] = {}
    for gesture in gestures:
        totals[gesture.currency] = totals.get(gesture.currency, Decimal("0")) + gesture.cost
    return gestures, totals


def goodwill_totals(period: tuple[datetime, datetime]) -> GoodwillTotals:
    """Gestures given in ``[start, end)``, for insights that relate them to satisfaction and
    churn. Summed in the database: one query per figure, whatever the number of gestures."""
    start, end = period
    qs = GoodwillGesture.objects.filter(given_at__gte=start, given_at__lt=end)
    cost = {
        row["currency"]: row["total"]
        for row in qs.values("currency").annotate(total=Sum("cost")).order_by("currency")
    }
    by_kind = list(
        qs.values("kind", "currency")
        .annotate(count=Count("id"), cost=Sum("cost"))
        .order_by("kind", "currency")
    )
    summary = qs.aggregate(count=Count("id"), cases=Count("case", distinct=True))
    return GoodwillTotals(
        count=summary["count"], cases=summary["cases"], cost=cost, by_kind=by_kind
    )
