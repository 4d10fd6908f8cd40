"""The reads the help centre and the answer bot rely on."""

from __future__ import annotations

import pytest
from django.http import Http404

from kalm.kb import actions, selectors
from kalm.kb.models import Article
from kalm.kb.tests.conftest import CategoryFactory, make_article, make_published, publish

pytestmark = pytest.mark.django_db


def test_published_articles_are_public_and_published_only(category):
    public = make_published(category=category, title="Publiek")
    internal = make_published(category=category, title="Intern", visibility="internal")
    make_article(category=category, title="Concept")
    make_published(category=category, title="Engels", language="en")
    assert list(selectors.published_articles("nl")) == [public]
    assert set(selectors.published_articles("nl", include_internal=True)) == {public, internal}


def test_published_articles_follow_category_order():
    second = CategoryFactory(slug="b", position=2)
    first = CategoryFactory(slug="a", position=1)
    late = make_published(category=second, title="Aa")
    early = make_published(category=first, title="Zz")
    assert list(selectors.published_articles("nl")) == [early, late]


def test_article_public_is_404_unless_published_and_public(category, django_assert_num_queries):
    public = make_published(category=category, title="Publiek")
    internal = make_published(category=category, title="Intern", visibility="internal")
    draft = make_article(category=category, title="Concept")
    with django_assert_num_queries(1):
        assert selectors.article_public("nl", public.slug) == public
    for language, slug in [("nl", internal.slug), ("nl", draft.slug), ("en", public.slug)]:
        with pytest.raises(Http404):
            selectors.article_public(language, slug)


def test_translation_of_is_the_published_sibling(agent, category):
    article = make_published(author=agent, category=category)
    translation = actions.article_translation_create(article=article, actor=agent)
    assert selectors.translation_of(article) is None  # still a draft
    translation = publish(translation)
    assert selectors.translation_of(article) == translation
    assert selectors.translation_of(translation) == article


def test_related_published_hides_drafts_and_internal_and_prefers_the_same_language(agent, category):
    article = make_published(author=agent, category=category, title="Hoofd")
    visible = make_published(category=category, title="Zichtbaar")
    internal = make_published(category=category, title="Intern", visibility="internal")
    draft = make_article(category=category, title="Concept")
    english = make_published(category=category, title="English one", language="en")
    actions.related_set(article=article, actor=agent, related=[visible, internal, draft, english])
    assert selectors.related_published(article) == [visible]
    assert selectors.related_published(article, include_internal=True) == [internal, visible]
    # Once the English article has a published Dutch version, that version is shown instead.
    dutch = publish(actions.article_translation_create(article=english, actor=agent))
    assert selectors.related_published(article) == [dutch, visible]  # by title


def test_desk_filters(category):
    other = CategoryFactory(slug="anders")
    draft = make_article(category=category, title="Concept over bezorging")
    published = make_published(category=other, title="Retour", body="Over de bezorger")
    english = make_article(
        category=category, title="Delivery", language="en", visibility="internal"
    )
    assert list(selectors.desk_articles(state="draft", language="nl")) == [draft]
    assert list(selectors.desk_articles(category=other.pk)) == [published]
    assert list(selectors.desk_articles(visibility="internal")) == [english]
    assert set(selectors.desk_articles(text="BEZORG")) == {draft, published}


def test_feedback_summary_counts_reasons(category):
    article = make_published(category=category)
    for reason in ["unclear", "unclear", "wrong", ""]:
        actions.article_feedback_add(article=article, helpful=False, reason=reason)
    actions.article_feedback_add(article=article, helpful=True, comment="Top")
    article.refresh_from_db()
    summary = selectors.feedback_summary(article)
    assert (summary.yes, summary.no, summary.helpful_percent) == (1, 4, 20)
    assert [(r.reason, r.count) for r in summary.reasons] == [("unclear", 2), ("wrong", 1)]
    assert [f.comment for f in summary.comments] == ["Top"]


def test_review_queue_is_oldest_first(agent, category):
    first = actions.article_submit(
        article=make_article(author=agent, category=category, title="A"), actor=agent
    )
    second = actions.article_submit(
        article=make_article(author=agent, category=category, title="B"), actor=agent
    )
    make_article(author=agent, category=category, title="C")
    assert list(selectors.review_queue()) == [first, second]
    assert Article.objects.count() == 3
