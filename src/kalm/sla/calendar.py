"""Business time: opening hours, Dutch and Belgian public holidays, and arithmetic on them.

Pure functions, no database: ``Schedule`` is what a ``BusinessCalendar`` row turns into, and
``add_business_time`` / ``business_time_between`` accept either. All arithmetic is done in UTC
(the opening hours are wall-clock times in the calendar's time zone), so daylight-saving
changes never stretch or shrink an opening period.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from itertools import pairwise
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from django.utils.translation import gettext_lazy as _

# How far ahead we look for an opening before deciding a calendar is never open.
MAX_DAYS = 3 * 366

LIBERATION_EVERY_YEAR = "every_year"
LIBERATION_LUSTRUM = "lustrum"
LIBERATION_NEVER = "never"


def easter_sunday(year: int) -> date:
    """Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm, Meeus/Jones/
    Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return date(year, month, day + 1)


def dutch_holidays(
    year: int, *, good_friday: bool = True, liberation_day: str = LIBERATION_LUSTRUM
) -> dict[date, str]:
    """Dutch public holidays. Good Friday is not a legal day off but many businesses close;
    Liberation Day (5 May) is a day off every year for some, only in lustrum years (2025, 2030)
    for others: both are settings of the calendar."""
    easter = easter_sunday(year)
    kings_day = date(year, 4, 27)
    if kings_day.weekday() == 6:  # on a Sunday it moves to Saturday the 26th
        kings_day = date(year, 4, 26)
    days = {
        date(year, 1, 1): str(_("New Year's Day")),
        easter: str(_("Easter Sunday")),
        easter + timedelta(days=1): str(_("Easter Monday")),
        kings_day: str(_("King's Day")),
        easter + timedelta(days=39): str(_("Ascension Day")),
        easter + timedelta(days=49): str(_("Whit Sunday")),
        easter + timedelta(days=50): str(_("Whit Monday")),
        date(year, 12, 25): str(_("Christmas Day")),
        date(year, 12, 26): str(_("Second Day of Christmas")),
    }
    if good_friday:
        days[easter - timedelta(days=2)] = str(_("Good Friday"))
    if liberation_day == LIBERATION_EVERY_YEAR or (
        liberation_day == LIBERATION_LUSTRUM and year % 5 == 0
    ):
        days[date(year, 5, 5)] = str(_("Liberation Day"))
    return days


def belgian_holidays(year: int) -> dict[date, str]:
    """The ten Belgian legal public holidays."""
    easter = easter_sunday(year)
    return {
        date(year, 1, 1): str(_("New Year's Day")),
        easter + timedelta(days=1): str(_("Easter Monday")),
        date(year, 5, 1): str(_("Labour Day")),
        easter + timedelta(days=39): str(_("Ascension Day")),
        easter + timedelta(days=50): str(_("Whit Monday")),
        date(year, 7, 21): str(_("Belgian National Day")),
        date(year, 8, 15): str(_("Assumption of Mary")),
        date(year, 11, 1): str(_("All Saints' Day")),
        date(year, 11, 11): str(_("Armistice Day")),
        date(year, 12, 25): str(_("Christmas Day")),
    }


def public_holidays(
    country: str,
    year: int,
    *,
    good_friday: bool = True,
    liberation_day: str = LIBERATION_LUSTRUM,
) -> dict[date, str]:
    if country == "NL":
        return dutch_holidays(year, good_friday=good_friday, liberation_day=liberation_day)
    if country == "BE":
        return belgian_holidays(year)
    if country == "":
        return {}
    raise ValueError(f"No public holidays known for country {country!r}")


Interval = tuple[time, time]


