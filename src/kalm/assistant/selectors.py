"""Reads of the answer bot, for the visitor (their own conversation, from a cookie) and the desk
(the conversation that came before a case)."""

from __future__ import annotations

from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from kalm.assistant.models import Conversation, Turn
from kalm.chat.selectors import token_hash

COOKIE_NAME = "kalm_bot"


def bot_enabled() -> bool:
    """Whether the chat opens with the answer bot (KALM_ANSWER_BOT, on by default)."""
    return bool(settings.KALM_ANSWER_BOT)


def visitor_conversation(request: HttpRequest) -> Conversation | None:
    """The visitor's open conversation with the bot, from their cookie; None without one, or
    once it has been handed over to a person."""
    token = request.COOKIES.get(COOKIE_NAME, "")
    if not token:
        return None
    return Conversation.objects.filter(
        token_hash=token_hash(token), status=Conversation.Status.OPEN
    ).first()


def visitor_turn(request: HttpRequest, turn_id: int) -> Turn:
    """One turn of the visitor's own open conversation; 404 for anything else."""
    conversation = visitor_conversation(request)
    turn = (
        Turn.objects.filter(pk=turn_id, conversation=conversation).first()
        if conversation is not None
        else None
    )
    if turn is None:
        raise Http404
    return turn


def conversation_turns(conversation: Conversation | None) -> list[Turn]:
    if conversation is None:
        return []
    return list(conversation.turns.order_by("created_at", "id"))


def last_question(conversation: Conversation | None) -> str:
    """What to put in the message to the person: the question that made the bot hand over, or
    else the last one asked."""
    if conversation is None:
        return ""
    turns = conversation.turns.order_by("-id")
    handoff = turns.filter(kind=Turn.Kind.HANDOFF).first()
    turn = handoff or turns.first()
    return turn.question if turn is not None else ""


def case_conversations(case_id: int) -> QuerySet[Conversation]:
    """The bot conversations handed over into this case (usually one), with their turns."""
    return (
        Conversation.objects.filter(case_id=case_id)
        .prefetch_related("turns")
        .order_by("started_at", "id")
    )
