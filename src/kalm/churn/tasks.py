"""Background jobs of the churn app: thin wrappers around one action."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from kalm.churn.actions import churn_refresh


@db_periodic_task(crontab(minute="17"), retries=1, retry_delay=300)
def refresh_churn_scores() -> dict:
    """Every hour: retrain when the team marked or withdrew lost consumers, then rescore all."""
    return churn_refresh()
