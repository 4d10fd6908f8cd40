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
