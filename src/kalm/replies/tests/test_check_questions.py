from __future__ import annotations

from kalm.cases.actions import message_receive, message_reply
from kalm.core.testing import make_case
from kalm.replies.check import extract_questions
from kalm.replies.tests.conftest import result


def test_it_extracts_questions_with_and_without_question_marks():
    text = (
        "Wat een ellende. Wanneer krijg ik mijn geld terug? Kunt u mij laten weten of ik de "
        "fles moet opsturen.\n> Waarom duurt het zo lang?\nHow awful. When will it arrive"
    )
    assert extract_questions([text]) == [
        "Wanneer krijg ik mijn geld terug?",
        "Kunt u mij laten weten of ik de fles moet opsturen.",
        "When will it arrive",
    ]


def test_it_lists_the_dutch_question_left_unanswered(db, wednesday):
    case = make_case(
        email="",
        phone="+31612345679",
        body="Wanneer krijg ik mijn geld terug? En moet ik de kapotte fles opsturen?",
    )
    check = result(case, "U krijgt uw geld uiterlijk vrijdag terug op uw rekening.", "questions")
    assert not check.passed
    assert [d.text for d in check.details] == ["En moet ik de kapotte fles opsturen?"]
    assert "En moet ik de kapotte fles opsturen?" in check.suggestion

    both = "U krijgt uw geld vrijdag terug. De kapotte fles hoeft u niet op te sturen."
    assert result(case, both, "questions").passed


def test_it_lists_the_english_question_left_unanswered(db, wednesday):
    case = make_case(
        email="",
        phone="+447700900124",
        language="en",
        body="When will I get my refund? Do I need to send the broken jar back?",
    )
    check = result(case, "You do not need to send the broken jar back.", "questions")
    assert [d.text for d in check.details] == ["When will I get my refund?"]
    # A date answers "when?", together with the question's words.
    answered = "We will refund you by Friday. You do not need to send the jar back."
    assert result(case, answered, "questions").passed


def test_only_questions_since_the_last_reply_count(db, wednesday, agent):
    case = make_case(email="", phone="+31612345680", body="Waarom is de fles ontploft?")
    message_reply(case=case, agent=agent, body="Dat zoeken wij uit.")
    check = result(case, "Dank u wel.", "questions")
    assert check.passed and not check.applies
    message_receive(case=case, body="Hoeveel kost een nieuwe fles?")
    check = result(case, "Dank u wel.", "questions")
    assert [d.text for d in check.details] == ["Hoeveel kost een nieuwe fles?"]


def test_it_does_not_apply_without_questions(chat_case):
    check = result(chat_case, "Dank u wel.", "questions")
    assert check.passed and not check.applies
