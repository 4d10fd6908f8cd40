"""Django's SQLite backend, with writers taking turns in a queue instead of polling.

Every write transaction on SQLite holds the database's one write lock (Kalm's transactions
begin IMMEDIATE: kalm.core.env.SQLITE_OPTIONS). A writer that finds it taken is handled by
SQLite's busy handler, which sleeps and tries again after 1, 2, 5, 10, 15, 20, 25, 25, 25, 50,
50 and then every 100 ms. Under load -- sixteen web threads and the worker opening cases --
the lock is then often free while every waiter sleeps: intake got slower than the work, and
one request in twenty waited 0.8-2 s for a transaction of a few milliseconds.

So a transaction first takes its turn, and only then BEGINs: the threads of one process queue
on a mutex (woken the moment it is released); one thread per process at a time then takes an
exclusive ``flock`` on a file beside the database (``<name>-writeturn``), polled at sub-
millisecond intervals, so the processes (web, worker, commands) take turns too. The turn is
given back when the transaction commits, rolls back or its connection closes. A single write
outside a transaction (an INSERT, UPDATE or DELETE in autocommit mode, as Django's ``save()``
of one row runs) takes its turn for that statement.

The turn is only an orderly queue in front of SQLite's own lock, which still guarantees
correctness: a write outside a transaction (autocommit) or a process that does not use this
backend just meets the busy handler as before. Waiting longer than the connection's
``timeout`` raises ``OperationalError('database is locked')``, as SQLite does. In-memory
databases (the tests') have no file to lock and no turns.
"""

from __future__ import annotations

import fcntl
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.db.backends.sqlite3 import base
from django.db.utils import OperationalError

# Polling the other processes' turn: start short (the holder is usually nearly done), never
# sleep longer than this, so the lock is not left idle for long.
_POLL_FIRST = 0.00005
_POLL_MAX = 0.001


class WriteTurn:
    """One database file's turn for this process: a thread mutex, then a file lock."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.pid = os.getpid()
        self.mutex = threading.Lock()
        self._fd: int | None = None

    def _file(self) -> int:
        if self._fd is None:
            self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        return self._fd

    def acquire(self, timeout: float, error: type[Exception] = OperationalError) -> None:
        """Wait for the turn; ``error`` (Django's OperationalError unless the caller works
        with another driver's) is raised after ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        if not self.mutex.acquire(timeout=max(timeout, 0)):
            raise error(f"database is locked (no write turn in {timeout} s)")
        try:
            fd = self._file()
            pause = _POLL_FIRST
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    return
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise error(f"database is locked (no write turn in {timeout} s)") from None
                    time.sleep(pause)
                    pause = min(pause * 2, _POLL_MAX)
        except BaseException:
            self.mutex.release()
            raise

    def release(self) -> None:
        try:
            if self._fd is not None:
                fcntl.flock(self._fd, fcntl.LOCK_UN)
        finally:
            self.mutex.release()

    @contextmanager
    def held(self, timeout: float, error: type[Exception] = OperationalError) -> Iterator[None]:
        """The turn for the block (see acquire)."""
        self.acquire(timeout, error)
        try:
            yield
        finally:
            self.release()


_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLAC")


def _writes(query: str) -> bool:
    return query.lstrip()[:6].upper() in _WRITES


class _TurnCursor(base.SQLiteCursorWrapper):
    """Takes the write turn for a write statement run outside a transaction."""

    wrapper: DatabaseWrapper  # set on the subclass each connection makes

    def execute(self, query, params=None):
        if self.connection.in_transaction or not _writes(query):
            return super().execute(query, params)
        with self.wrapper._turn_for_statement():
            return super().execute(query, params)

    def executemany(self, query, param_list):
        if self.connection.in_transaction or not _writes(query):
            return super().executemany(query, param_list)
        with self.wrapper._turn_for_statement():
            return super().executemany(query, param_list)


_turns: dict[str, WriteTurn] = {}
_turns_guard = threading.Lock()


def turn_path(database: str) -> str:
    """The turn's file: beside the database, as its -wal and -shm files are."""
    return f"{Path(database).resolve()}-writeturn"


def write_turn(path: str) -> WriteTurn:
    """The process-wide turn for a turn file (a new one after a fork: a child must not
    share its parent's mutex, which another thread may hold, or its file lock)."""
    with _turns_guard:
        turn = _turns.get(path)
        if turn is None or turn.pid != os.getpid():
            turn = _turns[path] = WriteTurn(path)
        return turn


class DatabaseWrapper(base.DatabaseWrapper):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._turn_held: WriteTurn | None = None
        self._turn_path: str | None = None  # resolved once: a path lookup costs system calls
        self._cursor_class = type("TurnCursor", (_TurnCursor,), {"wrapper": self})

    def create_cursor(self, name=None):
        return self.connection.cursor(factory=self._cursor_class)

    @contextmanager
    def _turn_for_statement(self) -> Iterator[None]:
        if self._turn_held is not None:  # already this connection's (not expected outside BEGIN)
            yield
            return
        self._hold(self._write_turn())
        try:
            yield
        finally:
            self._turn_release()

    def _hold(self, turn: WriteTurn | None) -> None:
        """Wait for ``turn`` (None: this database takes none) and keep it until released."""
        if turn is not None:
            turn.acquire(self._turn_timeout())
            self._turn_held = turn

    def _turn_timeout(self) -> float:
        return float(self.settings_dict["OPTIONS"].get("timeout", 5))

    def _write_turn(self) -> WriteTurn | None:
        if self.is_in_memory_db() or self.transaction_mode not in ("IMMEDIATE", "EXCLUSIVE"):
            return None  # a DEFERRED BEGIN takes no lock; reads must not queue
        if self._turn_path is None:
            self._turn_path = turn_path(str(self.settings_dict["NAME"]))
        return write_turn(self._turn_path)

    def _start_transaction_under_autocommit(self) -> None:
        self._hold(self._write_turn())
        try:
            super()._start_transaction_under_autocommit()
        except BaseException:
            self._turn_release()
            raise

    def _turn_release(self) -> None:
        turn, self._turn_held = self._turn_held, None
        if turn is not None:
            turn.release()

    def _commit(self):
        try:
            return super()._commit()
        finally:
            self._turn_release()

    def _rollback(self):
        try:
            return super()._rollback()
        finally:
            self._turn_release()

    def _close(self):
        try:
            return super()._close()
        finally:
            self._turn_release()
