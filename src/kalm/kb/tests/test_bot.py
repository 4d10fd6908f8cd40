"""The answer bot's core: answers only from published articles and the current crisis statement,
says when it is not sure, and never answers from a drill."""

from __future__ import annotations

import pytest

from kalm.crisis.models import Crisis, PublishChannel
from kalm.crisis.tests.conftest import open_crisis
from kalm.crisis.tests.statements import published, team
from kalm.kb.bot import MODES, answer, best_article
from kalm.kb.models import Article
from kalm.kb.tests.conftest import make_published


@pytest.fixture
def articles(category):
    return {
        "returns": make_published(
            category=category,
            title="Hoe meld ik een retourzending aan?",
            body="Meld de retourzending aan in Mijn account.\n\nPrint het retourlabel en lever "
            "het pakket binnen 7 dagen in bij een afgiftepunt.",
            keywords="terugsturen, retour",
        ),
        "password": make_published(
            category=category,
            title="Ik ben mijn wachtwoord vergeten",
            body="Klik op inloggen en kies 'Wachtwoord vergeten'. U krijgt een e-mail met een "
            "link om een nieuw wachtwoord te kiezen.",
        ),
        "returns_en": make_published(
            category=category,
            language="en",
            title="How do I return a product?",
            body="Register the return in My account, print the return label and drop the "
            "parcel at a pick-up point within 7 days.",
        ),
    }


def test_a_clear_question_gets_the_article_its_passage_and_link(articles):
    reply = answer("hoe stuur ik mijn pakket terug, retour aanmelden?", language="nl")
    assert reply.kind == "article" and reply.article == articles["returns"]
    assert "retourlabel" in reply.passage or "retourzending" in reply.passage
    assert reply.url.endswith(f"/help/a/{articles['returns'].slug}/")
    assert 0 < reply.confidence <= 1


def test_it_answers_in_the_consumers_language(articles):
    reply = answer("how can I return my parcel?", language="en")
    assert reply.article == articles["returns_en"]


def test_it_says_it_is_not_sure_rather_than_guess(articles):
    for question in ("", "   ", "xqzv blorp", "wat is het weer morgen in Utrecht?"):
        reply = answer(question, language="nl")
        assert reply.kind == "unsure" and reply.article is None, question


def test_a_question_about_the_crisis_gets_the_published_chat_answer(articles, team_lead):
    crisis = open_crisis(team_lead)
    spokes, legal = team(team_lead)
    published(crisis, spokes, legal, channels=[PublishChannel.CHAT_ANSWER])
    reply = answer("Mijn fles uit partij L2611 is gebarsten, wat moet ik doen?", language="nl")
    assert reply.kind == "crisis" and reply.crisis == crisis
    assert "Flessen uit batch L2611 kunnen barsten." in reply.passage
    assert "Open de fles niet" in reply.passage


def test_a_drill_crisis_never_answers_the_public(articles, team_lead):
    from kalm.drills.models import Drill

    crisis = open_crisis(team_lead)
    drill = Drill.objects.create(scenario="bottles", title="Oefening", started_by=team_lead)
    Crisis.objects.filter(pk=crisis.pk).update(drill=drill)
    crisis.refresh_from_db()
    spokes, legal = team(team_lead)
    published(crisis, spokes, legal, channels=[PublishChannel.CHAT_ANSWER])
    reply = answer("Mijn fles uit partij L2611 is gebarsten", language="nl")
    assert reply.kind != "crisis"


def test_unpublished_and_internal_articles_are_never_answers(category):
    make_published(
        category=category,
        title="Goodwill-richtlijnen retourzending",
        body="Interne richtlijn voor waardebonnen bij een retourzending.",
        visibility="internal",
    )
    reply = answer("waardebon retourzending richtlijn", language="nl")
    assert reply.article is None or reply.article.visibility == "public"


