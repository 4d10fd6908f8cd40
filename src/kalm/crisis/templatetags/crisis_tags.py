"""Crisis reply texts in other apps' pages: tags, so the desk's case template and the chat desk
need one line each and no view change (those apps do not import the crisis app's models)."""

from __future__ import annotations

from typing import Any

from django import template

from kalm.crisis.selectors import case_statements, chat_answers

register = template.Library()


@register.inclusion_tag("crisis/case_statement.html")
def crisis_statement(case: Any) -> dict[str, Any]:
    """The published reply text of every open crisis this case is confirmed in: the chat
    answer first for chat and email cases, the desk macro first for the others."""
    return {
        "case_statements": case_statements(case),
        "target": "#form-reply textarea[name=body]",
        "prefix": "crisis-statement",
    }


@register.inclusion_tag("crisis/case_statement.html")
def crisis_chat_answer(case: Any) -> dict[str, Any]:
    """In a chat: the published chat answer of every open crisis, for the chat's reply box."""
    return {
        "case_statements": chat_answers(case),
        "target": "#chat-body",
        "prefix": "crisis-answer",
        "in_chat": True,
    }
