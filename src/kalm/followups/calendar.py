"""Working days for due dates: weekends are skipped, and Dutch or Belgian public holidays too,
taken from the SLA app's calendar (``kalm.sla.calendar.public_holidays``). Should that app be
absent, only weekends are skipped."""

from __future__ import annotations

from datetime import date, timedelta


def holidays(country: str, year: int) -> set[date]:
    try:
        from kalm.sla.calendar import public_holidays
    except ImportError:  # pragma: no cover - the SLA app is part of Kalm
        return set()
    try:
        return set(public_holidays(country, year))
    except ValueError:
        return set()


def is_working_day(day: date, country: str = "NL") -> bool:
    return day.weekday() < 5 and day not in holidays(country, day.year)


def add_working_days(start: date, days: int, country: str = "NL") -> date:
    """The date ``days`` working days after ``start`` (``start`` itself is not counted)."""
    day = start
    remaining = days
    while remaining > 0:
        day += timedelta(days=1)
        if is_working_day(day, country):
            remaining -= 1
    return day
