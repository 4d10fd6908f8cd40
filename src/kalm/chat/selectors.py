"""Reads for live chat, and the access checks every chat view calls before acting."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from kalm.cases.selectors import access_case
from kalm.chat import timing
from kalm.chat.models import ChatAgentPresence, ChatEvent, ChatSession

COOKIE_NAME = "kalm_chat"
EVENT_BATCH = 200


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def visitor_session(request: HttpRequest) -> ChatSession:
    """The visitor's own session from their cookie: 403 without a cookie, 404 for an unknown one."""
    token = request.COOKIES.get(COOKIE_NAME, "")
    if not token:
        raise PermissionDenied
    session = (
        ChatSession.objects.select_related("case", "consumer", "accepted_by")
        .filter(visitor_token_hash=token_hash(token))
        .first()
    )
    if session is None:
        raise Http404
    return session


def visitor_session_or_none(request: HttpRequest) -> ChatSession | None:
    try:
        return visitor_session(request)
    except (PermissionDenied, Http404):
        return None


def access_chat_session(user: Any, session_id: int) -> ChatSession:
    """A chat session for the desk, if this user may work on its case (``access_case``)."""
    session = (
        ChatSession.objects.select_related("consumer", "accepted_by").filter(pk=session_id).first()
    )
    if session is None:
        access_case(user, 0)  # refuses outsiders with 403 before saying "not found"
        raise Http404
    session.case = access_case(user, session.case_id)
    return session


def agents_online(*, now: Any = None) -> bool:
    since = (now or timezone.now()) - timedelta(seconds=timing.AGENT_ONLINE_SECONDS)
    return ChatAgentPresence.objects.filter(last_seen_at__gte=since).exists()


def waiting_sessions(drill_id: int | None = None) -> QuerySet[ChatSession]:
    """Chats nobody has accepted yet, oldest first: real ones, or those of the desk's drill."""
    return (
        ChatSession.objects.filter(status=ChatSession.Status.WAITING, case__drill_id=drill_id)
        .select_related("case", "consumer")
        .order_by("created_at", "id")
    )


def waiting_count(drill_id: int | None = None) -> int:
    waiting = ChatSession.objects.filter(status=ChatSession.Status.WAITING)
    return waiting.filter(case__drill_id=drill_id).count()


def active_sessions_of(agent: Any) -> QuerySet[ChatSession]:
    return (
        ChatSession.objects.filter(status=ChatSession.Status.ACTIVE, accepted_by=agent)
        .select_related("case", "consumer")
        .order_by("accepted_at", "id")
    )


def events_after(session_id: int, after: int) -> list[ChatEvent]:
    return list(
        ChatEvent.objects.filter(session_id=session_id, id__gt=after)
        .exclude(kind=ChatEvent.Kind.TYPING)
        .select_related("message")
        .order_by("id")[:EVENT_BATCH]
    )


def last_event_id(session_id: int) -> int:
    event = ChatEvent.objects.filter(session_id=session_id).order_by("-id").first()
    return event.pk if event else 0


def other_side_typing(session: ChatSession, *, side: str, now: Any = None) -> bool:
    """Whether the other side of the conversation is typing right now."""
    until = session.agent_typing_until if side == "consumer" else session.consumer_typing_until
    return bool(until and until > (now or timezone.now()))


NOTICES = {
    "no_agent": lambda: _(
        "Nobody is available to chat right now. Your message has been kept: "
        "we answer by email as soon as we can."
    ),
    "timeout": lambda: _(
        "Nobody could take your chat in time. Your message has been kept: "
        "we answer by email as soon as we can."
    ),
    "no_email": lambda: _(
        "You gave no email address, so we cannot send you our answer. "
        "Start a new chat with your email address, or use the contact form."
    ),
    "waiting": lambda: _("Thank you. An agent will be with you shortly."),
}


def event_text(event: ChatEvent) -> str:
    if event.kind == ChatEvent.Kind.MESSAGE and event.message is not None:
        return event.message.body
    if event.kind == ChatEvent.Kind.JOINED:
        return _("%(alias)s joined the chat.") % {"alias": event.alias}
    if event.kind == ChatEvent.Kind.ENDED:
        return _("The chat has ended.")
    notice = NOTICES.get(event.code)
    return notice() if notice else event.code


def event_data(event: ChatEvent) -> dict[str, Any]:
    """What both sides see of one event. Agents appear by alias only."""
    return {
        "id": event.pk,
        "kind": event.kind,
        "sender": event.sender,
        "alias": event.alias if event.sender == ChatEvent.Sender.AGENT else "",
        "text": event_text(event),
        "at": timezone.localtime(event.created_at).strftime("%H:%M"),
    }


def waiting_seconds(session: ChatSession, *, now: Any = None) -> int:
    return max(0, int(((now or timezone.now()) - session.created_at).total_seconds()))
