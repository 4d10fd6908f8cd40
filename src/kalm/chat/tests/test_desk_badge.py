"""GET /chat/desk/badge: the waiting count in the desk's navigation."""

from __future__ import annotations

from kalm.desk.tests.conftest import assert_refused


def test_it_refuses_anonymous_and_outsiders(client, outsider):
    assert_refused(client, "get", "/chat/desk/badge", outsider)


def test_it_counts_waiting_chats(chat, agent_client):
    body = agent_client.get("/chat/desk/badge").content.decode()
    assert ">1</span>" in body


def test_it_is_empty_when_nobody_waits(agent_client):
    assert agent_client.get("/chat/desk/badge").content.decode().strip() == ""


def test_the_desk_navigation_links_to_the_chats(agent_client):
    body = agent_client.get("/desk/").content.decode()
    assert 'href="/chat/desk/"' in body and 'hx-get="/chat/desk/badge"' in body
