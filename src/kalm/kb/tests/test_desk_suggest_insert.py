"""The desk's article picker and insert endpoints (kalm.kb.views_desk_insert): desk members
only, published articles only, plain text out, and no link for internal articles."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kalm.core.testing import make_case
from kalm.kb.tests.conftest import make_article, make_published

pytestmark = pytest.mark.django_db

PICKER = "kb:desk_insert_picker"
INSERT = "kb:desk_insert_article"


@pytest.fixture
def returns(category):
    return make_published(
        category=category,
        title="Hoe meld ik een retourzending aan?",
        body="Meld de retourzending aan in Mijn account.\n\nPrint het retourlabel.",
        keywords="retourneren, terugsturen",
    )


@pytest.fixture
def guideline(category):
    return make_published(
        category=category,
        title="Goodwill-richtlijnen",
        body="Een waardebon van € 10 mag je zelf geven.",
        visibility="internal",
    )


def insert_url(article, mode: str | None = None) -> str:
    url = reverse(INSERT, args=[article.pk])
    return f"{url}?as={mode}" if mode else url


# --- Insert -----------------------------------------------------------------------------------


def test_it_returns_the_article_text_as_plain_text(agent_client, returns):
    response = agent_client.get(insert_url(returns, "text"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == returns.body
    assert agent_client.get(insert_url(returns)).content.decode() == returns.body  # default


def test_it_returns_the_title_and_absolute_public_link(agent_client, returns, settings):
    settings.SITE_URL = "https://care.example.nl"
    response = agent_client.get(insert_url(returns, "link"))
    assert response.status_code == 200
    path = reverse("help:article", kwargs={"slug": returns.slug})
    assert path.startswith("/help/")
    assert response.content.decode() == (
        f"Hoe meld ik een retourzending aan?\nhttps://care.example.nl{path}"
    )


def test_the_link_opens_the_public_article(agent_client, client, returns, settings):
    text = agent_client.get(insert_url(returns, "link")).content.decode()
    path = text.split(settings.SITE_URL, 1)[1]
    client.logout()
    page = client.get(path)
    assert page.status_code == 200
    assert "Print het retourlabel." in page.content.decode()


def test_an_internal_article_has_no_link(agent_client, guideline, english):
    response = agent_client.get(insert_url(guideline, "link"))
    assert response.status_code == 400
    assert "internal article" in response.content.decode()
    assert "/help/" not in response.content.decode()
    # Its text may still be used by an agent.
    text = agent_client.get(insert_url(guideline, "text"))
    assert text.status_code == 200 and text.content.decode() == guideline.body


def test_it_returns_article_text_unchanged_for_the_textarea(agent_client, category):
    # Plain text, not HTML: the script puts it in the textarea as a value, so nothing is
    # escaped twice and nothing in it is ever parsed as markup.
    article = make_published(
        category=category, title="Tags", body='<script>alert("x")</script> & <b>vet</b>'
    )
    response = agent_client.get(insert_url(article, "text"))
    assert response["Content-Type"].startswith("text/plain")
    assert response.content.decode() == '<script>alert("x")</script> & <b>vet</b>'


def test_drafts_cannot_be_inserted(agent_client, category):
    draft = make_article(category=category, title="Concept", body="Nog niet klaar.")
    assert agent_client.get(insert_url(draft, "text")).status_code == 404


def test_an_unknown_article_is_not_found(agent_client):
    assert agent_client.get(reverse(INSERT, args=[999999])).status_code == 404


def test_an_unknown_mode_is_refused_clearly(agent_client, returns):
    response = agent_client.get(insert_url(returns, "html"))
    assert response.status_code == 400
    assert "html" in response.content.decode()


def test_the_outsider_cannot_insert(client, outsider, returns):
    client.force_login(outsider)
    assert client.get(insert_url(returns, "text")).status_code == 403


def test_anonymous_people_are_sent_to_log_in(client, returns):
    response = client.get(insert_url(returns, "text"))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_insert_only_answers_get(agent_client, returns):
    assert agent_client.post(insert_url(returns, "text")).status_code == 405


# --- Picker -----------------------------------------------------------------------------------


def test_the_picker_finds_articles_for_a_query(agent_client, returns, guideline, english):
    response = agent_client.get(reverse(PICKER), {"q": "retourzending"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Hoe meld ik een retourzending aan?" in page
    assert f'data-url="{reverse(INSERT, args=[returns.pk])}"' in page
    assert 'data-mode="link"' in page
    assert "Goodwill" not in page


def test_the_picker_shows_internal_articles_without_a_link_button(agent_client, guideline, english):
    page = agent_client.get(reverse(PICKER), {"q": "waardebon"}).content.decode()
    assert "Goodwill-richtlijnen" in page
    assert "Internal" in page
    assert 'data-mode="text"' in page and 'data-mode="link"' not in page


def test_without_a_query_it_shows_the_case_suggestions(agent_client, returns):
    case = make_case(subject="Retourzending", body="Hoe stuur ik iets terug?")
    page = agent_client.get(reverse(PICKER), {"case": case.pk}).content.decode()
    assert "Hoe meld ik een retourzending aan?" in page


def test_the_picker_says_when_nothing_matches(agent_client, returns, english):
    page = agent_client.get(reverse(PICKER), {"q": "<i>zwiebel</i>"}).content.decode()
    assert "No published article matches" in page
    assert "&lt;i&gt;zwiebel&lt;/i&gt;" in page and "<i>zwiebel</i>" not in page


def test_the_picker_escapes_titles_and_snippets(agent_client, category):
    make_published(
        category=category,
        title='<img src=x onerror="alert(1)"> Zwiebel',
        body='Zwiebel <script>alert("x")</script>',
    )
    page = agent_client.get(reverse(PICKER), {"q": "zwiebel"}).content.decode()
    assert "<img" not in page and "<script>" not in page
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; Zwiebel" in page
    assert "&lt;script&gt;" in page


def test_the_picker_refuses_bad_input_clearly(agent_client):
    response = agent_client.get(reverse(PICKER), {"q": "x" * 201})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert agent_client.get(reverse(PICKER), {"case": "abc"}).status_code == 400


def test_the_picker_needs_an_existing_case(agent_client):
    assert agent_client.get(reverse(PICKER), {"case": 999999}).status_code == 404


def test_the_outsider_cannot_use_the_picker(client, outsider, returns):
    client.force_login(outsider)
    assert client.get(reverse(PICKER), {"q": "retour"}).status_code == 403


def test_anonymous_htmx_requests_are_sent_to_log_in(client):
    response = client.get(reverse(PICKER), {"q": "retour"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "login" in response["HX-Redirect"]
