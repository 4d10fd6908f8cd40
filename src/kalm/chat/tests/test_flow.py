"""The whole conversation with the test client: visitor starts -> queue with waiting time ->
agent accepts -> replies appear on both sides over SSE and poll -> typing -> end."""

from __future__ import annotations

import time_machine
from django.utils import timezone

from kalm.cases.models import Case, Message
from kalm.chat.models import ChatSession
from kalm.chat.tests.conftest import read_stream, start_chat
from kalm.dossier.models import EntryKind


def _events(frames, kind):
    return [f["data"] for f in frames if f.get("event") == kind]


def test_a_chat_from_start_to_end(
    visitor, agent, online, agent_client, mailoutbox, django_capture_on_commit_callbacks
):
    # 1. The visitor starts a chat and waits in the queue, with a waiting time.
    with time_machine.travel(timezone.now(), tick=True) as traveller:
        chat = start_chat(visitor)
        traveller.shift(75)
        queue = agent_client.get("/chat/desk/")
    assert queue.status_code == 200
    waiting = queue.context["waiting"]
    assert [(s.pk, secs >= 75) for s, secs in waiting] == [(chat.pk, True)]
    assert "1 min" in queue.content.decode()
    assert "Sanne de Vries" in queue.content.decode()

    # 2. The agent accepts: the case is theirs and the visitor is told, by alias only.
    response = agent_client.post(f"/chat/desk/{chat.pk}/accept")
    assert response.status_code == 302 and response["Location"] == f"/chat/desk/{chat.pk}/"
    chat.refresh_from_db()
    case = Case.objects.get()
    assert chat.status == ChatSession.Status.ACTIVE and chat.accepted_by == agent
    assert case.assignee == agent
    poll = visitor.get("/chat/s/poll", {"after": 0}).json()
    joined = [e for e in poll["events"] if e["kind"] == "joined"]
    assert joined and "Eva" in joined[0]["text"]
    assert "Evelien" not in str(poll) and "Jansen" not in str(poll)
    after = poll["last_id"]

    # 3. The agent's reply reaches the visitor: poll, and a live SSE stream.
    stream = visitor.get("/chat/s/events", headers={"last-event-id": str(after)})
    frames = read_stream(stream, until=lambda f: any(x.get("event") == "status" for x in f))
    assert not _events(frames, "message")  # nothing new yet
    with django_capture_on_commit_callbacks(execute=True):
        response = agent_client.post(
            f"/chat/desk/{chat.pk}/",
            {"body": "Ik kijk het even na."},
            headers={"accept": "application/json"},
        )
    assert response.json() == {"ok": True}
    reply = Message.objects.get(case=case, kind=Message.Kind.OUTBOUND)
    assert reply.channel == "chat" and reply.author_alias == "Eva"
    assert mailoutbox == []  # the visitor is here: the answer goes to the chat, not by email
    stream = visitor.get("/chat/s/events", headers={"last-event-id": str(after)})
    frames = read_stream(stream, until=lambda f: bool(_events(f, "message")))
    [message] = _events(frames, "message")
    assert message["text"] == "Ik kijk het even na." and message["alias"] == "Eva"
    assert message["sender"] == "agent"
    ids = [int(f["id"]) for f in frames if "id" in f]
    assert ids and min(ids) > after
    poll = visitor.get("/chat/s/poll", {"after": after}).json()
    assert [e["text"] for e in poll["events"] if e["kind"] == "message"] == ["Ik kijk het even na."]
    after = poll["last_id"]

    # 4. The visitor's answer reaches the agent's stream; it is on the case too.
    response = visitor.post("/chat/s/", {"body": "Dank u!"}, headers={"accept": "application/json"})
    assert response.json() == {"ok": True}
    stream = agent_client.get(f"/chat/desk/{chat.pk}/events", {"after": after})
    frames = read_stream(stream, until=lambda f: bool(_events(f, "message")))
    assert [m["text"] for m in _events(frames, "message")] == ["Dank u!"]
    assert _events(frames, "message")[0]["sender"] == "consumer"
    assert case.dossier.filter(kind=EntryKind.MESSAGE_IN).count() == 2

    # 5. Typing shows on the other side, and stops showing after a while.
    assert visitor.post("/chat/s/typing").status_code == 204
    assert agent_client.get(f"/chat/desk/{chat.pk}/poll").json()["typing"] is True
    assert visitor.get("/chat/s/poll").json()["typing"] is False
    assert agent_client.post(f"/chat/desk/{chat.pk}/typing").status_code == 204
    stream = visitor.get("/chat/s/events", {"after": after})
    frames = read_stream(stream, until=lambda f: bool(_events(f, "typing")))
    assert _events(frames, "typing") == [{"typing": True}]
    with time_machine.travel(timezone.now() + timezone.timedelta(seconds=6)):
        assert agent_client.get(f"/chat/desk/{chat.pk}/poll").json()["typing"] is False

    # 6. The agent ends the chat: the visitor's stream says so and closes.
    response = agent_client.post(f"/chat/desk/{chat.pk}/end")
    assert response.status_code == 302
    chat.refresh_from_db()
    assert chat.status == ChatSession.Status.ENDED and chat.ended_at
    frames = read_stream(visitor.get("/chat/s/events", {"after": after}))
    assert _events(frames, "ended") and _events(frames, "status") == [{"status": "ended"}]
    assert case.dossier.filter(kind=EntryKind.NOTE, payload__chat_event="ended").exists()
    response = visitor.post("/chat/s/", {"body": "Nog iets"})
    assert response.status_code == 400
    assert "Nog iets" in response.content.decode()  # refused, but the text is kept
