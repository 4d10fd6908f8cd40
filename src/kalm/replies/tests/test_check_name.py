from __future__ import annotations

import pytest

from kalm.core.testing import make_case
from kalm.replies.tests.conftest import result


@pytest.mark.parametrize(
    "draft",
    [
        "Beste Sanne, wat vervelend.",
        "Beste mevrouw De Vries, wat vervelend.",
        "Geachte mevrouw de Vries,\nwat vervelend.",
        "Wat vervelend, mevrouw Vries.",
    ],
)
def test_it_passes_when_a_dutch_reply_names_the_consumer(chat_case, draft):
    check = result(chat_case, draft, "name")
    assert check.passed and check.applies


def test_it_fails_a_dutch_reply_without_the_name_and_suggests_a_greeting(chat_case):
    check = result(chat_case, "Hallo, wat vervelend dat dit is gebeurd.", "name")
    assert not check.passed
    assert "Beste Sanne de Vries," in check.suggestion


def test_it_passes_an_english_reply_with_the_name(english_case):
    assert result(english_case, "Dear Mr Smith, I am sorry.", "name").passed
    assert result(english_case, "Hi John, I am sorry.", "name").passed


def test_it_fails_an_english_reply_without_the_name(english_case):
    check = result(english_case, "Hello, I am sorry to hear this.", "name")
    assert not check.passed
    assert "Dear John Smith," in check.suggestion


def test_it_ignores_accents_and_case(db, wednesday):
    case = make_case(name="Zoë Müller", email="", phone="+31612345670", language="nl")
    assert result(case, "Beste zoe, ...", "name").passed
    assert result(case, "Beste mevrouw MULLER", "name").passed
    assert not result(case, "Beste mevrouw, ...", "name").passed


def test_an_emailed_reply_is_greeted_by_name_by_the_email_itself(calm_case):
    # The reply email starts with "Beste Sanne de Vries," (cases/email/reply.txt).
    check = result(calm_case, "Dank u wel voor uw bericht.", "name")
    assert check.passed
    assert "Beste Sanne de Vries," in check.explanation
    assert check.suggestion == ""


def test_an_emailed_reply_with_its_own_greeting_is_warned_of_a_double_greeting(calm_case):
    check = result(calm_case, "Beste Sanne,\n\nDank u wel.", "name")
    assert check.passed
    assert "Beste Sanne de Vries," in check.suggestion


def test_it_does_not_apply_without_a_name(db, wednesday):
    case = make_case(name="", email="", phone="+31612345671")
    check = result(case, "Hallo", "name")
    assert check.passed and not check.applies
