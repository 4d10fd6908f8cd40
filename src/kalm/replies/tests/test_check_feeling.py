from __future__ import annotations

from kalm.cases.actions import message_receive
from kalm.replies.tests.conftest import result


def test_it_fails_a_dutch_reply_to_an_upset_consumer_without_acknowledgement(chat_case):
    check = result(chat_case, "Stuur de fles naar ons op.", "feeling")
    assert check.applies and not check.passed
    assert "“" in check.suggestion  # a concrete sentence to add, in Dutch
    assert any(word in check.suggestion for word in ("begrijp", "vervelend", "spijt"))


def test_it_passes_a_dutch_reply_that_acknowledges_the_feeling(chat_case):
    check = result(
        chat_case, "Wat vervelend dat dit is gebeurd, ik begrijp dat u schrok.", "feeling"
    )
    assert check.passed and check.applies
    assert check.details[0].text.lower().startswith("wat vervelend")


def test_it_fails_and_passes_in_english(english_case):
    assert not result(english_case, "Please send the jar to us.", "feeling").passed
    check = result(english_case, "I'm so sorry, that must have been frightening.", "feeling")
    assert check.passed
    assert "That must have been" not in check.suggestion


def test_a_typographic_apostrophe_counts_too(english_case):
    assert result(english_case, "I\u2019m so sorry to hear this.", "feeling").passed


def test_it_is_skipped_when_the_consumer_is_not_negative(calm_case):
    check = result(calm_case, "Dank u wel!", "feeling")
    assert check.passed and not check.applies


def test_it_reads_the_latest_unanswered_message(calm_case, agent):
    message_receive(
        case=calm_case,
        body="Maar nu is de fles in mijn hand ontploft en ik bloed. Ik ben woedend!",
    )
    assert not result(calm_case, "Stuur de fles op.", "feeling").passed


def test_it_uses_the_stored_analysis_when_there_is_one(calm_case):
    from django.apps import apps

    try:
        MessageAnalysis = apps.get_model("empathy", "MessageAnalysis")
    except LookupError:  # pragma: no cover - the empathy app stores its analyses
        import pytest

        pytest.skip("kalm.empathy has no MessageAnalysis")
    message = calm_case.messages.get()
    # The engine reads this message as positive; the stored verdict says otherwise and wins.
    MessageAnalysis.objects.update_or_create(
        message=message,
        defaults={
            "case": calm_case,
            "language": "nl",
            "sentiment": -0.8,
            "sentiment_label": "negative",
            "emotion": "anger",
            "signals": {},
            "fired": [],
            "evidence": {},
        },
    )
    check = result(calm_case, "Stuur de fles op.", "feeling")
    assert check.applies and not check.passed
    assert "boos" in check.suggestion  # the example for anger
