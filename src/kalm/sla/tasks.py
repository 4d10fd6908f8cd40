"""The SLA worker: a sweep every minute, and the email to the team leads on a breach."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from kalm.cases.models import Case
from kalm.sla.actions import sla_leads_tell, sla_sweep


@db_periodic_task(crontab(minute="*"))
def sla_sweep_task() -> None:
    sla_sweep()


# Safe to retry: sla_leads_tell skips a breach whose leads were already told.
@db_task(retries=5, retry_delay=60, retry_backoff=2)
def sla_tell_leads(case_id: int, target: str, breached_at: str) -> None:
    case = Case.objects.select_related("team").get(pk=case_id)
    sla_leads_tell(case=case, target=target, breached_at=breached_at)
