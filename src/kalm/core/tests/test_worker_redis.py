"""Real queues, not the inline mode of the other tests: tasks are serialised into Redis (or a
SQLite file), taken out again and run, as the ``kalm run_huey`` worker does.

The Redis half needs a server at KALM_TEST_REDIS_URL (default redis://127.0.0.1:6379/15); without
one it is skipped, unless KALM_REQUIRE_ALL=1 makes a missing server a failure.
"""

from __future__ import annotations

import datetime
import json
import os
import uuid

import pytest
from huey import RedisHuey
from huey.exceptions import TaskException

from kalm.core.models import FailedTask
from kalm.core.queue import SqliteQueue
from kalm.core.worker import connect_failure_signals, failed_task_retry

REDIS_URL = os.environ.get("KALM_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def _redis_or_skip() -> None:
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except Exception as exc:
        message = f"Redis does not answer at {REDIS_URL} (set KALM_TEST_REDIS_URL): {exc}"
        if os.environ.get("KALM_REQUIRE_ALL") == "1":
            pytest.fail(message)
        pytest.skip(message)


def _wire(huey) -> dict:
    """Register this test's tasks on ``huey``; ``state`` lets a test heal the failing one."""
    state = {"healed": False}

    @huey.task()
    def add(a: int, b: int) -> int:
        return a + b

    @huey.task(retries=1, retry_delay=0)
    def sync_shop_order(order_id: int) -> str:
        if not state["healed"]:
            raise ConnectionError(f"shop API down for order {order_id}")
        return f"synced {order_id}"

    @huey.task(expires=1)
    def late(x: int) -> int:
        return x

    connect_failure_signals(huey)
    state.update(add=add, sync=sync_shop_order, late=late)
    return state


def _run_next(huey):
    """One step of a consumer: take the next message off the queue and execute it."""
    task = huey.dequeue()
    assert task is not None, "the queue is empty"
    return huey.execute(task)


def _exercise(huey) -> None:
    wired = _wire(huey)
    assert not huey.immediate

    result = wired["add"](2, 3)
    assert huey.pending_count() == 1
    _run_next(huey)
    assert result.get() == 5

    failing = wired["sync"](1234)
    _run_next(huey)  # first try fails; Huey puts it back for its one retry
    assert not FailedTask.objects.exists()
    assert huey.pending_count() == 1
    _run_next(huey)  # the retry fails too: kept
    with pytest.raises(TaskException):
        failing.get()
    failed = FailedTask.objects.get()
    assert failed.task_id == failing.id
    assert failed.task_name.endswith(".sync_shop_order")
    assert json.loads(failed.args_json) == [1234]
    assert failed.error == "ConnectionError: shop API down for order 1234"
    assert failed.retries_used == 1
    assert huey.pending_count() == 0

    wired["healed"] = True
    handle = failed_task_retry(failed=failed, huey=huey)
    assert huey.pending_count() == 1
    _run_next(huey)
    assert handle.get() == "synced 1234"

    wired["late"](9)
    task = huey.dequeue()
    future = datetime.datetime.now(datetime.UTC).replace(tzinfo=None) + datetime.timedelta(
        minutes=5
    )
    huey.execute(task, timestamp=future)  # the worker only got to it after it expired
    expired = FailedTask.objects.get(signal="expired")
    assert expired.task_name.endswith(".late")
    assert "expired" in expired.error


def test_it_runs_and_keeps_failures_on_a_real_redis_queue(db):
    _redis_or_skip()
    huey = RedisHuey(f"kalm-test-{uuid.uuid4().hex}", url=REDIS_URL, immediate=False)
    try:
        _exercise(huey)
    finally:
        huey.storage.flush_all()


def test_it_runs_and_keeps_failures_on_a_real_sqlite_queue(db, tmp_path):
    huey = SqliteQueue("kalm-test", filename=str(tmp_path / "queue.sqlite3"), immediate=False)
    _exercise(huey)


pytestmark = [*globals().get("pytestmark", []), pytest.mark.usefixtures("english")]
