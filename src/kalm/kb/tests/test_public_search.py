"""The help centre's search page: results with a snippet and the searched words marked (after
escaping), only public articles in the page language, and a way to a person when nothing is
found."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kalm.kb.tests.test_public_pages import make_category, published, translate
from kalm.kb.views_public import highlight


@pytest.fixture
def category(team_lead):
    return make_category(team_lead)


def _search(client, q: str) -> str:
    response = client.get(reverse("help:search"), {"q": q})
    assert response.status_code == 200
    return response.content.decode()


def test_it_finds_an_article_and_marks_the_words(client, agent, team_lead, category):
    article = published(
        agent,
        team_lead,
        category,
        title="Een kapotte fles melden",
        body="Is uw fles kapot aangekomen? Maak een foto van de fles en stuur die mee.",
    )
    html = _search(client, "fles kapot")
    assert reverse("help:article", kwargs={"slug": article.slug}) in html
    assert "<mark>fles</mark>" in html and "<mark>kapot</mark>" in html
    assert "<mark>kapotte</mark>" in html  # in the title: same stem


def test_it_shows_only_public_articles_in_the_page_language(
    client, agent, team_lead, category, english
):
    dutch = published(
        agent, team_lead, category, title="Retour sturen", body="Retour binnen 30 dagen."
    )
    internal = published(
        agent,
        team_lead,
        category,
        language="en",
        title="Return exceptions",
        body="Return policy for agents only.",
        visibility="internal",
    )
    public = translate(
        dutch, agent, team_lead, title="Return an order", body="Return within 30 days."
    )
    html = _search(client, "return")
    assert public.title.replace("Return", "<mark>Return</mark>") in html
    assert internal.title not in html and "Return exceptions" not in html
    assert dutch.title not in html


def test_nothing_found_offers_the_contact_form_and_chat(client, db, english):
    html = _search(client, "quantumfluctuatie")
    assert "No articles found for “quantumfluctuatie”" in html
    assert reverse("portal:complaint") in html and reverse("chat:start") in html


def test_the_query_is_escaped_everywhere(client, agent, team_lead, category):
    published(agent, team_lead, category, title="Fles kapot", body="Fles kapot? Meld het.")
    html = _search(client, "<img src=x onerror=alert(1)> fles")
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt; fles" in html


def test_an_empty_query_shows_the_form_only(client, db, english):
    html = _search(client, "   ")
    assert 'name="q"' in html
    assert "No articles found" not in html


def test_highlight_escapes_before_marking():
    marked = highlight('Fles <b>"kapot"</b> & meer', "kapot", "nl")
    assert marked == "Fles &lt;b&gt;&quot;<mark>kapot</mark>&quot;&lt;/b&gt; &amp; meer"


def test_highlight_does_not_mark_inside_escaped_entities():
    # "amp" and "lt" are not searched words here, but even searching them must not break "&amp;".
    assert highlight("a & b < c", "amp lt", "en") == "a &amp; b &lt; c"


def test_highlight_marks_compounds_that_start_with_a_searched_word():
    assert highlight("De retourzending is onderweg", "retour", "nl") == (
        "De <mark>retourzending</mark> is onderweg"
    )
