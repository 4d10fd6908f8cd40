"""The organisation's settings as the rest of Kalm reads them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from django.conf import settings
from django.core.cache import cache
from django.urls import NoReverseMatch, reverse

from kalm.core.models import OrganisationSettings

CACHE_KEY = "kalm.organisation.v1"
# Several processes (web, worker) each cache this; a change reaches all of them within a minute.
CACHE_SECONDS = 60

# The model validates colours on every form; this guards what reaches a page once more, because
# the value is written into a <style> block and a row saved past a form (shell, fixture, older
# data) must not be able to put anything else there.
_HEX = re.compile(r"#[0-9a-fA-F]{6}")


@dataclass(frozen=True)
class Organisation:
    name: str
    sender_email: str
    first_response_hours: dict[str, int]
    # The public pages' look; empty means "keep the portal's own".
    logo_url: str = ""
    logo_name: str = ""  # the stored file's name: the logo view serves this file only
    brand_color: str = ""
    accent_color: str = ""
    theme: list[tuple[str, str]] = field(default_factory=list)


def _colour(value: str) -> str:
    value = (value or "").strip()
    return value.lower() if _HEX.fullmatch(value) else ""


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _mix(colour: str, other: str, share: float) -> str:
    """``colour`` with ``share`` (0..1) of ``other`` mixed in."""
    mixed = (round(a + (b - a) * share) for a, b in zip(_rgb(colour), _rgb(other), strict=True))
    return "#" + "".join(f"{channel:02x}" for channel in mixed)


def _luminance(colour: str) -> float:
    """Relative luminance as WCAG defines it."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


_INK = "#1d2521"  # the portal's text colour (portal.css --ink)


def _readable_on(colour: str) -> str:
    """White or the portal's ink, whichever reads better on ``colour``: an organisation may
    choose a light brand colour, and white button text on it would be unreadable."""
    background = _luminance(colour)
    on_white = 1.05 / (background + 0.05)
    on_ink = (background + 0.05) / (_luminance(_INK) + 0.05)
    return "#ffffff" if on_white >= on_ink else _INK


def theme_variables(brand_color: str, accent_color: str) -> list[tuple[str, str]]:
    """CSS custom properties for the portal's :root, derived from the organisation's colours.
    Only valid #rrggbb values produce anything, so an unset or bad colour keeps the default."""
    brand, accent = _colour(brand_color), _colour(accent_color)
    found: list[tuple[str, str]] = []
    if brand:
        found += [
            ("--brand", brand),
            ("--brand-dark", _mix(brand, "#000000", 0.28)),
            ("--brand-soft", _mix(brand, "#ffffff", 0.88)),
            ("--on-brand", _readable_on(brand)),
        ]
    if accent:
        found += [
            ("--accent", accent),
            ("--accent-soft", _mix(accent, "#ffffff", 0.85)),
            ("--on-accent", _readable_on(accent)),
        ]
    return found


def _logo_url(name: str) -> str:
    # Uploaded files are not public (MEDIA_URL serves nothing, see settings), so the logo is
    # served by the help centre's own view, which serves this one file and nothing else.
    if not name:
        return ""
    try:
        return reverse("help:logo", kwargs={"name": PurePosixPath(name).name})
    except NoReverseMatch:
        return ""


def organisation() -> Organisation:
    """The admin's settings, with the environment filling whatever the admin left empty."""
    row = cache.get(CACHE_KEY)
    if row is None:
        row = OrganisationSettings.objects.filter(pk=1).first() or OrganisationSettings()
        cache.set(CACHE_KEY, row, CACHE_SECONDS)
    logo_name = row.logo.name if row.logo else ""
    brand, accent = _colour(row.brand_color), _colour(row.accent_color)
    return Organisation(
        name=row.name or settings.KALM_ORGANISATION_NAME,
        sender_email=row.sender_email or settings.DEFAULT_FROM_EMAIL,
        first_response_hours={
            "urgent": row.first_response_hours_urgent,
            "high": row.first_response_hours_high,
            "normal": row.first_response_hours_normal,
            "low": row.first_response_hours_low,
        },
        logo_url=_logo_url(logo_name),
        logo_name=logo_name,
        brand_color=brand,
        accent_color=accent,
        theme=theme_variables(brand, accent),
    )


def organisation_forget() -> None:
    cache.delete(CACHE_KEY)
