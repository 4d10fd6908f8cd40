"""Chat test helpers: short stream timings, an online agent, and a visitor with a chat."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from kalm.chat import timing
from kalm.chat.actions import chat_presence_mark
from kalm.chat.models import ChatSession
from kalm.chat.selectors import COOKIE_NAME


@pytest.fixture(autouse=True)
def fast_streams(monkeypatch):
    monkeypatch.setattr(timing, "SSE_TICK_SECONDS", 0.01)
    monkeypatch.setattr(timing, "SSE_MAX_SECONDS", 0.5)
    monkeypatch.setattr(timing, "SSE_HEARTBEAT_SECONDS", 0.05)
    monkeypatch.setattr(timing, "SEEN_WRITE_SECONDS", 0)


@pytest.fixture
def online(agent):
    """The agent has the chat queue open, so visitors are told to wait for them."""
    chat_presence_mark(agent=agent)
    return agent


@pytest.fixture
def agent_client(agent) -> Client:
    client = Client()
    client.force_login(agent)
    return client


def start_chat(client: Client, **data) -> ChatSession:
    payload = {
        "name": "Sanne de Vries",
        "email": "sanne@example.nl",
        "body": "Waar blijft mijn pakket?",
    }
    payload.update(data)
    response = client.post("/chat/", payload)
    assert response.status_code == 302, response.content.decode()[:2000]
    return ChatSession.objects.order_by("-id").first()


@pytest.fixture
def visitor(db) -> Client:
    return Client()


@pytest.fixture
def chat(visitor, online) -> ChatSession:
    return start_chat(visitor)


def read_stream(response, *, until=lambda frames: False) -> list[dict]:
    """Read SSE frames from a (bounded) streaming response until ``until`` says so or it ends.

    Each frame becomes {"id", "event", "data"}; comments become {"comment": ...}."""
    assert response["Content-Type"] == "text/event-stream"
    frames: list[dict] = []
    buffer = ""
    for chunk in response.streaming_content:
        buffer += chunk.decode()
        while "\n\n" in buffer:
            raw, buffer = buffer.split("\n\n", 1)
            frame: dict = {}
            for line in raw.splitlines():
                if line.startswith(":"):
                    frame["comment"] = line[1:].strip()
                else:
                    key, _, value = line.partition(": ")
                    frame[key] = json.loads(value) if key == "data" else value
            frames.append(frame)
        if until(frames):
            break
    # Let the (bounded) stream run out rather than close it early: the test client then closes
    # the response without dropping the test's database connection.
    for _chunk in response.streaming_content:
        pass
    return frames


def cookie_of(client: Client) -> str:
    return client.cookies[COOKIE_NAME].value


@pytest.fixture(autouse=True)
def _english(english):
    """These tests read English messages (see kalm.core.testing.english)."""
