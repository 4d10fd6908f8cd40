"""The demo knowledge base (kalm.core.demo.articles): complete in both languages, published with
four eyes by load_demo, loaded once, and findable by the words consumers use."""

from __future__ import annotations

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command

from kalm.accounts.models import Role
from kalm.core.demo import articles as demo
from kalm.core.demo.loader import _knowledge_base
from kalm.core.testing import UserFactory
from kalm.kb.models import Article, ArticleRevision, Category
from kalm.kb.search import search_articles, search_index_invalidate

# --- The content itself (no database) ---------------------------------------------------------


def test_there_are_at_least_forty_articles_with_a_few_internal_ones():
    assert len(demo.ARTICLES) >= 40
    assert 3 <= sum(a.internal for a in demo.ARTICLES) <= 5
    assert {a.category for a in demo.ARTICLES} == {c[0] for c in demo.CATEGORIES}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_version_is_a_real_article_of_eighty_to_250_words(language):
    for item in demo.ARTICLES:
        version = item.version(language)
        words = len(version.body.split())
        assert 80 <= words <= 250, (version.title, words)
        assert version.summary and version.keywords, version.title
        assert len(version.title) <= 200 and len(version.summary) <= 300
        assert len(version.keywords) <= 300, version.title
        assert "\n\n" in version.body, version.title  # paragraphs, as the help centre renders
    titles = Counter(item.version(language).title for item in demo.ARTICLES)
    assert max(titles.values()) == 1  # the loader finds an article again by its title


def test_the_dutch_text_has_the_compounds_consumers_type():
    dutch = " ".join(f"{a.nl.title} {a.nl.body} {a.nl.keywords}" for a in demo.ARTICLES).lower()
    for word in (
        "retourzending",
        "bezorgadres",
        "terugbetaling",
        "houdbaarheidsdatum",
        "allergeneninformatie",
    ):
        assert word in dutch, word


def test_public_articles_address_consumers_formally_and_internal_ones_the_desk():
    for item in demo.ARTICLES:
        words = set(item.nl.body.lower().replace(",", " ").replace(".", " ").split())
        if item.internal:
            # ("u" may appear in a sentence they suggest saying to a consumer.)
            assert "je" in words, item.nl.title
        else:
            assert "u" in words or "uw" in words, item.nl.title
            assert "je" not in words and "jij" not in words, item.nl.title


# --- Loaded through the actions ---------------------------------------------------------------


@pytest.fixture
def staff(db):
    people = {name: UserFactory(username=f"demo-{name}") for name in ("sophie", "lotte", "fatima")}
    people["lead"] = UserFactory(username="demo-lead", role=Role.LEAD)
    people["noor"] = UserFactory(username="demo-noor", role=Role.LEAD)
    return people


@pytest.fixture(autouse=True)
def _fresh_search_index():
    search_index_invalidate()
    yield
    search_index_invalidate()


@pytest.mark.parametrize("language", ["nl", "en"])
def test_it_publishes_every_article_in_both_languages(staff, language):
    _knowledge_base(staff)
    published = Article.objects.filter(language=language, state=Article.State.PUBLISHED)
    assert published.count() == len(demo.ARTICLES) >= 40
    assert published.filter(visibility=Article.Visibility.INTERNAL).count() == sum(
        a.internal for a in demo.ARTICLES
    )
    assert Category.objects.count() == len(demo.CATEGORIES)


def test_every_article_has_its_translation(staff):
    _knowledge_base(staff)
    groups = Counter(Article.objects.values_list("group", flat=True))
    assert set(groups.values()) == {2}
    for article in Article.objects.filter(language="nl"):
        english = Article.objects.get(group=article.group, language="en")
        assert english.visibility == article.visibility
        assert english.category_id == article.category_id


