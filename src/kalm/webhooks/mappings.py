"""Pure functions from a source's JSON payload to one normalised InboundEvent.

No database and no network here: every problem with the payload is collected and raised at once
as ``PayloadInvalid`` so the sender sees the whole list in one 422 answer.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from django.utils import timezone

MAX_ID = 200
MAX_TEXT = 100_000
SOCIAL_TYPES = ("dm", "post", "comment")
DIRECTIONS = ("inbound", "outbound")


class PayloadInvalid(ValueError):
    """The payload cannot be mapped; ``problems`` lists every reason (field: what is wrong)."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


@dataclass(frozen=True)
class Identity:
    kind: str  # "social" or "phone", as kalm.consumers.models.ContactIdentity.Kind
    value: str  # normalised: "instagram:@sanne", "+31612345678"
    name: str = ""


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes | None = None  # decoded base64 content
    url: str = ""  # never fetched: recorded as a link
    content_type: str = ""


@dataclass(frozen=True)
class CallRecord:
    direction: str
    caller: str
    callee: str
    duration_seconds: int
    recording_url: str = ""
    agent_extension: str = ""
    notes: str = ""


@dataclass(frozen=True)
class InboundEvent:
    kind: str  # "social" or "call"
    event_id: str
    identity: Identity
    text: str
    occurred_at: datetime
    thread_id: str = ""
    platform: str = ""
    type: str = ""
    attachments: list[Attachment] = field(default_factory=list)
    call: CallRecord | None = None


def _clean(value: str) -> str:
    """No NUL characters or lone surrogates (PostgreSQL text cannot hold them), no outer space."""
    return value.encode("utf-8", "replace").decode("utf-8").replace("\x00", "").strip()


def _str(data: dict, key: str, problems: list[str], *, required: bool, limit: int) -> str:
    value = data.get(key)
    if value is None or value == "":
        if required:
            problems.append(f"{key}: required")
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int):
        problems.append(f"{key}: must be a string")
        return ""
    text = _clean(str(value))
    if required and not text:
        problems.append(f"{key}: required")
    if len(text) > limit:
        problems.append(f"{key}: longer than {limit} characters")
        return ""
    return text


def _when(data: dict, key: str, problems: list[str]) -> datetime:
    raw = data.get(key)
    if raw is None or raw == "":
        return timezone.now()
    if not isinstance(raw, str):
        problems.append(f"{key}: must be an ISO 8601 date-time string")
        return timezone.now()
    try:
        value = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        problems.append(f"{key}: not an ISO 8601 date-time ({raw[:40]!r})")
        return timezone.now()
    if timezone.is_naive(value):
        value = value.replace(tzinfo=UTC)
    if not datetime(1970, 1, 2, tzinfo=UTC) < value < datetime(9000, 1, 1, tzinfo=UTC):
        problems.append(f"{key}: out of range")
        return timezone.now()
    return value.astimezone(UTC)


def _attachments(data: dict, problems: list[str]) -> list[Attachment]:
    raw = data.get("attachments")
    if raw is None:
        return []
    if not isinstance(raw, list):
        problems.append("attachments: must be a list")
        return []
    result = []
    for index, item in enumerate(raw):
        where = f"attachments[{index}]"
        if not isinstance(item, dict):
            problems.append(f"{where}: must be an object")
            continue
        filename = item.get("filename") or ""
        content_type = item.get("content_type") or ""
        url = item.get("url") or ""
        encoded = item.get("content_base64")
        if not all(isinstance(v, str) for v in (filename, content_type, url)):
            problems.append(f"{where}: filename, content_type and url must be strings")
            continue
        filename, content_type, url = _clean(filename), _clean(content_type), _clean(url)
        if encoded is not None and not isinstance(encoded, str):
            problems.append(f"{where}.content_base64: must be a string")
            continue
        if not encoded and not url:
            problems.append(f"{where}: needs content_base64 or url")
            continue
        if url and not url.startswith(("https://", "http://")):
            problems.append(f"{where}.url: must be an http(s) URL")
            continue
        content = None
        if encoded:
            try:
                content = base64.b64decode(encoded, validate=True)
            except (binascii.Error, ValueError):
                problems.append(f"{where}.content_base64: not valid base64")
                continue
        result.append(
            Attachment(
                filename=filename[:255] or url.rsplit("/", 1)[-1][:255] or "attachment",
                content=content,
                url=url,
                content_type=content_type,
            )
        )
    return result


