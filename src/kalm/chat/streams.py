"""Server-sent events for both sides of a chat, from the ChatEvent table.

A stream looks in the database every ``timing.SSE_TICK_SECONDS`` for events after the last id
it sent, so any web process sees what any other process wrote (no Redis needed). It sends a
heartbeat comment, and it ends after ``timing.SSE_MAX_SECONDS``: EventSource reconnects by itself
with ``Last-Event-ID`` and no thread is held forever. The poll endpoint gives the same data as
JSON for browsers or proxies where SSE does not work.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

from django.utils import timezone

from kalm.chat import timing
from kalm.chat.actions import chat_leave_message, chat_seen
from kalm.chat.models import ChatSession
from kalm.chat.selectors import event_data, events_after, other_side_typing


def _frame(name: str, data: dict[str, Any], event_id: int | None = None) -> bytes:
    head = f"id: {event_id}\n" if event_id is not None else ""
    return f"{head}event: {name}\ndata: {json.dumps(data)}\n\n".encode()


def parse_after(value: str | None) -> int:
    try:
        return max(0, int(value or 0))
    except ValueError:
        return 0


def snapshot(*, session_id: int, side: str, after: int) -> dict[str, Any]:
    """One look at the chat for one side: new events, typing and status. Marks the side seen,
    and turns an unanswered waiting chat into a left message when the visitor looks."""
    session = ChatSession.objects.select_related("case", "consumer").get(pk=session_id)
    chat_seen(session_id=session_id, side=side)
    if side == "consumer" and session.status == ChatSession.Status.WAITING:
        waited = (timezone.now() - session.created_at).total_seconds()
        if waited > timing.ACCEPT_WAIT_SECONDS:
            chat_leave_message(session=session, code="timeout")
    events = [event_data(e) for e in events_after(session_id, after)]
    return {
        "events": events,
        "typing": other_side_typing(session, side=side),
        "status": session.status,
        "last_id": events[-1]["id"] if events else after,
    }


def event_stream(*, session_id: int, side: str, after: int) -> Iterator[bytes]:
    started = last_beat = time.monotonic()
    typing: bool | None = None
    status = ""
    yield f"retry: {timing.SSE_RETRY_MS}\n\n".encode()
    while True:
        state = snapshot(session_id=session_id, side=side, after=after)
        for data in state["events"]:
            yield _frame(data["kind"], data, data["id"])
        after = state["last_id"]
        if state["typing"] != typing:
            typing = state["typing"]
            yield _frame("typing", {"typing": typing})
        if state["status"] != status:
            status = state["status"]
            yield _frame("status", {"status": status})
        now = time.monotonic()
        if status == ChatSession.Status.ENDED or now - started >= timing.SSE_MAX_SECONDS:
            return
        if now - last_beat >= timing.SSE_HEARTBEAT_SECONDS:
            last_beat = now
            yield b": heartbeat\n\n"
        time.sleep(timing.SSE_TICK_SECONDS)
