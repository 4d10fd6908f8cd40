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
from email.utils import getaddresses
from typing import Any

from kalm.channels.actions import (
    OUTCOMES,
    IngestResult,
    inbound_email_process,
    inbound_email_store,
)
from kalm.channels.email.parse import clean_text, header

__all__ = ["OUTCOMES", "IngestResult", "crisis_tag_link", "ingest_raw", "recipient_addresses"]

logger = logging.getLogger(__name__)

# Where the address the sender used can be: the visible recipients, and the envelope
# recipient the receiving server records (a Bcc or a list shows only there).
RECIPIENT_HEADERS = ("To", "Cc", "Delivered-To", "X-Original-To")


def ingest_raw(raw: bytes, *, source: str = "pipe", team: Any = None) -> IngestResult:
    inbound = inbound_email_store(raw=raw, source=source, team=team)
    result = inbound_email_process(inbound=inbound)
    crisis_tag_link(result, raw)
    return result


def recipient_addresses(raw: bytes) -> list[str]:
    """Every recipient address in the headers (To, Cc, Delivered-To, X-Original-To), each
    repeated header counted (servers add one Delivered-To per hop)."""
    msg = email.parser.BytesHeaderParser(policy=email.policy.default).parsebytes(raw)
    texts: list[str] = []
    for name in RECIPIENT_HEADERS:
        try:
            texts.extend(clean_text(str(value)) for value in msg.get_all(name) or [])
        except Exception:  # a header the policy cannot read: the robust single-value reader
            texts.append(header(msg, name))
    return [address for _name, address in getaddresses(texts) if "@" in address]


def crisis_tag_link(result: IngestResult, raw: bytes) -> list[Any]:
    """Link the case an email landed on to the open crisis whose mailbox tag it was sent to.

    Runs after the message is recorded (its own transaction is committed), so linking can never
    cost the message: a failure here is logged and the case stays as it is, unlinked. Only new
    cases and replies count; duplicates and ignored mail were handled before."""
    if result.outcome not in ("new", "reply") or result.case is None:
        return []
    try:
        from kalm.crisis.outreach import crisis_link_by_mailbox_tag

        return crisis_link_by_mailbox_tag(case=result.case, addresses=recipient_addresses(raw))
    except Exception:  # ingest_raw never raises for a message it stored; see the docstring
        logger.exception("Could not link case %s to a crisis by mailbox tag", result.case.pk)
        return []
