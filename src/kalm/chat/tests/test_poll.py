"""GET /chat/s/poll: the polling fallback (JSON)."""

from __future__ import annotations

import time_machine
from django.utils import timezone

from kalm.chat import timing
from kalm.chat.models import ChatSession


def test_it_returns_events_after_an_id(chat, visitor):
    state = visitor.get("/chat/s/poll", {"after": 0}).json()
    assert state["status"] == "waiting" and state["typing"] is False
    assert [e["kind"] for e in state["events"]] == ["message", "system"]
    assert visitor.get("/chat/s/poll", {"after": state["last_id"]}).json()["events"] == []
    assert visitor.get("/chat/s/poll", {"after": "rubbish"}).json()["last_id"] == state["last_id"]


def test_it_marks_the_visitor_seen(chat, visitor):
    ChatSession.objects.filter(pk=chat.pk).update(last_consumer_seen_at=None)
    visitor.get("/chat/s/poll")
    chat.refresh_from_db()
    assert chat.last_consumer_seen_at is not None


def test_an_unanswered_chat_becomes_a_left_message(chat, visitor):
    later = timezone.now() + timezone.timedelta(seconds=timing.ACCEPT_WAIT_SECONDS + 5)
    with time_machine.travel(later):
        state = visitor.get("/chat/s/poll").json()
    assert state["status"] == "left_message"
    assert any(e["kind"] == "system" and "in time" in e["text"] for e in state["events"])
