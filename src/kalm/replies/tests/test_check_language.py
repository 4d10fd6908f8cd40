from __future__ import annotations

from kalm.replies.tests.conftest import result


def test_a_dutch_reply_on_a_dutch_case_passes(chat_case):
    assert result(chat_case, "Wij sturen u morgen een nieuwe fles toe.", "language").passed


def test_an_english_reply_on_a_dutch_case_fails(chat_case, english):
    check = result(chat_case, "We will send you a new bottle tomorrow.", "language")
    assert not check.passed
    assert "English" in check.explanation and "Dutch" in check.explanation
    assert "Write the reply in Dutch" in check.suggestion


def test_a_dutch_reply_on_an_english_case_fails(english_case):
    assert (
        result(english_case, "Wij sturen u morgen een nieuwe pot toe.", "language").passed is False
    )
    assert result(english_case, "We will send you a new jar tomorrow.", "language").passed


def test_the_language_can_be_given(chat_case):
    check = result(chat_case, "We will send you a new bottle tomorrow.", "language", language="en")
    assert check.passed


def test_a_short_draft_is_not_judged(chat_case):
    check = result(chat_case, "Dank u wel!", "language")
    assert check.passed and not check.applies
