"""Statement drafts posted to a social source: rows without a case, sent by the reply worker,
failed without a URL, and shown in the admin."""

from __future__ import annotations

import json

import pytest
from huey.contrib.djhuey import HUEY

from kalm.webhooks.actions import (
    _outbound_fail,
    outbound_dispatch,
    outbound_statement_create,
)
from kalm.webhooks.models import OutboundWebhook
from kalm.webhooks.tests.conftest import ReplyReceiver

PAYLOAD = {
    "event": "statement_draft",
    "id": "kalm-statement-7-instagram",
    "crisis": "Glas in pindakaas",
    "language": "nl",
    "version": 2,
    "text": "Potten uit batch 44 kunnen glas bevatten. https://zorg.example/crisis/glas/",
    "url": "https://zorg.example/crisis/glas/",
}


@pytest.fixture(autouse=True)
def _empty_schedule():
    HUEY.flush()


def test_it_posts_a_statement_without_a_case_signed(
    social_source, django_capture_on_commit_callbacks
):
    with ReplyReceiver([200]) as receiver:
        social_source.outbound_url = receiver.url
        social_source.save()
        with django_capture_on_commit_callbacks(execute=True):
            outbound = outbound_statement_create(source=social_source, payload=PAYLOAD)
            outbound_dispatch(outbound)
    assert len(receiver.requests) == 1 and receiver.requests[0]["signature_ok"]
    assert json.loads(receiver.requests[0]["body"]) == PAYLOAD
    outbound.refresh_from_db()
    assert (outbound.kind, outbound.case, outbound.status) == ("statement", None, "sent")
    # The same draft again is the same row, and a sent row is not queued again.
    again = outbound_statement_create(source=social_source, payload=PAYLOAD)
    assert again == outbound and OutboundWebhook.objects.count() == 1
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        outbound_dispatch(again)
    assert callbacks == []


def test_without_a_url_it_fails_at_once(social_source):
    outbound = outbound_statement_create(source=social_source, payload=PAYLOAD)
    outbound_dispatch(outbound)
    outbound.refresh_from_db()
    assert outbound.status == "failed" and outbound.attempts == 0 and outbound.last_error


def test_failing_a_row_without_a_case_or_draft_does_not_crash(social_source):
    outbound = OutboundWebhook.objects.create(source=social_source, payload={"id": "x"})
    _outbound_fail(outbound, "HTTP 500")
    outbound.refresh_from_db()
    assert (outbound.status, outbound.last_error) == ("failed", "HTTP 500")


def test_the_admin_shows_a_statement_draft(admin_client, social_source):
    outbound = outbound_statement_create(source=social_source, payload=PAYLOAD)
    outbound_dispatch(outbound)
    listing = admin_client.get("/admin/webhooks/outboundwebhook/?kind=statement")
    assert listing.status_code == 200 and "Crisis statement draft" in listing.content.decode()
    page = admin_client.get(f"/admin/webhooks/outboundwebhook/{outbound.pk}/change/")
    assert page.status_code == 200 and "kalm-statement-7-instagram" in page.content.decode()
