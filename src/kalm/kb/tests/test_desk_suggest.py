"""Article suggestions for a case (kalm.kb.desk_suggest) and the side card on the case page,
against the demo knowledge base (the realistic text the desk will really search)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kalm.accounts.models import Role
from kalm.core.demo.loader import _knowledge_base
from kalm.core.testing import UserFactory, make_case
from kalm.kb import actions
from kalm.kb.desk_suggest import case_query, suggest_for_case
from kalm.kb.models import Article
from kalm.kb.search import search_articles
from kalm.kb.tests.conftest import make_article, make_published, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_kb(db) -> None:
    """Only the demo's knowledge base, written as the demo loader writes it."""
    staff = {name: UserFactory(username=f"kb-{name}") for name in ("sophie", "lotte", "fatima")}
    staff["lead"] = UserFactory(username="kb-lead", role=Role.LEAD)
    staff["noor"] = UserFactory(username="kb-noor", role=Role.LEAD)
    _knowledge_base(staff)


def titles(suggestions) -> list[str]:
    return [s.article.title for s in suggestions]


def test_a_case_about_a_return_gets_the_returns_article_first(demo_kb):
    case = make_case(
        subject="Airfryer terugsturen",
        body="Goedemiddag,\n\nIk wil de Airfryer XL die ik vorige week bestelde terugsturen. "
        "Hoe meld ik dat aan en krijg ik een retourlabel?\n\nMet vriendelijke groet,",
    )
    suggestions = suggest_for_case(case)
    assert len(suggestions) == 3
    assert suggestions[0].article.title == "Hoe meld ik een retourzending aan?"
    assert all(s.article.language == "nl" for s in suggestions)


def test_a_refund_question_finds_the_refund_article(demo_kb):
    case = make_case(
        subject="Terugbetaling",
        body="Ik heb mijn pakket twee weken geleden teruggestuurd maar mijn geld is nog steeds "
        "niet teruggestort. Wanneer krijg ik het?",
    )
    assert "Wanneer krijg ik mijn terugbetaling?" in titles(suggest_for_case(case))


def test_an_english_case_gets_english_articles_first(demo_kb):
    case = make_case(
        subject="Parcel not received",
        body="My order was due yesterday and the tracking says delivered, but I have nothing.",
        language="en",
    )
    suggestions = suggest_for_case(case)
    assert suggestions[0].article.title == (
        "Tracking says delivered, but I have not received anything"
    )
    assert suggestions[0].article.language == "en" and not suggestions[0].foreign


def test_internal_articles_are_suggested_to_agents_and_marked(demo_kb):
    case = make_case(
        subject="Ingebrekestelling: Pindakaas Naturel 350g",
        body="Als ik binnen 14 dagen geen oplossing heb, schakel ik mijn advocaat in.",
    )
    first = suggest_for_case(case)[0]
    assert first.article.title == "Juridische dreigementen en ingebrekestellingen"
    assert first.internal


def test_a_foreign_body_case_gets_the_foreign_object_article(demo_kb):
    case = make_case(
        subject="Stukje glas in de muesli",
        body="Ik vond een stukje glas in de Muesli Krokant Noten. Mijn zoon heeft zich gesneden.",
    )
    assert "Ik heb een vreemd voorwerp in een product gevonden" in titles(suggest_for_case(case))


def test_it_shows_one_version_of_each_article_the_case_language_first(category):
    # Only the English version mentions the product name the case is about; the Dutch one is
    # published too, so that is the one the Dutch case gets.
    english = make_published(
        category=category, language="en", title="Kettle limescale", body="Descale the Zwiebel."
    )
    dutch = publish(
        actions.article_translation_create(
            article=english, actor=english.created_by, title="Kalk", body="Ontkalk de Zwiebel."
        )
    )
    only_english = make_published(
        category=category, language="en", title="Zwiebel warranty", body="Zwiebel warranty."
    )
    case = make_case(subject="Zwiebel", body="Zwiebel")
    suggestions = suggest_for_case(case)
    assert [s.article.pk for s in suggestions] == [dutch.pk, only_english.pk]
    assert [s.foreign for s in suggestions] == [False, True]


def test_drafts_and_archived_articles_are_never_suggested(category):
    make_article(category=category, title="Zwiebel draft", body="Zwiebel")
    archived = make_published(category=category, title="Zwiebel old", body="Zwiebel")
    actions.article_archive(article=archived, actor=UserFactory(role=Role.LEAD))
    assert suggest_for_case(make_case(subject="Zwiebel", body="Zwiebel")) == []


def test_the_query_is_the_subject_and_the_first_consumer_message(case):
    query = case_query(case)
    assert query.startswith("Fles ontploft")
    assert "De fles is in mijn hand ontploft." in query


def test_the_query_ignores_agent_notes_and_later_messages(case):
    from kalm.cases.models import Message

    Message.objects.create(case=case, kind=Message.Kind.NOTE, channel=case.channel, body="Zwiebel")
    Message.objects.create(
        case=case, kind=Message.Kind.INBOUND, channel=case.channel, body="Later: Zwiebel"
    )
    assert "Zwiebel" not in case_query(case)


def test_suggestions_cost_a_fixed_number_of_queries(demo_kb, django_assert_max_num_queries):
    case = make_case(subject="Retour", body="Hoe stuur ik mijn bestelling terug?")
    search_articles("warm")  # the index is built once per process, not per page view
    with django_assert_max_num_queries(3):  # first message, index key, the hit rows
        suggestions = suggest_for_case(case)
        # Everything the card shows is on the rows already.
        [(s.article.title, s.article.slug, s.internal, s.snippet) for s in suggestions]


def test_the_case_page_shows_the_card_with_the_shortcut(demo_kb, agent_client, english):
    case = make_case(
        subject="Return",
        body="How do I register a return? I want to send back my kettle.",
        language="en",
    )
    response = agent_client.get(reverse("desk:case", args=[case.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="kb-articles"' in page
    assert "How do I register a return?" in page
    assert "<kbd>Alt</kbd>+<kbd>K</kbd>" in page
    assert "kb/insert.js" in page
    assert page.count("Insert text") >= 3


def test_the_card_marks_internal_articles_and_offers_no_link_for_them(
    agent_client, category, english
):
    make_published(
        category=category, title="Zwiebel guideline", body="Zwiebel.", visibility="internal"
    )
    case = make_case(subject="Zwiebel", body="Zwiebel")
    page = agent_client.get(reverse("desk:case", args=[case.pk])).content.decode()
    card = page[
        page.index('id="kb-articles"') : page.index("</section>", page.index("kb-articles"))
    ]
    assert "Zwiebel guideline" in card
    assert "Internal" in card and "It has no public link." in card
    assert 'data-mode="text"' in card and 'data-mode="link"' not in card


def test_the_card_escapes_article_text(agent_client, category):
    make_published(
        category=category, title="<script>alert(1)</script> Zwiebel", body="<b>Zwiebel</b>"
    )
    case = make_case(subject="Zwiebel", body="Zwiebel")
    page = agent_client.get(reverse("desk:case", args=[case.pk])).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Zwiebel" in page
    assert "<b>Zwiebel</b>" not in page


def test_the_card_says_so_when_nothing_matches(agent_client, category, english):
    make_published(category=category, title="Kettle", body="Descale the kettle.")
    case = make_case(subject="Zwiebel", body="Zwiebel")
    page = agent_client.get(reverse("desk:case", args=[case.pk])).content.decode()
    assert "No article matches this case yet. Search for one." in page
    assert not Article.objects.filter(title__contains="Zwiebel").exists()
