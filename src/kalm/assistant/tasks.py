"""Background jobs of the answer bot: thin wrappers around one action."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from kalm.assistant.actions import conversations_purge


@db_periodic_task(crontab(minute="17", hour="3"), retries=2, retry_delay=60)
def purge_bot_conversations() -> int:
    """Anonymous conversations that never reached a person are not kept for ever."""
    return conversations_purge()