def parse_hours(raw: Mapping[str, Any]) -> dict[int, tuple[Interval, ...]]:
    """``{"0": [["09:00", "17:00"]], ...}`` (0 = Monday) → weekday → sorted opening intervals.

    Raises ValueError with a readable message for anything malformed, overlapping or empty."""
    hours: dict[int, tuple[Interval, ...]] = {}
    if not isinstance(raw, Mapping):
        raise ValueError(str(_("Opening hours must map weekdays (0 = Monday) to periods.")))
    for key, periods in raw.items():
        try:
            weekday = int(key)
        except (TypeError, ValueError):
            raise ValueError(str(_("Unknown weekday %(day)r.") % {"day": key})) from None
        if not 0 <= weekday <= 6:
            raise ValueError(str(_("Unknown weekday %(day)r.") % {"day": key}))
        intervals: list[Interval] = []
        for period in periods or []:
            try:
                start_raw, end_raw = period
                start, end = time.fromisoformat(start_raw), time.fromisoformat(end_raw)
            except (TypeError, ValueError):
                raise ValueError(
                    str(_('Period %(period)r is not like ["09:00", "17:00"].') % {"period": period})
                ) from None
            if end <= start:
                raise ValueError(
                    str(_("Period %(period)r ends before it starts.") % {"period": period})
                )
            intervals.append((start, end))
        intervals.sort()
        for (_s1, e1), (s2, _e2) in pairwise(intervals):
            if s2 < e1:
                raise ValueError(
                    str(_("Opening periods overlap on weekday %(day)s.") % {"day": key})
                )
        if intervals:
            hours[weekday] = tuple(intervals)
    if not hours:
        raise ValueError(str(_("A calendar needs at least one opening period.")))
    return hours


def parse_days(raw: Any) -> frozenset[date]:
    """``["2026-12-24", ...]`` → dates; a clear ValueError for anything else."""
    if not isinstance(raw, list | tuple):
        raise ValueError(str(_('Closed days must be a list of dates like "2026-12-24".')))
    days = set()
    for item in raw:
        try:
            days.add(date.fromisoformat(str(item)))
        except ValueError:
            raise ValueError(
                str(_('%(day)r is not a date like "2026-12-24".') % {"day": item})
            ) from None
    return frozenset(days)


