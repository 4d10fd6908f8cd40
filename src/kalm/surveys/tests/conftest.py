"""Logged-in desk clients for the surveys' desk pages."""

from __future__ import annotations

import pytest
from django.test import Client


@pytest.fixture
def lead_client(client: Client, team_lead) -> Client:
    client.force_login(team_lead)
    return client


@pytest.fixture
def agent_client(client: Client, agent) -> Client:
    client.force_login(agent)
    return client
