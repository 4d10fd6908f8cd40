"""GET /chat/desk/: waiting chats (oldest first, with waiting time) and my active chats."""

from __future__ import annotations

import time_machine
from django.test import Client
from django.utils import timezone

from kalm.chat.actions import chat_accept
from kalm.chat.models import ChatAgentPresence
from kalm.chat.tests.conftest import start_chat
from kalm.desk.tests.conftest import assert_refused


def test_it_refuses_anonymous_and_outsiders(client, outsider):
    assert_refused(client, "get", "/chat/desk/", outsider)
    assert not ChatAgentPresence.objects.exists()


def test_it_lists_waiting_chats_oldest_first_and_marks_the_agent_online(
    agent, online, agent_client, django_assert_max_num_queries
):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        first = start_chat(Client(), name="Eerste")
        traveller.shift(30)
        second = start_chat(Client(), name="Tweede", email="t@example.nl")
        traveller.shift(60)
        with django_assert_max_num_queries(8):
            response = agent_client.get("/chat/desk/")
    assert [(s.pk, secs) for s, secs in response.context["waiting"]] == [
        (first.pk, 90),
        (second.pk, 60),
    ]
    body = response.content.decode()
    assert body.index("Eerste") < body.index("Tweede")
    assert ChatAgentPresence.objects.get(agent=agent).last_seen_at >= start


def test_it_shows_my_active_chats(chat, agent, agent_client):
    chat_accept(session=chat, agent=agent)
    response = agent_client.get("/chat/desk/")
    assert list(response.context["mine"]) == [chat]
    assert response.context["waiting"] == []
    assert f"/chat/desk/{chat.pk}/" in response.content.decode()


def test_htmx_gets_the_queue_partial(chat, agent_client):
    response = agent_client.get("/chat/desk/", headers={"HX-Request": "true"})
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="chat-queue"')
    assert "Sanne de Vries" in body


def test_it_may_not_be_framed(agent_client):
    assert agent_client.get("/chat/desk/")["X-Frame-Options"] == "DENY"
