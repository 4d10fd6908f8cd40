"""Reads of the channels app."""

from __future__ import annotations

from datetime import datetime

from django.db.models import QuerySet

from kalm.channels.models import EmailRef, InboundEmail


def inbound_emails_needing_attention() -> QuerySet[InboundEmail]:
    """Quarantined and failed messages, newest first: what an admin should look at."""
    return InboundEmail.objects.filter(
        status__in=[InboundEmail.Status.QUARANTINED, InboundEmail.Status.FAILED]
    ).defer("raw")


def email_refs_for_case(case_id: int) -> QuerySet[EmailRef]:
    """The case's Message-IDs, oldest first (for References headers on outbound mail)."""
    return EmailRef.objects.filter(case_id=case_id).order_by("created_at", "pk")


def inbound_emails_waiting(*, since: datetime | None = None) -> bool:
    """Whether any message handed over for the worker waits to be processed (received before
    ``since``, when given)."""
    waiting = InboundEmail.objects.filter(status=InboundEmail.Status.QUEUED)
    if since is not None:
        waiting = waiting.filter(received_at__lt=since)
    return waiting.exists()
