"""Every write for webhooks: receiving and storing a delivery, mapping it onto a case, and sending
signed replies back to the source.

Every inbound request is stored first (raw body included) and then processed in its own
transaction, so a payload we cannot process is kept, visible in the admin, and can be re-processed.
"""

from __future__ import annotations

import json
import logging
import secrets
import time
import urllib.error
import urllib.request
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kalm.cases.actions import case_open, message_receive, phone_note_add
from kalm.cases.models import OPEN_STATUSES, Case, Channel, Message
from kalm.consumers.actions import consumer_find_or_create_by_identity, consumer_resolve
from kalm.consumers.models import ContactIdentity
from kalm.dossier.actions import entry_append
from kalm.dossier.evidence import EvidenceRefused, evidence_attach
from kalm.dossier.models import EntryKind
from kalm.webhooks.mappings import InboundEvent, PayloadInvalid, mmss, parse_payload
from kalm.webhooks.models import (
    OUTBOUND_MAX_ATTEMPTS,
    OutboundWebhook,
    WebhookConversation,
    WebhookDelivery,
    WebhookSource,
)
from kalm.webhooks.signing import (
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    signature_valid,
    signed_headers,
)

logger = logging.getLogger(__name__)

OUTBOUND_TIMEOUT = 10
KEPT_HEADERS = (
    "Content-Type",
    "Content-Length",
    "User-Agent",
    TIMESTAMP_HEADER,
    SIGNATURE_HEADER,
)
Status = WebhookDelivery.Status


def max_body_bytes() -> int:
    return settings.KALM_WEBHOOK_MAX_BYTES


def source_secret_new() -> str:
    return "whsec_" + secrets.token_urlsafe(32)


def source_secret_rotate(*, source: WebhookSource, actor: Any = None) -> WebhookSource:
    """Give a source a new signing secret; the caller shows it once (it is never listed)."""
    source.secret = source_secret_new()
    if source.pk:
        source.save(update_fields=["secret"])
        logger.info("webhook source %s: new signing secret by %s", source.slug, actor)
    return source


# --- inbound ---------------------------------------------------------------------------------


def _finish(delivery: WebhookDelivery, status: str, http_status: int, reason: str = "") -> None:
    delivery.status, delivery.http_status, delivery.reason = status, http_status, reason
    delivery.processed_at = timezone.now()
    delivery.save(update_fields=["status", "http_status", "reason", "processed_at"])


def delivery_receive(
    *,
    slug: str,
    body: bytes,
    headers: dict[str, str],
    remote_addr: str | None = None,
    too_large: bool = False,
) -> WebhookDelivery:
    """Store one inbound request, check it and process it; ``http_status`` says what to answer.

    ``too_large`` means the body went over the limit: the request is recorded as rejected with
    413, without the (truncated, so useless) body."""
    source = WebhookSource.objects.filter(slug=slug).first()
    kept = {name: headers[name][:500] for name in KEPT_HEADERS if name in headers}
    delivery = WebhookDelivery.objects.create(
        source=source,
        slug=slug[:100],
        remote_addr=remote_addr or None,
        headers=kept,
        body=b"" if too_large else body,
    )
    if source is None or not source.active:
        _finish(delivery, Status.REJECTED, 404, "unknown or inactive source")
        return delivery
    if too_large:
        _finish(
            delivery,
            Status.REJECTED,
            413,
            f"body larger than the limit of {max_body_bytes()} bytes (not kept)",
        )
        return delivery
    timestamp = headers.get(TIMESTAMP_HEADER, "").strip()
    signature = headers.get(SIGNATURE_HEADER, "").strip()
    if not timestamp or not signature:
        _finish(delivery, Status.REJECTED, 401, "missing signature or timestamp header")
        return delivery
    if not (timestamp.isascii() and timestamp.isdigit()) or len(timestamp) > 12:
        _finish(delivery, Status.REJECTED, 401, "timestamp is not a number of unix seconds")
        return delivery
    if not signature_valid(source.secret, timestamp, body, signature):
        _finish(delivery, Status.REJECTED, 401, "invalid signature")
        return delivery
    delivery.signature_ok = True
    delivery.save(update_fields=["signature_ok"])
    skew = abs(time.time() - int(timestamp))
    if skew > source.timestamp_tolerance:
        _finish(
            delivery,
            Status.REJECTED,
            401,
            f"timestamp outside the window of {source.timestamp_tolerance} seconds "
            f"(off by {int(skew)} seconds)",
        )
        return delivery
    return delivery_process(delivery=delivery)


