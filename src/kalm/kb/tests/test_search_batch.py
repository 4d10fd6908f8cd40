"""Many questions answered as one batch (the intake job's topics): index_pinned reads the
knowledge base's key and each article row once for the block, best_articles gives what
best_article gives for each text, and the reverse lookup of compounds finds by bisection what
reading every indexed word found."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kalm.kb import actions, search
from kalm.kb.bot import best_article, best_articles
from kalm.kb.models import Article
from kalm.kb.search import index_pinned, published_articles, search_index_invalidate
from kalm.kb.tests.conftest import make_published

QUESTIONS = [
    ("Mijn pakket is nog steeds niet bezorgd, waar blijft het?", "nl"),
    ("Hoe stuur ik mijn bestelling terug? Ik wil een retourzending aanmelden.", "nl"),
    ("Where is my parcel? It has not been delivered.", "en"),
    ("Wat vinden jullie van het weer vandaag?", "nl"),
]


@pytest.fixture
def knowledge(db, category):
    articles = [
        make_published(
            category=category,
            title="Waar blijft mijn pakket?",
            summary="Volg uw pakket met de track-and-tracecode.",
            keywords="levering, bezorging, pakketbezorging, verzending",
            body="Met de track-and-tracecode volgt u uw pakket.\n\nNiet bezorgd na vijf dagen? "
            "Neem contact op.",
        ),
        make_published(
            category=category,
            title="Een bestelling retourneren",
            summary="Binnen 30 dagen gratis terug.",
            keywords="retour, terugsturen, retourzending, retourlabel",
            body="Meld de retourzending aan via Mijn account en plak het retourlabel op de doos.",
        ),
        make_published(
            category=category,
            language="en",
            title="Where is my parcel?",
            summary="Follow your parcel with the track and trace code.",
            keywords="delivery, parcel",
            body="Use the track and trace code to follow your parcel.",
        ),
    ]
    search_index_invalidate()
    return articles


def test_best_articles_gives_what_best_article_gives_for_each_text(knowledge):
    alone = [
        best_article(text, language=language, by_category=True) for text, language in QUESTIONS
    ]
    batch = best_articles(
        [text for text, _ in QUESTIONS], languages=[lang for _, lang in QUESTIONS], by_category=True
    )
    assert batch == alone
    assert batch[0][0] == knowledge[0] and batch[2][0] == knowledge[2]


def _queries(texts: list[tuple[str, str]]) -> int:
    with CaptureQueriesContext(connection) as captured:
        best_articles(
            [t for t, _ in texts], languages=[lang for _, lang in texts], by_category=True
        )
    return len(captured.captured_queries)


def test_a_batch_reads_the_knowledge_base_once(knowledge):
    best_articles(["pakket"], languages=["nl"])  # builds the index and the vectors
    assert _queries(QUESTIONS) == _queries(QUESTIONS * 3)
    assert _queries(QUESTIONS) <= 4  # the key and the rows of the articles found


def test_a_change_made_inside_a_block_is_seen_at_once(knowledge):
    with index_pinned():
        key = search._key()
        assert search._key() is key
        search_index_invalidate()
        assert search._key() != key


def test_only_published_articles_are_given_inside_or_outside_a_block(knowledge, team_lead):
    retour = knowledge[1]
    actions.article_archive(article=retour, actor=team_lead)
    ids = [a.pk for a in knowledge]
    assert set(published_articles(ids)) == {knowledge[0].pk, knowledge[2].pk}
    with index_pinned():
        assert set(published_articles(ids)) == {knowledge[0].pk, knowledge[2].pk}
        assert set(published_articles(ids[:1])) == {knowledge[0].pk}
    assert Article.objects.get(pk=retour.pk).state != Article.State.PUBLISHED


def test_the_reverse_lookup_finds_what_reading_every_word_found(knowledge):
    index = search._index().by_language["nl"]
    words = {w for long in index.long_words for w in (long[:4], long[-4:], long[:6], long[2:])}
    words |= {"pakket", "retour", "zending", "bezorging", "label", "xyzq"}
    for word in sorted(words):
        every = [w for w in index.long_words if w.startswith(word) or w.endswith(word)]
        assert search._starting_or_ending(word, index) == every, word


def test_a_batch_encodes_its_texts_in_one_pass(knowledge, monkeypatch):
    from kalm.empathy import features

    best_articles(["pakket"], languages=["nl"])  # builds the index and the articles' vectors
    real, calls = features.embed, []

    def counting(texts):
        calls.append(len(texts))
        return real(texts)

    monkeypatch.setattr(features, "embed", counting)
    best_articles([t for t, _ in QUESTIONS], languages=[lang for _, lang in QUESTIONS])
    assert calls == [len(QUESTIONS)]
    calls.clear()
    best_article(QUESTIONS[0][0], language="nl")  # outside a batch: its own pass, as before
    assert calls == [1]
