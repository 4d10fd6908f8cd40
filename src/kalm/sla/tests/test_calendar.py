from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kalm.sla.calendar import (
    LIBERATION_EVERY_YEAR,
    LIBERATION_NEVER,
    Schedule,
    add_business_time,
    belgian_holidays,
    business_time_between,
    dutch_holidays,
    easter_sunday,
    format_duration,
    parse_hours,
)

AMS = ZoneInfo("Europe/Amsterdam")
OFFICE = Schedule(
    timezone="Europe/Amsterdam",
    hours=parse_hours(
        {**{str(d): [["09:00", "17:00"]] for d in range(5)}, "5": [["10:00", "14:00"]]}
    ),
    country="NL",
)


def local(*args) -> datetime:
    return datetime(*args, tzinfo=AMS)


def test_it_computes_easter():
    assert easter_sunday(2026) == date(2026, 4, 5)
    assert easter_sunday(2027) == date(2027, 3, 28)
    assert easter_sunday(2024) == date(2024, 3, 31)
    assert easter_sunday(2038) == date(2038, 4, 25)


def test_it_knows_the_dutch_holidays_of_2026():
    assert set(dutch_holidays(2026)) == {
        date(2026, 1, 1),
        date(2026, 4, 3),  # Goede Vrijdag
        date(2026, 4, 5),
        date(2026, 4, 6),
        date(2026, 4, 27),  # Koningsdag (a Monday)
        date(2026, 5, 14),  # Hemelvaartsdag
        date(2026, 5, 24),
        date(2026, 5, 25),
        date(2026, 12, 25),
        date(2026, 12, 26),
    }


def test_it_knows_the_dutch_holidays_of_2027():
    days = dutch_holidays(2027, good_friday=False, liberation_day=LIBERATION_EVERY_YEAR)
    assert set(days) == {
        date(2027, 1, 1),
        date(2027, 3, 28),
        date(2027, 3, 29),
        date(2027, 4, 27),
        date(2027, 5, 5),
        date(2027, 5, 6),
        date(2027, 5, 16),
        date(2027, 5, 17),
        date(2027, 12, 25),
        date(2027, 12, 26),
    }


def test_kings_day_moves_to_saturday_when_the_27th_is_a_sunday():
    assert date(2025, 4, 26) in dutch_holidays(2025)
    assert date(2025, 4, 27) not in dutch_holidays(2025)


def test_liberation_day_follows_the_calendar_setting():
    assert date(2025, 5, 5) in dutch_holidays(2025)  # lustrum year
    assert date(2026, 5, 5) not in dutch_holidays(2026)
    assert date(2026, 5, 5) in dutch_holidays(2026, liberation_day=LIBERATION_EVERY_YEAR)
    assert date(2030, 5, 5) not in dutch_holidays(2030, liberation_day=LIBERATION_NEVER)


def test_it_knows_the_belgian_holidays_of_2026_and_2027():
    assert set(belgian_holidays(2026)) == {
        date(2026, 1, 1),
        date(2026, 4, 6),
        date(2026, 5, 1),
        date(2026, 5, 14),
        date(2026, 5, 25),
        date(2026, 7, 21),
        date(2026, 8, 15),
        date(2026, 11, 1),
        date(2026, 11, 11),
        date(2026, 12, 25),
    }
    assert set(belgian_holidays(2027)) == {
        date(2027, 1, 1),
        date(2027, 3, 29),
        date(2027, 5, 1),
        date(2027, 5, 6),
        date(2027, 5, 17),
        date(2027, 7, 21),
        date(2027, 8, 15),
        date(2027, 11, 1),
        date(2027, 11, 11),
        date(2027, 12, 25),
    }


def test_it_adds_within_a_day():
    assert add_business_time(local(2026, 11, 25, 10), timedelta(hours=2), OFFICE) == local(
        2026, 11, 25, 12
    )


def test_it_carries_over_the_night():
    got = add_business_time(local(2026, 11, 25, 16), timedelta(hours=2), OFFICE)
    assert got == local(2026, 11, 26, 10)


def test_it_carries_over_the_weekend_using_saturday_hours():
    # Friday 16:00 + 6h: 1h Friday, 4h Saturday 10-14, 1h Monday.
    got = add_business_time(local(2026, 11, 27, 16), timedelta(hours=6), OFFICE)
    assert got == local(2026, 11, 30, 10)


def test_it_skips_easter_and_good_friday():
    # Thursday 2 April 2026 16:00 + 2h: Good Friday, Saturday 4 April 10:00 open, ...
    got = add_business_time(local(2026, 4, 2, 16), timedelta(hours=2), OFFICE)
    assert got == local(2026, 4, 4, 11)
    # Saturday 4 April 13:00 + 2h: Easter Sunday and Monday closed → Tuesday 7 April 10:00.
    got = add_business_time(local(2026, 4, 4, 13), timedelta(hours=2), OFFICE)
    assert got == local(2026, 4, 7, 10)


