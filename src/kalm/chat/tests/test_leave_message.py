"""Nobody online (or nobody accepts in time): the visitor leaves a message, and the agent's
later answer goes out by email."""

from __future__ import annotations

import time_machine
from django.utils import timezone

from kalm.chat import timing
from kalm.chat.actions import chat_accept, chat_agent_reply, chat_expire_unanswered
from kalm.chat.models import ChatEvent, ChatSession
from kalm.chat.tasks import expire_unanswered_chats
from kalm.chat.tests.conftest import start_chat
from kalm.dossier.models import EntryKind


def test_the_answer_to_a_left_message_is_emailed(
    visitor, agent, agent_client, mailoutbox, django_capture_on_commit_callbacks
):
    chat = start_chat(visitor)  # no agent has looked at the queue: nobody online
    assert chat.status == ChatSession.Status.LEFT_MESSAGE
    assert chat.case.dossier.filter(payload__chat_event="left_message").exists()
    assert agent_client.get("/chat/desk/").context["waiting"] == []
    with django_capture_on_commit_callbacks(execute=True):
        response = agent_client.post(f"/chat/desk/{chat.pk}/", {"body": "Uw pakket is onderweg."})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["sanne@example.nl"] and "Uw pakket is onderweg." in mail.body
    assert "Eva" in mail.from_email and "Evelien" not in mail.from_email + mail.body
    assert chat.case.dossier.filter(kind=EntryKind.EMAIL_SENT).exists()
    # The answer is in the conversation too, for when the visitor comes back.
    assert "Uw pakket is onderweg." in visitor.get("/chat/s/").content.decode()


def test_a_reply_to_a_visitor_who_left_goes_by_email(
    chat, agent, mailoutbox, django_capture_on_commit_callbacks
):
    chat_accept(session=chat, agent=agent)
    gone = timezone.now() - timezone.timedelta(seconds=timing.VISITOR_PRESENT_SECONDS + 1)
    ChatSession.objects.filter(pk=chat.pk).update(last_consumer_seen_at=gone)
    chat.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        chat_agent_reply(session=chat, agent=agent, body="Bent u er nog?")
    assert len(mailoutbox) == 1


def test_without_an_email_address_the_visitor_is_told(visitor):
    chat = start_chat(visitor, email="")
    codes = list(chat.events.filter(kind=ChatEvent.Kind.SYSTEM).values_list("code", flat=True))
    assert codes == ["no_agent", "no_email"]
    assert "You gave no email address" in visitor.get("/chat/s/").content.decode()


def test_the_sweep_expires_unanswered_chats_once(chat):
    later = timezone.now() + timezone.timedelta(seconds=timing.ACCEPT_WAIT_SECONDS + 1)
    assert chat_expire_unanswered() == 0
    with time_machine.travel(later):
        assert expire_unanswered_chats.call_local() == 1
        assert chat_expire_unanswered(now=later) == 0
    chat.refresh_from_db()
    assert chat.status == ChatSession.Status.LEFT_MESSAGE
    assert chat.events.filter(code="timeout").count() == 1
