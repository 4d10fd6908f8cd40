"""The burst worker: every five minutes, run the detector over recent cases."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from kalm.bursts.actions import alerts_detect


# No rows to claim: the run recomputes from the window and stores alerts under an advisory
# lock (see alerts_detect), so two workers running it at once create each alert only once.
@db_periodic_task(crontab(minute="*/5"))
def detect_bursts_task() -> int:
    return len(alerts_detect())
