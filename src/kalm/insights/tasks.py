"""Background jobs of the insights app: the dashboards' daily figures (kalm.insights.actions)."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from kalm.insights.actions import daily_figures_rebuild, daily_figures_refresh


@db_periodic_task(crontab(minute="*/10"), retries=1, retry_delay=60)
def refresh_daily_figures() -> dict:
    """Every ten minutes: roll up the days that ended and recompute the days touched since the
    last run. Between runs the dashboards read the days not rolled up from the live rows."""
    return daily_figures_refresh()


@db_periodic_task(crontab(hour="3", minute="41"), retries=1, retry_delay=600)
def rebuild_daily_figures() -> dict:
    """Every night: recompute every day, for what leaves no trace in ``updated_at`` (a case
    deleted, a drill flag set in bulk, a message analysed again)."""
    return daily_figures_rebuild()
