"""Raw MIME to the parts Kalm uses: who, what, which thread, the text and the files.

Built on the standard library's ``email`` package with ``policy.default``. Every step is
best-effort: a broken charset, header or part degrades to replacement characters or an
attachment, never to an exception that would lose the message.
"""

from __future__ import annotations

import codecs
import email
import email.policy
import mimetypes
import re
from dataclasses import dataclass, field
from datetime import datetime
from email.header import decode_header, make_header
from email.message import EmailMessage, Message
from email.utils import getaddresses, parseaddr, parsedate_to_datetime

from kalm.channels.email.sanitise import html_sanitise, html_to_text

MAX_DEPTH = 20  # nested forwards and multiparts deeper than this are kept in the raw only
TNEF_TYPE = "application/ms-tnef"  # Outlook's winmail.dat

# Labels that lie in practice: ISO-8859-1 mail is nearly always Windows-1252 (€ and curly quotes),
# and "us-ascii" mail with 8-bit bytes is nearly always UTF-8.
_CHARSET_ALIASES = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin-1": "cp1252",
    "latin1": "cp1252",
    "l1": "cp1252",
    "us-ascii": "utf-8",
    "ascii": "utf-8",
    "": "utf-8",
    "unknown-8bit": "utf-8",
    "x-unknown": "utf-8",
    "default": "utf-8",
}
_MSGID = re.compile(r"<([^<>\s]+)>")


@dataclass
class Attachment:
    filename: str
    content_type: str
    data: bytes
    inline: bool = False
    packed_in: str = ""  # "winmail.dat" for a file unpacked from a TNEF attachment


@dataclass
class ParsedEmail:
    message: Message
    message_id: str = ""
    in_reply_to: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    subject: str = ""
    from_name: str = ""
    from_address: str = ""
    date: datetime | None = None
    text: str = ""  # the sender's own text, before quote stripping
    forwarded: str = ""  # forwarded messages (message/rfc822), rendered as text
    html_sanitised: str = ""
    attachments: list[Attachment] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)  # see recipients()

    @property
    def full_text(self) -> str:
        return "\n\n".join(part for part in (self.text, self.forwarded) if part).strip()


def clean_text(value: str) -> str:
    """Text safe for any database: surrogate escapes re-decoded, NUL bytes removed."""
    if any("\udc80" <= ch <= "\udcff" for ch in value):
        value = decode_bytes(value.encode("utf-8", "surrogateescape"), "utf-8")
    value = value.encode("utf-8", "replace").decode("utf-8")
    return value.replace("\x00", "")


def decode_bytes(data: bytes, charset: str | None) -> str:
    """Decode with the declared charset, falling back to UTF-8, Windows-1252, then Latin-1."""
    name = (charset or "").strip().strip('"').lower()
    name = _CHARSET_ALIASES.get(name, name)
    for codec in (name, "utf-8", "cp1252"):
        try:
            codecs.lookup(codec)
            return data.decode(codec).replace("\x00", "")
        except Exception:  # unknown, non-text (zlib, base64) or wrong charsets: try the next
            continue
    return data.decode("latin-1").replace("\x00", "")


def header(msg: Message, name: str) -> str:
    """A header as text, RFC 2047 decoded; broken headers fall back to their raw value."""
    try:
        value = msg.get(name)
        if value is None:
            return ""
        text = clean_text(str(value)).strip()
        if "\ufffd" not in text:
            return text
    except Exception:
        pass
    # Unencoded 8-bit bytes (a Latin-1 "café" straight in the header) or a header the policy
    # cannot parse: decode the raw value ourselves.
    try:
        for key, raw in msg.raw_items():
            if key.lower() == name.lower():
                raw_text = decode_bytes(str(raw).encode("ascii", "surrogateescape"), "utf-8")
                raw_text = " ".join(raw_text.split())
                try:
                    return clean_text(str(make_header(decode_header(raw_text)))).strip()
                except Exception:
                    return clean_text(raw_text).strip()
    except Exception:
        pass
    return ""


def message_ids(value: str) -> list[str]:
    """The Message-IDs in a header (``<a@b>`` tokens), without angle brackets."""
    found = _MSGID.findall(value)
    if not found and value.strip() and " " not in value.strip():
        found = [value.strip().strip("<>")]
    return [m[:500] for m in found if m]


# Where the address the sender used can be: the visible recipients, and the envelope
# recipient the receiving server records (a Bcc or a list shows only there).
RECIPIENT_HEADERS = ("To", "Cc", "Delivered-To", "X-Original-To")


def recipients(msg: Message) -> list[str]:
    """Every recipient address in the headers (To, Cc, Delivered-To, X-Original-To), each
    repeated header counted (servers add one Delivered-To per hop)."""
    texts: list[str] = []
    for name in RECIPIENT_HEADERS:
        try:
            texts.extend(clean_text(str(value)) for value in msg.get_all(name) or [])
        except Exception:  # a header the policy cannot read: the robust single-value reader
            texts.append(header(msg, name))
    return [address for _name, address in getaddresses(texts) if "@" in address]


