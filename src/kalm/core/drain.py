"""Rows the web stores and the worker takes in batches: the wake-up, the takers, the sweep.

Intake that is acknowledged on arrival (decision 0020: API case requests; decision 0021: emails
handed over by HTTP) stores what came in and answers at once. The worker then takes what waits
in batches, because a batch costs less per item than one job per item (one transaction, one
engine call for the reading). Each such table gets one ``Drain``::

    DRAIN = Drain("case-requests", take=case_requests_open, batch=OPEN_BATCH,
                  waiting=case_requests_waiting)

    @db_task(retries=5, retry_delay=5)
    def open_case_requests() -> None:
        DRAIN.run(open_case_requests)       # itself: to queue a second taker (PostgreSQL)

    def queue_case_requests() -> None:          # on commit of each stored request
        DRAIN.wake(open_case_requests)

    @db_periodic_task(crontab(minute="*"))
    def case_requests_sweep() -> int:
        return DRAIN.sweep()

``take()`` takes one batch (at most ``batch`` rows, in its own transaction) and returns how many
it took; ``waiting(since=None)`` says whether any row waits (stored before ``since``). The flags
live in the queue's own key-value store (SQLite or Redis), shared by every web process and worker.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone
from huey.contrib.djhuey import HUEY

log = logging.getLogger(__name__)

STALE = timedelta(minutes=1)


def takers_by_database() -> int:
    """How many jobs may take batches at once. One on SQLite: its one write lock would queue a
    second taker behind the first, which would then take the few rows that came in meanwhile
    (small batches cost more per row). Two where rows can be locked and skipped (PostgreSQL,
    FOR UPDATE SKIP LOCKED): two worker processes then each take batches on a core of their own."""
    from django.db import connection

    return 2 if connection.features.has_select_for_update_skip_locked else 1


class Drain:
    def __init__(
        self,
        name: str,
        *,
        take: Callable[[], int],
        waiting: Callable[..., bool],
        batch: int,
        stale: timedelta = STALE,
        takers: Callable[[], int] = takers_by_database,
    ) -> None:
        # Set while a job is queued and has not started: the web queues a job only when it is
        # not set, so a burst costs one job, not one per row.
        self.queued = f"kalm:{name}-queued"
        # Held while a job takes batches (the first taker's; see takers_by_database).
        self.taking = f"kalm:{name}-opening"
        self.name = name
        self._take = take
        self._waiting = waiting
        self._takers = takers
        self.batch = batch
        self.stale = stale

    def slots(self) -> list[str]:
        """The keys the takers hold while they take, one per taker that may run at once."""
        return [self.taking] + [f"{self.taking}-{i}" for i in range(1, max(self._takers(), 1))]

    def run(self, job: Callable[[], Any] | None = None) -> None:
        """The job's body: take every waiting row, a batch per transaction. ``job`` is the job
        itself: where two takers may run, a taker that finds a full batch queues it once more
        (a helper, which takes the next batches beside it on another worker process)."""
        # Cleared before the first read: a row committed after this wakes a new job, and one
        # committed before it is read by this one. Nothing is left waiting without a job.
        HUEY.storage.delete_data(self.queued)
        # If every slot is held, the takers look again after letting go (below), so what this
        # job was woken for is taken by one of them.
        while (slot := self._claim()) is not None:
            try:
                taken = self.drain(helper=job)
            finally:
                HUEY.storage.delete_data(slot)
            if not self._waiting():
                return
            if not taken:  # what waits is held by another taker's batch (PostgreSQL)
                if self._others_taking(slot):
                    return  # it looks again when it lets go
                time.sleep(0.05)  # a batch of a worker that lost its slot (the sweep): let it end

    def _claim(self) -> str | None:
        return next((key for key in self.slots() if HUEY.storage.put_if_empty(key, b"1")), None)

    def _others_taking(self, mine: str) -> bool:
        return any(HUEY.storage.has_data_for_key(key) for key in self.slots() if key != mine)

    def wake(self, job: Callable[[], Any]) -> None:
        """Queue ``job`` for a row just committed, unless a queued job that has not started will
        read it anyway. If the queue cannot be reached the row is stored all the same: the
        minute sweep takes it."""
        try:
            if HUEY.storage.has_data_for_key(self.queued) or not HUEY.storage.put_if_empty(
                self.queued, b"1"
            ):
                return
            try:
                job()
            except Exception:
                HUEY.storage.delete_data(self.queued)  # no job was queued: let the next row try
                raise
        except Exception:
            log.exception("Could not wake the worker for %s; the sweep will take it", self.name)

    def sweep(self, *, now: datetime | None = None) -> int:
        """Take rows left waiting for longer than ``stale``: the queue was down when they came
        in, or a worker died holding their batch. Returns how many were taken."""
        if not self._waiting(since=(now or timezone.now()) - self.stale):
            return 0
        # A job lost with its worker must not block the waking or the taking.
        HUEY.storage.delete_data(self.queued)
        for key in self.slots():
            HUEY.storage.delete_data(key)
        return self.drain()

    def drain(self, *, helper: Callable[[], Any] | None = None) -> int:
        """Batches until one is not full; returns how many rows were taken. After the first
        full batch, ``helper`` is queued (once) where more than one taker may run."""
        taken = 0
        helped = helper is None or self._takers() < 2
        while True:
            batch = self._take()
            taken += batch
            if batch < self.batch:
                return taken
            if not helped:
                helped = True
                self.wake(helper)
