"""POST /chat/desk/<id>/accept."""

from __future__ import annotations

from kalm.chat.models import ChatSession
from kalm.core.testing import UserFactory
from kalm.desk.tests.conftest import assert_refused
from kalm.dossier.models import EntryKind


def test_it_refuses_anonymous_and_outsiders(client, outsider, chat):
    assert_refused(client, "post", f"/chat/desk/{chat.pk}/accept", outsider)
    chat.refresh_from_db()
    assert chat.status == ChatSession.Status.WAITING


def test_it_assigns_the_case_and_tells_the_visitor(chat, agent, agent_client, visitor):
    agent_client.post(f"/chat/desk/{chat.pk}/accept")
    chat.refresh_from_db()
    assert chat.status == ChatSession.Status.ACTIVE and chat.accepted_at
    assert chat.case.dossier.filter(kind=EntryKind.ASSIGNED).exists()
    assert "Eva joined the chat." in visitor.get("/chat/s/").content.decode()


def test_a_chat_is_accepted_only_once(chat, agent_client, client):
    agent_client.post(f"/chat/desk/{chat.pk}/accept")
    colleague = UserFactory(alias="Joost")
    client.force_login(colleague)
    response = client.post(f"/chat/desk/{chat.pk}/accept", follow=True)
    assert "no longer waiting" in response.content.decode()
    chat.refresh_from_db()
    assert chat.accepted_by.alias == "Eva"


def test_it_needs_an_alias(chat, client):
    client.force_login(UserFactory(alias=None))
    response = client.post(f"/chat/desk/{chat.pk}/accept", follow=True)
    assert "alias" in response.content.decode()
    chat.refresh_from_db()
    assert chat.status == ChatSession.Status.WAITING


def test_an_unknown_chat_is_404_for_agents_and_403_for_outsiders(agent_client, client, outsider):
    assert agent_client.post("/chat/desk/999/accept").status_code == 404
    client.force_login(outsider)
    assert client.post("/chat/desk/999/accept").status_code == 403
