"""A fixed clock and a drill started through the real action."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from kalm.drills.actions import drill_start

AMS = ZoneInfo("Europe/Amsterdam")
START = datetime(2026, 11, 24, 9, 0, tzinfo=AMS)  # a Tuesday morning


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


@pytest.fixture
def bottles(clock, team_lead):
    """The exploding-bottle drill with a short history (fast tests), not yet played."""
    return drill_start(scenario="bottles", actor=team_lead, seed=7, speed=12, history_days=10)


PROCESSOR = "kalm.drills.context_processors.drill"


@pytest.fixture(autouse=True)
def _banner_processor(settings):
    """The drill banner's context processor, as settings.py lists it (added here until it
    does, so the banner is tested either way)."""
    templates = [dict(t, OPTIONS=dict(t.get("OPTIONS", {}))) for t in settings.TEMPLATES]
    for template in templates:
        processors = list(template["OPTIONS"].get("context_processors", []))
        if template["BACKEND"].endswith("DjangoTemplates") and PROCESSOR not in processors:
            template["OPTIONS"]["context_processors"] = [*processors, PROCESSOR]
    settings.TEMPLATES = templates
