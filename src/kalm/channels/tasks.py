"""Background jobs for channels: thin wrappers that call one function and own the retries."""

from __future__ import annotations

from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from kalm.channels.email.imap import mailbox_get, mailbox_poll_locked
from kalm.channels.email.ingest import EMAIL_BATCH, ingest_queued
from kalm.channels.selectors import inbound_emails_waiting
from kalm.core.drain import Drain


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


# Messages handed over with "Prefer: respond-async" wait as queued rows; the worker is woken once
# per burst and processes them in batches, one taker at a time (kalm.core.drain, decision 0021).
DRAIN = Drain(
    "inbound-emails", take=ingest_queued, waiting=inbound_emails_waiting, batch=EMAIL_BATCH
)


@db_task(retries=5, retry_delay=5)
def process_inbound_emails() -> None:
    """Process every queued inbound message, a batch per transaction."""
    DRAIN.run(process_inbound_emails)


def queue_inbound_emails() -> None:
    """Wake the worker for a message just stored (kalm.channels.actions.inbound_email_accept),
    unless a queued job that has not started will read it anyway. If the queue cannot be
    reached the message is stored all the same: the minute sweep processes it."""
    DRAIN.wake(process_inbound_emails)


@db_periodic_task(crontab(minute="*"))
def inbound_emails_sweep() -> int:
    """Process messages left queued for over a minute (the queue was down when they came in, or
    a worker died holding their batch). Returns how many were taken."""
    return DRAIN.sweep()
