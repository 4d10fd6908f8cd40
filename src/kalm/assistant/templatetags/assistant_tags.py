"""The bot's conversation before a chat, for agents: labels for the dossier's transcript and a
card for the chat console."""

from __future__ import annotations

from typing import Any

from django import template

from kalm.assistant.actions import transcript
from kalm.assistant.handoff import reason_label
from kalm.assistant.models import Conversation, Turn
from kalm.assistant.selectors import case_conversations

register = template.Library()


@register.filter
def bot_reason(code: str) -> str:
    """Why the conversation went to a person."""
    return str(Conversation.Reason(code).label) if code in Conversation.Reason.values else code


@register.filter
def bot_signal(code: str) -> str:
    return reason_label(code)


@register.filter
def bot_feedback_reason(code: str) -> str:
    return str(Turn.Reason(code).label) if code in Turn.Reason.values else code


@register.inclusion_tag("assistant/case_transcript.html")
def bot_transcript(case: Any) -> dict[str, Any]:
    """What the visitor asked the bot before this chat (the case is already access-checked)."""
    return {
        "conversations": [
            {"turns": transcript(c), "reason": c.handoff_reason, "words": c.handoff_signals}
            for c in case_conversations(case.pk)
        ]
    }
