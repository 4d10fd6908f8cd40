"""Every write of live chat. Messages go through kalm.cases.actions so the dossier holds every
word; the chat's own moments (accepted, left a message, ended) are dossier entries too."""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kalm.cases.actions import (
    CaseActionError,
    case_assign,
    case_open,
    message_receive,
    message_reply,
    reply_email_queue,
)
from kalm.cases.models import Case, Channel, Message
from kalm.chat import timing
from kalm.chat.models import ChatAgentPresence, ChatEvent, ChatSession
from kalm.chat.selectors import agents_online, token_hash
from kalm.consumers.actions import consumer_find_or_create
from kalm.dossier.actions import entry_append
from kalm.dossier.models import ActorType, EntryKind

MAX_MESSAGE_CHARS = 5000


class ChatActionError(CaseActionError):
    """A chat action refused for a reason the person can fix; the message is translated."""


def _clean(body: str) -> str:
    text = body.strip()
    if not text:
        raise ChatActionError(_("The message is empty."))
    if len(text) > MAX_MESSAGE_CHARS:
        raise ChatActionError(
            _("The message is too long (at most %(n)d characters).") % {"n": MAX_MESSAGE_CHARS}
        )
    return text


def _note(
    *,
    case: Case,
    session: ChatSession,
    summary: str,
    event: str,
    actor: Any = None,
    actor_type: str | None = None,
) -> None:
    entry_append(
        case=case,
        kind=EntryKind.NOTE,
        summary=summary,
        actor=actor,
        actor_type=actor_type,
        payload={"body": summary, "chat_session_id": session.pk, "chat_event": event},
    )


def chat_start(
    *, name: str, email: str = "", body: str, language: str = "nl"
) -> tuple[ChatSession, str]:
    """A visitor starts a chat: a case with channel 'chat', their first message, and a session.

    Returns the session and the visitor's secret (for their cookie; only its hash is stored).
    When no agent is online the session goes straight to 'left a message'."""
    text = _clean(body)
    if not name.strip():
        raise ChatActionError(_("Tell us your name."))
    secret = secrets.token_urlsafe(32)
    with transaction.atomic():
        consumer = consumer_find_or_create(name=name, email=email, language=language)
        case = case_open(
            name=name,
            email=email,
            subject=text.splitlines()[0][:80],
            body=text,
            channel=Channel.CHAT,
            language=language,
            consumer=consumer,
        )
        session = ChatSession.objects.create(
            case=case,
            consumer=consumer,
            visitor_token_hash=token_hash(secret),
            last_consumer_seen_at=timezone.now(),
        )
        first = case.messages.order_by("id").first()
        ChatEvent.objects.create(
            session=session,
            kind=ChatEvent.Kind.MESSAGE,
            sender=ChatEvent.Sender.CONSUMER,
            message=first,
        )
        _note(
            case=case,
            session=session,
            summary=_("Live chat started"),
            event="started",
            actor_type=ActorType.CONSUMER,
        )
        if agents_online():
            ChatEvent.objects.create(
                session=session,
                kind=ChatEvent.Kind.SYSTEM,
                sender=ChatEvent.Sender.SYSTEM,
                code="waiting",
            )
        else:
            chat_leave_message(session=session, code="no_agent")
    return session, secret


def chat_leave_message(*, session: ChatSession, code: str = "timeout") -> bool:
    """A waiting chat nobody takes becomes a left message (answered by email). Claims the row
    with a conditional update so a sweep and a stream never both do it."""
    with transaction.atomic():
        claimed = ChatSession.objects.filter(
            pk=session.pk, status=ChatSession.Status.WAITING
        ).update(status=ChatSession.Status.LEFT_MESSAGE)
        if claimed != 1:
            return False
        session.status = ChatSession.Status.LEFT_MESSAGE
        ChatEvent.objects.create(
            session=session, kind=ChatEvent.Kind.SYSTEM, sender=ChatEvent.Sender.SYSTEM, code=code
        )
        if not session.consumer.email:
            ChatEvent.objects.create(
                session=session,
                kind=ChatEvent.Kind.SYSTEM,
                sender=ChatEvent.Sender.SYSTEM,
                code="no_email",
            )
        _note(
            case=session.case,
            session=session,
            summary=_("Nobody was available: the visitor left a message")
            if code == "no_agent"
            else _("Nobody accepted the chat in time: the visitor left a message"),
            event="left_message",
        )
    return True


def chat_expire_unanswered(*, now: Any = None) -> int:
    """Sweep: every chat waiting longer than ``timing.ACCEPT_WAIT_SECONDS`` becomes a message."""
    limit = (now or timezone.now()) - timedelta(seconds=timing.ACCEPT_WAIT_SECONDS)
    done = 0
    for session in ChatSession.objects.filter(
        status=ChatSession.Status.WAITING, created_at__lt=limit
    ).select_related("case", "consumer"):
        done += chat_leave_message(session=session, code="timeout")
    return done


def chat_consumer_message(*, session: ChatSession, body: str) -> Message:
    """The visitor writes in their chat; recorded as an inbound message on the case."""
    text = _clean(body)
    if session.status == ChatSession.Status.ENDED:
        raise ChatActionError(_("This chat has ended. Start a new chat to write to us again."))
    with transaction.atomic():
        message = message_receive(case=session.case, body=text, channel=Channel.CHAT)
        ChatEvent.objects.create(
            session=session,
            kind=ChatEvent.Kind.MESSAGE,
            sender=ChatEvent.Sender.CONSUMER,
            message=message,
        )
        now = timezone.now()
        ChatSession.objects.filter(pk=session.pk).update(
            last_consumer_seen_at=now, consumer_typing_until=None
        )
    return message


