"""Small HTTP helpers shared by the apps' views and the API."""

from __future__ import annotations

from django.http import HttpRequest


def prefers_async(request: HttpRequest) -> bool:
    """RFC 7240: ``Prefer: respond-async``, alone or among other preferences. Kalm's intake
    endpoints then store what came in and answer ``202`` at once (decisions 0020 and 0021)."""
    given = request.headers.get("Prefer", "")
    return any(
        part.split("=", 1)[0].strip().lower() == "respond-async"
        for item in given.split(",")
        for part in item.split(";")[:1]
    )
