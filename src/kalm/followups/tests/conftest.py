"""A fixed clock (Wednesday 25 November 2026, 14:00 in Amsterdam), logged-in clients, and a
helper to make follow-ups through the real action."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client

from kalm.followups.actions import followup_create

AMS = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2026, 11, 25, 14, 0, tzinfo=AMS)


@pytest.fixture
def wednesday():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def agent_client(client: Client, agent) -> Client:
    client.force_login(agent)
    return client


def make_followup(case, *, hour: int = 9, day: int = 25, **kwargs):
    params = {
        "case": case,
        "title": "Bel mevrouw De Vries over de labuitslag",
        "due_at": datetime(2026, 11, day, hour, 0, tzinfo=AMS),
    }
    params.update(kwargs)
    return followup_create(**params)


@pytest.fixture(autouse=True)
def _english(english):
    """These tests read English messages (see kalm.core.testing.english)."""
