"""The knowledge team's actions on gaps: answer, dismiss, reopen, merge, and their refusals."""

from __future__ import annotations

import pytest

from kalm.assistant import gap_actions
from kalm.assistant.gaps import gap_record
from kalm.assistant.models import Gap, Turn
from kalm.assistant.tests.conftest import make_turn
from kalm.kb import actions as kb_actions
from kalm.kb.tests.conftest import CategoryFactory, make_published

pytestmark = pytest.mark.django_db


def _gap(question: str = "pakket niet ontvangen", **fields) -> Gap:
    return gap_record(turn=make_turn(question, **fields), reason="unanswered")


def test_an_agent_closes_a_gap_with_a_published_article_and_the_questions_stay(agent):
    gap = _gap()
    article = make_published(category=CategoryFactory(), title="Pakket kwijt")
    closed = gap_actions.gap_answer(gap=gap, article=article, actor=agent)
    closed.refresh_from_db()
    assert closed.status == Gap.Status.ANSWERED
    assert (closed.article, closed.closed_by) == (article, agent)
    assert closed.closed_at is not None
    assert closed.turns.count() == 1 and closed.question_count == 1


def test_wrong_states_are_refused_with_a_reason(agent):
    gap = _gap()
    article = make_published(category=CategoryFactory())
    gap_actions.gap_dismiss(gap=gap, actor=agent)
    with pytest.raises(gap_actions.IllegalGapTransition):
        gap_actions.gap_answer(gap=gap, article=article, actor=agent)
    with pytest.raises(gap_actions.IllegalGapTransition):
        gap_actions.gap_dismiss(gap=gap, actor=agent)
    reopened = gap_actions.gap_reopen(gap=gap, actor=agent)
    assert reopened.status == Gap.Status.OPEN and reopened.closed_at is None
    with pytest.raises(gap_actions.IllegalGapTransition) as refused:
        gap_actions.gap_reopen(gap=gap, actor=agent)
    assert isinstance(refused.value, ValueError) and str(refused.value)


def test_reopening_an_answered_gap_unlinks_the_article(agent):
    gap = _gap()
    article = make_published(category=CategoryFactory())
    gap_actions.gap_answer(gap=gap, article=article, actor=agent)
    gap = gap_actions.gap_reopen(gap=gap, actor=agent)
    gap.refresh_from_db()
    assert gap.status == Gap.Status.OPEN and gap.article is None and gap.closed_by is None


def test_an_archived_article_answers_nothing(agent, team_lead):
    gap = _gap()
    article = make_published(category=CategoryFactory())
    kb_actions.article_archive(article=article, actor=team_lead)
    article.refresh_from_db()
    with pytest.raises(gap_actions.GapActionError):
        gap_actions.gap_answer(gap=gap, article=article, actor=agent)
    gap.refresh_from_db()
    assert gap.status == Gap.Status.OPEN


def test_people_outside_the_desk_are_refused(outsider):
    gap = _gap()
    with pytest.raises(gap_actions.GapRefused):
        gap_actions.gap_dismiss(gap=gap, actor=outsider)
    gap.refresh_from_db()
    assert gap.status == Gap.Status.OPEN


def test_merging_moves_the_questions_and_adds_up(agent):
    article = make_published(category=CategoryFactory())
    first = _gap("pakket niet ontvangen")
    gap_record(turn=make_turn("pakket niet ontvangen"), reason="unanswered")
    failed = make_turn(
        "waar blijft de bezorger", kind=Turn.Kind.ARTICLE, article=article, helpful=False
    )
    second = gap_record(turn=failed, reason="unhelpful")
    assert second.pk != first.pk
    merged = gap_actions.gap_merge(gap=second, into=first, actor=agent)
    assert merged.pk == first.pk
    assert not Gap.objects.filter(pk=second.pk).exists()
    merged.refresh_from_db()
    assert (merged.question_count, merged.unanswered_count, merged.unhelpful_count) == (3, 2, 1)
    assert merged.terms["pakket"] == 2 and merged.terms["bezorger"] == 1
    assert merged.turns.count() == 3


def test_merging_is_refused_into_itself_or_with_a_closed_gap(agent):
    first, second = _gap("pakket niet ontvangen"), _gap("wachtwoord vergeten")
    with pytest.raises(gap_actions.GapActionError):
        gap_actions.gap_merge(gap=first, into=first, actor=agent)
    gap_actions.gap_dismiss(gap=second, actor=agent)
    with pytest.raises(gap_actions.GapActionError):
        gap_actions.gap_merge(gap=first, into=second, actor=agent)
    assert first.turns.count() == 1


def test_only_a_public_article_in_the_questions_language_answers(agent):
    gap = _gap()
    internal = make_published(category=CategoryFactory(), title="Intern", visibility="internal")
    english = make_published(category=CategoryFactory(), title="Parcel lost", language="en")
    for article in (internal, english):
        with pytest.raises(gap_actions.GapActionError):
            gap_actions.gap_answer(gap=gap, article=article, actor=agent)
    gap.refresh_from_db()
    assert gap.status == Gap.Status.OPEN and gap.article is None
