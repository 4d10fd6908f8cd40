"""The desk pages: access, the list with filters, the editor, history, review and the
workflow buttons."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kalm.accounts.models import Role
from kalm.core.testing import UserFactory
from kalm.kb import actions
from kalm.kb.models import Article
from kalm.kb.tests.conftest import make_article, make_published

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(english):
    """These tests read English labels."""


def test_outsiders_and_anonymous_people_are_refused(client, outsider, category):
    article = make_article(category=category)
    urls = [
        reverse("kb:list"),
        reverse("kb:new"),
        reverse("kb:review"),
        reverse("kb:detail", args=[article.pk]),
        reverse("kb:edit", args=[article.pk]),
        reverse("kb:history", args=[article.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 302
    client.force_login(outsider)
    for url in urls:
        assert client.get(url).status_code == 403
    assert client.post(reverse("kb:submit", args=[article.pk])).status_code == 403
    assert Article.objects.get(pk=article.pk).state == Article.State.DRAFT


def test_the_list_filters(agent_client, category, django_assert_max_num_queries):
    make_article(category=category, title="Concept over bezorging")
    make_published(category=category, title="Retour aanmelden")
    make_article(category=category, title="Delivery", language="en")
    with django_assert_max_num_queries(8):
        page = agent_client.get(reverse("kb:list"), {"state": "draft", "language": "nl"})
    assert page.status_code == 200
    text = page.content.decode()
    assert "Concept over bezorging" in text
    assert "Retour aanmelden" not in text and "Delivery" not in text
    text = agent_client.get(reverse("kb:list"), {"q": "retour"}).content.decode()
    assert "Retour aanmelden" in text and "Concept over bezorging" not in text


def test_an_agent_writes_a_draft_and_sends_it_for_review(agent_client, agent, category):
    other = make_article(category=category, title="Ander artikel")
    response = agent_client.post(
        reverse("kb:new"),
        {
            "language": "nl",
            "title": "Pakket kwijt",
            "summary": "",
            "body": "Zo vraagt u een nieuw pakket aan.",
            "keywords": "kwijt, zoek",
            "category": category.pk,
            "visibility": "public",
            "related": [other.pk],
            "note": "Nieuw",
            "submit": "1",
        },
    )
    article = Article.objects.get(title="Pakket kwijt")
    assert response.status_code == 302 and response["Location"] == reverse(
        "kb:detail", args=[article.pk]
    )
    assert article.state == Article.State.IN_REVIEW and article.created_by == agent
    assert list(article.related.all()) == [other]
    assert article.keywords == "kwijt, zoek"


def test_the_editor_shows_errors_and_keeps_the_input(agent_client, category):
    response = agent_client.post(
        reverse("kb:new"),
        {
            "language": "nl",
            "title": "Zonder tekst",
            "body": "",
            "category": category.pk,
            "visibility": "public",
        },
    )
    assert response.status_code == 400
    assert "Write the text of the article." in response.content.decode()
    assert "Zonder tekst" in response.content.decode()
    assert not Article.objects.exists()


def test_editing_writes_a_revision_and_history_shows_every_text(agent_client, agent, category):
    article = make_article(author=agent, category=category, title="Oud", body="Oude tekst.")
    response = agent_client.post(
        reverse("kb:edit", args=[article.pk]),
        {
            "title": "Nieuw",
            "body": "Nieuwe tekst.",
            "category": category.pk,
            "visibility": "internal",
            "note": "Intern gemaakt",
        },
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.revision, article.visibility) == (2, "internal")
    history = agent_client.get(reverse("kb:history", args=[article.pk])).content.decode()
    assert "Oude tekst." in history and "Nieuwe tekst." in history and "Intern gemaakt" in history


def test_changing_only_the_related_articles_writes_no_revision(agent_client, agent, category):
    article = make_article(author=agent, category=category, title="Een", body="Tekst.")
    other = make_article(category=category, title="Twee")
    response = agent_client.post(
        reverse("kb:edit", args=[article.pk]),
        {
            "title": "Een",
            "body": "Tekst.",
            "category": category.pk,
            "visibility": "public",
            "related": [other.pk],
        },
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.revision == 1 and list(article.related.all()) == [other]


def test_the_author_sees_no_publish_button_and_cannot_publish(client, team_lead, category):
    article = make_article(author=team_lead, category=category)
    actions.article_submit(article=article, actor=team_lead)
    client.force_login(team_lead)
    page = client.get(reverse("kb:detail", args=[article.pk])).content.decode()
    assert reverse("kb:publish", args=[article.pk]) not in page
    assert "a second person publishes it" in page
    response = client.post(reverse("kb:publish", args=[article.pk]), follow=True)
    assert "A second person must review an article you wrote." in response.content.decode()
    assert Article.objects.get(pk=article.pk).state == Article.State.IN_REVIEW


def test_a_second_lead_publishes_or_sends_back(client, agent, category):
    reviewer = UserFactory(role=Role.LEAD)
    first = actions.article_submit(
        article=make_article(author=agent, category=category, title="A"), actor=agent
    )
    second = actions.article_submit(
        article=make_article(author=agent, category=category, title="B"), actor=agent
    )
    client.force_login(reviewer)
    queue = client.get(reverse("kb:review")).content.decode()
    assert ">A<" in queue and ">B<" in queue
    assert (
        reverse("kb:publish", args=[first.pk])
        in client.get(reverse("kb:detail", args=[first.pk])).content.decode()
    )
    client.post(reverse("kb:publish", args=[first.pk]))
    assert Article.objects.get(pk=first.pk).state == Article.State.PUBLISHED
    response = client.post(reverse("kb:reject", args=[second.pk]), {"note": ""}, follow=True)
    assert "Say why the article goes back to draft." in response.content.decode()
    client.post(reverse("kb:reject", args=[second.pk]), {"note": "Te lang"})
    assert Article.objects.get(pk=second.pk).state == Article.State.DRAFT


def test_an_agent_cannot_publish_or_archive(agent_client, category):
    article = actions.article_submit(article=make_article(category=category), actor=UserFactory())
    agent_client.post(reverse("kb:publish", args=[article.pk]))
    agent_client.post(reverse("kb:archive", args=[article.pk]))
    assert Article.objects.get(pk=article.pk).state == Article.State.IN_REVIEW


def test_translation_link_and_creation(agent_client, category):
    article = make_published(category=category, title="Retourneren")
    page = agent_client.get(reverse("kb:detail", args=[article.pk])).content.decode()
    assert "English version" in page and "Create the translation" in page
    response = agent_client.post(reverse("kb:translate", args=[article.pk]))
    translation = Article.objects.get(group=article.group, language="en")
    assert response["Location"] == reverse("kb:detail", args=[translation.pk])
    page = agent_client.get(reverse("kb:detail", args=[translation.pk])).content.decode()
    assert "Dutch version" in page and reverse("kb:detail", args=[article.pk]) in page


def test_the_detail_page_shows_feedback(agent_client, category):
    article = make_published(category=category)
    actions.article_feedback_add(article=article, helpful=True)
    actions.article_feedback_add(
        article=article, helpful=False, reason="wrong", comment="Klopt niet meer"
    )
    page = agent_client.get(reverse("kb:detail", args=[article.pk])).content.decode()
    assert "1 yes, 1 no" in page
    assert "Incorrect or out of date: 1" in page and "Klopt niet meer" in page


def test_the_detail_page_escapes_the_text(agent_client, category):
    article = make_article(category=category, body="<script>alert(1)</script>")
    page = agent_client.get(reverse("kb:detail", args=[article.pk])).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