def test_the_hybrid_bot_finds_an_article_that_shares_no_word_with_the_question(category):
    from kalm.kb.search import analyse

    delivery = make_published(
        category=category,
        title="Wanneer wordt mijn bestelling bezorgd?",
        summary="Levertijden en bezorgmomenten.",
        body="Wij bezorgen binnen twee werkdagen. U ontvangt een track-and-trace-code per e-mail.",
    )
    make_published(
        category=category,
        title="Ik ben mijn wachtwoord vergeten",
        body="Klik op inloggen en kies 'Wachtwoord vergeten'.",
    )
    question = "het duurt zo lang voordat ik mijn spullen krijg"
    assert not set(analyse(question, "nl")) & set(
        analyse(" ".join([delivery.title, delivery.summary, delivery.body]), "nl")
    )
    lexical = answer(question, language="nl", mode="lexical")
    assert lexical.kind == "unsure" and delivery not in lexical.alternatives
    reply = answer(question, language="nl", mode="hybrid")
    assert delivery in [reply.article, *reply.alternatives]
    assert reply.article in (None, delivery)


def test_both_modes_say_they_are_not_sure_about_an_off_topic_question(articles):
    for mode in MODES:
        for question in ("wat is het weer morgen in Utrecht?", "wie won de Tour de France?"):
            reply = answer(question, language="nl", mode=mode)
            assert reply.kind == "unsure" and reply.article is None, (mode, question)


def test_both_modes_answer_a_clear_question_with_the_article(articles):
    for mode in MODES:
        reply = answer("ik ben mijn wachtwoord vergeten", language="nl", mode=mode)
        assert reply.kind == "article" and reply.article == articles["password"], mode
        assert "Wachtwoord vergeten" in reply.passage


def test_the_hybrid_bot_never_answers_from_an_internal_article(category):
    internal = make_published(
        category=category,
        visibility=Article.Visibility.INTERNAL,
        title="Juridische dreigementen van klanten",
        body="Stuur een dreigbrief van een advocaat door naar juridische zaken.",
    )
    reply = answer("mijn advocaat stuurt u een brief", language="nl")
    assert internal not in [reply.article, *reply.alternatives]


def test_an_unknown_mode_is_refused(articles):
    with pytest.raises(ValueError, match="unknown answer mode"):
        answer("retour", language="nl", mode="neural")


# --- best_article: what a text is about (a case's topic, kalm.cases) -------------------------


def test_best_article_is_the_article_the_bot_answers_with(articles):
    for mode in MODES:
        article, sure = best_article("ik ben mijn wachtwoord vergeten", language="nl", mode=mode)
        reply = answer("ik ben mijn wachtwoord vergeten", language="nl", mode=mode)
        assert (article, sure) == (reply.article, reply.confidence) == (articles["password"], sure)
        assert best_article("xqzv blorp", language="nl", mode=mode)[0] is None


def test_best_article_ignores_the_crisis_the_bot_would_answer_with(articles, team_lead):
    crisis = open_crisis(team_lead)
    spokes, legal = team(team_lead)
    published(crisis, spokes, legal, channels=[PublishChannel.CHAT_ANSWER])
    question = "Mijn fles uit partij L2611 is gebarsten, hoe meld ik een retourzending aan?"
    assert answer(question, language="nl").kind == "crisis"
    article, _sure = best_article(question, language="nl")
    assert article == articles["returns"]


def test_by_category_the_lead_counts_over_other_categories_only(category):
    from kalm.kb.tests.conftest import CategoryFactory

    # Two near-twins in one category: which of the two is unsure, the category is not.
    body = "Meld de retourzending aan in Mijn account en lever het pakket in bij een afgiftepunt"
    twin = make_published(
        category=category, title="Een pakket terugsturen", body=f"{body}.", keywords="retour"
    )
    make_published(
        category=category,
        title="Een pakket terugsturen vanuit België",
        body=f"{body} in België.",
        keywords="retour",
    )
    make_published(
        category=CategoryFactory(),
        title="Ik ben mijn wachtwoord vergeten",
        body="Klik op inloggen en kies 'Wachtwoord vergeten'. U krijgt een e-mail met een link.",
    )
    question = "hoe stuur ik iets terug"
    article, unsure = best_article(question, language="nl", mode="hybrid")
    assert article is None
    article, sure = best_article(question, language="nl", mode="hybrid", by_category=True)
    assert article == twin and sure > unsure
    # The same threshold: nonsense stays unsure.
    assert best_article("xqzv blorp", language="nl", by_category=True)[0] is None
