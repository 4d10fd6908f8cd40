"""A frozen, movable clock for back-dating demo history.

Every action stamps its dossier entries, statuses and messages with ``timezone.now()`` (house
rule: time comes from there only). Demo history must look real: a case opened three months ago
should show its reply, its status changes and its email two days later, not all "just now". So
while the demo loads, ``django.utils.timezone.now`` is replaced by this clock, which the loader
moves forward step by step. The hash chain is computed over those timestamps like any other, so
``kalm verify_dossier`` still passes.

Only ``load_demo`` uses this, single-threaded, before any server runs; it always restores the real
clock, even on error. ``time-machine`` would do the same but is a development dependency only.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from django.utils import timezone


class DemoClock:
    def __init__(self, start: datetime) -> None:
        self.current = start.astimezone(UTC)

    def now(self) -> datetime:
        return self.current

    def set(self, moment: datetime) -> None:
        # Always UTC, like the real timezone.now(): dossier hashes cover the ISO timestamp, and
        # the database hands datetimes back in UTC.
        self.current = moment.astimezone(UTC)


@contextmanager
def frozen_clock(start: datetime | None = None) -> Iterator[DemoClock]:
    real_now = timezone.now
    clock = DemoClock(start or real_now())
    timezone.now = clock.now  # type: ignore[assignment]
    try:
        yield clock
    finally:
        timezone.now = real_now  # type: ignore[assignment]
