"""One entry point for every inbound email, whatever brought it (MTA pipe, IMAP, HTTP).

    result = ingest_raw(raw_bytes, source="imap:support", team=team)
    print(result.line)   # "case K26-7F3Q9X new", "duplicate of K26-…", "ignored: bounce", …

The raw bytes are stored first (so nothing received is ever lost), then parsed, classified,
threaded and recorded. It never raises for a bad message: the row is quarantined with the
reason and the result says so. It raises only when the raw message itself cannot be stored.
"""

from __future__ import annotations

from typing import Any

from kalm.channels.actions import (
    OUTCOMES,
    IngestResult,
    inbound_email_process,
    inbound_email_store,
)

__all__ = ["OUTCOMES", "IngestResult", "ingest_raw"]


def ingest_raw(raw: bytes, *, source: str = "pipe", team: Any = None) -> IngestResult:
    inbound = inbound_email_store(raw=raw, source=source, team=team)
    return inbound_email_process(inbound=inbound)
