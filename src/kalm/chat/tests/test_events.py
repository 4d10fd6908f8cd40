"""GET /chat/s/events: the visitor's SSE stream."""

from __future__ import annotations

from django.test import Client

from kalm.chat import timing
from kalm.chat.actions import chat_accept, chat_agent_reply
from kalm.chat.selectors import COOKIE_NAME
from kalm.chat.tests.conftest import read_stream, start_chat


def test_it_pushes_a_reply_written_while_the_stream_is_open(
    chat, agent, visitor, django_capture_on_commit_callbacks
):
    chat_accept(session=chat, agent=agent)
    sent = []

    def reply_once_then_wait(frames):
        if not sent and any(f.get("event") == "status" for f in frames):
            with django_capture_on_commit_callbacks(execute=True):
                sent.append(chat_agent_reply(session=chat, agent=agent, body="Live!"))
        return any(f.get("event") == "message" and f["data"]["text"] == "Live!" for f in frames)

    frames = read_stream(visitor.get("/chat/s/events"), until=reply_once_then_wait)
    assert sent
    texts = [f["data"]["text"] for f in frames if f.get("event") == "message"]
    assert texts == ["Waar blijft mijn pakket?", "Live!"]


def test_it_starts_with_a_retry_hint_sends_heartbeats_and_ends_in_bounded_time(chat, visitor):
    frames = read_stream(visitor.get("/chat/s/events"))  # returns only because the stream ends
    assert frames[0] == {"retry": str(timing.SSE_RETRY_MS)}
    assert any(f.get("comment") == "heartbeat" for f in frames)


def test_it_resumes_after_last_event_id(chat, visitor):
    frames = read_stream(visitor.get("/chat/s/events"))
    last = max(int(f["id"]) for f in frames if "id" in f)
    again = read_stream(visitor.get("/chat/s/events", headers={"last-event-id": str(last)}))
    assert not [f for f in again if "id" in f]


def test_it_refuses_a_visitor_without_a_cookie(chat):
    assert Client().get("/chat/s/events").status_code == 403
    assert Client().get("/chat/s/poll").status_code == 403


def test_it_refuses_an_unknown_cookie(chat):
    stranger = Client()
    stranger.cookies[COOKIE_NAME] = "made-up-secret"
    assert stranger.get("/chat/s/events").status_code == 404
    assert stranger.get("/chat/s/poll").status_code == 404


def test_a_visitor_only_ever_sees_their_own_chat(chat, visitor, online):
    other = Client()
    start_chat(other, name="Piet", email="piet@example.nl", body="Geheime vraag van Piet")
    frames = read_stream(visitor.get("/chat/s/events"))
    assert "Geheime vraag" not in str(frames)
    poll = visitor.get("/chat/s/poll").json()
    assert "Geheime vraag" not in str(poll)
    assert "Waar blijft" not in str(other.get("/chat/s/poll").json())
