from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from kalm.sla.calendar import add_business_time
from kalm.sla.models import BusinessCalendar, SlaPolicy

BRUSSELS = ZoneInfo("Europe/Brussels")


def test_a_belgian_calendar_closes_on_belgian_holidays_and_extra_days(db):
    calendar = BusinessCalendar.objects.create(
        name="Kantoor Gent",
        timezone="Europe/Brussels",
        country="BE",
        closed_days=["2026-07-20"],
    )
    calendar.full_clean()
    schedule = calendar.schedule()
    assert schedule.is_closed_day(date(2026, 7, 21))  # Nationale feestdag
    assert schedule.is_closed_day(date(2026, 7, 20))  # extra closed day
    assert not schedule.is_closed_day(date(2026, 4, 27))  # Koningsdag is Dutch
    # Friday 17 July 16:00 + 2h: 1h Friday, Monday 20 and Tuesday 21 closed → Wednesday 10:00.
    got = add_business_time(
        datetime(2026, 7, 17, 16, tzinfo=BRUSSELS), timedelta(hours=2), calendar
    )
    assert got == datetime(2026, 7, 22, 10, tzinfo=BRUSSELS)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("timezone", "Europe/Atlantis"),
        ("opening_hours", {"0": [["17:00", "09:00"]]}),
        ("opening_hours", {}),
        ("closed_days", ["24-12-2026"]),
        ("closed_days", "2026-12-24"),
    ],
)
def test_it_explains_a_bad_calendar(db, field, value):
    calendar = BusinessCalendar(name="Kapot", **{field: value})
    with pytest.raises(ValidationError) as exc:
        calendar.full_clean()
    assert field in exc.value.message_dict


def test_a_policy_needs_positive_targets(db):
    from django.db import IntegrityError, transaction

    calendar = BusinessCalendar.objects.get(name="Office hours NL")
    with pytest.raises(IntegrityError), transaction.atomic():
        SlaPolicy.objects.create(
            name="Nul",
            calendar=calendar,
            first_response=timedelta(0),
            next_response=timedelta(hours=1),
            resolution=timedelta(hours=1),
        )


def test_the_admin_lists_calendars_and_policies(admin_client):
    assert admin_client.get("/admin/sla/businesscalendar/").status_code == 200
    response = admin_client.get("/admin/sla/slapolicy/")
    assert response.status_code == 200
    assert "Urgent (default)" in response.content.decode()
    assert admin_client.get("/admin/sla/casesla/").status_code == 200
