"""Core background jobs. Importing this module (the worker does, for every app's ``tasks``)
also connects the failed-task receivers of kalm.core.worker."""

from __future__ import annotations

from huey.contrib.djhuey import db_task

from kalm.core import worker  # noqa: F401  (connects the failure signals to the project's Huey)


@db_task()
def worker_ping(value: str = "pong") -> str:
    """Returns its argument: a cheap way to see that a worker picks up jobs."""
    return value
