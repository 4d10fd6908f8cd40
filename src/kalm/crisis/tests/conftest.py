"""A fixed clock, logged-in clients, products in the scope, and a crisis opened through the real
action."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client

from kalm.core.testing import ProductFactory
from kalm.crisis.actions import crisis_open
from kalm.crisis.models import Scenario

AMS = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2026, 11, 25, 14, 0, tzinfo=AMS)


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def lead_client(client: Client, team_lead) -> Client:
    client.force_login(team_lead)
    return client


@pytest.fixture
def agent_client(client: Client, agent) -> Client:
    client.force_login(agent)
    return client


@pytest.fixture
def cola(db):
    return ProductFactory(name="Cola 1L")


@pytest.fixture
def lemonade(db):
    return ProductFactory(name="Limonade 1L")


def open_crisis(actor, **overrides):
    params = {
        "actor": actor,
        "title": "Exploderende flessen batch L2611",
        "scenario": Scenario.PRODUCT_SAFETY,
        "severity": 3,
    }
    params.update(overrides)
    return crisis_open(**params)


@pytest.fixture(autouse=True)
def _english(english):
    """These tests read English messages (see kalm.core.testing.english)."""


@pytest.fixture(autouse=True)
def _empty_schedule():
    """Huey's immediate mode keeps scheduled tasks in memory: each test starts with none."""
    from huey.contrib.djhuey import HUEY

    HUEY.flush()
    yield
    HUEY.flush()
