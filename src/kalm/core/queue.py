"""The project's Huey on SQLite, committing the way the database does.

huey's SqliteHuey leaves SQLite's default ``synchronous=FULL``: in WAL mode that is an fsync at
every commit, and every enqueue is a commit. On this class of machine an fsync costs 3-5 ms and
commits are serialised, so the queue, not the work, capped intake (two fsyncs per new case: the
case and its job). ``synchronous=NORMAL`` in WAL mode is what Kalm's own SQLite database uses
(kalm.core.env.SQLITE_OPTIONS): a commit survives any process being killed, and only an
operating-system crash or power cut can lose the last commits, of the queue and of the data
alike -- a job lost that way is redone by ``kalm analyse_messages --missing`` and the periodic
sweeps, as a job lost to a broken queue is. It never corrupts the file (SQLite's WAL guarantee).

Every write of the queue (an enqueue by the web, a dequeue by the worker) is a transaction
begun ``EXCLUSIVE``: the web processes and the worker take turns for it as they do for the
database (decision 0019), so a waiting writer is woken when the lock is free instead of
sleeping in SQLite's busy handler.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from huey import SqliteHuey
from huey.storage import SqliteStorage

from kalm.core.sqlite.base import turn_path, write_turn


class SqliteQueueStorage(SqliteStorage):
    """SqliteStorage with WAL and ``synchronous=NORMAL`` (see the module docstring)."""

    def _create_connection(self) -> sqlite3.Connection:
        conn = super()._create_connection()
        conn.execute("pragma synchronous=NORMAL")
        return conn

    @contextmanager
    def db(self, commit: bool = False, close: bool = False) -> Iterator[sqlite3.Cursor]:
        if not commit or self.filename == ":memory:":
            with super().db(commit=commit, close=close) as cursor:
                yield cursor
            return
        if getattr(self, "_turn_file", None) is None:
            self._turn_file = turn_path(self.filename)
        with (
            write_turn(self._turn_file).held(self._timeout, error=sqlite3.OperationalError),
            super().db(commit=True, close=close) as cursor,
        ):
            yield cursor


class SqliteQueue(SqliteHuey):
    """The default queue (``HUEY['huey_class']`` when KALM_QUEUE_URL names no Redis)."""

    storage_class = SqliteQueueStorage