def chat_accept(*, session: ChatSession, agent: Any) -> ChatSession:
    """An agent takes a waiting chat: the case is assigned to them and the visitor told."""
    if not agent.alias:
        raise ChatActionError(_("Set a public alias before chatting with consumers."))
    now = timezone.now()
    with transaction.atomic():
        claimed = ChatSession.objects.filter(
            pk=session.pk, status=ChatSession.Status.WAITING
        ).update(
            status=ChatSession.Status.ACTIVE,
            accepted_at=now,
            accepted_by=agent,
            last_agent_seen_at=now,
        )
        if claimed != 1:
            raise ChatActionError(
                _("This chat is no longer waiting; someone else may have taken it.")
            )
        session.status, session.accepted_at, session.accepted_by = (
            ChatSession.Status.ACTIVE,
            now,
            agent,
        )
        case_assign(case=session.case, actor=agent, assignee=agent, team=session.case.team)
        ChatEvent.objects.create(
            session=session,
            kind=ChatEvent.Kind.JOINED,
            sender=ChatEvent.Sender.AGENT,
            alias=agent.alias,
        )
    return session


def chat_agent_reply(*, session: ChatSession, agent: Any, body: str) -> Message:
    """The agent answers in the chat, under their alias. The 'chat' deliverer puts it in the
    conversation (or emails it when the visitor has gone)."""
    text = _clean(body)
    if session.status == ChatSession.Status.WAITING:
        raise ChatActionError(_("Accept the chat before answering."))
    with transaction.atomic():
        message = message_reply(case=session.case, agent=agent, body=text, channel=Channel.CHAT)
        ChatSession.objects.filter(pk=session.pk).update(
            last_agent_seen_at=timezone.now(), agent_typing_until=None
        )
    return message


def chat_reply_deliver(*, message: Message) -> ChatEvent | None:
    """Deliverer for channel 'chat': the reply always joins the conversation, and goes out by
    email too when the chat is no longer live (visitor gone, chat ended or left a message)."""
    session = ChatSession.objects.filter(case_id=message.case_id).order_by("-id").first()
    if session is None:
        reply_email_queue(message=message)
        return None
    event, _created = ChatEvent.objects.get_or_create(
        message=message,
        defaults={
            "session": session,
            "kind": ChatEvent.Kind.MESSAGE,
            "sender": ChatEvent.Sender.AGENT,
            "alias": message.author_alias,
        },
    )
    seen = session.last_consumer_seen_at
    present = bool(
        seen and seen >= timezone.now() - timedelta(seconds=timing.VISITOR_PRESENT_SECONDS)
    )
    if not (session.status == ChatSession.Status.ACTIVE and present) and _created:
        reply_email_queue(message=message)
    return event


def chat_typing(*, session: ChatSession, side: str) -> ChatSession:
    """One side is typing: shown to the other side for ``timing.TYPING_SECONDS``."""
    now = timezone.now()
    until = now + timedelta(seconds=timing.TYPING_SECONDS)
    field = "consumer_typing_until" if side == "consumer" else "agent_typing_until"
    was = getattr(session, field)
    with transaction.atomic():
        ChatSession.objects.filter(pk=session.pk).update(**{field: until})
        setattr(session, field, until)
        if not (was and was > now):  # only the start of a burst is an event worth keeping
            ChatEvent.objects.create(
                session=session,
                kind=ChatEvent.Kind.TYPING,
                sender=ChatEvent.Sender.CONSUMER if side == "consumer" else ChatEvent.Sender.AGENT,
            )
    return session


def chat_seen(*, session_id: int, side: str) -> None:
    """Note that one side still has the chat open; written at most every few seconds."""
    now = timezone.now()
    field = "last_consumer_seen_at" if side == "consumer" else "last_agent_seen_at"
    stale = now - timedelta(seconds=timing.SEEN_WRITE_SECONDS)
    ChatSession.objects.filter(pk=session_id).filter(
        Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__lt": stale})
    ).update(**{field: now})


def chat_presence_mark(*, agent: Any) -> ChatAgentPresence:
    """The agent looks at the chat queue: they count as online for a while."""
    now = timezone.now()
    if ChatAgentPresence.objects.filter(agent=agent).update(last_seen_at=now):
        return ChatAgentPresence(agent=agent, last_seen_at=now)
    presence, _created = ChatAgentPresence.objects.update_or_create(
        agent=agent, defaults={"last_seen_at": now}
    )
    return presence


def chat_end(*, session: ChatSession, agent: Any = None) -> ChatSession:
    """End the chat, by the agent (``agent`` given) or by the visitor."""
    now = timezone.now()
    with transaction.atomic():
        ended = ChatSession.objects.filter(
            pk=session.pk,
            status__in=[ChatSession.Status.WAITING, ChatSession.Status.ACTIVE],
        ).update(status=ChatSession.Status.ENDED, ended_at=now)
        if ended != 1:
            return session
        session.status, session.ended_at = ChatSession.Status.ENDED, now
        ChatEvent.objects.create(
            session=session,
            kind=ChatEvent.Kind.ENDED,
            sender=ChatEvent.Sender.AGENT if agent else ChatEvent.Sender.CONSUMER,
            alias=(agent.alias or "") if agent else "",
        )
        _note(
            case=session.case,
            session=session,
            summary=_("Live chat ended by the agent")
            if agent
            else _("Live chat ended by the visitor"),
            event="ended",
            actor=agent,
            actor_type=None if agent else ActorType.CONSUMER,
        )
    return session
