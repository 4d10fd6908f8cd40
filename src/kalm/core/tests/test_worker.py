"""The safety net of kalm.core.worker on the project's Huey (run inline in tests)."""

from __future__ import annotations

import json

import pytest
from huey.contrib.djhuey import HUEY, db_task
from huey.exceptions import TaskException

from kalm.core.models import FailedTask
from kalm.core.tasks import worker_ping
from kalm.core.worker import (
    WorkerActionError,
    backoff_delays,
    failed_task_retry,
    retry_with_backoff,
)

CALLS: list[int] = []
HEALED: set[int] = set()


@db_task(retries=2, retry_delay=0)
def flaky_case_job(case_id: int, *, note: str = "") -> str:
    CALLS.append(case_id)
    if case_id not in HEALED:
        raise RuntimeError(f"mail server said no for {case_id}")
    return f"done {case_id} {note}"


@retry_with_backoff(retries=3, delay=10, factor=3)
def backoff_job(case_id: int) -> int:
    return case_id


@db_task()
def interrupted_job(case_id: int) -> None:
    raise KeyboardInterrupt  # what a worker being stopped mid-task raises


@pytest.fixture(autouse=True)
def _reset():
    CALLS.clear()
    HEALED.clear()


def test_it_lists_exponential_delays():
    assert backoff_delays(retries=4, delay=30) == [30, 60, 120, 240]
    assert backoff_delays(retries=3, delay=10, factor=3) == [10, 30, 90]


def test_the_decorator_configures_huey_backoff():
    task = backoff_job.s(7)
    assert (task.retries, task.retry_delay, task.retry_backoff) == (3, 10, 3)
    with pytest.raises(ValueError):
        retry_with_backoff(retries=1, delay=1, factor=0.5)


def test_it_runs_a_task(db):
    assert worker_ping("hello")() == "hello"
    assert not FailedTask.objects.exists()


def test_it_keeps_a_task_that_keeps_failing_with_its_error(db):
    result = flaky_case_job(41, note="first")
    with pytest.raises(TaskException):
        result()
    assert CALLS == [41, 41, 41]  # the first try and two retries
    failed = FailedTask.objects.get()
    assert failed.task_name == "kalm.core.tests.test_worker.flaky_case_job"
    assert failed.task_id == result.id
    assert json.loads(failed.args_json) == [41]
    assert json.loads(failed.kwargs_json) == {"note": "first"}
    assert failed.error == "RuntimeError: mail server said no for 41"
    assert "Traceback" in failed.traceback and "flaky_case_job" in failed.traceback
    assert failed.retries_used == 2
    assert failed.signal == "error"
    assert failed.resolved_at is None


def test_a_retry_runs_the_same_task_again(db):
    flaky_case_job(42, note="x")
    failed = FailedTask.objects.get()
    HEALED.add(42)
    result = failed_task_retry(failed=failed)
    assert result.id == failed.task_id
    assert result() == "done 42 x"
    failed.refresh_from_db()
    assert failed.retried_at is not None
    assert failed.times_failed == 1


def test_failing_again_after_a_retry_updates_the_same_row(db):
    flaky_case_job(43)
    failed_task_retry(failed=FailedTask.objects.get())
    failed = FailedTask.objects.get()
    assert failed.times_failed == 2
    assert failed.last_failed_at > failed.first_failed_at


def test_it_refuses_to_retry_an_unknown_task(db):
    flaky_case_job(44)
    failed = FailedTask.objects.get()
    failed.task_name = "kalm.gone.tasks.removed"
    with pytest.raises(WorkerActionError, match="no longer a known task"):
        failed_task_retry(failed=failed)


def test_it_refuses_to_retry_arguments_it_could_not_store(db):
    flaky_case_job(45, note={1, 2})  # a set is not JSON
    failed = FailedTask.objects.get()
    assert not failed.replayable
    assert "{1, 2}" in failed.kwargs_json
    with pytest.raises(WorkerActionError, match="cannot be retried"):
        failed_task_retry(failed=failed)


def test_the_project_huey_is_connected():
    from kalm.core.worker import _CONNECTED

    assert id(HUEY) in _CONNECTED


def test_it_keeps_a_task_whose_worker_stopped_halfway(db):
    interrupted_job(46)
    failed = FailedTask.objects.get()
    assert failed.signal == "interrupted"
    assert "stopped while running" in failed.error
    assert json.loads(failed.args_json) == [46]


pytestmark = [*globals().get("pytestmark", []), pytest.mark.usefixtures("english")]


def test_the_worker_freezes_what_it_loaded_when_it_starts():
    import gc

    from kalm.core.worker import HUEY, freeze_loaded_code

    assert HUEY._startup["freeze_loaded_code"] is freeze_loaded_code  # huey's startup hooks
    gc.unfreeze()
    try:
        freeze_loaded_code()
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
