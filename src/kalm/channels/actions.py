"""Every write of the channels app: inbound emails stored and processed, Message-IDs recorded."""

from __future__ import annotations

import email.parser
import email.policy
import hashlib
import io
from dataclasses import dataclass, replace
from email.utils import parseaddr
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kalm.accounts.models import Team
from kalm.cases.actions import (
    case_confirmation_queue,
    case_open_linked,
    message_receive,
)
from kalm.cases.models import Case, Channel, Message
from kalm.channels.email.classify import AUTO_REPLY, classify
from kalm.channels.email.parse import ParsedEmail, clean_text, header, message_ids, parse
from kalm.channels.email.quotes import strip_quotes
from kalm.channels.email.threading import thread_find
from kalm.channels.models import EmailRef, InboundEmail
from kalm.core.prepared import prepared_list
from kalm.core.selectors import organisation
from kalm.dossier.evidence import EvidenceRefused, evidence_attach

Status = InboundEmail.Status

# The one-line answer of `kalm ingest_email` (and of the HTTP endpoint) per outcome.
OUTCOMES = ("new", "reply", "duplicate", "auto_reply", "bounce", "quarantined")


@dataclass(frozen=True)
class IngestResult:
    outcome: str  # one of OUTCOMES
    case: Case | None
    line: str
    inbound: InboundEmail | None = None
    # The addresses it was sent to, when processing parsed it (crisis_tag_link reads them).
    recipients: tuple[str, ...] | None = None


_HEADER_FIELDS = ("message_id", "from_address", "from_name", "subject")


class Quarantine(Exception):
    """The message cannot become a case message; it is kept, with this reason, for an admin."""


def email_ref_record(
    *, message_id: str, case: Case, message: Message | None = None, direction: str
) -> EmailRef:
    """Remember a Message-ID for threading: ``direction`` is ``"in"`` or ``"out"``.

    Inbound ingest calls it for each email it puts on a case. The outbound sender must call it
    for every email Kalm sends (confirmation, agent reply, solution), with the Message-ID it put
    in the header (angle brackets optional) and ``direction="out"``: a consumer's answer that
    quotes it in In-Reply-To/References then lands on the same case, and our own message coming
    back (a loop) is recognised. Recording the same Message-ID again returns the first row.
    """
    if direction not in EmailRef.Direction.values:
        raise ValueError(f"direction must be 'in' or 'out', not {direction!r}")
    clean = (message_ids(message_id) or [message_id.strip().strip("<>")])[0][:500]
    if not clean:
        raise ValueError("empty Message-ID")
    # Inserted first (ingest has just found no row for it), read only when it was there.
    try:
        with transaction.atomic():
            return EmailRef.objects.create(
                message_id=clean, case=case, case_message=message, direction=direction
            )
    except IntegrityError:
        return EmailRef.objects.get(message_id=clean)


def _headers_preview(raw: bytes) -> dict[str, str]:
    try:
        msg = email.parser.BytesHeaderParser(policy=email.policy.default).parsebytes(raw)
        return {
            "message_id": (message_ids(header(msg, "Message-ID")) or [""])[0],
            "from_address": header(msg, "From")[:320],
            "subject": header(msg, "Subject")[:500],
        }
    except Exception:  # the full processing step records why; storing must not fail here
        return {}


def inbound_email_store(
    *,
    raw: bytes,
    source: str = "pipe",
    team: Any = None,
    status: str = Status.NEW,
    reason: str = "",
    size: int | None = None,
    preview: bool = True,
) -> InboundEmail:
    """Keep the raw message before anything else is tried, so nothing received is ever lost.

    ``preview``: read its Message-ID, sender and subject now. Ingest leaves that to processing,
    which parses the message anyway and writes them with the outcome."""
    return InboundEmail.objects.create(
        raw=raw,
        size=len(raw) if size is None else size,
        sha256=hashlib.sha256(raw).hexdigest(),
        source=source[:100],
        team=team,
        status=status,
        outcome="quarantined" if status == Status.QUARANTINED else "",
        reason=reason,
        **(_headers_preview(raw) if preview else {}),
    )


def inbound_email_accept(*, raw: bytes, source: str = "http") -> InboundEmail:
    """Store a message handed over with ``Prefer: respond-async`` (decision 0021): kept raw and
    queued, committed before it is answered; the worker is woken on commit and processes it
    with the others waiting (kalm.channels.email.ingest.ingest_queued)."""
    from kalm.channels.tasks import queue_inbound_emails

    inbound = inbound_email_store(raw=raw, source=source, status=Status.QUEUED, preview=False)
    transaction.on_commit(queue_inbound_emails)
    return inbound


def inbound_email_too_large(*, raw: bytes, size: int, limit: int, source: str) -> IngestResult:
    """A message over the size limit: what arrived of it is kept, quarantined with its size."""
    reason = (
        f"message too large: {size} bytes, limit {limit} (only the first {len(raw)} bytes kept)"
    )
    inbound = inbound_email_store(
        raw=raw, source=source, status=Status.QUARANTINED, reason=reason, size=size
    )
    return quarantined_result(inbound)


