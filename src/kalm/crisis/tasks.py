"""Background jobs for the crisis room: sending the email updates at the configured rate."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import HUEY, db_periodic_task, db_task
from huey.exceptions import TaskLockedException

from kalm.crisis.mailing import BATCH_SECONDS, mailings_send_batch
from kalm.crisis.models import CrisisMailing

LOCK = "crisis-mailings"


@db_task(retries=3, retry_delay=30, retry_backoff=2)
def send_crisis_mailings() -> None:
    """One batch, then again after the batch's share of the rate until nothing is pending.

    Batches never overlap (a lock): a second chain started meanwhile (another publication)
    tries again a little later instead of going over the rate."""
    try:
        with HUEY.lock_task(LOCK):
            batch = mailings_send_batch()
    except TaskLockedException:
        send_crisis_mailings.schedule(delay=BATCH_SECONDS)
        return
    if batch.pending:
        send_crisis_mailings.schedule(delay=batch.delay)


@db_periodic_task(crontab(minute="*/5"), retries=1, retry_delay=30)
def crisis_mailings_sweep() -> None:
    """Safety net: a chain lost with a stopped worker is started again while rows wait."""
    if CrisisMailing.objects.filter(
        status=CrisisMailing.Status.PENDING, subscription__unsubscribed_at=None
    ).exists():
        send_crisis_mailings()
