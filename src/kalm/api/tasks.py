"""Background jobs for the API: opening accepted case requests, and the hourly sweep of expired
idempotency records."""

from __future__ import annotations

import logging
import time
from datetime import timedelta

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import HUEY, db_periodic_task, db_task

from kalm.api.actions import OPEN_BATCH, case_requests_open, idempotency_expire
from kalm.api.selectors import case_requests_waiting

log = logging.getLogger(__name__)

# Set in the queue's own key-value store (shared by every web process and worker, SQLite or
# Redis) while an open_case_requests job is queued and has not started. The web queues a job
# only when it is not set, so a burst of requests costs one job, not one each.
QUEUED = "kalm:case-requests-queued"
# Held while a job opens requests: one at a time, so batches stay large. A second opener would
# mostly wait for the write lock and then take the few requests that came in meanwhile, and
# small batches cost more per case (transactions, and the engine's batches when they are read).
OPENING = "kalm:case-requests-opening"
STALE = timedelta(minutes=1)


@db_task(retries=5, retry_delay=5)
def open_case_requests() -> None:
    """Open every waiting case request, a batch per transaction (kalm.api.actions)."""
    # Cleared before the first read: a request committed after this wakes a new job, and one
    # committed before it is read by this one. Nothing is left waiting without a job.
    HUEY.storage.delete_data(QUEUED)
    # If another job is opening, it looks again after letting go (below), so what this job
    # was woken for is opened by that one.
    while HUEY.storage.put_if_empty(OPENING, b"1"):
        try:
            taken = _open_all_waiting()
        finally:
            HUEY.storage.delete_data(OPENING)
        if not case_requests_waiting():
            return
        if not taken:  # what waits is held by another worker's batch (PostgreSQL): let it end
            time.sleep(0.05)


def queue_case_requests() -> None:
    """Wake the worker for a request just committed (kalm.api.actions.case_request_accept),
    unless a queued job that has not started will read it anyway. If the queue cannot be
    reached the request is stored all the same: the minute sweep opens it."""
    try:
        if HUEY.storage.has_data_for_key(QUEUED) or not HUEY.storage.put_if_empty(QUEUED, b"1"):
            return
        try:
            open_case_requests()
        except Exception:
            HUEY.storage.delete_data(QUEUED)  # no job was queued: let the next request try
            raise
    except Exception:
        log.exception("Could not wake the worker for a case request; the sweep will open it")


@db_periodic_task(crontab(minute="*"))
def case_requests_sweep() -> int:
    """Open requests left waiting for over a minute: the queue was down when they came in, or
    a worker died holding their batch. Returns how many were taken."""
    if not case_requests_waiting(since=timezone.now() - STALE):
        return 0
    # A job lost with its worker must not block the waking or the opening.
    HUEY.storage.delete_data(QUEUED)
    HUEY.storage.delete_data(OPENING)
    return _open_all_waiting()


def _open_all_waiting() -> int:
    """Batches until one is not full; returns how many requests were taken."""
    taken = 0
    while True:
        batch = case_requests_open()
        taken += batch
        if batch < OPEN_BATCH:
            return taken


@db_periodic_task(crontab(minute="23"))
def idempotency_records_expire() -> int:
    """Forget idempotency keys older than 24 hours (a plain delete: safe with many workers)."""
    return idempotency_expire()