def _sender(msg: Message) -> tuple[str, str]:
    try:
        value = msg.get("From")
        addresses = getattr(value, "addresses", None)
        if addresses and "\ufffd" not in (addresses[0].display_name or ""):
            return clean_text(addresses[0].display_name or ""), clean_text(
                addresses[0].addr_spec or ""
            )
    except Exception:
        pass
    pairs = getaddresses([header(msg, "From")])
    name, address = pairs[0] if pairs else parseaddr(header(msg, "From"))
    return name, address


def _filename(part: Message) -> str:
    try:
        name = part.get_filename() or ""
    except Exception:
        name = ""
    return clean_text(str(make_header(decode_header(name)))) if "=?" in name else clean_text(name)


def _payload_bytes(part: Message) -> bytes:
    try:
        data = part.get_payload(decode=True)
    except Exception:
        data = None
    if data is None:
        payload = part.get_payload()
        data = payload.encode("utf-8", "surrogateescape") if isinstance(payload, str) else b""
    return data


def _text(part: Message) -> str:
    try:
        charset = part.get_content_charset()
    except Exception:
        charset = None
    return decode_bytes(_payload_bytes(part), charset)


def _disposition(part: Message) -> str:
    try:
        return part.get_content_disposition() or ""
    except Exception:
        return ""


def _subparts(part: Message) -> list[Message]:
    payload = part.get_payload()
    return [p for p in payload if isinstance(p, Message)] if isinstance(payload, list) else []


class _Collector:
    def __init__(self, parsed: ParsedEmail) -> None:
        self.parsed = parsed
        self.own: list[str] = []
        self.forwarded: list[str] = []
        self.counter = 0
        self.tnef_text: list[str] = []  # bodies found inside winmail.dat, used when no other

    def _out(self, forward_level: int) -> list[str]:
        return self.forwarded if forward_level else self.own

    def walk(
        self, part: Message, depth: int = 0, forward_level: int = 0, files_only: bool = False
    ) -> None:
        """Collect text and files; ``files_only`` for the versions of a multipart/alternative
        not chosen for text (their inline images still count)."""
        if depth > MAX_DEPTH:
            return
        ctype = part.get_content_type()
        disposition = _disposition(part)
        if ctype == "message/rfc822" and _subparts(part):
            # Forwarded inline or as an attachment: either way its text and files count.
            for inner in _subparts(part):
                self._forward(inner, depth, forward_level)
            return
        if part.is_multipart():
            children = _subparts(part)
            if ctype == "multipart/alternative" and children:
                plain = [c for c in children if c.get_content_type() == "text/plain"]
                chosen = plain[0] if plain and not files_only else children[-1]  # else richest
                if files_only:
                    chosen = None
                for child in children:
                    self.walk(child, depth + 1, forward_level, files_only=child is not chosen)
                return
            for child in children:
                self.walk(child, depth + 1, forward_level, files_only)
            return
        if ctype.startswith("multipart/"):
            if not files_only:
                self._broken_multipart(part, ctype, depth, forward_level)
            return
        filename = _filename(part)
        if ctype in ("text/plain", "text/html") and disposition != "attachment" and not filename:
            text = _text(part)
            if files_only:
                if ctype == "text/html" and not forward_level and not self.parsed.html_sanitised:
                    self.parsed.html_sanitised = html_sanitise(text)
                return
            if ctype == "text/html":
                if not forward_level and not self.parsed.html_sanitised:
                    self.parsed.html_sanitised = html_sanitise(text)
                text = html_to_text(text)
            if text.strip():
                self._out(forward_level).append(text.strip())
            return
        if ctype.startswith("message/") and not filename:
            return  # delivery reports, dispositions: nothing for a case
        self._attach(part, ctype, filename, disposition)

    def _broken_multipart(self, part: Message, ctype: str, depth: int, forward_level: int) -> None:
        """A multipart without a (matching) boundary: guess it from the first ``--`` line and
        parse again; failing that, the body is taken as plain text."""
        body = _payload_bytes(part)
        match = re.search(rb"^--([^\s]{1,70}?)(--)?\s*$", body, re.MULTILINE)
        if match and depth < MAX_DEPTH:
            boundary = match.group(1).decode("ascii", "replace").replace('"', "")
            head = f'Content-Type: {ctype}; boundary="{boundary}"\n\n'.encode()
            fixed = email.message_from_bytes(
                head + body, _class=_HeadersReadOnce, policy=email.policy.default
            )
            if _subparts(fixed):
                self.walk(fixed, depth + 1, forward_level)
                return
        text = decode_bytes(body, None).strip()
        if text:
            self._out(forward_level).append(text)

    def _attach(self, part: Message, ctype: str, filename: str, disposition: str) -> None:
        self.counter += 1
        ctype = clean_text(ctype)[:100]
        inline = disposition == "inline" or (bool(part.get("Content-ID")) and not filename)
        if not filename:
            if ctype == TNEF_TYPE:
                filename = "winmail.dat"
            else:
                ext = mimetypes.guess_extension(ctype) or ".bin"
                filename = f"{'inline' if inline else 'attachment'}-{self.counter}{ext}"
        data = _payload_bytes(part)
        if (ctype == TNEF_TYPE or filename.lower() == "winmail.dat") and self._unpack_tnef(
            filename, data
        ):
            return
        self.parsed.attachments.append(
            Attachment(filename=filename, content_type=ctype, data=data, inline=inline)
        )

    def _unpack_tnef(self, filename: str, data: bytes) -> bool:
        """The files (and body) Outlook packed into a winmail.dat. False when nothing could be
        unpacked, so the caller keeps the winmail.dat itself."""
        try:
            files, body = tnef_unpack(data)
        except Exception:  # corrupt or truncated TNEF: keep it whole
            return False
        if not files and not body:
            return False
        for name, content in files:
            self.counter += 1
            if not name:
                name = f"attachment-{self.counter}.bin"
            ctype = mimetypes.guess_type(name)[0] or "application/octet-stream"
            self.parsed.attachments.append(
                Attachment(filename=name, content_type=ctype, data=content, packed_in=filename)
            )
        if body:
            self.tnef_text.append(body)
        return True

    def _forward(self, inner: Message, depth: int, forward_level: int) -> None:
        lines = ["---------- Forwarded message ----------"]
        for name in ("From", "Date", "Subject", "To"):
            value = header(inner, name)
            if value:
                lines.append(f"{name}: {value}")
        self.forwarded.append("\n".join(lines))
        self.walk(inner, depth + 1, forward_level + 1)


