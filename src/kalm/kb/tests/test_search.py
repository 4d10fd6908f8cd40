"""Search: the analyser (Dutch and English, compounds) and ranking over published articles."""

from __future__ import annotations

import pytest

from kalm.accounts.models import Role
from kalm.core.testing import UserFactory
from kalm.kb import actions
from kalm.kb.models import Article
from kalm.kb.search import Hit, Vocabulary, analyse, search_articles, split_compound, tokens
from kalm.kb.tests.conftest import make_article, make_published, publish

pytestmark = pytest.mark.django_db


def test_analyse_folds_case_and_accents_and_drops_stopwords():
    assert tokens("Één Geïnteresseerde klant, de Café!", "nl") == [
        "geinteresseerde",
        "klant",
        "cafe",
    ]
    assert analyse("The deliveries were late", "en") == ["deliveri", "late"]


def test_analyse_stems_dutch_plural_and_singular_alike():
    assert analyse("pakketten", "nl") == analyse("pakket", "nl")
    assert analyse("klachten", "nl") == analyse("klacht", "nl")


def test_a_compound_is_split_into_known_parts_and_kept_whole():
    vocabulary = Vocabulary.of(["retour", "zending"])
    assert split_compound("retourzending", vocabulary) == ["retour", "zending"]
    terms = analyse("retourzending", "nl", vocabulary=vocabulary)
    assert terms[0] == analyse("retourzending", "nl", vocabulary=Vocabulary.of([]))[0]
    assert set(analyse("retour zending", "nl")) <= set(terms)


def test_a_linking_s_between_parts_is_allowed():
    vocabulary = Vocabulary.of(["verzending", "kosten"])
    assert split_compound("verzendingskosten", vocabulary) == ["verzending", "kosten"]


def test_parts_shorter_than_three_letters_or_stopwords_do_not_split():
    assert split_compound("vanavond", Vocabulary.of(["van", "avond"])) == []
    assert split_compound("abzending", Vocabulary.of(["ab", "zending"])) == []


def test_english_is_not_decompounded():
    assert analyse("returnshipping", "en", vocabulary=Vocabulary.of(["return", "shipping"])) == [
        "returnship"
    ]


@pytest.fixture
def corpus(category):
    returns = make_published(
        category=category,
        title="Een retourzending aanmelden",
        summary="Zo stuurt u iets terug.",
        body=(
            "U meldt een retourzending aan via het formulier op onze site.\n\n"
            "Binnen 14 dagen na ontvangst van de retourzendingen betalen wij het bedrag terug."
        ),
    )
    delivery = make_published(
        category=category,
        title="Wanneer komt mijn pakket?",
        body="Uw zending wordt binnen twee werkdagen bezorgd. U krijgt een mail met de track & trace.",
    )
    english = make_published(
        category=category,
        language="en",
        title="Returning a product",
        body="You can return a product within 30 days.\n\nWe refund the amount after we receive it.",
    )
    internal = make_published(
        category=category,
        title="Retour zonder bon: interne werkwijze",
        body="Agents mogen een retour zonder bon accepteren tot 50 euro.",
        visibility=Article.Visibility.INTERNAL,
    )
    draft = make_article(
        category=category, title="Retourlabel kwijt", body="Een nieuw retourlabel."
    )
    return {
        "returns": returns,
        "delivery": delivery,
        "english": english,
        "internal": internal,
        "draft": draft,
    }


def _titles(hits: list[Hit]) -> list[str]:
    return [hit.article.title for hit in hits]


def test_a_part_finds_the_compound_and_the_compound_finds_the_part(corpus):
    # "retour" and "zending" occur on their own elsewhere, so "retourzending" is split.
    assert _titles(search_articles("retour", language="nl"))[0] == "Een retourzending aanmelden"
    assert _titles(search_articles("zendingen", language="nl")) == [
        "Een retourzending aanmelden",
        "Wanneer komt mijn pakket?",
    ]
    hits = search_articles("retourzending", language="nl", include_internal=True)
    assert hits[0].article == corpus["returns"]
    # The internal article only says "retour": the compound query finds it through its part.
    assert corpus["internal"] in [hit.article for hit in hits]


