"""Sources, signed posts and a real HTTP server on loopback for the webhook tests."""

from __future__ import annotations

import base64
import io
import json
import threading
import time
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from kalm.webhooks.models import WebhookSource
from kalm.webhooks.signing import signature_for, signature_valid

SECRET = "whsec_test-secret"


@pytest.fixture
def social_source(db) -> WebhookSource:
    return WebhookSource.objects.create(
        name="Instagram", slug="instagram", kind=WebhookSource.Kind.SOCIAL, secret=SECRET
    )


@pytest.fixture
def phone_source(db) -> WebhookSource:
    return WebhookSource.objects.create(
        name="Telefooncentrale", slug="pbx", kind=WebhookSource.Kind.TELEPHONY, secret=SECRET
    )


def post_signed(
    client,
    slug: str,
    payload: Any = None,
    *,
    raw: bytes | None = None,
    secret: str = SECRET,
    timestamp: int | None = None,
    signature: str | None = None,
):
    body = raw if raw is not None else json.dumps(payload).encode()
    ts = int(time.time()) if timestamp is None else timestamp
    headers = {
        "HTTP_X_KALM_TIMESTAMP": str(ts),
        "HTTP_X_KALM_SIGNATURE": signature or signature_for(secret, ts, body),
    }
    return client.post(f"/hooks/{slug}/", data=body, content_type="application/json", **headers)


def dm(**overrides) -> dict:
    payload = {
        "id": "evt-1",
        "type": "dm",
        "platform": "instagram",
        "author": {"id": "1789", "handle": "@Sanne", "name": "Sanne de Vries"},
        "text": "Mijn pot pindakaas zat vol glas.",
        "conversation_id": "conv-42",
        "created_at": "2026-11-25T10:00:00Z",
    }
    payload.update(overrides)
    return payload


def call(**overrides) -> dict:
    payload = {
        "id": "call-1",
        "caller": "06 1234 5678",
        "callee": "+31201234567",
        "direction": "inbound",
        "started_at": "2026-11-25T09:30:00+01:00",
        "duration_seconds": 93,
        "recording_url": "https://pbx.example/rec/call-1.mp3",
        "agent_extension": "201",
        "notes": "Klant belt over glas in pot.",
    }
    payload.update(overrides)
    return payload


def png_base64() -> str:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 30, 30)).save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue()).decode()


def run_scheduled() -> int:
    """Run the retries Huey scheduled (immediate mode keeps them in memory); returns how many."""
    from huey.contrib.djhuey import HUEY

    later = datetime(2100, 1, 1)  # as if the worker ran after every retry delay
    tasks = HUEY.read_schedule(later)
    for task in tasks:
        HUEY.execute(task, timestamp=later)
    return len(tasks)


class ReplyReceiver:
    """A real HTTP server on 127.0.0.1 that checks Kalm's signature like a platform would.

    ``codes`` is the script of status codes to answer (the last one repeats)."""

    def __init__(self, codes: list[int], secret: str = SECRET) -> None:
        self.codes = list(codes)
        self.secret = secret
        self.requests: list[dict] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                ts = self.headers.get("X-Kalm-Timestamp", "")
                ok = (
                    signature_valid(
                        receiver.secret, ts, body, self.headers.get("X-Kalm-Signature", "")
                    )
                    and abs(time.time() - int(ts or 0)) < 300
                )
                receiver.requests.append({"body": body, "signature_ok": ok, "path": self.path})
                code = (
                    401
                    if not ok
                    else (receiver.codes.pop(0) if len(receiver.codes) > 1 else receiver.codes[0])
                )
                self.send_response(code)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b'{"ok": %s}' % (b"true" if code < 300 else b"false"))

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/replies"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> ReplyReceiver:
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(autouse=True)
def _english(english):
    """These tests read English messages (see kalm.core.testing.english)."""
