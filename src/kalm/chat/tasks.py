"""Background jobs for live chat: thin wrappers around one action."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from kalm.chat.actions import chat_expire_unanswered


@db_periodic_task(crontab(minute="*"), retries=2, retry_delay=10)
def expire_unanswered_chats() -> int:
    """Chats nobody accepted in time become left messages, also when the visitor has gone."""
    return chat_expire_unanswered()
