"""The drill worker: every minute, play the due complaints of each running drill and run the
burst detector over its cases (real detection runs on its own, every five minutes)."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from kalm.drills.actions import drills_tick


# drill_play locks the drill row per complaint, so two workers running this at once never
# play a complaint twice; detection stores alerts under its own lock (bursts.actions).
@db_periodic_task(crontab(minute="*"))
def drills_tick_task() -> int:
    return drills_tick()
