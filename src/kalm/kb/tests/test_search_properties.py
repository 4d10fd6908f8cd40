"""Property tests: the analyser and the search take any text without failing."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kalm.kb.search import Vocabulary, analyse, search_articles
from kalm.kb.tests.conftest import make_published

languages = st.sampled_from(["nl", "en", "xx"])


@given(text=st.text(max_size=300), language=languages)
def test_analyse_never_fails_and_gives_lowercase_non_empty_terms(text, language):
    terms = analyse(text, language)
    assert all(isinstance(term, str) and term for term in terms)
    assert all(term == term.lower() for term in terms)


@given(
    words=st.lists(st.from_regex(r"[a-z]{3,8}", fullmatch=True), min_size=1, max_size=6),
    text=st.text(alphabet="abcdefghijklmnopqrstuvwxyz s", max_size=60),
)
def test_decompounding_keeps_the_whole_word(words, text):
    vocabulary = Vocabulary.of(words)
    plain = analyse(text, "nl", vocabulary=Vocabulary.of([]))
    with_parts = analyse(text, "nl", vocabulary=vocabulary)
    # Every term of the plain analysis is still there; parts only add terms.
    assert set(plain) <= set(with_parts)


@pytest.mark.django_db
@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(max_size=400), language=st.sampled_from([None, "nl", "en", "de"]))
def test_search_never_raises(corpus, query, language):
    hits = search_articles(query, language=language, include_internal=True, limit=3)
    assert len(hits) <= 3
    assert all(len(hit.snippet) <= 300 and hit.score > 0 for hit in hits)


@pytest.fixture
def corpus(category):
    make_published(category=category, title="Retourzending", body="Een retourzending aanmelden.")
    make_published(category=category, language="en", title="Returns", body="Return a product.")
