"""Agent replies on social cases, posted signed to the source's reply URL by the worker."""

from __future__ import annotations

import json

import pytest
from huey.contrib.djhuey import HUEY

from kalm.cases.actions import message_reply
from kalm.cases.models import Case
from kalm.dossier.models import EntryKind
from kalm.webhooks.models import OUTBOUND_MAX_ATTEMPTS, OutboundWebhook
from kalm.webhooks.tests.conftest import ReplyReceiver, dm, post_signed, run_scheduled


@pytest.fixture(autouse=True)
def _empty_schedule():
    HUEY.flush()


def _reply(client, source, agent, receiver_url, capture, text="Wat vervelend! We zoeken het uit."):
    source.outbound_url = receiver_url
    source.save()
    post_signed(client, source.slug, dm())
    post_signed(client, source.slug, dm(id="evt-2", text="Nog iets"))
    case = Case.objects.get()
    with capture(execute=True):
        message = message_reply(case=case, agent=agent, body=text)
    return case, message


def test_it_posts_a_signed_reply_to_the_source(
    client, social_source, agent, django_capture_on_commit_callbacks
):
    with ReplyReceiver([200]) as receiver:
        case, message = _reply(
            client, social_source, agent, receiver.url, django_capture_on_commit_callbacks
        )
    assert len(receiver.requests) == 1
    request = receiver.requests[0]
    assert request["signature_ok"] and request["path"] == "/replies"
    assert json.loads(request["body"]) == {
        "event": "reply",
        "id": f"kalm-reply-{message.pk}",
        "case": case.reference,
        "conversation_id": "conv-42",
        "in_reply_to": "evt-2",
        "text": "Wat vervelend! We zoeken het uit.",
        "author_alias": "Eva",
    }
    outbound = OutboundWebhook.objects.get()
    assert (outbound.status, outbound.attempts, outbound.response_code) == ("sent", 1, 200)
    assert outbound.sent_at is not None


def test_it_retries_after_a_server_error_and_never_resends_a_sent_reply(
    client, social_source, agent, django_capture_on_commit_callbacks
):
    with ReplyReceiver([500, 200]) as receiver:
        _reply(client, social_source, agent, receiver.url, django_capture_on_commit_callbacks)
        outbound = OutboundWebhook.objects.get()
        assert (outbound.status, outbound.attempts, outbound.response_code) == (
            "pending",
            1,
            500,
        )
        assert "500" in outbound.last_error
        assert run_scheduled() == 1
        outbound.refresh_from_db()
        assert (outbound.status, outbound.attempts, outbound.response_code) == ("sent", 2, 200)
        assert outbound.last_error == ""
        # A retry that arrives late (or a second worker) does not send it again.
        from kalm.webhooks.tasks import deliver_outbound_webhook

        deliver_outbound_webhook(outbound.pk)
        assert run_scheduled() == 0
    assert len(receiver.requests) == 2
    assert receiver.requests[0]["body"] == receiver.requests[1]["body"]


def test_it_fails_permanently_after_the_last_attempt_and_shows_the_error(
    client, social_source, agent, django_capture_on_commit_callbacks
):
    with ReplyReceiver([503]) as receiver:
        case, _message = _reply(
            client, social_source, agent, receiver.url, django_capture_on_commit_callbacks
        )
        while run_scheduled():
            pass
    outbound = OutboundWebhook.objects.get()
    assert outbound.status == "failed"
    assert outbound.attempts == OUTBOUND_MAX_ATTEMPTS == len(receiver.requests)
    assert outbound.response_code == 503 and "503" in outbound.last_error
    entry = case.dossier.filter(kind=EntryKind.NOTE).last()
    assert "503" in entry.summary and entry.payload["outbound_webhook_id"] == outbound.pk


def test_it_does_not_retry_a_refusal(
    client, social_source, agent, django_capture_on_commit_callbacks
):
    with ReplyReceiver([200], secret="the platform has another secret") as receiver:
        _reply(client, social_source, agent, receiver.url, django_capture_on_commit_callbacks)
        assert run_scheduled() == 0
    outbound = OutboundWebhook.objects.get()
    assert (outbound.status, outbound.attempts, outbound.response_code) == ("failed", 1, 401)


def test_it_records_a_connection_error(
    client, social_source, agent, django_capture_on_commit_callbacks
):
    with ReplyReceiver([200]) as receiver:
        url = receiver.url
    _reply(client, social_source, agent, url, django_capture_on_commit_callbacks)  # closed
    outbound = OutboundWebhook.objects.get()
    assert outbound.status == "pending" and outbound.response_code is None
    assert "Connection refused" in outbound.last_error or "Error" in outbound.last_error


def test_it_fails_at_once_without_a_reply_url(
    client, social_source, agent, django_capture_on_commit_callbacks
):
    _reply(client, social_source, agent, "", django_capture_on_commit_callbacks)
    outbound = OutboundWebhook.objects.get()
    assert outbound.status == "failed" and outbound.attempts == 0
    assert outbound.last_error


def test_it_sends_nothing_by_webhook_for_a_social_case_that_did_not_come_by_webhook(
    agent, social_source, django_capture_on_commit_callbacks
):
    from kalm.core.testing import make_case

    case = make_case(channel="social")
    with django_capture_on_commit_callbacks(execute=True):
        message = message_reply(case=case, agent=agent, body="Antwoord")
    assert message.channel == "social"
    assert not OutboundWebhook.objects.exists()