def delivery_process(*, delivery: WebhookDelivery) -> WebhookDelivery:
    """Map a signed delivery onto a case. Duplicate event ids are answered, never applied twice."""
    source = delivery.source
    assert source is not None and delivery.signature_ok
    try:
        data = json.loads(bytes(delivery.body).decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:  # RecursionError: [[[[…
        _finish(delivery, Status.REJECTED, 422, f"body: not valid JSON ({exc})"[:2000])
        return delivery
    try:
        event = parse_payload(source.kind, data)
    except PayloadInvalid as exc:
        _finish(delivery, Status.REJECTED, 422, "\n".join(exc.problems))
        return delivery
    delivery.event_id = event.event_id
    delivery.save(update_fields=["event_id"])
    if _mark_if_duplicate(delivery):
        return delivery
    try:
        with transaction.atomic():
            message, notes = event_apply(source=source, event=event)
            delivery.case, delivery.message = message.case, message
            delivery.status, delivery.http_status = Status.ACCEPTED, 200
            delivery.reason = "\n".join(notes)
            delivery.processed_at = timezone.now()
            delivery.save()
    except IntegrityError:
        # Another request with the same event id won the race: that one counts.
        if _mark_if_duplicate(delivery):
            return delivery
        logger.exception("webhook delivery %s failed", delivery.pk)
        delivery.case = delivery.message = None
        _finish(delivery, Status.FAILED, 500, "database integrity error while processing")
    except Exception as exc:  # kept and shown to admins; re-processable after a fix
        logger.exception("webhook delivery %s failed", delivery.pk)
        delivery.case = delivery.message = None
        _finish(delivery, Status.FAILED, 500, f"{type(exc).__name__}: {exc}"[:2000])
    return delivery


def _mark_if_duplicate(delivery: WebhookDelivery) -> bool:
    first = (
        WebhookDelivery.objects.filter(
            source=delivery.source, event_id=delivery.event_id, status=Status.ACCEPTED
        )
        .exclude(pk=delivery.pk)
        .first()
    )
    if first is None:
        return False
    delivery.case_id, delivery.message_id = first.case_id, first.message_id
    delivery.save(update_fields=["case", "message"])
    _finish(delivery, Status.DUPLICATE, 200, f"duplicate of delivery #{first.pk}")
    return True


def delivery_reprocess(*, delivery: WebhookDelivery, actor: Any = None) -> WebhookDelivery:
    """Run a stored rejected or failed delivery again (after a fix of the mapping or the source).

    The signature is checked again with the source's current secret; the time window is not, as
    the request is old by now. Unsigned or badly signed bodies are never applied."""
    if delivery.status not in {Status.REJECTED, Status.FAILED}:
        raise ValueError(_("Only rejected or failed deliveries can be re-processed."))
    source = delivery.source
    if source is None:
        raise ValueError(_("This delivery was not for a known source."))
    timestamp = str(delivery.headers.get(TIMESTAMP_HEADER, ""))
    signature = str(delivery.headers.get(SIGNATURE_HEADER, ""))
    body = bytes(delivery.body)
    if not (timestamp and signature and signature_valid(source.secret, timestamp, body, signature)):
        raise ValueError(_("The stored request is not signed with this source's secret."))
    delivery.signature_ok = True
    delivery.save(update_fields=["signature_ok"])
    logger.info("webhook delivery %s re-processed by %s", delivery.pk, actor)
    return delivery_process(delivery=delivery)


def _open_case_of(consumer_id: int, channel: str | None = None) -> Case | None:
    cases = Case.objects.filter(
        consumer_id=consumer_id, status__in=OPEN_STATUSES, merged_into__isnull=True
    )
    if channel:
        cases = cases.filter(channel=channel)
    return cases.order_by("-updated_at", "-id").first()


def event_apply(*, source: WebhookSource, event: InboundEvent) -> tuple[Message, list[str]]:
    """Put one normalised event on a case; returns the message and notes (refused files)."""
    if event.kind == "call":
        return _call_apply(source=source, event=event), []
    return _social_apply(source=source, event=event)


def _social_apply(*, source: WebhookSource, event: InboundEvent) -> tuple[Message, list[str]]:
    consumer = consumer_find_or_create_by_identity(
        kind=ContactIdentity.Kind.SOCIAL, value=event.identity.value, name=event.identity.name
    )
    conversation = (
        WebhookConversation.objects.select_for_update()
        .select_related("case")
        .filter(source=source, conversation_id=event.thread_id)
        .first()
    )
    case = None
    if conversation is not None:
        case = conversation.case
        while case.merged_into_id:
            case = case.merged_into
        if not case.is_open:
            case = None
    case = case or _open_case_of(consumer.pk, Channel.SOCIAL)
    body = event.text
    links = [a for a in event.attachments if a.url]
    if links:
        lines = [f"- {a.filename}: {a.url}" for a in links]
        body = "\n\n".join(
            part for part in [body, _("Links (not downloaded):") + "\n" + "\n".join(lines)] if part
        )
    if not body:
        body = _("(%(count)d attachment(s))") % {"count": len(event.attachments)}
    extra = {
        "webhook": {
            "source": source.slug,
            "event_id": event.event_id,
            "platform": event.platform,
            "type": event.type,
            "identity": event.identity.value,
        }
    }
    if case is None:
        who = event.identity.value.split(":", 1)[-1]
        case = case_open(
            name=event.identity.name,
            subject=_("%(platform)s %(type)s from %(who)s")
            % {"platform": event.platform.capitalize(), "type": event.type, "who": who},
            body=body,
            channel=Channel.SOCIAL,
            team=source.team,
            consumer=consumer,
            payload_extra=extra,
        )
        message = case.messages.order_by("-id").first()
        assert message is not None
    else:
        message = message_receive(case=case, body=body, channel=Channel.SOCIAL, payload_extra=extra)
    WebhookConversation.objects.update_or_create(
        source=source,
        conversation_id=event.thread_id,
        defaults={"case": case, "last_event_id": event.event_id, "updated_at": timezone.now()},
    )
    notes = []
    for attachment in event.attachments:
        if attachment.content is None:
            continue
        try:
            evidence_attach(
                case=case,
                upload=ContentFile(attachment.content, name=attachment.filename),
                from_consumer=True,
                message=message,
            )
        except EvidenceRefused as exc:  # recorded in the dossier by evidence_attach
            notes.append(f"attachment refused: {exc}")
    return message, notes


def _call_apply(*, source: WebhookSource, event: InboundEvent) -> Message:
    call = event.call
    assert call is not None
    number = event.identity.value
    identity = (
        ContactIdentity.objects.select_related("consumer")
        .filter(kind=ContactIdentity.Kind.PHONE, value=number)
        .first()
    )
    case = _open_case_of(consumer_resolve(identity.consumer).pk) if identity else None
    started = timezone.localtime(event.occurred_at).strftime("%Y-%m-%d %H:%M")
    lines = [
        # phone_note_add puts the direction in front ("Incoming call: ...").
        _("duration %(duration)s (mm:ss), started %(start)s")
        % {"duration": mmss(call.duration_seconds), "start": started},
        _("Number: %(number)s") % {"number": number},
    ]
    if call.recording_url:
        lines.append(_("Recording: %(url)s") % {"url": call.recording_url})
    if call.agent_extension:
        lines.append(_("Agent extension: %(ext)s") % {"ext": call.agent_extension})
    if call.notes:
        lines.append("")
        lines.append(call.notes)
    if case is None:
        raw = call.caller if call.direction == "inbound" else call.callee
        case = case_open(
            name=raw,
            phone=raw,
            subject=_("Phone call with %(number)s") % {"number": number},
            # The public first message stays neutral; details (recording) are in the phone note.
            body=_("Phone call on %(start)s.") % {"start": started},
            channel=Channel.PHONE,
            team=source.team,
            payload_extra={"webhook": {"source": source.slug, "event_id": event.event_id}},
        )
    return phone_note_add(case=case, agent=None, body="\n".join(lines), direction=call.direction)


# --- outbound --------------------------------------------------------------------------------


def outbound_reply_queue(message: Message) -> OutboundWebhook | None:
    """Deliverer for the social channel: queue the reply for the source the conversation came
    from. Idempotent: one row per message, a second call does not send again."""
    conversation = (
        WebhookConversation.objects.select_related("source")
        .filter(case_id=message.case_id)
        .order_by("-updated_at", "-id")
        .first()
    )
    if conversation is None:  # a social case that never came in by webhook: answer by email
        from kalm.channels.delivery import deliverer_for

        fallback = deliverer_for(Channel.EMAIL)
        if fallback is not None and fallback is not outbound_reply_queue:
            fallback(message)
        return None
    source = conversation.source
    payload = {
        "event": "reply",
        "id": f"kalm-reply-{message.pk}",
        "case": message.case.reference,
        "conversation_id": conversation.conversation_id,
        "in_reply_to": conversation.last_event_id,
        "text": message.body,
        "author_alias": message.author_alias,
    }
    with transaction.atomic():
        outbound, created = OutboundWebhook.objects.get_or_create(
            message=message,
            defaults={
                "source": source,
                "case_id": message.case_id,
                "url": source.outbound_url,
                "payload": payload,
            },
        )
        if created and not source.outbound_url:
            _outbound_fail(outbound, _("No reply URL is configured for this source."))
        elif created:
            transaction.on_commit(lambda: _enqueue(outbound.pk))
    return outbound


def _enqueue(outbound_id: int) -> None:
    from kalm.webhooks.tasks import deliver_outbound_webhook

    deliver_outbound_webhook(outbound_id)


def outbound_statement_create(*, source: WebhookSource, payload: dict[str, Any]) -> OutboundWebhook:
    """A crisis statement draft for a social source, posted signed like a reply (the social
    team places it). Not tied to a case. Idempotent per payload id and source; call
    ``outbound_dispatch`` once the caller has linked it to its draft."""
    existing = OutboundWebhook.objects.filter(
        source=source, kind=OutboundWebhook.Kind.STATEMENT, payload__id=payload["id"]
    ).first()
    if existing is not None:
        return existing
    return OutboundWebhook.objects.create(
        source=source,
        kind=OutboundWebhook.Kind.STATEMENT,
        url=source.outbound_url,
        payload=payload,
    )


def outbound_dispatch(outbound: OutboundWebhook) -> OutboundWebhook:
    """Queue a pending row for the worker after commit, or fail it at once without a URL (so
    a source nobody set up shows as failed instead of being skipped in silence)."""
    if outbound.status != OutboundWebhook.Status.PENDING or outbound.attempts:
        return outbound
    if not outbound.url:
        _outbound_fail(
            outbound,
            _("No reply URL is configured for this source.")
            if outbound.kind == OutboundWebhook.Kind.REPLY
            else _("No outbound URL is configured for this source: the draft was not posted."),
        )
    else:
        transaction.on_commit(lambda: _enqueue(outbound.pk))
    return outbound


def _outbound_fail(outbound: OutboundWebhook, error: str) -> None:
    """Fail for good and say so where people look: the case's dossier for a reply, the crisis
    timeline for a statement draft (which has no case)."""
    outbound.status, outbound.last_error = OutboundWebhook.Status.FAILED, error[:2000]
    outbound.save(update_fields=["status", "last_error"])
    if outbound.case_id is None:
        if outbound.kind == OutboundWebhook.Kind.STATEMENT:
            # Imported here: crisis depends on webhooks, not the other way round.
            from kalm.crisis.social import social_draft_failed

            social_draft_failed(outbound=outbound, error=error)
        else:
            logger.warning("outbound webhook %s failed without a case: %s", outbound.pk, error)
        return
    entry_append(
        case=outbound.case,
        kind=EntryKind.NOTE,
        summary=_("Reply could not be delivered to %(source)s: %(error)s")
        % {"source": outbound.source.name, "error": error[:200]},
        payload={
            "outbound_webhook_id": outbound.pk,
            "message_id": outbound.message_id,
            "error": error[:2000],
            "attempts": outbound.attempts,
        },
    )


def outbound_webhook_send(*, outbound_id: int) -> OutboundWebhook:
    """One attempt to post a reply or a statement draft. A sent or failed row is never sent again; the attempt is
    claimed with a conditional update so two workers never post the same try twice."""
    outbound = OutboundWebhook.objects.select_related("source", "case").get(pk=outbound_id)
    if outbound.status != OutboundWebhook.Status.PENDING:
        return outbound
    claimed = OutboundWebhook.objects.filter(
        pk=outbound.pk, status=OutboundWebhook.Status.PENDING, attempts=outbound.attempts
    ).update(attempts=outbound.attempts + 1, last_attempt_at=timezone.now())
    if claimed != 1:
        outbound.refresh_from_db()
        return outbound
    outbound.refresh_from_db()
    body = json.dumps(outbound.payload, ensure_ascii=False, separators=(",", ":")).encode()
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "Kalm-Webhooks/1",
        **signed_headers(outbound.source.secret, int(time.time()), body),
    }
    request = urllib.request.Request(outbound.url, data=body, headers=headers, method="POST")
    code: int | None = None
    error = ""
    try:
        with urllib.request.urlopen(request, timeout=OUTBOUND_TIMEOUT) as response:
            code = response.status
    except urllib.error.HTTPError as exc:
        code = exc.code
        detail = exc.read(300).decode("utf-8", "replace") if exc.fp else ""
        error = f"HTTP {exc.code} {exc.reason}: {detail}".strip()
    except (urllib.error.URLError, OSError, ValueError) as exc:
        error = f"{type(exc).__name__}: {getattr(exc, 'reason', exc)}"
    outbound.response_code = code
    if code is not None and 200 <= code < 300:
        outbound.status, outbound.sent_at, outbound.last_error = (
            OutboundWebhook.Status.SENT,
            timezone.now(),
            "",
        )
        outbound.save(update_fields=["status", "sent_at", "last_error", "response_code"])
        return outbound
    error = error or f"HTTP {code}"
    outbound.save(update_fields=["response_code"])
    permanent = code is not None and 400 <= code < 500 and code not in {408, 425, 429}
    if permanent or outbound.attempts >= OUTBOUND_MAX_ATTEMPTS:
        _outbound_fail(outbound, error)
    else:
        outbound.last_error = error[:2000]
        outbound.save(update_fields=["last_error"])
    return outbound
