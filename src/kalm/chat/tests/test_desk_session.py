"""GET/POST /chat/desk/<id>/: the agent's conversation view and reply box."""

from __future__ import annotations

from kalm.cases.models import Message
from kalm.chat.actions import chat_accept
from kalm.desk.tests.conftest import assert_refused


def test_it_refuses_anonymous_and_outsiders(client, outsider, chat):
    assert_refused(client, "get", f"/chat/desk/{chat.pk}/", outsider)
    client.logout()
    assert_refused(client, "post", f"/chat/desk/{chat.pk}/", outsider, {"body": "Hoi"})
    assert not Message.objects.filter(kind=Message.Kind.OUTBOUND).exists()


def test_it_shows_the_conversation_with_stream_urls(chat, agent, agent_client):
    chat_accept(session=chat, agent=agent)
    body = agent_client.get(f"/chat/desk/{chat.pk}/").content.decode()
    assert "Waar blijft mijn pakket?" in body
    assert f'data-events="/chat/desk/{chat.pk}/events"' in body
    assert f'data-poll="/chat/desk/{chat.pk}/poll"' in body
    assert "Eva joined the chat." in body


def test_it_refuses_to_answer_before_accepting_and_keeps_the_text(chat, agent_client):
    response = agent_client.post(f"/chat/desk/{chat.pk}/", {"body": "Te vroeg"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Te vroeg" in body and "Accept the chat" in body
    assert not Message.objects.filter(kind=Message.Kind.OUTBOUND).exists()


def test_json_errors_for_fetch(chat, agent, agent_client):
    chat_accept(session=chat, agent=agent)
    response = agent_client.post(
        f"/chat/desk/{chat.pk}/", {"body": "  "}, headers={"accept": "application/json"}
    )
    assert response.status_code == 400 and response.json()["ok"] is False
