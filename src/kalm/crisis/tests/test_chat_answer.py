"""The chat answer: the selector for the answer bot, the reply block on the case page (chat and
email cases get it first) and in the chat desk."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.test import Client

from kalm.chat.actions import chat_accept
from kalm.chat.models import ChatSession
from kalm.core.testing import make_case
from kalm.crisis.actions import crisis_case_decide, crisis_status_set
from kalm.crisis.models import CrisisCase, CrisisStatus, PublishChannel
from kalm.crisis.selectors import case_statements, crisis_answer
from kalm.crisis.tests.conftest import open_crisis
from kalm.crisis.tests.statements import published, team

C = PublishChannel
TAG = Template("{% load crisis_tags %}{% crisis_statement case %}")


@pytest.fixture
def crisis(clock, team_lead):
    return open_crisis(team_lead)


def _confirm(crisis, case, team_lead):
    link = CrisisCase.objects.create(crisis=crisis, case=case)
    crisis_case_decide(link=link, actor=team_lead, confirm=True)


def test_crisis_answer_is_the_published_chat_answer_in_the_language(crisis, team_lead):
    spokes, legal = team(team_lead)
    assert crisis_answer(crisis, "nl") is None
    published(crisis, spokes, legal, channels=[C.DESK_MACRO])
    assert crisis_answer(crisis, "nl") is None  # another channel
    dutch = published(crisis, spokes, legal, channels=[C.CHAT_ANSWER])
    assert crisis_answer(crisis, "nl") == dutch
    assert crisis_answer(crisis, "en") == dutch  # better the other language than nothing
    english = published(crisis, spokes, legal, language="en", channels=[C.CHAT_ANSWER])
    assert crisis_answer(crisis, "en") == english


def test_chat_and_email_cases_get_the_chat_answer_first(crisis, team_lead):
    spokes, legal = team(team_lead)
    published(crisis, spokes, legal, channels=[C.DESK_MACRO])
    answer = published(
        crisis, spokes, legal, channels=[C.CHAT_ANSWER], what_we_do="Chat: we halen alles terug."
    )
    by_mail = make_case(channel="email")
    by_form = make_case(name="Piet", email="piet@example.nl")
    _confirm(crisis, by_mail, team_lead)
    _confirm(crisis, by_form, team_lead)
    (mail_block,) = case_statements(by_mail)
    assert (mail_block.channel, mail_block.version) == (C.CHAT_ANSWER, answer)
    assert mail_block.other.channel == C.DESK_MACRO  # another version: offered folded away
    (form_block,) = case_statements(by_form)
    assert form_block.channel == C.DESK_MACRO and form_block.other.version == answer
    html = TAG.render(Context({"case": by_mail}))
    assert "Chat: we halen alles terug." in html
    assert 'data-channel="chat_answer"' in html and "<details" in html
    assert "#form-reply textarea[name=body]" in html


def test_the_same_version_on_both_is_shown_once(crisis, team_lead):
    spokes, legal = team(team_lead)
    published(crisis, spokes, legal, channels=[C.DESK_MACRO, C.CHAT_ANSWER])
    case = make_case(channel="chat")
    _confirm(crisis, case, team_lead)
    (block,) = case_statements(case)
    assert block.channel == C.CHAT_ANSWER and block.other is None
    assert "<details" not in TAG.render(Context({"case": case}))


def test_the_chat_desk_offers_the_answer_of_every_open_crisis(crisis, team_lead, agent):
    from kalm.chat.actions import chat_presence_mark

    spokes, legal = team(team_lead)
    chat_presence_mark(agent=agent)  # an agent is online, so the visitor waits for them
    visitor = Client()
    visitor.post(
        "/chat/",
        {"name": "Sanne", "email": "sanne@example.nl", "body": "Mag ik de fles nog drinken?"},
    )
    chat = ChatSession.objects.get()
    chat_accept(session=chat, agent=agent)
    desk = Client()
    desk.force_login(agent)
    url = f"/chat/desk/{chat.pk}/"
    assert "crisis-case-statement" not in desk.get(url).content.decode()
    published(crisis, spokes, legal, channels=[C.CHAT_ANSWER])
    html = desk.get(url).content.decode()
    assert "Crisis answer" in html and crisis.title in html
    assert "Flessen uit batch L2611 kunnen barsten." in html
    assert 'data-target="#chat-body"' in html and "Insert into reply" in html
    crisis_status_set(crisis=crisis, actor=team_lead, status=CrisisStatus.CLOSED)
    assert "crisis-case-statement" not in desk.get(url).content.decode()
