"""Helpers for the email tests: the hand-written corpus and messages built with ``email``."""

from __future__ import annotations

import io
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path

CORPUS = Path(__file__).parent / "corpus"


def corpus(name: str) -> bytes:
    return (CORPUS / name).read_bytes()


def jpeg_bytes(color: str = "red", size: tuple[int, int] = (32, 24)) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", size, color).save(buf, "JPEG")
    return buf.getvalue()


def build(
    *,
    sender: str = "Sanne de Vries <sanne@example.nl>",
    subject: str = "Fles ontploft",
    body: str = "De fles is in mijn hand ontploft.",
    message_id: str | None = None,
    in_reply_to: str = "",
    references: str = "",
    headers: dict[str, str] | None = None,
) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = "klantenservice@kalm.localhost"
    msg["Subject"] = subject
    msg["Message-ID"] = message_id or make_msgid(domain="example.nl")
    if in_reply_to:
        msg["In-Reply-To"] = in_reply_to
    if references:
        msg["References"] = references
    for name, value in (headers or {}).items():
        msg[name] = value
    msg.set_content(body)
    return msg


def tnef_bytes(files: list[tuple[str, bytes]], body: str = "") -> bytes:
    """A minimal winmail.dat (MS-OXTNEF) written here, so no third-party sample is needed:
    signature, key, then level/id/length/data/checksum records per file and the body."""
    import struct

    def record(level: int, attr_id: int, data: bytes) -> bytes:
        checksum = sum(data) & 0xFFFF
        return struct.pack("<BII", level, attr_id, len(data)) + data + struct.pack("<H", checksum)

    out = struct.pack("<IH", 0x223E9F78, 0)
    out += record(1, 0x00089006, struct.pack("<I", 0x00010000))  # attTnefVersion
    out += record(1, 0x00069007, struct.pack("<II", 1252, 0))  # attOemCodepage
    if body:
        out += record(1, 0x0002800C, body.encode("cp1252"))  # attBody
    for name, data in files:
        out += record(2, 0x00069002, bytes(14))  # attAttachRendData opens an attachment
        out += record(2, 0x00018010, name.encode("cp1252") + b"\x00")  # attAttachTitle
        out += record(2, 0x0006800F, data)  # attAttachData
    return out


def with_winmail(msg: EmailMessage, data: bytes, filename: str | None = "winmail.dat") -> None:
    """Attach ``data`` as Outlook does: application/ms-tnef, usually named winmail.dat."""
    if not msg.is_multipart():
        msg.make_mixed()
    part = EmailMessage()
    part.set_content(data, maintype="application", subtype="ms-tnef", filename=filename)
    msg.attach(part)
