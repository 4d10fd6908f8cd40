from __future__ import annotations

from datetime import timedelta

from django import template

from kalm.drills.report import minutes

register = template.Library()


@register.filter
def duration(value: timedelta | None) -> str:
    """A report measure in hours and minutes; "-" when it was not reached."""
    return minutes(value)
