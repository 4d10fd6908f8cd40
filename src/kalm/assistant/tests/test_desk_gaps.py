"""The desk's gap pages: access, the list and its filters, the gap page, the POST actions, and
the knowledge base's new-article form prefilled from a gap."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kalm.assistant.gaps import gap_record
from kalm.assistant.models import Gap, Turn
from kalm.assistant.tests.conftest import make_turn
from kalm.assistant.views_desk import new_article_url
from kalm.kb.models import Article
from kalm.kb.tests.conftest import CategoryFactory, make_published

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(english):
    """These tests read English labels."""


def _gap(question: str = "pakket niet ontvangen", **fields) -> Gap:
    return gap_record(turn=make_turn(question, **fields), reason="unanswered")


def test_outsiders_and_anonymous_people_are_refused(client, outsider):
    gap = _gap()
    pages = [reverse("gaps:list"), reverse("gaps:detail", args=[gap.pk])]
    posts = [
        reverse(f"gaps:{name}", args=[gap.pk]) for name in ("dismiss", "reopen", "answer", "merge")
    ]
    for url in pages:
        assert client.get(url).status_code == 302
    assert client.post(posts[0]).status_code == 302
    client.force_login(outsider)
    for url in pages + posts:
        method = client.get if url in pages else client.post
        assert method(url).status_code == 403
    gap.refresh_from_db()
    assert gap.status == Gap.Status.OPEN


def test_the_list_shows_open_gaps_most_asked_first(agent_client, django_assert_max_num_queries):
    article = make_published(category=CategoryFactory(), title="Bezorging uitgelegd")
    big = _gap("pakket niet ontvangen")
    gap_record(turn=make_turn("mijn pakket niet ontvangen"), reason="unanswered")
    failed = make_turn(
        "pakket nog steeds niet ontvangen", kind=Turn.Kind.ARTICLE, article=article, helpful=False
    )
    gap_record(turn=failed, reason="unhelpful")
    small = _gap("wachtwoord vergeten")
    english = _gap("do you ship to Belgium", language="en")
    closed = _gap("factuur downloaden")
    closed.status = Gap.Status.DISMISSED
    closed.save()
    with django_assert_max_num_queries(12):
        page = agent_client.get(reverse("gaps:list"))
    assert page.status_code == 200
    text = page.content.decode()
    assert text.index(big.title) < text.index(small.title)
    assert "mijn pakket niet ontvangen" in text  # a sample question
    assert "Bezorging uitgelegd" in text  # the article that did not help
    assert english.title in text and closed.title not in text
    text = agent_client.get(reverse("gaps:list"), {"language": "en"}).content.decode()
    assert english.title in text and big.title not in text
    text = agent_client.get(reverse("gaps:list"), {"status": "dismissed"}).content.decode()
    assert closed.title in text and big.title not in text


def test_the_gap_page_shows_every_question_and_what_the_bot_answered(agent_client):
    article = make_published(category=CategoryFactory(), title="Bezorging uitgelegd")
    gap = _gap("pakket niet ontvangen")
    failed = make_turn(
        "pakket nog niet ontvangen",
        kind=Turn.Kind.ARTICLE,
        article=article,
        title="Bezorging uitgelegd",
        url="https://example.test/help/a/bezorging/",
        helpful=False,
        feedback_reason=Turn.Reason.NOT_SOLVED,
    )
    gap_record(turn=failed, reason="unhelpful")
    page = agent_client.get(reverse("gaps:detail", args=[gap.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "pakket niet ontvangen" in text and "pakket nog niet ontvangen" in text
    assert "Not sure" in text and "It does not solve my problem" in text
    assert "https://example.test/help/a/bezorging/" in text
    assert new_article_url(gap).replace("&", "&amp;") in text


def test_an_agent_answers_dismisses_reopens_and_merges(agent_client, agent):
    article = make_published(category=CategoryFactory(), title="Pakket kwijt")
    gap = _gap()
    response = agent_client.post(reverse("gaps:answer", args=[gap.pk]), {"article": article.pk})
    assert response.status_code == 302
    gap.refresh_from_db()
    assert gap.status == Gap.Status.ANSWERED and gap.article == article
    # Answered: dismissing is refused with the reason, shown as a message.
    page = agent_client.post(reverse("gaps:dismiss", args=[gap.pk]), follow=True)
    assert "cannot become" in page.content.decode()
    agent_client.post(reverse("gaps:reopen", args=[gap.pk]))
    agent_client.post(reverse("gaps:dismiss", args=[gap.pk]))
    gap.refresh_from_db()
    assert gap.status == Gap.Status.DISMISSED and gap.closed_by == agent

    agent_client.post(reverse("gaps:reopen", args=[gap.pk]))
    other = _gap("wachtwoord vergeten")
    response = agent_client.post(reverse("gaps:merge", args=[other.pk]), {"into": gap.pk})
    assert response["Location"] == reverse("gaps:detail", args=[gap.pk])
    assert not Gap.objects.filter(pk=other.pk).exists()
    gap.refresh_from_db()
    assert gap.question_count == 2


def test_only_a_published_public_article_of_the_language_is_offered(agent_client):
    gap = _gap()
    english = make_published(category=CategoryFactory(), language="en", title="Lost parcel")
    response = agent_client.post(
        reverse("gaps:answer", args=[gap.pk]), {"article": english.pk}, follow=True
    )
    assert "Choose a published article" in response.content.decode()
    gap.refresh_from_db()
    assert gap.status == Gap.Status.OPEN


def test_writing_an_article_for_a_gap_links_it(agent_client):
    category = CategoryFactory()
    gap = _gap("Kan ik mijn retourzending annuleren?")
    form = agent_client.get(new_article_url(gap))
    assert form.status_code == 200
    text = form.content.decode()
    assert 'value="Kan ik mijn retourzending annuleren?"' in text
    assert f'name="gap" value="{gap.pk}"' in text
    assert "Written for the knowledge gap" in text
    response = agent_client.post(
        reverse("kb:new"),
        {
            "language": "nl",
            "title": "Retourzending annuleren",
            "body": "Zo annuleert u een retourzending.",
            "category": category.pk,
            "visibility": "public",
            "gap": gap.pk,
            "save": "1",
        },
    )
    assert response.status_code == 302
    article = Article.objects.get(title="Retourzending annuleren")
    gap.refresh_from_db()
    assert gap.status == Gap.Status.ANSWERED and gap.article == article
    # The list of answered gaps shows the article and that it is still a draft.
    text = agent_client.get(reverse("gaps:list"), {"status": "answered"}).content.decode()
    assert 'Retourzending annuleren</a> <span class="muted small">(draft)' in text


def test_a_new_article_for_a_gap_closed_meanwhile_is_still_saved(agent_client, agent):
    from kalm.assistant.gap_actions import gap_dismiss

    category = CategoryFactory()
    gap = _gap()
    gap_dismiss(gap=gap, actor=agent)
    page = agent_client.post(
        reverse("kb:new"),
        {
            "language": "nl",
            "title": "Pakket kwijt",
            "body": "Wat u doet als uw pakket niet komt.",
            "category": category.pk,
            "visibility": "public",
            "gap": gap.pk,
        },
        follow=True,
    )
    assert Article.objects.filter(title="Pakket kwijt").exists()
    assert "cannot become" in page.content.decode()
    gap.refresh_from_db()
    assert gap.status == Gap.Status.DISMISSED


def test_the_knowledge_base_list_links_the_open_gaps(agent_client):
    _gap("pakket niet ontvangen")
    _gap("wachtwoord vergeten")
    text = agent_client.get(reverse("kb:list")).content.decode()
    assert reverse("gaps:list") in text and "Gaps (2 open)" in text