def parse_social(data: Any) -> InboundEvent:
    """A direct message, post or comment: see docs/webhooks.md for the format."""
    if not isinstance(data, dict):
        raise PayloadInvalid(["body: must be a JSON object"])
    problems: list[str] = []
    event_id = _str(data, "id", problems, required=True, limit=MAX_ID)
    kind = _str(data, "type", problems, required=False, limit=20) or "dm"
    if kind not in SOCIAL_TYPES:
        problems.append(f"type: must be one of {', '.join(SOCIAL_TYPES)}")
    platform = _str(data, "platform", problems, required=True, limit=40).lower()
    author = data.get("author")
    handle = name = ""
    if not isinstance(author, dict):
        problems.append("author: required, an object with id, handle and name")
    else:
        author_id = _str(author, "id", problems, required=False, limit=MAX_ID)
        handle = _str(author, "handle", problems, required=False, limit=MAX_ID).lower()
        name = _str(author, "name", problems, required=False, limit=200)
        handle = handle or (f"id:{author_id}" if author_id else "")
        if not handle:
            problems.append("author: needs a handle or an id")
    text = _str(data, "text", problems, required=False, limit=MAX_TEXT)
    conversation = _str(data, "conversation_id", problems, required=False, limit=MAX_ID)
    occurred_at = _when(data, "created_at", problems)
    attachments = _attachments(data, problems)
    if not text and not attachments and not problems:
        problems.append("text: required when there are no attachments")
    if problems:
        raise PayloadInvalid(problems)
    value = f"{platform}:{handle}"[:254]
    return InboundEvent(
        kind="social",
        event_id=event_id,
        identity=Identity(kind="social", value=value, name=name or handle),
        text=text,
        occurred_at=occurred_at,
        # Posts and comments without a conversation are threaded per author.
        thread_id=conversation or f"author:{value}",
        platform=platform,
        type=kind,
        attachments=attachments,
    )


def parse_call(data: Any) -> InboundEvent:
    """A phone system's call record: see docs/webhooks.md for the format."""
    from kalm.consumers.actions import normalise_phone

    if not isinstance(data, dict):
        raise PayloadInvalid(["body: must be a JSON object"])
    problems: list[str] = []
    event_id = _str(data, "id", problems, required=True, limit=MAX_ID)
    direction = _str(data, "direction", problems, required=False, limit=20) or "inbound"
    if direction not in DIRECTIONS:
        problems.append("direction: must be inbound or outbound")
    caller = _str(data, "caller", problems, required=direction == "inbound", limit=40)
    callee = _str(data, "callee", problems, required=direction == "outbound", limit=40)
    # The consumer is the one who called us, or the one we called.
    number = normalise_phone(caller if direction == "inbound" else callee)
    if (caller if direction == "inbound" else callee) and len(number.lstrip("+")) < 3:
        problems.append(f"{'caller' if direction == 'inbound' else 'callee'}: not a phone number")
    started_at = _when(data, "started_at", problems)
    duration = data.get("duration_seconds", 0)
    if duration is None:
        duration = 0
    if isinstance(duration, bool) or not isinstance(duration, int | float) or duration < 0:
        problems.append("duration_seconds: must be a whole number of seconds, 0 or more")
        duration = 0
    elif duration > 10**7:
        problems.append("duration_seconds: implausibly long")
        duration = 0
    recording = _str(data, "recording_url", problems, required=False, limit=2000)
    if recording and not recording.startswith(("https://", "http://")):
        problems.append("recording_url: must be an http(s) URL")
    extension = _str(data, "agent_extension", problems, required=False, limit=40)
    notes = _str(data, "notes", problems, required=False, limit=MAX_TEXT)
    if problems:
        raise PayloadInvalid(problems)
    return InboundEvent(
        kind="call",
        event_id=event_id,
        identity=Identity(kind="phone", value=number, name=""),
        text=notes,
        occurred_at=started_at,
        call=CallRecord(
            direction=direction,
            caller=caller,
            callee=callee,
            duration_seconds=int(duration),
            recording_url=recording,
            agent_extension=extension,
            notes=notes,
        ),
    )


def parse_payload(source_kind: str, data: Any) -> InboundEvent:
    """Pick the mapping by the source's kind; a generic source decides per payload."""
    if source_kind == "telephony":
        return parse_call(data)
    if source_kind == "social":
        return parse_social(data)
    if isinstance(data, dict) and ("caller" in data or "callee" in data):
        return parse_call(data)
    return parse_social(data)


def mmss(seconds: int) -> str:
    minutes, secs = divmod(int(seconds), 60)
    return f"{minutes:02d}:{secs:02d}"
