"""The organisation's settings as the rest of Kalm reads them."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from kalm.core.models import OrganisationSettings

CACHE_KEY = "kalm.organisation.v1"
# Several processes (web, worker) each cache this; a change reaches all of them within a minute.
CACHE_SECONDS = 60


@dataclass(frozen=True)
class Organisation:
    name: str
    sender_email: str
    first_response_hours: dict[str, int]


def organisation() -> Organisation:
    """The admin's settings, with the environment filling whatever the admin left empty."""
    row = cache.get(CACHE_KEY)
    if row is None:
        row = OrganisationSettings.objects.filter(pk=1).first() or OrganisationSettings()
        cache.set(CACHE_KEY, row, CACHE_SECONDS)
    return Organisation(
        name=row.name or settings.KALM_ORGANISATION_NAME,
        sender_email=row.sender_email or settings.DEFAULT_FROM_EMAIL,
        first_response_hours={
            "urgent": row.first_response_hours_urgent,
            "high": row.first_response_hours_high,
            "normal": row.first_response_hours_normal,
            "low": row.first_response_hours_low,
        },
    )


def organisation_forget() -> None:
    cache.delete(CACHE_KEY)