def tnef_unpack(data: bytes) -> tuple[list[tuple[str, bytes]], str]:
    """The attachments (name, bytes) and plain-text body of a TNEF blob; may raise."""
    from tnefparse import TNEF

    tnef = TNEF(data, do_checksum=False)
    files = []
    for attachment in tnef.attachments:
        name = attachment.long_filename() or attachment.name
        if isinstance(name, bytes):
            name = decode_bytes(name, tnef.codepage)
        name = clean_text(str(name)).strip("\x00").strip().replace("/", "_").replace("\\", "_")
        content = attachment.data if isinstance(attachment.data, bytes) else b""
        files.append((name[:255], content))
    body = tnef.body or ""
    if isinstance(body, bytes):
        body = decode_bytes(body, tnef.codepage)
    if not str(body).strip() and tnef.htmlbody:
        html = tnef.htmlbody
        body = html_to_text(decode_bytes(html, None) if isinstance(html, bytes) else html)
    return files, clean_text(str(body)).strip()


class _HeadersReadOnce(EmailMessage):
    """An EmailMessage whose headers are parsed once each. ``policy.default`` parses a header
    into an object on every ``get``; parsing and classifying a message ask for the same few
    (Content-Type above all: type, charset, disposition, filename, report type) about 25 times,
    which made header parsing about a sixth of an email's intake. The parsed value is kept per
    raw value, so a header changed after parsing is read afresh."""

    def get(self, name: str, failobj: object = None) -> object:
        wanted = name.lower()
        for key, raw in self._headers:
            if key.lower() == wanted:
                seen = self.__dict__.setdefault("_kalm_parsed", {})
                found = seen.get((wanted, raw))
                if found is None:
                    found = seen[(wanted, raw)] = self.policy.header_fetch_parse(key, raw)
                return found
        return failobj


def parse(raw: bytes) -> ParsedEmail:
    msg = email.message_from_bytes(raw, _class=_HeadersReadOnce, policy=email.policy.default)
    assert isinstance(msg, EmailMessage)
    parsed = ParsedEmail(message=msg)
    parsed.message_id = (message_ids(header(msg, "Message-ID")) or [""])[0]
    parsed.in_reply_to = message_ids(header(msg, "In-Reply-To"))
    parsed.references = message_ids(header(msg, "References"))
    parsed.subject = re.sub(r"\s+", " ", header(msg, "Subject"))[:500]
    name, address = _sender(msg)
    parsed.from_name, parsed.from_address = name[:200], address.strip().lower()[:320]
    parsed.recipients = recipients(msg)
    try:
        parsed.date = parsedate_to_datetime(header(msg, "Date"))
    except Exception:
        parsed.date = None
    collector = _Collector(parsed)
    collector.walk(msg)
    if not any(text.strip() for text in collector.own) and collector.tnef_text:
        collector.own = collector.tnef_text  # Outlook sent its body only inside winmail.dat
    parsed.text = clean_text("\n\n".join(collector.own))
    parsed.forwarded = clean_text("\n\n".join(collector.forwarded))
    parsed.html_sanitised = clean_text(parsed.html_sanitised)
    return parsed
