"""POST /hooks/<slug>/: signatures, the time window, replays, limits, and bad bodies kept."""

from __future__ import annotations

import time

import pytest
from django.test import override_settings

from kalm.cases.models import Message
from kalm.webhooks.models import WebhookDelivery
from kalm.webhooks.tests.conftest import SECRET, dm, post_signed


def test_it_accepts_a_correctly_signed_dm(client, social_source):
    response = post_signed(client, "instagram", dm())
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["status"] == "accepted"
    delivery = WebhookDelivery.objects.get(pk=data["delivery"])
    assert delivery.signature_ok and delivery.event_id == "evt-1"
    assert delivery.case.reference == data["case"]
    assert delivery.headers["X-Kalm-Timestamp"]


def test_it_refuses_an_invalid_signature(client, social_source):
    response = post_signed(client, "instagram", dm(), secret="not-the-secret")
    assert response.status_code == 401
    assert response.json()["problems"] == ["invalid signature"]
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.signature_ok) == ("rejected", False)
    assert bytes(delivery.body).startswith(b'{"id": "evt-1"')  # kept
    assert not Message.objects.exists()


def test_it_refuses_a_tampered_body(client, social_source):
    ts = int(time.time())
    from kalm.webhooks.signing import signature_for

    good = signature_for(SECRET, ts, b'{"id": "a"}')
    response = post_signed(client, "instagram", dm(), timestamp=ts, signature=good)
    assert response.status_code == 401


def test_it_refuses_a_missing_signature(client, social_source):
    response = client.post("/hooks/instagram/", data=b"{}", content_type="application/json")
    assert response.status_code == 401
    assert "missing" in response.json()["problems"][0]
    assert WebhookDelivery.objects.get().status == "rejected"


def test_it_refuses_a_timestamp_that_is_not_a_number(client, social_source):
    response = post_signed(client, "instagram", dm(), signature="sha256=00", timestamp=0)
    assert response.status_code == 401
    response = client.post(
        "/hooks/instagram/",
        data=b"{}",
        content_type="application/json",
        HTTP_X_KALM_TIMESTAMP="yesterday",
        HTTP_X_KALM_SIGNATURE="sha256=00",
    )
    assert response.status_code == 401


def test_it_refuses_a_timestamp_too_old(client, social_source):
    response = post_signed(client, "instagram", dm(), timestamp=int(time.time()) - 301)
    assert response.status_code == 401
    delivery = WebhookDelivery.objects.get()
    assert delivery.signature_ok and "window" in delivery.reason
    assert not Message.objects.exists()


def test_it_refuses_a_timestamp_too_far_in_the_future(client, social_source):
    response = post_signed(client, "instagram", dm(), timestamp=int(time.time()) + 400)
    assert response.status_code == 401
    assert "window" in response.json()["problems"][0]


def test_it_accepts_within_the_source_tolerance(client, social_source):
    social_source.timestamp_tolerance = 3600
    social_source.save()
    response = post_signed(client, "instagram", dm(), timestamp=int(time.time()) - 1800)
    assert response.status_code == 200


def test_it_answers_a_replayed_event_id_as_duplicate_without_a_second_message(
    client, social_source
):
    first = post_signed(client, "instagram", dm())
    again = post_signed(client, "instagram", dm(text="zelfde event, opnieuw verstuurd"))
    assert again.status_code == 200
    assert again.json()["status"] == "duplicate"
    assert again.json()["case"] == first.json()["case"]
    assert Message.objects.count() == 1
    assert list(WebhookDelivery.objects.order_by("id").values_list("status", flat=True)) == [
        "accepted",
        "duplicate",
    ]


@override_settings(KALM_WEBHOOK_MAX_BYTES=1000)
def test_it_refuses_a_body_over_the_limit(client, social_source):
    response = post_signed(client, "instagram", dm(text="x" * 2000))
    assert response.status_code == 413
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "rejected" and "limit" in delivery.reason
    assert not Message.objects.exists()


def test_it_keeps_malformed_json_as_rejected(client, social_source):
    response = post_signed(client, "instagram", raw=b'{"id": "evt-1", "text": ')
    assert response.status_code == 422
    assert response.json()["status"] == "rejected"
    assert "not valid JSON" in response.json()["problems"][0]
    delivery = WebhookDelivery.objects.get()
    assert bytes(delivery.body) == b'{"id": "evt-1", "text": '
    assert delivery.signature_ok


def test_it_lists_every_problem_of_an_incomplete_payload(client, social_source):
    response = post_signed(client, "instagram", {"type": "tweet", "author": "sanne"})
    assert response.status_code == 422
    problems = response.json()["problems"]
    assert any(p.startswith("id:") for p in problems)
    assert any(p.startswith("type:") for p in problems)
    assert any(p.startswith("platform:") for p in problems)
    assert any(p.startswith("author:") for p in problems)
    assert WebhookDelivery.objects.get().status == "rejected"


def test_it_answers_404_for_an_unknown_or_inactive_source(client, social_source):
    assert post_signed(client, "nope", dm()).status_code == 404
    social_source.active = False
    social_source.save()
    assert post_signed(client, "instagram", dm()).status_code == 404
    assert WebhookDelivery.objects.filter(status="rejected").count() == 2


def test_it_refuses_get(client, social_source):
    assert client.get("/hooks/instagram/").status_code == 405


def test_the_database_accepts_an_event_id_only_once_per_source(client, social_source):
    from django.db import IntegrityError, transaction

    post_signed(client, "instagram", dm())
    with pytest.raises(IntegrityError), transaction.atomic():
        WebhookDelivery.objects.create(
            source=social_source, slug="instagram", event_id="evt-1", status="accepted"
        )


def test_it_keeps_absurdly_nested_json_as_rejected(client, social_source):
    body = b"[" * 200_000 + b"]" * 200_000
    response = post_signed(client, "instagram", raw=body)
    assert response.status_code == 422
    assert bytes(WebhookDelivery.objects.get().body) == body
