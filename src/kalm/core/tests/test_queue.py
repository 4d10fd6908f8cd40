"""The SQLite queue (kalm.core.queue): WAL with synchronous=NORMAL, and a job enqueued by a
process that is then killed outright is still there for the worker."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from kalm.core.queue import SqliteQueue

ROOT = Path(__file__).resolve().parents[4]


def test_the_queue_commits_in_wal_with_synchronous_normal(tmp_path):
    queue = SqliteQueue("kalm-test", filename=str(tmp_path / "queue.sqlite3"))
    conn = queue.storage.conn
    assert conn.execute("pragma journal_mode").fetchone()[0] == "wal"
    assert conn.execute("pragma synchronous").fetchone()[0] == 1  # NORMAL (FULL is 2)


def test_a_job_enqueued_before_the_process_is_killed_is_kept(tmp_path):
    filename = tmp_path / "queue.sqlite3"
    # A child enqueues three jobs, then SIGKILLs itself: no atexit, no close, no checkpoint.
    script = textwrap.dedent(
        f"""
        import os, signal
        from kalm.core.queue import SqliteQueue
        queue = SqliteQueue("kalm-test", filename={str(filename)!r})

        @queue.task()
        def add(a, b):
            return a + b

        for n in range(3):
            add(n, 1)
        os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    child = subprocess.run(
        [sys.executable, "-c", script],
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert child.returncode == -signal.SIGKILL, child.stderr

    queue = SqliteQueue("kalm-test", filename=str(filename))

    def add(a: int, b: int) -> int:
        return a + b

    add.__module__ = "__main__"  # the child registered its task under its own module
    queue.task()(add)
    assert queue.pending_count() == 3
    results = []
    while (task := queue.dequeue()) is not None:
        results.append(queue.execute(task))
    assert sorted(results) == [1, 2, 3]


def test_a_write_to_the_queue_waits_its_turn(tmp_path):
    import fcntl
    import sqlite3

    import pytest

    from kalm.core.sqlite.base import turn_path

    filename = str(tmp_path / "queue.sqlite3")
    queue = SqliteQueue("kalm-test", filename=filename, timeout=0.2)

    @queue.task()
    def add(a: int, b: int) -> int:
        return a + b

    # Another process's turn (its own descriptor of the turn file): the enqueue waits, then
    # fails as SQLite would; nothing is half-written.
    fd = os.open(turn_path(filename), os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    try:
        with pytest.raises(sqlite3.OperationalError, match="no write turn"):
            add(1, 2)
        assert queue.pending_count() == 0  # reading needs no turn
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
    add(1, 2)
    assert queue.pending_count() == 1
    assert queue.execute(queue.dequeue()) == 3
