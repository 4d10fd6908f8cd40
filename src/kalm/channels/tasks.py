"""Background jobs for channels: thin wrappers that call one function and own the retries."""

from __future__ import annotations

from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from kalm.channels.email.imap import mailbox_get, mailbox_poll_locked


@db_periodic_task(crontab(minute="*"))
def mailboxes_poll() -> None:
    """Every minute: one poll job per configured mailbox, so each retries on its own."""
    for mailbox in settings.KALM_IMAP_MAILBOXES:
        mailbox_poll_task(mailbox.name)


# A mailbox that cannot be reached is retried after 30 s, 1 and 2 minutes; by then the next
# periodic poll has been queued anyway. A lock per mailbox keeps two workers off one mailbox.
@db_task(retries=3, retry_delay=30, retry_backoff=2)
def mailbox_poll_task(name: str) -> str | None:
    result = mailbox_poll_locked(mailbox_get(name))
    return result.line() if result is not None else None