def test_a_second_person_reviewed_every_article(staff):
    _knowledge_base(staff)
    for article in Article.objects.select_related("created_by", "reviewed_by"):
        assert article.reviewed_by is not None and article.reviewed_by.role == Role.LEAD
        assert article.reviewed_by != article.created_by
        assert article.published_at is not None
        revision = ArticleRevision.objects.get(article=article)
        assert revision.author == article.created_by and revision.body == article.body


def test_loading_twice_adds_nothing(staff):
    _knowledge_base(staff)
    counts = (Article.objects.count(), ArticleRevision.objects.count(), Category.objects.count())
    _knowledge_base(staff)
    assert counts == (
        Article.objects.count(),
        ArticleRevision.objects.count(),
        Category.objects.count(),
    )


def test_an_interrupted_load_is_completed_without_duplicates(staff):
    from kalm.kb import actions

    first = demo.ARTICLES[0]
    dutch = actions.article_create(
        actor=staff["sophie"],
        category=actions.category_create(
            actor=staff["lead"], slug=first.category, name_nl="B", name_en="O"
        ),
        language="nl",
        title=first.nl.title,
        body=first.nl.body,
    )
    _knowledge_base(staff)
    dutch.refresh_from_db()
    assert dutch.state == Article.State.PUBLISHED
    assert Article.objects.filter(group=dutch.group, language="en").get().title == first.en.title
    assert Article.objects.filter(language="nl").count() == len(demo.ARTICLES)


@pytest.mark.parametrize(
    ("query", "language", "title"),
    [
        ("Hoe stuur ik mijn retourzending terug?", "nl", "Hoe meld ik een retourzending aan?"),
        ("bezorgadres veranderen", "nl", "Kan ik mijn bezorgadres wijzigen?"),
        ("wanneer krijg ik mijn geld terug", "nl", "Wanneer krijg ik mijn terugbetaling?"),
        ("wat betekent ten minste houdbaar tot", "nl", "Wat betekent de houdbaarheidsdatum?"),
        ("allergenen", "nl", "Waar vind ik de allergeneninformatie?"),
        ("zit er gluten in", "nl", "Welke producten zijn glutenvrij, lactosevrij of veganistisch?"),
        ("partij L2611", "nl", "Terugroepactie Bruisend Bronwater 1L, partij L2611"),
        ("How do I descale the kettle?", "en", "How do I descale the Waterkoker 1,7L kettle?"),
        ("forgot my password", "en", "I forgot my password"),
        ("unsubscribe from emails", "en", "How do I unsubscribe from the newsletter?"),
    ],
)
def test_consumer_questions_find_their_article(staff, query, language, title):
    _knowledge_base(staff)
    hits = search_articles(query, language=language, limit=3)
    assert hits and hits[0].article.title == title, [h.article.title for h in hits]


def test_internal_articles_stay_out_of_public_search(staff):
    _knowledge_base(staff)
    assert not any(
        hit.article.visibility == Article.Visibility.INTERNAL
        for hit in search_articles("goodwill waardebon teamleider", language="nl", limit=10)
    )
    agents = search_articles("goodwill waardebon", language="nl", include_internal=True, limit=1)
    assert agents[0].article.title == "Goodwill-richtlijnen voor de klantenservice"


# --- Through load_demo ------------------------------------------------------------------------


def load(cases: int = 4) -> str:
    out = StringIO()
    call_command("load_demo", cases=cases, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_load_demo_writes_the_knowledge_base_once():
    load()
    per_language = Counter(
        Article.objects.filter(state=Article.State.PUBLISHED).values_list("language", flat=True)
    )
    assert per_language["nl"] >= 40 and per_language["en"] == per_language["nl"]
    # The demo's own people wrote and reviewed them.
    assert set(Article.objects.values_list("reviewed_by__username", flat=True)) <= {"lead", "noor"}
    counts = (Article.objects.count(), ArticleRevision.objects.count())
    output = load()
    assert "already loaded" in output
    assert (Article.objects.count(), ArticleRevision.objects.count()) == counts
