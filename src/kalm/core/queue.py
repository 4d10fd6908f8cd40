"""The project's Huey on SQLite, committing the way the database does.

huey's SqliteHuey leaves SQLite's default ``synchronous=FULL``: in WAL mode that is an fsync at
every commit, and every enqueue is a commit. On this class of machine an fsync costs 3-5 ms and
commits are serialised, so the queue, not the work, capped intake (two fsyncs per new case: the
case and its job). ``synchronous=NORMAL`` in WAL mode is what Kalm's own SQLite database uses
(kalm.core.env.SQLITE_OPTIONS): a commit survives any process being killed, and only an
operating-system crash or power cut can lose the last commits, of the queue and of the data
alike -- a job lost that way is redone by ``kalm analyse_messages --missing`` and the periodic
sweeps, as a job lost to a broken queue is. It never corrupts the file (SQLite's WAL guarantee).
"""

from __future__ import annotations

import sqlite3

from huey import SqliteHuey
from huey.storage import SqliteStorage


class SqliteQueueStorage(SqliteStorage):
    """SqliteStorage with WAL and ``synchronous=NORMAL`` (see the module docstring)."""

    def _create_connection(self) -> sqlite3.Connection:
        conn = super()._create_connection()
        conn.execute("pragma synchronous=NORMAL")
        return conn


class SqliteQueue(SqliteHuey):
    """The default queue (``HUEY['huey_class']`` when KALM_QUEUE_URL names no Redis)."""

    storage_class = SqliteQueueStorage
