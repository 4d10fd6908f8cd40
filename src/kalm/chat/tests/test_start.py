from __future__ import annotations

import hashlib

from django.test import Client

from kalm.cases.models import Case, Channel, Message
from kalm.chat.models import ChatEvent, ChatSession
from kalm.chat.selectors import COOKIE_NAME
from kalm.chat.tests.conftest import start_chat
from kalm.dossier.models import EntryKind


def test_it_shows_the_form_and_may_be_framed_by_allowed_origins(client, db, settings):
    settings.KALM_CHAT_ALLOWED_ORIGINS = ["https://shop.example"]
    response = client.get("/chat/?person=1")  # the person form; plain /chat/ opens the bot
    assert response.status_code == 200
    assert 'name="body"' in response.content.decode()
    assert "X-Frame-Options" not in response.headers
    assert response["Content-Security-Policy"] == "frame-ancestors 'self' https://shop.example"


def test_framing_defaults_to_self(client, db):
    response = client.get("/chat/?embed=1")
    assert response["Content-Security-Policy"] == "frame-ancestors 'self'"
    assert "site-header" not in response.content.decode()  # no portal chrome in the widget


def test_it_starts_a_chat_case_with_a_secret_cookie(visitor, online):
    chat = start_chat(visitor)
    response_cookie = visitor.cookies[COOKIE_NAME]
    assert response_cookie["httponly"] and response_cookie["samesite"] == "Lax"
    assert response_cookie["path"] == "/chat/"
    secret = response_cookie.value
    assert chat.visitor_token_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in chat.visitor_token_hash
    assert chat.status == ChatSession.Status.WAITING
    case = Case.objects.get()
    assert case.channel == Channel.CHAT and chat.case == case
    message = Message.objects.get(case=case)
    assert message.body == "Waar blijft mijn pakket?" and message.channel == Channel.CHAT
    assert case.dossier.filter(kind=EntryKind.MESSAGE_IN).exists()
    assert ChatEvent.objects.filter(session=chat, kind="message", message=message).exists()


def test_without_an_online_agent_the_visitor_leaves_a_message(visitor):
    chat = start_chat(visitor)
    assert chat.status == ChatSession.Status.LEFT_MESSAGE
    page = visitor.get("/chat/s/").content.decode()
    assert "Nobody is available to chat right now" in page
    assert chat.events.filter(code="no_agent").exists()


def test_email_is_optional(visitor, online):
    chat = start_chat(visitor, email="")
    assert chat.status == ChatSession.Status.WAITING
    assert chat.consumer.email == ""


def test_bad_input_is_refused_and_kept(client, db):
    response = client.post("/chat/", {"name": "", "email": "geen-adres", "body": "Mijn vraag"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Mijn vraag" in body and "geen-adres" in body
    assert not ChatSession.objects.exists() and not Case.objects.exists()


def test_it_enforces_csrf(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/chat/", {"name": "A", "body": "B"})
    assert response.status_code == 403
    assert not ChatSession.objects.exists()
