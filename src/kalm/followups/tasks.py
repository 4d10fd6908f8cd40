"""Background jobs for follow-ups: thin wrappers that load rows and call one action."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from kalm.accounts.models import User
from kalm.followups.actions import followup_reminder_email_send, followups_sweep
from kalm.followups.models import FollowUp


@db_periodic_task(crontab(minute="*"), retries=2, retry_delay=10)
def sweep_followups() -> dict[str, int]:
    """Every minute: after-care for resolved cases, and reminders for what has fallen due. Rows
    are claimed with a conditional update, so several workers never remind twice."""
    return followups_sweep()


# Retried with backoff. A retry after a partial failure may email a recipient again; that is
# preferred over a forgotten promise.
@db_task(retries=5, retry_delay=60, retry_backoff=2)
def send_followup_reminder(followup_id: int, recipient_ids: list[int]) -> int:
    followup = FollowUp.objects.select_related("case").get(pk=followup_id)
    recipients = list(User.objects.filter(pk__in=recipient_ids))
    return followup_reminder_email_send(followup=followup, recipients=recipients)