@dataclass(frozen=True)
class Schedule:
    """Opening hours per weekday in a time zone, minus public holidays and extra closed days."""

    timezone: str
    hours: Mapping[int, tuple[Interval, ...]]
    country: str = ""
    good_friday: bool = True
    liberation_day: str = LIBERATION_LUSTRUM
    closed_days: frozenset[date] = field(default_factory=frozenset)
    # Each local day's periods, computed once per schedule: the inbox walks the same few days
    # for every row's clocks. Not part of the value (compare/repr); bounded below.
    _day_periods: dict[date, list[tuple[datetime, datetime]]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def is_closed_day(self, day: date) -> bool:
        if day in self.closed_days:
            return True
        return day in _holidays_cached(
            self.country, day.year, self.good_friday, self.liberation_day
        )

    def periods(self, day: date) -> list[tuple[datetime, datetime]]:
        """The opening periods of one local day, as UTC datetimes (do not change the list)."""
        cached = self._day_periods.get(day)
        if cached is not None:
            return cached
        if self.is_closed_day(day):
            periods: list[tuple[datetime, datetime]] = []
        else:
            tz = ZoneInfo(self.timezone)
            periods = [
                (
                    datetime.combine(day, start, tzinfo=tz).astimezone(UTC),
                    datetime.combine(day, end, tzinfo=tz).astimezone(UTC),
                )
                for start, end in self.hours.get(day.weekday(), ())
            ]
        if len(self._day_periods) >= 4096:
            self._day_periods.clear()
        self._day_periods[day] = periods
        return periods

    def periods_from(self, moment: datetime) -> Iterator[tuple[datetime, datetime]]:
        """Opening periods that end after ``moment``, clipped to start no earlier than it."""
        moment = _aware(moment).astimezone(UTC)
        day = moment.astimezone(ZoneInfo(self.timezone)).date() - timedelta(days=1)
        for _offset in range(MAX_DAYS):
            for start, end in self.periods(day):
                if end > moment:
                    yield max(start, moment), end
            day += timedelta(days=1)
        raise ValueError("This calendar has no opening hours in the next three years.")

    def is_open(self, moment: datetime) -> bool:
        moment = _aware(moment).astimezone(UTC)
        first = next(self.periods_from(moment))
        return first[0] == moment


@lru_cache(maxsize=256)
def _holidays_cached(country: str, year: int, good_friday: bool, liberation: str) -> frozenset:
    return frozenset(
        public_holidays(country, year, good_friday=good_friday, liberation_day=liberation)
    )


class HasSchedule(Protocol):
    def schedule(self) -> Schedule: ...


def _schedule(calendar: Schedule | HasSchedule) -> Schedule:
    return calendar if isinstance(calendar, Schedule) else calendar.schedule()


def _aware(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("Business time needs timezone-aware datetimes.")
    return moment


def add_business_time(
    start: datetime, duration: timedelta, calendar: Schedule | HasSchedule
) -> datetime:
    """The moment ``duration`` of opening time after ``start``.

    The result is always an open moment: a duration that uses up an opening period exactly
    lands on the next opening, and a zero duration moves a closed ``start`` to the next
    opening (an open ``start`` stays where it is). Returned in UTC."""
    if duration < timedelta(0):
        raise ValueError("Business time cannot be added backwards.")
    remaining = duration
    for begin, end in _schedule(calendar).periods_from(start):
        if end - begin > remaining:
            return begin + remaining
        remaining -= end - begin
    raise AssertionError("unreachable")  # pragma: no cover - periods_from raises first


def business_time_between(a: datetime, b: datetime, calendar: Schedule | HasSchedule) -> timedelta:
    """Opening time in ``[a, b)``; negative when ``b`` is before ``a``.

    The local days wholly inside the span are added up from per-year running totals of each
    day's opening time (exact: holidays, closed days and daylight saving included), so a span of
    two years costs a few period walks instead of 730 days of them: the inbox shows how long
    every overdue case has been overdue."""
    a, b = _aware(a).astimezone(UTC), _aware(b).astimezone(UTC)
    if b < a:
        return -business_time_between(b, a, calendar)
    schedule = _schedule(calendar)
    tz = ZoneInfo(schedule.timezone)
    first = a.astimezone(tz).date() + timedelta(days=1)  # the first whole local day
    last = b.astimezone(tz).date() - timedelta(days=1)  # the last whole local day
    if (last - first).days < FULL_DAYS_FROM:
        return _walk_between(a, b, schedule)
    whole_from = datetime.combine(first, time(0), tzinfo=tz).astimezone(UTC)
    whole_to = datetime.combine(last + timedelta(days=1), time(0), tzinfo=tz).astimezone(UTC)
    seconds = _opening_seconds(schedule, first, last)
    return (
        _walk_between(a, whole_from, schedule)
        + timedelta(seconds=seconds)
        + _walk_between(whole_to, b, schedule)
    )


# Spans with fewer whole days than this are walked period by period (as fast, and no cache).
FULL_DAYS_FROM = 7
_YEAR_TOTALS: dict[tuple, list[float]] = {}
_YEAR_TOTALS_MAX = 256


def _walk_between(a: datetime, b: datetime, schedule: Schedule) -> timedelta:
    total = timedelta(0)
    if b <= a:
        return total
    for begin, end in schedule.periods_from(a):
        if begin >= b:
            break
        total += min(end, b) - begin
    return total


def _opening_seconds(schedule: Schedule, first: date, last: date) -> float:
    """Opening seconds of the local days ``first`` to ``last``, both included."""
    key = (
        schedule.timezone,
        tuple(sorted(schedule.hours.items())),
        schedule.country,
        schedule.good_friday,
        schedule.liberation_day,
        schedule.closed_days,
    )
    total = 0.0
    for year in range(first.year, last.year + 1):
        running = _YEAR_TOTALS.get((key, year))
        if running is None:
            if len(_YEAR_TOTALS) >= _YEAR_TOTALS_MAX:
                _YEAR_TOTALS.clear()
            running = _YEAR_TOTALS[(key, year)] = _running_totals(schedule, year)
        start = (max(first, date(year, 1, 1)) - date(year, 1, 1)).days
        stop = (min(last, date(year, 12, 31)) - date(year, 1, 1)).days + 1
        total += running[stop] - running[start]
    return total


def _running_totals(schedule: Schedule, year: int) -> list[float]:
    """``[0, opening seconds of 1 January, of 1 and 2 January, ...]`` for one year."""
    running = [0.0]
    day = date(year, 1, 1)
    while day.year == year:
        opened = sum((end - start).total_seconds() for start, end in schedule.periods(day))
        running.append(running[-1] + opened)
        day += timedelta(days=1)
    return running


def format_duration(value: timedelta) -> str:
    """``2h 10m``, ``3d 1h`` is not used: business time is shown in hours and minutes."""
    minutes = int(abs(value).total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    if hours and minutes:
        return f"{hours}h {minutes}m"
    if hours:
        return f"{hours}h"
    return f"{minutes}m"
