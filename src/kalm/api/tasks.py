"""Background jobs for the API: opening accepted case requests, and the hourly sweep of expired
idempotency records."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from kalm.api.actions import OPEN_BATCH, case_requests_open, idempotency_expire
from kalm.api.selectors import case_requests_waiting
from kalm.core.drain import Drain

# Accepted requests wait in their table; the worker is woken once per burst and opens them in
# batches, one opener at a time (kalm.core.drain).
DRAIN = Drain(
    "case-requests", take=case_requests_open, waiting=case_requests_waiting, batch=OPEN_BATCH
)
QUEUED = DRAIN.queued
OPENING = DRAIN.taking


@db_task(retries=5, retry_delay=5)
def open_case_requests() -> None:
    """Open every waiting case request, a batch per transaction (kalm.api.actions)."""
    DRAIN.run(open_case_requests)


def queue_case_requests() -> None:
    """Wake the worker for a request just committed (kalm.api.actions.case_request_accept),
    unless a queued job that has not started will read it anyway. If the queue cannot be
    reached the request is stored all the same: the minute sweep opens it."""
    DRAIN.wake(open_case_requests)


@db_periodic_task(crontab(minute="*"))
def case_requests_sweep() -> int:
    """Open requests left waiting for over a minute: the queue was down when they came in, or
    a worker died holding their batch. Returns how many were taken."""
    return DRAIN.sweep()


@db_periodic_task(crontab(minute="23"))
def idempotency_records_expire() -> int:
    """Forget idempotency keys older than 24 hours (a plain delete: safe with many workers)."""
    return idempotency_expire()
