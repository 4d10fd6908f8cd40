"""The drill banner's context on every desk page: the drill this desk is switched to."""

from __future__ import annotations

from django.http import HttpRequest

from kalm.drills.selectors import desk_drill, desk_drill_id


def drill(request: HttpRequest) -> dict:
    # One indexed look-up, and only for people who switched to a drill.
    if desk_drill_id(request) is None:
        return {"desk_drill": None}
    return {"desk_drill": desk_drill(request)}
