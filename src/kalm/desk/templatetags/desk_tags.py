"""Small presentation helpers for desk templates."""

from __future__ import annotations

import re
from datetime import datetime

from django import template

from kalm.cases.models import Channel, Status
from kalm.cases.workflow import allowed_targets

register = template.Library()


@register.filter
def initials(label: str) -> str:
    """ "Evelien Jansen (Eva)" -> "EJ"; "sanne" -> "S"."""
    name = re.sub(r"\(.*?\)", "", label or "").strip()
    parts = [p for p in re.split(r"[\s._-]+", name) if p]
    if not parts:
        return "?"
    if len(parts) == 1:
        return parts[0][:1].upper()
    return (parts[0][:1] + parts[-1][:1]).upper()


@register.filter
def next_statuses(status: str) -> list[Status]:
    return [Status(s) for s in allowed_targets(status)]


@register.filter
def filesize(size: int | None) -> str:
    size = int(size or 0)
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024  # type: ignore[assignment]
    return ""


@register.filter
def isodatetime(value: str | None) -> datetime | None:
    """An ISO timestamp stored in a dossier payload, as a datetime for the |date filter."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return None


@register.filter
def channel_label(code: str) -> str:
    try:
        return str(Channel(code).label)
    except ValueError:
        return code
