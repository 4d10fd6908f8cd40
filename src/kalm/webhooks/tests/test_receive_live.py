"""POST /hooks/<slug>/ over real HTTP, signed exactly as docs/webhooks.md shows."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request

import pytest

from kalm.cases.models import Case
from kalm.webhooks.models import WebhookSource


@pytest.mark.django_db(transaction=True)
def test_the_documented_python_example_works(live_server):
    secret = "whsec_live"
    WebhookSource.objects.create(name="Instagram", slug="instagram", kind="social", secret=secret)
    body = json.dumps(
        {
            "id": "evt-1",
            "type": "dm",
            "platform": "instagram",
            "author": {"id": "1789", "handle": "@sanne", "name": "Sanne de Vries"},
            "text": "Mijn pot pindakaas zat vol glas.",
            "conversation_id": "conv-42",
        }
    ).encode()
    ts = str(int(time.time()))
    sig = hmac.new(secret.encode(), ts.encode() + b"." + body, hashlib.sha256).hexdigest()

    def send(signature: str):
        request = urllib.request.Request(
            f"{live_server.url}/hooks/instagram/",
            data=body,
            method="POST",
            headers={
                "Content-Type": "application/json",
                "X-Kalm-Timestamp": ts,
                "X-Kalm-Signature": signature,
            },
        )
        return urllib.request.urlopen(request, timeout=10)

    with send(f"sha256={sig}") as response:
        data = json.loads(response.read())
    assert response.status == 200 and data["status"] == "accepted"
    assert Case.objects.get().reference == data["case"]
    with pytest.raises(urllib.error.HTTPError) as refused:
        send("sha256=" + "0" * 64)
    assert refused.value.code == 401
