"""When the bot hands over at once: signals with their words, anger and distress from words."""

from __future__ import annotations

import pytest

from kalm.assistant.handoff import check


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Mijn zoontje heeft zich verbrand aan de waterkoker", "injury"),
        ("My daughter had an allergic reaction after eating your muesli", "injury"),
        ("Ik stap naar mijn advocaat als dit niet wordt opgelost", "legal"),
        ("I'm going to tell the newspaper about this", "media"),
        ("Dit is schandalig, ik ben woedend, al drie weken geen pakket!!", "anger"),
        ("Je suis furieux, ma commande n'est jamais arrivée", "anger"),
        ("I am desperate, you charged me twice and I have no money left", "distress"),
        ("Ik ben echt ten einde raad, niemand helpt me", "distress"),
    ],
)
def test_upset_or_endangered_visitors_go_to_a_person(text, reason):
    result = check(text)
    assert reason in result.reasons
    assert result.words, "a hand-off always names the words that caused it"


@pytest.mark.parametrize(
    "text",
    [
        "Hoe kan ik mijn bestelling retourneren?",
        "How long does delivery take?",
        "account geblokkeerd na te vaak proberen",  # the emotion model alone says 'anger'
        "difference between use by and best before",  # a classifier-only 'aggression'
        "Kan ik met iDEAL betalen?",
        "",
    ],
)
def test_plain_questions_stay_with_the_bot(text):
    assert not check(text)


def test_a_soft_word_needs_the_emotion_to_agree():
    # "boos" in a neutral sentence about a film is not an upset visitor.
    assert "anger" not in check("Is de film Boos ook op dvd te koop?").reasons
    assert "anger" in check("Ik ben echt boos, mijn pakket is weer niet gekomen").reasons