def test_a_part_finds_a_compound_whose_other_part_is_unknown(category):
    # Nothing says "label" on its own, so "retourlabel" is not split when indexed; the query
    # word "retour" is still found at the start of it.
    article = make_published(
        category=category, title="Retourlabel kwijt", body="Vraag een nieuw aan."
    )
    assert [hit.article for hit in search_articles("retour", language="nl")] == [article]


def test_only_published_articles_and_internal_ones_only_when_asked(corpus):
    public = _titles(search_articles("retour bon", language="nl"))
    assert "Retour zonder bon: interne werkwijze" not in public
    assert "Retourlabel kwijt" not in _titles(search_articles("retourlabel", include_internal=True))
    assert "Retour zonder bon: interne werkwijze" in _titles(
        search_articles("retour bon", language="nl", include_internal=True)
    )


def test_language_none_searches_both_languages(corpus):
    both = search_articles("pakket return", limit=10)
    assert {hit.article.language for hit in both} == {"nl", "en"}
    assert _titles(search_articles("return", language="en")) == ["Returning a product"]
    assert search_articles("return", language="nl") == []


def test_english_stemming_matches_inflections(corpus):
    assert _titles(search_articles("refunds", language="en")) == ["Returning a product"]


def test_scores_are_ordered_and_the_title_counts_more(category):
    in_body = make_published(
        category=category, title="Garantie", body="Bij een defect geldt de garantie op de lamp."
    )
    in_title = make_published(category=category, title="Lamp defect", body="Wat u kunt doen.")
    hits = search_articles("lamp", language="nl")
    assert [hit.article for hit in hits] == [in_title, in_body]
    assert hits[0].score > hits[1].score > 0


def test_keywords_find_an_article_the_text_does_not(category):
    article = make_published(
        category=category,
        title="Terugbetaling",
        body="Wij storten het bedrag terug.",
        keywords="geld terug, refund",
    )
    assert [h.article for h in search_articles("refund", language="nl")] == [article]


def test_the_snippet_is_the_best_matching_paragraph_and_short(corpus, category):
    hits = search_articles("refund", language="en")
    assert hits[0].snippet == "We refund the amount after we receive it."
    long_text = (
        "Dit is een lange inleiding zonder het woord. " * 20
    ) + "Hier staat garantiebewijs."
    make_published(category=category, title="Bewijs", body=long_text)
    hit = search_articles("garantiebewijs", language="nl")[0]
    assert len(hit.snippet) <= 300
    assert "garantiebewijs" in hit.snippet


def test_blank_queries_and_zero_limits_give_nothing(corpus):
    assert search_articles("") == []
    assert search_articles("   \n") == []
    assert search_articles("de het een") == []
    assert search_articles("retour", limit=0) == []
    assert len(search_articles("retour pakket return", limit=1)) == 1


def test_the_index_follows_publishing_editing_and_archiving(category):
    lead = UserFactory(role=Role.LEAD)
    article = make_published(category=category, title="Bezorging", body="Over de bezorger.")
    assert _titles(search_articles("bezorger")) == ["Bezorging"]
    edited = actions.article_edit(
        article=article, actor=article.created_by, title="Bezorging", body="Over de koerier."
    )
    assert search_articles("koerier") == []  # back to draft: not public until published again
    publish(edited, reviewer=lead)
    assert _titles(search_articles("koerier")) == ["Bezorging"]
    assert search_articles("bezorger") == []
    actions.article_archive(article=edited, actor=lead)
    assert search_articles("koerier") == []


def test_a_hit_is_never_an_article_that_left_publication_behind_the_cache(category):
    article = make_published(category=category, title="Bezorging", body="Over de bezorger.")
    assert search_articles("bezorger")
    # Written around the actions (as another process would): the per-query key notices it.
    Article.objects.filter(pk=article.pk).update(state=Article.State.DRAFT)
    assert search_articles("bezorger") == []
