"""Background jobs for the crisis room: sending the email updates at the configured rate."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import HUEY, db_periodic_task, db_task
from huey.exceptions import TaskLockedException

from kalm.crisis.mailing import mailings_send_batch
from kalm.crisis.models import CrisisMailing

LOCK = "crisis-mailings"
# No send for this long while rows wait means no chain is running.
SWEEP_QUIET = timedelta(minutes=2)


@db_task(retries=3, retry_delay=30, retry_backoff=2)
def send_crisis_mailings() -> None:
    """One batch, then again after the batch's share of the rate until nothing is pending.

    Batches never overlap (a lock). A chain that finds the lock taken ends: the chain holding
    it sends the new rows too, so chains never pile up. A lock left by a killed worker is
    cleared when the worker starts (``run_huey --flush-locks``), and the sweep restarts."""
    try:
        with HUEY.lock_task(LOCK):
            batch = mailings_send_batch()
    except TaskLockedException:
        return
    if batch.pending:
        send_crisis_mailings.schedule(delay=batch.delay)


@db_periodic_task(crontab(minute="*/5"), retries=1, retry_delay=30)
def crisis_mailings_sweep() -> None:
    """Safety net: a chain lost with a stopped worker is started again while rows wait and no
    chain has sent anything lately (a live chain sends every few seconds)."""
    waiting = CrisisMailing.objects.filter(
        status=CrisisMailing.Status.PENDING, subscription__unsubscribed_at=None
    )
    recent = timezone.now() - SWEEP_QUIET
    if waiting.exists() and not CrisisMailing.objects.filter(sent_at__gte=recent).exists():
        send_crisis_mailings()
