"""The background worker's safety net: failed tasks are kept, and retries back off.

Writing a task (in your app's ``tasks.py``)::

    from kalm.core.worker import retry_with_backoff

    @retry_with_backoff(retries=6, delay=30)  # waits 30 s, 60 s, 120 s, 240 s, 480 s, 960 s
    def deliver_webhook(delivery_id: int) -> None:
        delivery_send(delivery=WebhookDelivery.objects.get(pk=delivery_id))

``retry_with_backoff`` is ``huey.contrib.djhuey.db_task`` with ``retry_backoff``: every retry
waits ``factor`` times longer than the one before (``backoff_delays`` lists the waits). Tasks take
ids, are idempotent (a retry may run after a half-finished attempt) and call one action.

When a task fails for good -- an error with no retries left, a timeout on the last try, an expired
task, or a worker stopped while running it -- a ``FailedTask`` row keeps its name, arguments, error
and traceback. Admins see them under Core > Failed tasks, where "Retry" enqueues the same task
again (same id and arguments) and "Mark resolved" files it away. Nothing is silently dropped.

The receivers are connected to the project's Huey when this module is imported (the worker
imports it through ``kalm.core.tasks``); ``connect_failure_signals(huey)`` attaches them to any
other Huey instance (the tests use real Redis and SQLite queues).
"""

from __future__ import annotations

import json
import logging
import traceback as tb
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from huey import signals as S
from huey.api import Huey, Task
from huey.contrib.djhuey import HUEY, db_task

from kalm.core.models import FailedTask

logger = logging.getLogger(__name__)


class WorkerActionError(ValueError):
    """A failed-task action refused for a reason the admin can read; the message is translated."""


def backoff_delays(*, retries: int, delay: float, factor: float = 2.0) -> list[float]:
    """The waits before each retry: ``delay``, ``delay*factor``, ``delay*factor**2``, ..."""
    return [delay * factor**n for n in range(retries)]


def retry_with_backoff(
    *, retries: int = 5, delay: float = 30, factor: float = 2.0, **task_options: Any
) -> Callable[[Callable[..., Any]], Any]:
    """``@db_task`` whose retries wait exponentially longer (see ``backoff_delays``)."""
    if retries < 0 or delay < 0 or factor < 1:
        raise ValueError("retries and delay must be >= 0 and factor >= 1")
    return db_task(retries=retries, retry_delay=delay, retry_backoff=factor, **task_options)


def _as_json(value: Any) -> tuple[str, bool]:
    try:
        return json.dumps(value), True
    except (TypeError, ValueError):
        return json.dumps(value, default=repr), False


def failed_task_record(
    *, task: Task, signal: str, error: str = "", traceback: str = "", retries_used: int = 0
) -> FailedTask:
    """Keep (or update, for a task that failed before) the record of a task that failed for good."""
    now = timezone.now()
    args_json, args_ok = _as_json(list(task.args or ()))
    kwargs_json, kwargs_ok = _as_json(dict(task.kwargs or {}))
    name = f"{type(task).__module__}.{type(task).__name__}"
    fields = {
        "task_name": name,
        "signal": signal,
        "args_json": args_json,
        "kwargs_json": kwargs_json,
        "replayable": args_ok and kwargs_ok,
        "error": error[:10000],
        "traceback": traceback[:50000],
        "retries_used": retries_used,
        "last_failed_at": now,
        "resolved_at": None,
    }
    with transaction.atomic():
        row = FailedTask.objects.select_for_update().filter(task_id=task.id).first()
        if row is None:
            return FailedTask.objects.create(
                task_id=task.id, first_failed_at=now, times_failed=1, **fields
            )
        for key, value in fields.items():
            setattr(row, key, value)
        row.times_failed += 1
        row.save()
    return row


def failed_task_retry(*, failed: FailedTask, huey: Huey | None = None) -> Any:
    """Enqueue the task again under its own id with its stored arguments; returns the result
    handle. Failing again updates the same row."""
    huey = huey or HUEY
    if not failed.replayable:
        raise WorkerActionError(
            _("%(task)s cannot be retried: its arguments could not be stored.")
            % {"task": failed.task_name}
        )
    try:
        task_class = huey._registry.string_to_task(failed.task_name)
    except Exception as exc:  # HueyException: the task was renamed or removed
        raise WorkerActionError(
            _("%(task)s is no longer a known task.") % {"task": failed.task_name}
        ) from exc
    task = task_class(
        args=tuple(json.loads(failed.args_json)),
        kwargs=json.loads(failed.kwargs_json),
        id=failed.task_id,
    )
    FailedTask.objects.filter(pk=failed.pk).update(retried_at=timezone.now())
    return huey.enqueue(task)


def failed_task_resolve(*, failed: FailedTask) -> FailedTask:
    failed.resolved_at = timezone.now()
    failed.save(update_fields=["resolved_at"])
    return failed


def _configured_retries(task: Task) -> int:
    return int(getattr(type(task), "default_retries", 0) or 0)


def _on_error(signal: str, task: Task, exc: BaseException | None = None) -> None:
    if task.retries:  # Huey retries it; only the last failure is kept
        return
    _keep(signal, task, exc)


def _on_final(signal: str, task: Task, *args: Any) -> None:
    _keep(signal, task, None)


def _keep(signal: str, task: Task, exc: BaseException | None) -> None:
    if exc is not None:
        error = f"{type(exc).__name__}: {exc}"
        trace = "".join(tb.format_exception(type(exc), exc, exc.__traceback__))
    else:
        error = {
            S.SIGNAL_EXPIRED: _("The task expired before a worker ran it."),
            S.SIGNAL_INTERRUPTED: _("The worker stopped while running the task."),
            S.SIGNAL_TIMEOUT: _("The task took too long."),
        }.get(signal, signal)
        trace = ""
    try:
        failed_task_record(
            task=task,
            signal=signal,
            error=error,
            traceback=trace,
            retries_used=_configured_retries(task) - (task.retries or 0),
        )
    except Exception:  # never let bookkeeping break the worker; the log still has it
        logger.exception("Could not record failed task %s", task.id)


def _on_timeout(signal: str, task: Task, *args: Any) -> None:
    if not task.retries:
        _keep(signal, task, None)


_CONNECTED: set[int] = set()


def connect_failure_signals(huey: Huey) -> None:
    """Keep every task of ``huey`` that fails for good as a FailedTask (idempotent)."""
    if id(huey) in _CONNECTED:
        return
    _CONNECTED.add(id(huey))
    huey.signal(S.SIGNAL_ERROR)(_on_error)
    huey.signal(S.SIGNAL_TIMEOUT)(_on_timeout)
    huey.signal(S.SIGNAL_EXPIRED, S.SIGNAL_INTERRUPTED)(_on_final)


connect_failure_signals(HUEY)


@HUEY.on_startup()
def freeze_loaded_code() -> None:
    """Run by each worker thread as the consumer starts: what is loaded by then (Django, Kalm,
    their modules) lives as long as the process, so it is frozen out of the cyclic garbage
    collector's sight and its full collections no longer walk it; the web processes do the
    same (deploy/gunicorn.conf.py). Harmless when run again."""
    import gc

    gc.freeze()