def _line(outcome: str, case: Case | None, reason: str = "", fallback: str = "") -> str:
    if outcome in ("new", "reply"):
        return f"case {case.reference} {outcome}"
    if outcome == "duplicate":
        return f"duplicate of {case.reference if case else fallback or 'an earlier message'}"
    if outcome == "auto_reply":
        return "ignored: auto-reply"
    if outcome == "bounce":
        return "ignored: bounce"
    return f"quarantined: {' '.join(reason.split())[:300]}"


def quarantined_result(inbound: InboundEmail) -> IngestResult:
    return IngestResult("quarantined", None, _line("quarantined", None, inbound.reason), inbound)


def inbound_email_process(*, inbound: InboundEmail) -> IngestResult:
    """Parse, classify, thread and record one stored message. Never raises for a bad message:
    whatever goes wrong is written on the row (quarantined, with the reason) and returned."""
    # Counted in memory and written with the outcome: one commit fewer per message.
    inbound.attempts += 1
    try:
        with transaction.atomic():
            return _process(inbound)
    except IntegrityError:
        # Another delivery of the same Message-ID was processed at the same moment.
        prior = _prior_processed(inbound, inbound.message_id)
        if prior is not None:
            return _finish(inbound, Status.DUPLICATE, "duplicate", prior.case)
        return _quarantine(inbound, Status.FAILED, "database refused the message (integrity)")
    except Quarantine as exc:
        return _quarantine(inbound, Status.QUARANTINED, str(exc))
    except DatabaseError as exc:
        return _quarantine(inbound, Status.FAILED, f"database error: {exc}")
    except Exception as exc:  # any bug or hostile input: keep it, say why, go on
        return _quarantine(inbound, Status.QUARANTINED, f"{type(exc).__name__}: {exc}")


def _quarantine(inbound: InboundEmail, status: str, reason: str) -> IngestResult:
    reason = clean_text(" ".join(reason.split()))[:1000] or "unknown error"
    if not any(getattr(inbound, name) for name in _HEADER_FIELDS):
        # It failed before its headers were read (stored without a preview): read them alone.
        for name, value in _headers_preview(bytes(inbound.raw)).items():
            setattr(inbound, name, value)
    InboundEmail.objects.filter(pk=inbound.pk).update(
        status=status,
        outcome="quarantined",
        reason=reason,
        processed_at=timezone.now(),
        attempts=inbound.attempts,
        **{name: getattr(inbound, name) for name in _HEADER_FIELDS},
    )
    inbound.status, inbound.outcome, inbound.reason = status, "quarantined", reason
    return quarantined_result(inbound)


def _finish(
    inbound: InboundEmail,
    status: str,
    outcome: str,
    case: Case | None,
    *,
    reason: str = "",
    message: Message | None = None,
    **fields: Any,
) -> IngestResult:
    values = {
        "status": status,
        "outcome": outcome,
        "case": case,
        "case_message": message,
        "reason": reason,
        "processed_at": timezone.now(),
        **fields,
    }
    for key, value in values.items():
        setattr(inbound, key, value)
    inbound.save(update_fields=[*values, *_HEADER_FIELDS, "attempts"])
    return IngestResult(outcome, case, _line(outcome, case, reason, inbound.message_id), inbound)


def _prior_processed(inbound: InboundEmail, message_id: str) -> InboundEmail | None:
    # The status is checked here, not in SQL: without table statistics SQLite's planner picks
    # the status index for both conditions and then reads every processed email, so intake got
    # slower with each email taken in. Few rows share a Message-ID or a SHA-256.
    field, value = ("message_id", message_id) if message_id else ("sha256", inbound.sha256)
    # Compiled once per connection (kalm.core.prepared): every email asks it.
    prior = prepared_list(
        ("channels.prior", field),
        lambda value, pk: (
            InboundEmail.objects.filter(**{field: value})
            .exclude(pk=pk)
            .select_related("case")
            .defer("raw")
        ),  # newest first (the model's ordering), as .first() gave
        values=[value, inbound.pk],
    )
    return next((row for row in prior if row.status == Status.PROCESSED), None)


class _Upload(io.BytesIO):
    """An attachment as evidence_attach reads an upload: bytes with a name."""

    def __init__(self, name: str, data: bytes) -> None:
        super().__init__(data)
        self.name = name


