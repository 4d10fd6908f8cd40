"""The public help centre's index, category and article pages: what is shown to whom, in which
language, and 404 for anything not published and public. Articles are made with the real
actions (written by an agent, published by a lead), so the pages see what production sees."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kalm.kb.actions import (
    article_archive,
    article_create,
    article_publish,
    article_submit,
    article_translation_create,
    category_create,
    related_set,
)
from kalm.kb.models import Article


def make_category(lead, slug: str = "bestellen", **names):
    return category_create(
        actor=lead,
        slug=slug,
        name_nl=names.get("name_nl", "Bestellen en bezorgen"),
        name_en=names.get("name_en", "Orders and delivery"),
        description_nl=names.get("description_nl", ""),
        description_en=names.get("description_en", ""),
    )


def make_article(author, category, *, language="nl", title="Een bestelling retourneren", **kw):
    """A draft, as an agent writes it."""
    return article_create(
        actor=author,
        category=category,
        language=language,
        title=title,
        body=kw.pop("body", "Stuur het pakket binnen 30 dagen terug."),
        **kw,
    )


def publish(article, author, lead):
    article_submit(article=article, actor=author)
    return article_publish(article=article, actor=lead)


def published(author, lead, category, **kw):
    return publish(make_article(author, category, **kw), author, lead)


def translate(article, author, lead, *, title: str, body: str, publish_it: bool = True):
    translation = article_translation_create(article=article, actor=author, title=title, body=body)
    return publish(translation, author, lead) if publish_it else translation


@pytest.fixture
def category(team_lead):
    return make_category(team_lead)


@pytest.fixture
def article(agent, team_lead, category):
    return published(
        agent, team_lead, category, summary="Zo stuurt u iets terug.", keywords="terugsturen"
    )


def _article_url(article) -> str:
    return reverse("help:article", kwargs={"slug": article.slug})


def test_the_index_lists_categories_with_their_public_articles_in_dutch(
    client, article, agent, team_lead, category
):
    draft = make_article(agent, category, title="Nog niet klaar")
    internal = published(
        agent, team_lead, category, title="Alleen voor agenten", visibility="internal"
    )
    response = client.get(reverse("help:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bestellen en bezorgen" in html
    assert article.title in html and _article_url(article) in html
    assert "Zo stuurt u iets terug." in html
    assert draft.title not in html
    assert internal.title not in html
    assert 'action="/help/search/"' in html


def test_the_index_is_in_english_when_the_visitor_chose_english(
    client, article, agent, team_lead, english
):
    english_version = translate(
        article, agent, team_lead, title="Returning an order", body="Send it back within 30 days."
    )
    html = client.get(reverse("help:index")).content.decode()
    assert "Orders and delivery" in html
    assert english_version.title in html
    assert article.title not in html


def test_a_category_without_articles_in_the_language_stays_off_the_index(
    client, article, team_lead, english
):
    html = client.get(reverse("help:index")).content.decode()
    assert "Orders and delivery" not in html
    assert "There are no help articles in this language yet." in html


def test_the_category_page_lists_all_its_public_articles(
    client, article, agent, team_lead, category
):
    other = make_category(team_lead, slug="betalen", name_nl="Betalen", name_en="Payment")
    elsewhere = published(agent, team_lead, other, title="Betalen met iDEAL")
    response = client.get(reverse("help:category", kwargs={"slug": category.slug}))
    assert response.status_code == 200
    html = response.content.decode()
    assert article.title in html
    assert elsewhere.title not in html


def test_an_unknown_category_is_not_found(client, db):
    assert client.get(reverse("help:category", kwargs={"slug": "bestaat-niet"})).status_code == 404


def test_the_article_page_shows_the_text_rendered_safely(client, agent, team_lead, category):
    body = (
        "Zo gaat het:\n\n- Pak het in\n- Plak het label <b>erop</b>\n\n"
        "Meer op https://example.nl/retour. Niet klikken: javascript:alert(1)\n"
        '<script>alert("x")</script>'
    )
    article = published(agent, team_lead, category, body=body)
    response = client.get(_article_url(article))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<ul><li>Pak het in</li><li>Plak het label &lt;b&gt;erop&lt;/b&gt;</li></ul>" in html
    assert '<a href="https://example.nl/retour" rel="nofollow noopener">' in html
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    assert 'href="javascript' not in html


@pytest.mark.parametrize("change", ["draft", "internal", "archived", "in_review"])
def test_an_article_that_is_not_published_and_public_is_not_found(
    client, agent, team_lead, category, change
):
    if change == "draft":
        article = make_article(agent, category)
    elif change == "in_review":
        article = make_article(agent, category)
        article_submit(article=article, actor=agent)
    elif change == "internal":
        article = published(agent, team_lead, category, visibility="internal")
    else:
        article = published(agent, team_lead, category)
        article_archive(article=article, actor=team_lead)
    assert client.get(_article_url(article)).status_code == 404


def test_an_unknown_article_is_not_found(client, db):
    assert client.get(reverse("help:article", kwargs={"slug": "bestaat-niet"})).status_code == 404


def test_it_offers_the_published_translation_and_follows_the_language_switch(
    client, article, agent, team_lead
):
    english = translate(
        article, agent, team_lead, title="Returning an order", body="Send it back within 30 days."
    )
    html = client.get(_article_url(article)).content.decode()
    # The link to the translation switches the language and lands on the English address.
    assert f'name="next" value="{_article_url(english)}"' in html
    assert 'name="language" value="en"' in html
    response = client.post(
        reverse("set_language"), {"language": "en", "next": _article_url(article)}, follow=True
    )
    assert response.redirect_chain[-1][0] == _article_url(english)
    assert "Send it back within 30 days." in response.content.decode()


def test_an_unpublished_translation_is_not_offered(client, article, agent, team_lead, english):
    translate(article, agent, team_lead, title="Returning", body="Draft text", publish_it=False)
    response = client.get(_article_url(article))
    assert response.status_code == 200  # the Dutch article, as there is no English one yet
    html = response.content.decode()
    assert "This article is not available in your language yet." in html
    assert 'name="language" value="en"' in html  # only the header's language switch
    assert html.count('name="language" value="en"') == 1
    assert "Draft text" not in html


def test_it_shows_related_articles_that_are_public(client, article, agent, team_lead, category):
    shown = published(agent, team_lead, category, title="Pakket kwijt")
    hidden = published(agent, team_lead, category, title="Interne werkwijze", visibility="internal")
    related_set(article=article, actor=agent, related=[shown, hidden])
    html = client.get(_article_url(article)).content.decode()
    assert shown.title in html and _article_url(shown) in html
    assert hidden.title not in html


def test_every_help_page_links_to_a_person(client, article):
    for url in (reverse("help:index"), _article_url(article)):
        html = client.get(url).content.decode()
        assert reverse("chat:start") in html and reverse("portal:complaint") in html


def test_the_portal_header_links_to_the_help_centre(client, db):
    html = client.get(reverse("portal:complaint")).content.decode()
    assert f'href="{reverse("help:index")}"' in html


def test_the_index_reads_few_queries(
    client, article, agent, team_lead, category, django_assert_max_num_queries
):
    for n in range(8):
        published(agent, team_lead, category, title=f"Vraag nummer {n}")
    with django_assert_max_num_queries(8):
        response = client.get(reverse("help:index"))
    assert response.status_code == 200
    assert Article.objects.filter(state="published").count() == 9
