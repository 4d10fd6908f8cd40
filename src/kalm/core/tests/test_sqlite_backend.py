"""The SQLite backend's write turn: writers queue for the lock instead of polling it."""

from __future__ import annotations

import fcntl
import os
import threading
import time
from pathlib import Path

import pytest
from django.db import connections, transaction
from django.db.utils import ConnectionHandler, OperationalError

from kalm.core.sqlite.base import turn_path, write_turn


@pytest.fixture
def database(tmp_path: Path, django_db_blocker):
    """``database(timeout)`` -> (alias, path): a WAL SQLite file of its own under an alias of
    its own, so each thread gets its own connection to it, as web threads do."""
    path = tmp_path / "turns.sqlite3"
    aliases: list[str] = []

    def make(timeout: float = 5) -> tuple[str, Path]:
        alias = f"turns{len(aliases)}"
        settings = {
            "ENGINE": "kalm.core.sqlite",
            "NAME": str(path),
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": timeout,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
        filled = connections.configure_settings({"default": {}, alias: settings})
        connections.settings[alias] = filled[alias]
        aliases.append(alias)
        if len(aliases) == 1:
            with connections[alias].cursor() as cursor:
                cursor.execute("CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT)")
        return alias, path

    with django_db_blocker.unblock():
        yield make
        for alias in aliases:
            connections[alias].close()
            del connections[alias]
            del connections.settings[alias]


def _held_by_another_process(path: Path) -> int:
    """The turn's file lock taken on a descriptor of its own: to flock that is another holder,
    as another process would be."""
    fd = os.open(f"{path.resolve()}-writeturn", os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    return fd


def _give_back(fd: int) -> None:
    fcntl.flock(fd, fcntl.LOCK_UN)
    os.close(fd)


def test_a_second_writer_waits_for_the_first_to_commit_and_then_goes_at_once(database):
    alias, _path = database()
    first_in, first_may_commit, second_in = threading.Event(), threading.Event(), threading.Event()
    order: list[str] = []

    def first() -> None:
        conn = connections[alias]
        with transaction.atomic(using=alias):
            conn.cursor().execute("INSERT INTO note (body) VALUES ('first')")
            first_in.set()
            first_may_commit.wait(10)
            order.append("first commits")
        conn.close()

    def second() -> None:
        first_in.wait(10)
        conn = connections[alias]
        with transaction.atomic(using=alias):
            order.append("second begins")
            second_in.set()
            conn.cursor().execute("INSERT INTO note (body) VALUES ('second')")
        conn.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    assert first_in.wait(10)
    assert not second_in.wait(0.3), "the second writer began while the first held its turn"
    first_may_commit.set()
    assert second_in.wait(10)
    for thread in threads:
        thread.join(10)
    assert order == ["first commits", "second begins"]
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT body FROM note ORDER BY id")
        assert [row[0] for row in cursor.fetchall()] == ["first", "second"]


def test_a_rolled_back_transaction_gives_its_turn_back(database):
    alias, db_file = database()
    conn = connections[alias]
    with pytest.raises(ZeroDivisionError), transaction.atomic(using=alias):
        conn.cursor().execute("INSERT INTO note (body) VALUES ('lost')")
        raise ZeroDivisionError
    assert conn._turn_held is None
    fd = _held_by_another_process(db_file)  # would raise BlockingIOError if still held
    _give_back(fd)


def test_a_writer_that_waits_longer_than_its_timeout_gets_database_is_locked(database):
    alias, db_file = database(timeout=0.2)
    conn = connections[alias]
    fd = _held_by_another_process(db_file)
    try:
        started = time.monotonic()
        with (
            pytest.raises(OperationalError, match="database is locked"),
            transaction.atomic(using=alias),
        ):
            conn.cursor().execute("INSERT INTO note (body) VALUES ('late')")
        assert time.monotonic() - started >= 0.2
        assert conn._turn_held is None
        # Reading needs no turn.
        with conn.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM note")
            assert cursor.fetchone() == (0,)
    finally:
        _give_back(fd)
    with transaction.atomic(using=alias):
        conn.cursor().execute("INSERT INTO note (body) VALUES ('now')")
    with conn.cursor() as cursor:
        cursor.execute("SELECT body FROM note")
        assert cursor.fetchall() == [("now",)]


def test_a_single_write_outside_a_transaction_takes_its_turn_for_that_statement(database):
    alias, db_file = database(timeout=0.2)
    conn = connections[alias]
    fd = _held_by_another_process(db_file)
    try:
        with pytest.raises(OperationalError, match="no write turn"):
            conn.cursor().execute("INSERT INTO note (body) VALUES ('autocommit')")
    finally:
        _give_back(fd)
    conn.cursor().execute("UPDATE note SET body = 'x'")  # takes and gives back its turn
    assert conn._turn_held is None
    fd = _held_by_another_process(db_file)
    _give_back(fd)


def test_an_in_memory_database_has_no_turn():
    handler = ConnectionHandler(
        {"default": {"ENGINE": "kalm.core.sqlite", "NAME": ":memory:", "OPTIONS": {}}}
    )
    assert handler["default"]._write_turn() is None


def test_a_forked_child_gets_a_turn_of_its_own(tmp_path):
    path = turn_path(str(tmp_path / "db.sqlite3"))
    turn = write_turn(path)
    assert write_turn(path) is turn
    turn.pid = -1  # as the parent's turn looks in a child after fork
    child_turn = write_turn(path)
    assert child_turn is not turn and child_turn.pid == os.getpid()
