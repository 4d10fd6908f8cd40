"""``POST /in/email/``: raw MIME from a mail gateway, with a bearer token."""

import pytest
from django.test import override_settings

from kalm.channels.models import InboundEmail
from kalm.channels.tests.mail import corpus

pytestmark = pytest.mark.django_db(transaction=True)

URL = "/in/email/"
TOKEN = "s3cret-gateway-token"
AUTH = {"HTTP_AUTHORIZATION": f"Bearer {TOKEN}"}


def _post(client, raw: bytes, **extra):
    return client.post(URL, data=raw, content_type="message/rfc822", **extra)


@override_settings(KALM_INBOUND_EMAIL_TOKEN=TOKEN)
def test_it_ingests_a_raw_message(client):
    response = _post(client, corpus("plain_dutch.eml"), **AUTH)
    assert response.status_code == 200
    inbound = InboundEmail.objects.get()
    reference = inbound.case.reference
    assert response.json() == {"outcome": "new", "case": reference, "line": f"case {reference} new"}
    assert inbound.source == "http"
    again = _post(client, corpus("plain_dutch.eml"), **AUTH)
    assert again.json()["outcome"] == "duplicate" and again.json()["case"] == reference


@override_settings(KALM_INBOUND_EMAIL_TOKEN=TOKEN)
def test_it_answers_202_for_a_quarantined_message(client):
    response = client.post(
        URL, data=corpus("garbage.eml"), content_type="application/octet-stream", **AUTH
    )
    assert response.status_code == 202
    assert response.json() == {
        "outcome": "quarantined",
        "case": None,
        "line": "quarantined: no sender address",
    }


@override_settings(KALM_INBOUND_EMAIL_TOKEN=TOKEN)
def test_it_refuses_a_missing_or_wrong_token(client):
    assert _post(client, corpus("plain_dutch.eml")).status_code == 401
    wrong = _post(client, corpus("plain_dutch.eml"), HTTP_AUTHORIZATION="Bearer nope")
    assert wrong.status_code == 401
    basic = _post(client, corpus("plain_dutch.eml"), HTTP_AUTHORIZATION=f"Basic {TOKEN}")
    assert basic.status_code == 401
    assert InboundEmail.objects.count() == 0


@override_settings(KALM_INBOUND_EMAIL_TOKEN="")
def test_it_answers_503_when_no_token_is_configured(client):
    response = _post(client, corpus("plain_dutch.eml"), **AUTH)
    assert response.status_code == 503
    assert "KALM_INBOUND_EMAIL_TOKEN" in response.json()["error"]


@override_settings(KALM_INBOUND_EMAIL_TOKEN=TOKEN, KALM_INBOUND_EMAIL_MAX_BYTES=1000)
def test_it_refuses_a_message_over_the_limit_but_keeps_a_record(client):
    raw = corpus("plain_dutch.eml") + b"x" * 5000
    response = _post(client, raw, **AUTH)
    assert response.status_code == 413
    assert response.json()["outcome"] == "quarantined"
    inbound = InboundEmail.objects.get()
    assert inbound.status == "quarantined" and inbound.size == len(raw)
    assert f"{len(raw)} bytes, limit 1000" in inbound.reason
    assert bytes(inbound.raw) == raw[:1000]
    assert inbound.from_address  # the headers that arrived are shown


@override_settings(KALM_INBOUND_EMAIL_TOKEN=TOKEN, DATA_UPLOAD_MAX_MEMORY_SIZE=100)
def test_it_reads_bodies_larger_than_the_form_upload_limit(client):
    assert _post(client, corpus("alternative.eml"), **AUTH).json()["outcome"] == "new"


@override_settings(KALM_INBOUND_EMAIL_TOKEN=TOKEN)
def test_it_refuses_get_and_an_empty_body(client):
    assert client.get(URL, **AUTH).status_code == 405
    assert _post(client, b"", **AUTH).status_code == 400
