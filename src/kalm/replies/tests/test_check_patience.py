from __future__ import annotations

from datetime import timedelta

from kalm.cases.actions import message_receive, message_reply
from kalm.replies.tests.conftest import result


def test_it_is_not_needed_when_the_consumer_has_not_waited(chat_case):
    check = result(chat_case, "Dank u wel.", "patience")
    assert check.passed and not check.applies


def test_it_fails_when_the_first_answer_is_late_and_no_thanks_are_given(chat_case, wednesday):
    wednesday.shift(timedelta(days=2))  # past the first-response due time, and > 1 day unanswered
    check = result(chat_case, "Wij sturen u een nieuwe fles.", "patience")
    assert check.applies and not check.passed
    assert len(check.details) == 2
    assert "Dank u wel voor uw geduld." in check.suggestion


def test_it_passes_with_thanks_for_patience_in_dutch(chat_case, wednesday):
    wednesday.shift(timedelta(days=2))
    assert result(chat_case, "Dank u wel voor uw geduld.", "patience").passed
    assert result(chat_case, "Excuses dat u zo lang heeft moeten wachten.", "patience").passed


def test_it_passes_with_thanks_for_patience_in_english(english_case, wednesday):
    wednesday.shift(timedelta(days=2))
    assert not result(english_case, "We will send a new jar.", "patience").passed
    assert result(english_case, "Thank you for your patience.", "patience").passed
    assert result(english_case, "Sorry for the long wait.", "patience").passed


def test_it_applies_when_the_consumer_says_they_are_waiting(chat_case, agent, wednesday):
    message_reply(case=chat_case, agent=agent, body="Wij kijken ernaar.")
    wednesday.shift(timedelta(hours=2))
    message_receive(case=chat_case, body="Ik wacht nog steeds op een antwoord!")
    check = result(chat_case, "Wij sturen u een nieuwe fles.", "patience")
    assert not check.passed
    assert len(check.details) == 1  # only the words: the message is two hours old


def test_an_answered_message_has_not_waited(chat_case, agent, wednesday):
    message_reply(case=chat_case, agent=agent, body="Wij kijken ernaar.")
    wednesday.shift(timedelta(days=3))
    check = result(chat_case, "Hier is een update.", "patience")
    assert not check.applies
