from __future__ import annotations

from datetime import date

from kalm.cases.actions import next_step_set
from kalm.replies.tests.conftest import result


def test_it_passes_a_dutch_promise_with_a_day(chat_case):
    check = result(chat_case, "Ik bel u donderdag om te vertellen wat wij vonden.", "next_step")
    assert check.passed
    assert check.details[0].text.startswith("Ik bel u donderdag")
    assert check.details[0].note == "donderdag 26 november 2026"


def test_it_passes_an_english_promise_with_a_time_frame(english_case):
    assert result(
        english_case, "We will get back to you within 2 working days.", "next_step"
    ).passed


def test_it_fails_a_step_without_a_time(chat_case, english):
    check = result(chat_case, "Wij zoeken het uit en nemen contact met u op.", "next_step")
    assert not check.passed
    assert "but not when" in check.explanation


def test_it_fails_without_any_next_step(english_case, english):
    check = result(english_case, "Thank you for your message.", "next_step")
    assert not check.passed
    assert "does not say what happens next" in check.explanation
    # Two working days from Wednesday 25 November: Friday 27 November.
    assert "I will let you know by Friday 27 November 2026" in check.suggestion


def test_its_suggestion_uses_the_cases_expected_date(chat_case, agent):
    next_step_set(case=chat_case, actor=agent, text="Onderzoek", due=date(2026, 12, 3))
    check = result(chat_case, "Dank u wel.", "next_step")
    assert "Ik laat u uiterlijk donderdag 3 december 2026 weten" in check.suggestion


def test_a_promise_in_the_past_is_no_next_step(english_case):
    assert not result(english_case, "We called you last Monday.", "next_step").passed
