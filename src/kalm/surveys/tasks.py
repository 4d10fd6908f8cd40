"""Background jobs of the surveys: thin wrappers around one action."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from kalm.surveys.actions import low_answer_thanks_send, surveys_sweep


@db_periodic_task(crontab(minute="*/5"), retries=2, retry_delay=30)
def sweep_surveys() -> dict[str, int]:
    """Invite for new occasions (resolutions, chats, closed crises) and send what is due."""
    return surveys_sweep()


@db_task(retries=3, retry_delay=60)
def send_low_answer_thanks(response_id: int) -> None:
    low_answer_thanks_send(response_id=response_id)
