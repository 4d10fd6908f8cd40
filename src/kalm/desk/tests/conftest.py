"""Logged-in clients for the desk's personas, and the refusals every view test repeats."""

from __future__ import annotations

import pytest
from django.test import Client


@pytest.fixture
def agent_client(client: Client, agent) -> Client:
    client.force_login(agent)
    return client


@pytest.fixture
def outsider_client(client: Client, outsider) -> Client:
    client.force_login(outsider)
    return client


def assert_refused(client: Client, method: str, url: str, outsider, data=None) -> None:
    """Anonymous people are sent to the login page; a logged-in non-member gets 403."""
    send = client.post if method == "post" else client.get
    response = send(url, data or {})
    assert response.status_code == 302
    assert response["Location"].startswith("/desk/login/?next=")
    client.force_login(outsider)
    response = send(url, data or {})
    assert response.status_code == 403
