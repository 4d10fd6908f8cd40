"""Opaque keyset cursors on (updated_at, id) or (id) descending: stable under inserts, no
repeats or gaps when rows change between pages (a row that moves up is simply not seen again)."""

from __future__ import annotations

import base64
import json
from datetime import datetime
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from kalm.api.errors import ApiProblem

DEFAULT_LIMIT = 50
MAX_LIMIT = 200


def encode_cursor(values: list[Any]) -> str:
    raw = json.dumps(values, separators=(",", ":"), default=str).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> list[Any]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode()))
        if not isinstance(values, list):
            raise ValueError(cursor)
        return values
    except (ValueError, TypeError) as exc:
        raise ApiProblem(
            400, "bad-cursor", _("The cursor is not valid; start again without one.")
        ) from exc


def page_by_updated(qs: QuerySet, cursor: str | None, limit: int) -> tuple[list[Any], str | None]:
    """One page of ``qs`` newest-updated first, and the cursor of the next page (or None)."""
    qs = qs.order_by("-updated_at", "-id")
    if cursor:
        values = decode_cursor(cursor)
        try:
            updated, last_id = datetime.fromisoformat(values[0]), int(values[1])
        except (IndexError, TypeError, ValueError) as exc:
            raise ApiProblem(
                400, "bad-cursor", _("The cursor is not valid; start again without one.")
            ) from exc
        qs = qs.filter(Q(updated_at__lt=updated) | Q(updated_at=updated, id__lt=last_id))
    rows = list(qs[: limit + 1])
    if len(rows) <= limit:
        return rows, None
    rows = rows[:limit]
    return rows, encode_cursor([rows[-1].updated_at.isoformat(), rows[-1].pk])


def page_by_id(qs: QuerySet, cursor: str | None, limit: int) -> tuple[list[Any], str | None]:
    qs = qs.order_by("-id")
    if cursor:
        values = decode_cursor(cursor)
        try:
            qs = qs.filter(id__lt=int(values[0]))
        except (IndexError, TypeError, ValueError) as exc:
            raise ApiProblem(
                400, "bad-cursor", _("The cursor is not valid; start again without one.")
            ) from exc
    rows = list(qs[: limit + 1])
    if len(rows) <= limit:
        return rows, None
    rows = rows[:limit]
    return rows, encode_cursor([rows[-1].pk])
