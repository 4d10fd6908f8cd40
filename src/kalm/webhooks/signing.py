"""The signature scheme, shared by inbound verification and outbound replies (Stripe-like).

``X-Kalm-Timestamp: <unix seconds>`` and ``X-Kalm-Signature: sha256=<hex>``, where hex is the
HMAC-SHA256 with the source's secret over ``b"<timestamp>." + raw_body``.
"""

from __future__ import annotations

import hashlib
import hmac

TIMESTAMP_HEADER = "X-Kalm-Timestamp"
SIGNATURE_HEADER = "X-Kalm-Signature"


def signature_for(secret: str, timestamp: str | int, body: bytes) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def signed_headers(secret: str, timestamp: int, body: bytes) -> dict[str, str]:
    return {
        TIMESTAMP_HEADER: str(timestamp),
        SIGNATURE_HEADER: signature_for(secret, timestamp, body),
    }


def signature_valid(secret: str, timestamp: str, body: bytes, signature: str) -> bool:
    """Constant-time comparison of the given header with the expected signature."""
    expected = signature_for(secret, timestamp, body)
    return hmac.compare_digest(expected.encode(), signature.strip().encode("utf-8", "replace"))
