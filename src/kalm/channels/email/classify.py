"""Mail that must never open a case or get an answer: auto-replies, bounces, our own mail."""

from __future__ import annotations

from kalm.channels.email.parse import ParsedEmail, header

AUTO_REPLY = "auto_reply"
BOUNCE = "bounce"

_BOUNCE_SENDERS = {"mailer-daemon", "postmaster", "mail-daemon", "mailerdaemon"}


def classify(
    parsed: ParsedEmail, *, own_addresses: frozenset[str] | set[str]
) -> tuple[str, str] | None:
    """``(kind, reason)`` when the message is automatic and must be ignored, else None."""
    msg = parsed.message
    ctype = msg.get_content_type()
    try:
        report_type = (msg.get_param("report-type") or "").lower()
    except Exception:
        report_type = ""
    local = parsed.from_address.split("@", 1)[0]
    if ctype == "multipart/report" and report_type == "delivery-status":
        return BOUNCE, "delivery status notification"
    if local in _BOUNCE_SENDERS:
        return BOUNCE, f"sent by {parsed.from_address}"
    if header(msg, "X-Failed-Recipients"):
        return BOUNCE, "X-Failed-Recipients"
    if parsed.from_address and parsed.from_address in own_addresses:
        return AUTO_REPLY, "sent from our own address (mail loop)"
    auto_submitted = header(msg, "Auto-Submitted").lower()
    if auto_submitted and auto_submitted.split(";")[0].strip() != "no":
        return AUTO_REPLY, f"Auto-Submitted: {auto_submitted}"
    for name in ("X-Autoreply", "X-Autorespond", "X-Auto-Response-Suppress"):
        if header(msg, name):
            return AUTO_REPLY, name
    precedence = header(msg, "Precedence").lower()
    if precedence in {"bulk", "junk", "auto_reply", "auto-reply"}:
        return AUTO_REPLY, f"Precedence: {precedence}"
    if ctype == "multipart/report" and report_type == "disposition-notification":
        return AUTO_REPLY, "read receipt"
    return None
