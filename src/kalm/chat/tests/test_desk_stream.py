"""GET /chat/desk/<id>/events and /poll, POST /typing and /end: refused to outsiders."""

from __future__ import annotations

import pytest

from kalm.chat.actions import chat_accept
from kalm.chat.models import ChatSession
from kalm.chat.tests.conftest import read_stream
from kalm.desk.tests.conftest import assert_refused


@pytest.mark.parametrize(
    ("method", "suffix"), [("get", "events"), ("get", "poll"), ("post", "typing"), ("post", "end")]
)
def test_it_refuses_anonymous_and_outsiders(client, outsider, chat, method, suffix):
    assert_refused(client, method, f"/chat/desk/{chat.pk}/{suffix}", outsider)
    chat.refresh_from_db()
    assert chat.status == ChatSession.Status.WAITING and chat.agent_typing_until is None


def test_the_agent_stream_marks_the_agent_seen(chat, agent, agent_client):
    chat_accept(session=chat, agent=agent)
    ChatSession.objects.filter(pk=chat.pk).update(last_agent_seen_at=None)
    frames = read_stream(agent_client.get(f"/chat/desk/{chat.pk}/events"))
    assert any(f.get("event") == "message" for f in frames)
    chat.refresh_from_db()
    assert chat.last_agent_seen_at is not None


def test_typing_is_ignored_until_the_chat_is_accepted(chat, agent, agent_client):
    assert agent_client.post(f"/chat/desk/{chat.pk}/typing").status_code == 204
    chat.refresh_from_db()
    assert chat.agent_typing_until is None
    chat_accept(session=chat, agent=agent)
    agent_client.post(f"/chat/desk/{chat.pk}/typing")
    chat.refresh_from_db()
    assert chat.agent_typing_until is not None
