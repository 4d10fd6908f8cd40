"""The bot on the visitor's chat page: asking and rating with and without JavaScript, the crisis
notice on top, "talk to a person" to the chat form, and the conversation going along."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from kalm.assistant.models import Conversation, Turn
from kalm.assistant.selectors import COOKIE_NAME
from kalm.chat.models import ChatSession
from kalm.crisis.models import PublishChannel
from kalm.crisis.tests.conftest import open_crisis
from kalm.crisis.tests.statements import published, team
from kalm.dossier.models import EntryKind

pytestmark = pytest.mark.django_db
FRAGMENT = {"HTTP_X_KALM_FRAGMENT": "1"}


@pytest.fixture
def visitor(english) -> Client:
    return Client()


def ask(client: Client, question: str, **extra):
    return client.post(reverse("assistant:ask"), {"question": question}, **extra)


def test_the_chat_opens_with_the_bot_and_a_person_in_reach(visitor):
    response = visitor.get(reverse("chat:start"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="question"' in html
    assert "Talk to a person" in html
    assert "frame-ancestors" in response["Content-Security-Policy"]


def test_without_the_bot_the_chat_opens_with_the_person_form(visitor, settings):
    settings.KALM_ANSWER_BOT = False
    html = visitor.get(reverse("chat:start")).content.decode()
    assert 'name="question"' not in html and 'name="name"' in html
    # and the bot's own addresses are gone
    assert ask(visitor, "How do I return my order?").status_code == 404
    assert visitor.post(reverse("assistant:person")).status_code == 404


def test_asking_without_javascript_redirects_back_to_the_answer(visitor, articles):
    response = ask(visitor, "How do I return my order?")
    assert response.status_code == 302
    turn = Turn.objects.get()
    assert response["Location"] == f"{reverse('chat:start')}#turn-{turn.pk}"
    assert response.cookies[COOKIE_NAME]["httponly"]
    html = visitor.get(reverse("chat:start")).content.decode()
    assert "Returning an order" in html
    assert f"/help/a/{articles['return_en'].slug}/" in html
    assert "Did this answer your question?" in html


def test_asking_with_javascript_returns_the_turn(visitor, articles):
    response = ask(visitor, "How do I return my order?", **FRAGMENT)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="turn-' in html and "Returning an order" in html
    assert "<html" not in html  # a fragment, not a page
    # The same conversation goes on with the cookie.
    ask(visitor, "Where is my parcel?", **FRAGMENT)
    assert Conversation.objects.count() == 1 and Turn.objects.count() == 2


def test_embed_is_kept_on_the_redirect(visitor, articles):
    response = visitor.post(
        reverse("assistant:ask") + "?embed=1", {"question": "How do I return my order?"}
    )
    assert response["Location"].startswith(reverse("chat:start") + "?embed=1#turn-")


def test_an_empty_question_is_refused_and_kept_nothing(visitor):
    response = ask(visitor, "   ")
    assert response.status_code == 400
    assert 'name="question"' in response.content.decode()
    assert ask(visitor, "", **FRAGMENT).status_code == 400
    assert not Turn.objects.exists()


def test_an_unsure_answer_offers_suggestions_and_a_person(visitor, articles):
    html = ask(visitor, "Gift vouchers for christmas?", **FRAGMENT).content.decode()
    assert "I am not sure I understood your question." in html


def test_an_upset_visitor_gets_the_person_form_at_once(visitor, articles):
    html = ask(
        visitor, "This is outrageous, I am furious, I want to return my order NOW!!", **FRAGMENT
    ).content.decode()
    assert "This is something a colleague should help you with personally." in html
    form = re.search(r'<form class="bot-person-form".*?</form>', html, re.S).group(0)
    assert 'name="name"' in form and "I want to return my order NOW!!" in form
    assert "While you wait, this may help:" in html and "Returning an order" in html


def test_rating_no_asks_why_then_offers_a_person(visitor, articles):
    ask(visitor, "How do I return my order?")
    turn = Turn.objects.get()
    url = reverse("assistant:feedback", args=[turn.pk])
    html = visitor.post(url, {"helpful": "0"}, **FRAGMENT).content.decode()
    assert "What was wrong?" in html and 'value="not_solved"' in html
    html = visitor.post(url, {"helpful": "0", "reason": "not_solved"}, **FRAGMENT).content.decode()
    assert "we use this to improve our answers" in html and "Talk to a person" in html
    turn.refresh_from_db()
    assert turn.helpful is False and turn.feedback_reason == "not_solved" and turn.gap_id


def test_rating_yes_without_javascript(visitor, articles):
    ask(visitor, "How do I return my order?")
    turn = Turn.objects.get()
    response = visitor.post(reverse("assistant:feedback", args=[turn.pk]), {"helpful": "1"})
    assert response.status_code == 302
    assert "Glad it helped" in visitor.get(reverse("chat:start")).content.decode()


def test_nobody_rates_someone_elses_answer(visitor, articles):
    ask(visitor, "How do I return my order?")
    turn = Turn.objects.get()
    stranger = Client()
    ask(stranger, "Where is my parcel?")  # a conversation of their own, so a cookie
    assert Conversation.objects.count() == 2
    url = reverse("assistant:feedback", args=[turn.pk])
    assert stranger.post(url, {"helpful": "0"}).status_code == 404
    turn.refresh_from_db()
    assert turn.helpful is None


def test_talk_to_a_person_carries_the_question_into_the_chat(visitor, articles, agent):
    ask(visitor, "How do I return my order?")
    response = visitor.post(reverse("assistant:person"))
    assert response["Location"] == reverse("chat:start") + "?person=1"
    html = visitor.get(response["Location"]).content.decode()
    assert "How do I return my order?</textarea>" in html
    assert "They will see what you asked our assistant." in html
    response = visitor.post(
        response["Location"],
        {"name": "Sam Jones", "email": "sam@example.com", "body": "How do I return my order?"},
    )
    assert response.status_code == 302
    session = ChatSession.objects.get()
    conversation = Conversation.objects.get()
    assert conversation.status == Conversation.Status.HANDED_OFF
    assert conversation.handoff_reason == Conversation.Reason.ASKED
    assert session.case.dossier.filter(kind=EntryKind.BOT_CONVERSATION).exists()
    # The agent sees the conversation on the case page and in the chat console.
    desk = Client()
    desk.force_login(agent)
    case_html = desk.get(reverse("desk:case", args=[session.case.pk])).content.decode()
    assert "Returning an order" in case_html and "The asked" not in case_html
    chat_html = desk.get(reverse("chat:desk_session", args=[session.pk])).content.decode()
    assert "Before the chat: the answer bot" in chat_html
    assert "The visitor asked for a person" in chat_html
    # A new visit starts a new conversation; the old one stays with the case.
    ask(visitor, "Where is my parcel?")
    assert Conversation.objects.count() == 2


def test_the_crisis_notice_is_pinned_above_the_bot(visitor, team_lead):
    crisis = open_crisis(team_lead)
    drafter, reviewer = team(team_lead)
    published(
        crisis,
        drafter,
        reviewer,
        channels=[PublishChannel.PUBLIC_PAGE],
        faq=[{"q": "Kan ik de fles nog drinken?", "a": "Nee."}],
    )
    html = Client().get(reverse("chat:start")).content.decode()
    assert "bot-pin" in html and crisis.title in html
    assert "Kan ik de fles nog drinken?" in html
    assert html.index("bot-pin") < html.index('name="question"')
