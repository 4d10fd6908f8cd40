""" "Was this helpful?" on the public article page: yes in one click, no with a reason and an
optional comment, without JavaScript, CSRF-protected, counted once per visitor."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from kalm.kb.actions import article_archive
from kalm.kb.models import ArticleFeedback
from kalm.kb.tests.test_public_pages import make_category, published


@pytest.fixture
def article(agent, team_lead):
    return published(agent, team_lead, make_category(team_lead))


def _url(article) -> str:
    return reverse("help:article", kwargs={"slug": article.slug})


def _token(client: Client, url: str) -> str:
    """The CSRF token a browser would have after opening the page."""
    client.get(url)
    return client.cookies["csrftoken"].value


def test_yes_is_stored_and_thanked(db, article):
    client = Client(enforce_csrf_checks=True)
    token = _token(client, _url(article))
    response = client.post(_url(article), {"helpful": "yes", "csrfmiddlewaretoken": token})
    assert response.status_code == 302 and response["Location"] == _url(article) + "#feedback"
    feedback = ArticleFeedback.objects.get()
    assert (feedback.helpful, feedback.reason, feedback.comment, feedback.source) == (
        True,
        "",
        "",
        "help_centre",
    )
    article.refresh_from_db()
    assert (article.helpful_yes, article.helpful_no) == (1, 0)
    html = client.get(_url(article)).content.decode()
    assert 'class="feedback-thanks"' in html
    assert 'name="helpful" value="yes"' not in html


def test_a_post_without_the_csrf_token_is_refused(db, article):
    client = Client(enforce_csrf_checks=True)
    client.get(_url(article))
    response = client.post(_url(article), {"helpful": "yes"})
    assert response.status_code == 403
    assert not ArticleFeedback.objects.exists()


def test_no_first_asks_why_without_storing_anything(client, article):
    html = client.get(_url(article) + "?feedback=no").content.decode()
    for reason in ArticleFeedback.Reason.values:
        assert f'value="{reason}"' in html
    assert 'name="comment"' in html
    assert 'name="helpful" value="no"' in html
    assert not ArticleFeedback.objects.exists()


def test_no_with_a_reason_and_a_comment_is_stored(db, article):
    client = Client(enforce_csrf_checks=True)
    token = _token(client, _url(article) + "?feedback=no")
    response = client.post(
        _url(article),
        {
            "helpful": "no",
            "reason": "incomplete",
            "comment": "  Hoe lang duurt de terugbetaling?  ",
            "csrfmiddlewaretoken": token,
        },
    )
    assert response.status_code == 302
    feedback = ArticleFeedback.objects.get()
    assert (feedback.helpful, feedback.reason, feedback.comment) == (
        False,
        "incomplete",
        "Hoe lang duurt de terugbetaling?",
    )
    article.refresh_from_db()
    assert (article.helpful_yes, article.helpful_no) == (0, 1)


def test_no_without_a_reason_asks_again_and_keeps_the_comment(client, article, english):
    response = client.post(_url(article), {"helpful": "no", "comment": "Te vaag"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Choose what was wrong with the article." in html
    assert "Te vaag" in html
    assert not ArticleFeedback.objects.exists()


def test_an_unknown_reason_is_refused(client, article):
    response = client.post(_url(article), {"helpful": "no", "reason": "boos"})
    assert response.status_code == 200
    assert not ArticleFeedback.objects.exists()


def test_a_yes_drops_a_reason_sent_along(client, article):
    client.post(_url(article), {"helpful": "yes", "reason": "wrong", "comment": "x"})
    feedback = ArticleFeedback.objects.get()
    assert (feedback.helpful, feedback.reason, feedback.comment) == (True, "", "")


def test_a_second_answer_from_the_same_visitor_is_not_counted(client, article):
    client.post(_url(article), {"helpful": "yes"})
    response = client.post(_url(article), {"helpful": "no", "reason": "wrong"})
    assert response.status_code == 302
    assert ArticleFeedback.objects.count() == 1


def test_feedback_on_an_article_that_is_gone_is_not_found(client, article, team_lead):
    article_archive(article=article, actor=team_lead)
    response = client.post(_url(article), {"helpful": "yes"})
    assert response.status_code == 404
    assert not ArticleFeedback.objects.exists()


def test_a_comment_that_is_too_long_is_refused_and_kept(client, article, english):
    text = "a" * 2001
    response = client.post(_url(article), {"helpful": "no", "reason": "other", "comment": text})
    assert response.status_code == 200
    assert text in response.content.decode()
    assert not ArticleFeedback.objects.exists()
