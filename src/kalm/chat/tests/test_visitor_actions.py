"""POST /chat/s/ (send), /chat/s/typing and /chat/s/end from the visitor."""

from __future__ import annotations

from django.test import Client

from kalm.cases.models import Message
from kalm.chat.models import ChatEvent, ChatSession


def test_sending_appends_to_the_case(chat, visitor):
    response = visitor.post("/chat/s/", {"body": "Nog een vraag"})
    assert response.status_code == 302 and response["Location"] == "/chat/s/"
    assert Message.objects.filter(case=chat.case, body="Nog een vraag", channel="chat").exists()
    assert "Nog een vraag" in visitor.get("/chat/s/").content.decode()


def test_the_embedded_page_stays_embedded(chat, visitor):
    response = visitor.post("/chat/s/?embed=1", {"body": "In de widget"})
    assert response["Location"] == "/chat/s/?embed=1"
    page = visitor.get("/chat/s/?embed=1")
    assert "X-Frame-Options" not in page.headers
    assert page["Content-Security-Policy"].startswith("frame-ancestors 'self'")


def test_strangers_cannot_send_or_type(chat):
    assert Client().post("/chat/s/", {"body": "Inbraak"}).status_code == 403
    assert Client().post("/chat/s/typing").status_code == 403
    assert Client().post("/chat/s/end").status_code == 403
    assert Client().get("/chat/s/").status_code == 403
    assert not Message.objects.filter(body="Inbraak").exists()


def test_typing_starts_one_event_per_burst(chat, visitor):
    visitor.post("/chat/s/typing")
    visitor.post("/chat/s/typing")
    chat.refresh_from_db()
    assert chat.consumer_typing_until is not None
    assert chat.events.filter(kind=ChatEvent.Kind.TYPING).count() == 1


def test_the_visitor_can_end_the_chat(chat, visitor):
    response = visitor.post("/chat/s/end")
    assert response.status_code == 302
    chat.refresh_from_db()
    assert chat.status == ChatSession.Status.ENDED
    assert chat.case.dossier.filter(payload__chat_event="ended", actor_type="consumer").exists()
    assert "Start a new chat" in visitor.get("/chat/s/").content.decode()
