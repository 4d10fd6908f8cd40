"""Core background jobs. Importing this module (the worker does, for every app's ``tasks``)
also connects the failed-task receivers of kalm.core.worker."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from kalm.core import worker  # noqa: F401  (connects the failure signals to the project's Huey)
from kalm.core.database import database_statistics_refresh


@db_task()
def worker_ping(value: str = "pong") -> str:
    """Returns its argument: a cheap way to see that a worker picks up jobs."""
    return value


@db_periodic_task(crontab(minute="41"))
def refresh_database_statistics() -> None:
    """Hourly: the SQLite query planner's statistics (kalm.core.database). Harmless when
    several workers run it in the same hour: ANALYZE is a short write, the last one wins."""
    database_statistics_refresh()
