"""Knowledge-base factories (categories and articles made through the real actions) and
logged-in clients. The search index lives in process memory: it is reset around every test so
one test's articles never answer another's query."""

from __future__ import annotations

from typing import Any

import factory
import pytest
from django.test import Client

from kalm.core.testing import UserFactory
from kalm.kb import actions
from kalm.kb.models import Article, Category
from kalm.kb.search import search_index_invalidate


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"category-{n}")
    name_nl = factory.Sequence(lambda n: f"Categorie {n}")
    name_en = factory.Sequence(lambda n: f"Category {n}")


def make_article(
    *,
    author: Any = None,
    category: Category | None = None,
    language: str = "nl",
    title: str = "Retourneren",
    body: str = "Zo stuurt u een product terug.",
    **extra: Any,
) -> Article:
    """A draft made by article_create (so it has revision 1)."""
    return actions.article_create(
        actor=author or UserFactory(),
        category=category or CategoryFactory(),
        language=language,
        title=title,
        body=body,
        **extra,
    )


def publish(article: Article, *, reviewer: Any = None) -> Article:
    """Submit and publish through the actions, with a second person (a lead) as reviewer."""
    from kalm.accounts.models import Role

    if article.state != Article.State.IN_REVIEW:
        article = actions.article_submit(article=article, actor=article.created_by)
    return actions.article_publish(article=article, actor=reviewer or UserFactory(role=Role.LEAD))


def make_published(**kwargs: Any) -> Article:
    return publish(make_article(**kwargs))


@pytest.fixture(autouse=True)
def _fresh_search_index():
    search_index_invalidate()
    yield
    search_index_invalidate()


@pytest.fixture
def category(db) -> Category:
    return CategoryFactory(slug="bestellen", name_nl="Bestellen", name_en="Ordering")


@pytest.fixture
def agent_client(client: Client, agent) -> Client:
    client.force_login(agent)
    return client


@pytest.fixture
def lead_client(client: Client, team_lead) -> Client:
    client.force_login(team_lead)
    return client
