"""Background jobs for webhooks: thin wrappers that load rows and call one action."""

from __future__ import annotations

from huey.contrib.djhuey import db_task

from kalm.webhooks.actions import outbound_webhook_send
from kalm.webhooks.models import OUTBOUND_MAX_ATTEMPTS, OutboundWebhook


class OutboundNotYetSent(RuntimeError):
    """Raised so Huey retries the reply later (30 s, then doubling)."""


@db_task(retries=OUTBOUND_MAX_ATTEMPTS - 1, retry_delay=30, retry_backoff=2)
def deliver_outbound_webhook(outbound_id: int) -> None:
    outbound = outbound_webhook_send(outbound_id=outbound_id)
    if outbound.status == OutboundWebhook.Status.PENDING:
        raise OutboundNotYetSent(outbound.last_error)
