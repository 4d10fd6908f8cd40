"""Bot conversations and turns made directly (the visitor-side actions are not needed to test
what happens to a turn afterwards), and desk clients."""

from __future__ import annotations

import secrets
from typing import Any

import pytest
from django.test import Client

from kalm.assistant.models import Conversation, Turn


def make_turn(
    question: str,
    *,
    language: str = "nl",
    kind: str = Turn.Kind.UNSURE,
    conversation: Conversation | None = None,
    **fields: Any,
) -> Turn:
    """One saved turn in its own conversation (or the one given)."""
    if conversation is None:
        conversation = Conversation.objects.create(
            token_hash=secrets.token_hex(32), language=language
        )
    return Turn.objects.create(
        conversation=conversation, question=question, language=language, kind=kind, **fields
    )


@pytest.fixture
def agent_client(client: Client, agent) -> Client:
    client.force_login(agent)
    return client


# Published articles for the visitor-side tests (kalm.assistant.tests.bot_fixtures).
from kalm.assistant.tests.bot_fixtures import articles  # noqa: E402, F401