def test_it_skips_extra_closed_days():
    closed = Schedule(
        timezone=OFFICE.timezone,
        hours=OFFICE.hours,
        country="NL",
        closed_days=frozenset({date(2026, 11, 26)}),
    )
    got = add_business_time(local(2026, 11, 25, 16), timedelta(hours=2), closed)
    assert got == local(2026, 11, 27, 10)


def test_an_exactly_used_up_period_lands_on_the_next_opening():
    got = add_business_time(local(2026, 11, 25, 9), timedelta(hours=8), OFFICE)
    assert got == local(2026, 11, 26, 9)


def test_it_measures_business_time_between_two_moments():
    a, b = local(2026, 11, 27, 16), local(2026, 11, 30, 10)
    assert business_time_between(a, b, OFFICE) == timedelta(hours=6)
    assert business_time_between(b, a, OFFICE) == timedelta(hours=-6)
    assert business_time_between(
        local(2026, 11, 28, 20), local(2026, 11, 29, 20), OFFICE
    ) == timedelta(0)


def test_it_handles_daylight_saving_time():
    # The night of 28-29 March 2026 the clocks go forward: still 8 hours a day.
    got = add_business_time(local(2026, 3, 27, 17), timedelta(hours=12), OFFICE)
    assert got == local(2026, 3, 31, 9)  # Saturday 4h, Monday 8h


def test_it_refuses_naive_datetimes_and_bad_hours():
    with pytest.raises(ValueError):
        add_business_time(datetime(2026, 1, 5, 10), timedelta(hours=1), OFFICE)
    with pytest.raises(ValueError):
        parse_hours({"0": [["17:00", "09:00"]]})
    with pytest.raises(ValueError):
        parse_hours({"0": [["09:00", "13:00"], ["12:00", "17:00"]]})
    with pytest.raises(ValueError):
        parse_hours({})
    with pytest.raises(ValueError):
        parse_hours({"8": [["09:00", "17:00"]]})


def _walked(a, b, schedule):
    """The definition: every opening period between a and b, one by one."""
    total = timedelta(0)
    for begin, end in schedule.periods_from(a):
        if begin >= b:
            break
        total += min(end, b) - begin
    return total


ROUND_THE_CLOCK = Schedule(
    timezone="Europe/Amsterdam",
    hours=parse_hours({str(d): [["00:00", "23:59"]] for d in range(7)}),
    country="BE",
    closed_days=frozenset({date(2025, 12, 24), date(2026, 3, 29)}),
)


@settings(max_examples=150, deadline=None)
@given(
    start=st.datetimes(
        min_value=datetime(2023, 1, 1), max_value=datetime(2027, 12, 31), timezones=st.just(AMS)
    ),
    span=st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=900)),
    schedule=st.sampled_from([OFFICE, ROUND_THE_CLOCK]),
)
def test_long_spans_add_whole_days_exactly_as_walking_them(start, span, schedule):
    # The running totals per year must give what walking every period gives: holidays, closed
    # days, the days daylight saving time changes (a 23- and a 25-hour day), year boundaries.
    end = start + span
    assert business_time_between(start, end, schedule) == _walked(start, end, schedule)
    assert business_time_between(end, start, schedule) == -_walked(start, end, schedule)


def test_it_formats_durations():
    assert format_duration(timedelta(hours=2, minutes=10)) == "2h 10m"
    assert format_duration(timedelta(hours=3)) == "3h"
    assert format_duration(timedelta(minutes=5, seconds=59)) == "5m"


moments = st.datetimes(
    min_value=datetime(2025, 1, 1), max_value=datetime(2028, 12, 31), timezones=st.just(UTC)
)
durations = st.timedeltas(min_value=timedelta(0), max_value=timedelta(hours=200))


@settings(max_examples=150, deadline=None)
@given(moments, durations, durations)
def test_adding_is_additive(t, a, b):
    assert add_business_time(add_business_time(t, a, OFFICE), b, OFFICE) == add_business_time(
        t, a + b, OFFICE
    )


@settings(max_examples=150, deadline=None)
@given(moments, durations, durations)
def test_adding_is_monotonic(t, a, b):
    small, large = sorted([a, b])
    assert add_business_time(t, small, OFFICE) <= add_business_time(t, large, OFFICE)
    assert add_business_time(t, a, OFFICE) >= t


@settings(max_examples=150, deadline=None)
@given(moments, durations)
def test_it_never_lands_in_closed_time(t, a):
    assert OFFICE.is_open(add_business_time(t, a, OFFICE))


@settings(max_examples=150, deadline=None)
@given(moments, durations)
def test_zero_at_an_open_moment_is_identity_and_between_inverts_add(t, a):
    opened = add_business_time(t, timedelta(0), OFFICE)
    assert add_business_time(opened, timedelta(0), OFFICE) == opened
    assert business_time_between(opened, add_business_time(opened, a, OFFICE), OFFICE) == a
