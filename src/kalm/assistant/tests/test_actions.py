"""The bot's conversation: answers, unsure, hand-off on signals, feedback, the hand-over into a
chat with the conversation in the dossier, and the clean-up."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from kalm.assistant import actions
from kalm.assistant.actions import AssistantError
from kalm.assistant.models import Conversation, Gap, Turn
from kalm.dossier.models import EntryKind

pytestmark = pytest.mark.django_db


def ask(conversation, question, language="nl"):
    return actions.conversation_ask(
        conversation=conversation, question=question, page_language=language
    )


@pytest.fixture
def conversation(db):
    conv, secret = actions.conversation_start(language="nl")
    assert secret and conv.token_hash != secret
    return conv


def test_a_question_is_answered_with_the_passage_and_the_link(conversation, articles):
    turn = ask(conversation, "Hoe kan ik mijn bestelling retourneren?")
    assert turn.kind == Turn.Kind.ARTICLE
    assert turn.article == articles["return_nl"]
    assert turn.title == "Een bestelling retourneren"
    assert "retourneren" in turn.passage or "retourzending" in turn.passage
    assert turn.url.endswith(f"/help/a/{articles['return_nl'].slug}/")
    assert turn.passage in articles["return_nl"].body  # a passage, never new text


def test_an_english_question_on_a_dutch_page_is_answered_in_english(conversation, articles):
    turn = ask(conversation, "How do I return my order within the 30 days?")
    assert turn.language == "en"
    assert turn.article == articles["return_en"]


def test_an_unknown_question_is_unsure_and_becomes_a_gap(conversation, articles):
    turn = ask(conversation, "Verkopen jullie ook cadeaubonnen voor de kerst?")
    assert turn.kind == Turn.Kind.UNSURE
    turn.refresh_from_db()
    assert turn.gap is not None
    assert turn.gap.unanswered_count == 1


def test_an_upset_visitor_is_handed_over_with_the_answer_kept_for_meanwhile(conversation, articles):
    turn = ask(conversation, "Ik ben woedend! Ik wil mijn bestelling retourneren, NU!!")
    assert turn.kind == Turn.Kind.HANDOFF
    assert "anger" in turn.signals
    conversation.refresh_from_db()
    assert conversation.handoff_reason == Conversation.Reason.SIGNAL
    assert "woedend" in [w.lower() for w in conversation.handoff_signals]
    assert turn.gap is None  # not a knowledge gap: a person was needed


def test_feedback_no_makes_a_gap_and_counts_once(conversation, articles):
    turn = ask(conversation, "Hoe kan ik mijn bestelling retourneren?")
    turn = actions.turn_feedback(turn=turn, helpful=False)
    turn = actions.turn_feedback(turn=turn, helpful=False, reason="not_solved")
    assert turn.feedback_reason == "not_solved"
    gap = Gap.objects.get()
    assert gap.unhelpful_count == 1 and gap.question_count == 1
    with pytest.raises(AssistantError):
        actions.turn_feedback(turn=turn, helpful=True)


def test_feedback_yes_is_kept_and_makes_no_gap(conversation, articles):
    turn = ask(conversation, "Hoe kan ik mijn bestelling retourneren?")
    turn = actions.turn_feedback(turn=turn, helpful=True)
    assert turn.helpful is True and turn.feedback_at is not None
    assert not Gap.objects.exists()


def test_only_answers_can_be_rated(conversation, articles):
    turn = ask(conversation, "Verkopen jullie ook cadeaubonnen voor de kerst?")
    with pytest.raises(AssistantError):
        actions.turn_feedback(turn=turn, helpful=False)
    with pytest.raises(AssistantError):
        actions.turn_feedback(turn=turn, helpful=False, reason="nonsense")


def test_empty_and_overlong_questions_are_refused(conversation):
    with pytest.raises(AssistantError):
        ask(conversation, "   ")
    with pytest.raises(AssistantError):
        ask(conversation, "x" * (actions.MAX_QUESTION_CHARS + 1))
    assert not conversation.turns.exists()


def test_a_long_conversation_is_pointed_to_a_person(conversation, articles, monkeypatch):
    monkeypatch.setattr(actions, "MAX_TURNS", 2)
    ask(conversation, "retourneren")
    ask(conversation, "pakket")
    with pytest.raises(AssistantError):
        ask(conversation, "nog een vraag")


def test_talk_to_a_person_after_an_unsure_answer_says_so(conversation, articles):
    ask(conversation, "Verkopen jullie ook cadeaubonnen voor de kerst?")
    actions.conversation_handoff_request(conversation=conversation)
    assert conversation.handoff_reason == Conversation.Reason.UNSURE


def test_the_chat_takes_the_conversation_into_the_case_dossier(conversation, articles):
    ask(conversation, "Hoe kan ik mijn bestelling retourneren?")
    first = conversation.turns.get()
    actions.turn_feedback(turn=first, helpful=False, reason="unclear")
    actions.conversation_handoff_request(conversation=conversation)
    session, _secret = actions.conversation_chat_start(
        conversation=conversation,
        name="Sanne de Vries",
        email="sanne@example.nl",
        body="Ik snap de retour niet",
        language="nl",
    )
    conversation.refresh_from_db()
    assert conversation.status == Conversation.Status.HANDED_OFF
    assert conversation.case == session.case and conversation.chat_session == session
    entry = session.case.dossier.get(kind=EntryKind.BOT_CONVERSATION)
    turns = entry.payload["turns"]
    assert [t["question"] for t in turns] == ["Hoe kan ik mijn bestelling retourneren?"]
    assert turns[0]["title"] == "Een bestelling retourneren"
    assert turns[0]["helpful"] is False and turns[0]["feedback_reason"] == "unclear"
    assert entry.payload["reason"] == Conversation.Reason.UNSURE
    # A handed-over conversation takes no more questions.
    with pytest.raises(AssistantError):
        ask(conversation, "nog iets")


def test_handing_over_twice_writes_one_dossier_entry(conversation, articles):
    ask(conversation, "Waar blijft mijn pakket?")
    stale = Conversation.objects.get(pk=conversation.pk)  # read before the hand-over
    session, _ = actions.conversation_chat_start(
        conversation=conversation, name="Jan", body="Pakket?", language="nl"
    )
    assert stale.status == Conversation.Status.OPEN
    actions.conversation_hand_over(conversation=stale, session=session)
    assert session.case.dossier.filter(kind=EntryKind.BOT_CONVERSATION).count() == 1


def test_a_chat_without_questions_writes_no_transcript(conversation):
    session, _ = actions.conversation_chat_start(
        conversation=conversation, name="Jan", body="Hallo", language="nl"
    )
    assert not session.case.dossier.filter(kind=EntryKind.BOT_CONVERSATION).exists()


def test_a_stale_conversation_takes_no_question_after_the_hand_over(conversation, articles):
    stale = Conversation.objects.get(pk=conversation.pk)
    actions.conversation_chat_start(conversation=conversation, name="Jan", body="Hoi")
    with pytest.raises(AssistantError):
        ask(stale, "Waar blijft mijn pakket?")
    assert not stale.turns.exists()


def test_a_plain_question_keeps_the_hand_off_reason_of_another_tab(conversation, articles):
    stale = Conversation.objects.get(pk=conversation.pk)
    ask(conversation, "Ik ben woedend, dit is schandalig!!")
    ask(stale, "Waar blijft mijn pakket?")  # the other tab never saw the hand-off
    conversation.refresh_from_db()
    assert conversation.handoff_reason == Conversation.Reason.SIGNAL
    assert conversation.handoff_signals


def test_a_question_without_words_is_no_gap(conversation, articles):
    turn = ask(conversation, "???")
    assert turn.kind == Turn.Kind.UNSURE and turn.gap is None
    assert not Gap.objects.exists()


def test_purge_keeps_questions_of_open_gaps_and_their_counts(articles, settings):
    settings.KALM_BOT_RETENTION_DAYS = 30
    old, _ = actions.conversation_start(language="nl")
    unsure = ask(old, "Verkopen jullie ook cadeaubonnen voor de kerst?")
    answered = ask(old, "Waar blijft mijn pakket?")
    gap = Gap.objects.get()
    long_ago = timezone.now() - timedelta(days=31)
    Conversation.objects.filter(pk=old.pk).update(last_activity_at=long_ago)
    assert actions.conversations_purge() == 0  # the conversation holds an open gap's question
    assert set(Turn.objects.values_list("pk", flat=True)) == {unsure.pk}
    assert not Turn.objects.filter(pk=answered.pk).exists()
    # A new question joins and the count still includes the kept one.
    fresh, _ = actions.conversation_start(language="nl")
    ask(fresh, "Verkopen jullie cadeaubonnen?")
    gap.refresh_from_db()
    assert gap.question_count == 2
    # Once the gap is closed its questions go with the next purge.
    Gap.objects.filter(pk=gap.pk).update(status=Gap.Status.DISMISSED)
    assert actions.conversations_purge() == 1
    assert not Turn.objects.filter(pk=unsure.pk).exists()


def test_purge_forgets_old_conversations_that_never_reached_a_person(articles, settings):
    settings.KALM_BOT_RETENTION_DAYS = 30
    old, _ = actions.conversation_start(language="nl")
    ask(old, "Waar blijft mijn pakket?")
    fresh, _ = actions.conversation_start(language="nl")
    handed, _ = actions.conversation_start(language="nl")
    ask(handed, "Waar blijft mijn pakket?")
    actions.conversation_chat_start(conversation=handed, name="Jan", body="Hoi", language="nl")
    long_ago = timezone.now() - timedelta(days=31)
    Conversation.objects.filter(pk__in=[old.pk, handed.pk]).update(last_activity_at=long_ago)
    assert actions.conversations_purge() == 1
    assert set(Conversation.objects.values_list("pk", flat=True)) == {fresh.pk, handed.pk}
