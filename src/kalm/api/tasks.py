"""Background jobs for the API: the hourly sweep of expired idempotency records."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from kalm.api.actions import idempotency_expire


@db_periodic_task(crontab(minute="23"))
def idempotency_records_expire() -> int:
    """Forget idempotency keys older than 24 hours (a plain delete: safe with many workers)."""
    return idempotency_expire()
