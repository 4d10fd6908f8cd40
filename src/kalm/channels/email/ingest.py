"""One entry point for every inbound email, whatever brought it (MTA pipe, IMAP, HTTP).

    result = ingest_raw(raw_bytes, source="imap:support", team=team)
    print(result.line)   # "case K26-7F3Q9X new", "duplicate of K26-…", "ignored: bounce", …

The raw bytes are stored first (so nothing received is ever lost), then parsed, classified,
threaded and recorded. It never raises for a bad message: the row is quarantined with the
reason and the result says so. It raises only when the raw message itself cannot be stored.

An email to a crisis's mailbox tag (care+<contact_tag>@…) is a normal case that is then also
linked to that open crisis (see ``crisis_tag_link``).
"""

from __future__ import annotations

import email.parser
import email.policy
import logging
from typing import Any

from django.db import transaction

from kalm.channels.actions import (
    OUTCOMES,
    IngestResult,
    inbound_email_process,
    inbound_email_store,
)
from kalm.channels.email.parse import recipients
from kalm.channels.models import InboundEmail

__all__ = [
    "OUTCOMES",
    "IngestResult",
    "crisis_tag_link",
    "ingest_queued",
    "ingest_raw",
    "recipient_addresses",
]

logger = logging.getLogger(__name__)

# Messages per transaction when the worker processes what was handed over. On SQLite a batch
# holds the one write lock while it works (about 5 ms a message), and web requests wait for it.
EMAIL_BATCH = 20


def ingest_raw(raw: bytes, *, source: str = "pipe", team: Any = None) -> IngestResult:
    # Stored as it came, before it is parsed: a message that breaks (or hangs) the parser is
    # still on record. The headers it shows in lists are written with the outcome, from the one
    # parse processing does (a message quarantined before that gets them read on their own).
    inbound = inbound_email_store(raw=raw, source=source, team=team, preview=False)
    result = inbound_email_process(inbound=inbound)
    crisis_tag_link(result)
    return result


def ingest_queued(*, limit: int = EMAIL_BATCH) -> int:
    """Process up to ``limit`` messages handed over with ``Prefer: respond-async``, oldest
    first, in one transaction; returns how many were taken (kalm.channels.tasks drains them).

    Each message goes through the same processing as ingest_raw, in its own savepoint: a bad
    message is quarantined with its reason and the others go on. The reading of the batch's new
    cases and replies (analysis, escalation, routing, topic) is queued as one job when the batch
    has committed, and the confirmations as another (kalm.cases.tasks.intake_gathered). A database
    error rolls the whole batch back: the messages stay queued, and the job is retried. With
    PostgreSQL, workers skip each other's rows (FOR UPDATE SKIP LOCKED)."""
    from kalm.cases.tasks import intake_gathered

    results = []
    with transaction.atomic(), intake_gathered():
        # Ignored on SQLite, whose batch holds the write lock from its start (kalm.core.sqlite).
        batch = list(
            InboundEmail.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(status=InboundEmail.Status.QUEUED)
            .order_by("received_at", "pk")[:limit]
        )
        for inbound in batch:
            results.append(inbound_email_process(inbound=inbound))
    for result in results:  # after commit, as ingest_raw does: a link never costs the message
        crisis_tag_link(result)
    return len(batch)


def recipient_addresses(raw: bytes) -> list[str]:
    """The recipient addresses of a raw message (see kalm.channels.email.parse.recipients)."""
    return recipients(email.parser.BytesHeaderParser(policy=email.policy.default).parsebytes(raw))


def crisis_tag_link(result: IngestResult) -> list[Any]:
    """Link the case an email landed on to the open crisis whose mailbox tag it was sent to.

    Runs after the message is recorded (its own transaction is committed), so linking can never
    cost the message: a failure here is logged and the case stays as it is, unlinked. Only new
    cases and replies count; duplicates and ignored mail were handled before."""
    if result.outcome not in ("new", "reply") or result.case is None:
        return []
    try:
        from kalm.crisis.outreach import crisis_link_by_mailbox_tag

        # A new case or a reply was parsed on its way in: its recipients came with it.
        addresses = list(result.recipients or ())
        return crisis_link_by_mailbox_tag(case=result.case, addresses=addresses)
    except Exception:  # ingest_raw never raises for a message it stored; see the docstring
        logger.exception("Could not link case %s to a crisis by mailbox tag", result.case.pk)
        return []