def _process(inbound: InboundEmail) -> IngestResult:
    parsed = parse(bytes(inbound.raw))
    # Written with the outcome (_finish), or by _quarantine when processing fails: this
    # transaction is rolled back then, so an UPDATE here would be lost with it.
    inbound.message_id = parsed.message_id
    inbound.from_address = parsed.from_address
    inbound.from_name = parsed.from_name
    inbound.subject = parsed.subject

    org = organisation()
    verdict = classify(parsed, own_addresses=_own_addresses(org.sender_email))
    if verdict is not None:
        kind, reason = verdict
        status = Status.IGNORED_AUTO_REPLY if kind == AUTO_REPLY else Status.IGNORED_BOUNCE
        return _finish(inbound, status, kind, None, reason=reason)

    if parsed.message_id:
        found = prepared_list(
            "channels.ref",
            lambda message_id: (
                EmailRef.objects.select_related("case")
                .filter(message_id=message_id)
                .order_by("pk")[:1]
            ),
            values=[parsed.message_id],
        )
        ref = found[0] if found else None
        if ref is not None and ref.direction == EmailRef.Direction.OUT:
            return _finish(
                inbound,
                Status.IGNORED_AUTO_REPLY,
                AUTO_REPLY,
                None,
                reason="our own message came back (mail loop)",
            )
        if ref is not None:
            return _finish(inbound, Status.DUPLICATE, "duplicate", ref.case)
    prior = _prior_processed(inbound, parsed.message_id)
    if prior is not None:
        return _finish(inbound, Status.DUPLICATE, "duplicate", prior.case)

    if not parsed.from_address or "@" not in parsed.from_address:
        raise Quarantine("no sender address")
    return _deliver(inbound, parsed)


def _own_addresses(sender_email: str) -> frozenset[str]:
    """Every address Kalm sends from (organisation, settings, teams): mail from them is ours
    coming back, never a consumer, so answering it could start a loop."""
    candidates = [sender_email, settings.DEFAULT_FROM_EMAIL]
    candidates += prepared_list(
        "channels.team_addresses",
        lambda: Team.objects.exclude(email="").order_by("name").values_list("email", flat=True),
    )
    return _addresses(tuple(candidates))


@lru_cache(maxsize=64)
def _addresses(candidates: tuple[str, ...]) -> frozenset[str]:
    return frozenset(parseaddr(a)[1].lower() for a in candidates if a and parseaddr(a)[1])


def _deliver(inbound: InboundEmail, parsed: ParsedEmail) -> IngestResult:
    thread = thread_find(parsed)
    body = strip_quotes(parsed.text) if parsed.text else ""
    if parsed.forwarded:
        body = f"{body}\n\n{parsed.forwarded}".strip()
    if not body:
        body = _("(The email had no text.)")
    full = parsed.full_text
    payload_extra: dict[str, Any] = {
        "email": {
            "inbound_email_id": inbound.pk,
            "message_id": parsed.message_id,
            "from": parsed.from_address,
            "subject": parsed.subject,
        }
    }
    if full and full != body:
        payload_extra["original_body"] = full

    if thread.case is None:
        opened = case_open_linked(
            name=parsed.from_name or parsed.from_address,
            email=parsed.from_address,
            subject=parsed.subject,
            body=body,
            channel=Channel.EMAIL,
            team=inbound.team,
            payload_extra=payload_extra,
        )
        case, message = opened.case, opened.message
        case_confirmation_queue(case=case, token=opened.status_token)
        outcome = "new"
    else:
        case = thread.case
        message = message_receive(
            case=case, body=body, channel=Channel.EMAIL, payload_extra=payload_extra
        )
        outcome = "reply"

    attachments = []
    for attachment in parsed.attachments:
        record: dict[str, Any] = {
            "name": attachment.filename,
            "content_type": attachment.content_type,
            "size": len(attachment.data),
            "inline": attachment.inline,
        }
        if attachment.packed_in:
            record["packed_in"] = attachment.packed_in
        try:
            evidence = evidence_attach(
                case=case,
                upload=_Upload(attachment.filename, attachment.data),
                from_consumer=True,
                message=message,
            )
            record["evidence_id"] = evidence.pk
        except EvidenceRefused as exc:
            record["refused"] = exc.reason
        attachments.append(record)

    if parsed.message_id:
        email_ref_record(
            message_id=parsed.message_id,
            case=case,
            message=message,
            direction=EmailRef.Direction.IN,
        )
    result = _finish(
        inbound,
        Status.PROCESSED,
        outcome,
        case,
        message=message,
        text_full=full,
        html_sanitised=parsed.html_sanitised,
        attachments=attachments,
    )
    return replace(result, recipients=tuple(parsed.recipients))


REPROCESSABLE = frozenset({Status.QUARANTINED, Status.FAILED})
# With force: a row left "new" by a crashed worker, or an ignored one after a rule was fixed.
REPROCESSABLE_FORCED = REPROCESSABLE | {
    Status.NEW,
    Status.IGNORED_AUTO_REPLY,
    Status.IGNORED_BOUNCE,
}


def inbound_email_reprocess(*, inbound: InboundEmail, force: bool = False) -> IngestResult:
    """Run a stored message through processing again, e.g. after the bug that quarantined it
    was fixed. Processed and duplicate messages are refused: they already are on a case."""
    allowed = REPROCESSABLE_FORCED if force else REPROCESSABLE
    if inbound.status not in allowed:
        raise ValueError(
            f"status is {inbound.status}; only {', '.join(sorted(allowed))} can be processed again"
        )
    result = inbound_email_process(inbound=inbound)
    # Linking by the crisis mailbox tag happens after ingest, so a reprocessed message needs it too.
    from kalm.channels.email.ingest import crisis_tag_link

    crisis_tag_link(result)
    return result
