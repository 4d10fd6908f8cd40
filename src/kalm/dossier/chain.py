"""The hash chain: how an entry's hash is computed, and how a chain is verified."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC
from typing import Any

GENESIS = "0" * 64


def canonical(entry: Any, case_reference: str) -> bytes:
    """Canonical bytes of an entry: every field that matters, in a fixed order and encoding."""
    data = {
        "case": case_reference,
        "seq": entry.seq,
        "kind": entry.kind,
        # Normalised to UTC: the database hands datetimes back in UTC whatever zone they had.
        "created_at": entry.created_at.astimezone(UTC).isoformat(timespec="microseconds"),
        "actor_type": entry.actor_type,
        "actor_id": entry.actor_id,
        "actor_label": entry.actor_label,
        "actor_alias": entry.actor_alias,
        "summary": entry.summary,
        "payload": entry.payload,
        "public": bool(entry.public),
        "prev_hash": entry.prev_hash,
    }
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def entry_hash(entry: Any, case_reference: str) -> str:
    return hashlib.sha256(canonical(entry, case_reference)).hexdigest()


@dataclass(frozen=True)
class ChainProblem:
    case_reference: str
    seq: int | None
    entry_id: int | None
    reason: str

    def __str__(self) -> str:
        where = (
            f"entry #{self.seq} (id {self.entry_id})" if self.seq is not None else "end of chain"
        )
        return f"case {self.case_reference}: {where}: {self.reason}"


def verify_chain(
    case_reference: str, entries: Iterable[Any], *, expected_length: int, expected_head: str
) -> ChainProblem | None:
    """Return the first problem in one case's chain, or None when it is intact."""
    prev = GENESIS
    expected_seq = 1
    last_hash = GENESIS
    for entry in entries:
        if entry.seq != expected_seq:
            return ChainProblem(
                case_reference,
                entry.seq,
                entry.id,
                f"expected entry #{expected_seq}: entries removed",
            )
        if entry.prev_hash != prev:
            return ChainProblem(
                case_reference, entry.seq, entry.id, "link to previous entry broken"
            )
        computed = entry_hash(entry, case_reference)
        if computed != entry.hash:
            return ChainProblem(
                case_reference, entry.seq, entry.id, "content altered (hash mismatch)"
            )
        prev = last_hash = entry.hash
        expected_seq += 1
    count = expected_seq - 1
    if count != expected_length or (count and last_hash != expected_head):
        return ChainProblem(
            case_reference,
            None,
            None,
            f"case records {expected_length} entries ending in {expected_head[:12] or '-'}, "
            f"found {count} ending in {last_hash[:12]}: newest entries removed",
        )
    return None
