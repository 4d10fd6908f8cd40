"""The article workflow: create, edit, submit, four-eyes publish, reject, archive, translate,
related articles, categories and feedback."""

from __future__ import annotations

import pytest

from kalm.accounts.models import Role
from kalm.core.testing import UserFactory
from kalm.kb import actions
from kalm.kb.models import Article, ArticleFeedback, Category
from kalm.kb.tests.conftest import make_article, make_published, publish

pytestmark = pytest.mark.django_db
State = Article.State


@pytest.fixture(autouse=True)
def _english(english):
    """These tests read English messages."""


def test_create_makes_a_draft_with_revision_one(agent, category):
    article = make_article(
        author=agent, category=category, title="Pakket kwijt", note="Eerste versie"
    )
    assert article.state == State.DRAFT
    assert article.slug == "pakket-kwijt"
    assert article.revision == 1
    revision = article.revisions.get()
    assert (revision.number, revision.title, revision.author, revision.note) == (
        1,
        "Pakket kwijt",
        agent,
        "Eerste versie",
    )


def test_slugs_are_unique_per_language(agent, category):
    first = make_article(author=agent, category=category, title="Pakket kwijt")
    second = make_article(author=agent, category=category, title="Pakket kwijt!")
    english = make_article(author=agent, category=category, title="Pakket kwijt", language="en")
    assert (first.slug, second.slug, english.slug) == (
        "pakket-kwijt",
        "pakket-kwijt-2",
        "pakket-kwijt",
    )


def test_create_refuses_bad_input_and_outsiders(agent, outsider, category):
    with pytest.raises(actions.KbActionError, match="title"):
        make_article(author=agent, category=category, title="  ")
    with pytest.raises(actions.KbActionError, match="text"):
        make_article(author=agent, category=category, body="")
    with pytest.raises(actions.KbActionError, match="Dutch or English"):
        make_article(author=agent, category=category, language="de")
    with pytest.raises(actions.KbRefused):
        make_article(author=outsider, category=category)
    assert not Article.objects.exists()


def test_editing_writes_a_revision_and_keeps_the_old_text(agent, category):
    article = make_article(author=agent, category=category, title="Oud", body="Oude tekst.")
    edited = actions.article_edit(
        article=article, actor=agent, title="Nieuw", body="Nieuwe tekst.", note="Herschreven"
    )
    assert (edited.revision, edited.title, edited.slug) == (2, "Nieuw", "oud")
    assert [(r.number, r.body) for r in edited.revisions.order_by("number")] == [
        (1, "Oude tekst."),
        (2, "Nieuwe tekst."),
    ]


def test_editing_a_published_article_takes_it_offline(agent, category):
    article = make_published(author=agent, category=category)
    draft = actions.article_edit(article=article, actor=agent, title="Anders", body="Anders.")
    assert draft.state == State.DRAFT and not draft.is_public
    again = actions.article_edit(
        article=draft, actor=agent, title="Anders", body="Nog anders.", submit=True
    )
    assert again.state == State.IN_REVIEW and again.submitted_at is not None


def test_an_edit_that_changes_nothing_is_refused(agent, category):
    article = make_article(author=agent, category=category, title="Zelfde", body="Tekst.")
    with pytest.raises(actions.NothingChanged):
        actions.article_edit(article=article, actor=agent, title="Zelfde", body="Tekst.")
    assert Article.objects.get(pk=article.pk).revision == 1


def test_publishing_needs_a_lead_who_did_not_write_the_newest_text(agent, team_lead, category):
    article = make_article(author=team_lead, category=category)
    article = actions.article_submit(article=article, actor=team_lead)
    with pytest.raises(actions.KbRefused, match="second person"):
        actions.article_publish(article=article, actor=team_lead)
    with pytest.raises(actions.KbRefused, match="leads and admins"):
        actions.article_publish(article=article, actor=agent)
    other_lead = UserFactory(role=Role.LEAD)
    published = actions.article_publish(article=article, actor=other_lead)
    assert published.state == State.PUBLISHED and published.is_public
    assert published.reviewed_by == other_lead and published.published_at is not None


def test_the_newest_revision_decides_who_may_publish(agent, team_lead, category):
    article = make_article(author=agent, category=category)
    # The lead edits the agent's text: now the lead wrote the text that would go live.
    article = actions.article_edit(
        article=article, actor=team_lead, title="Retourneren", body="Beter.", submit=True
    )
    with pytest.raises(actions.KbRefused):
        actions.article_publish(article=article, actor=team_lead)


def test_only_an_article_in_review_can_be_published(team_lead, category):
    article = make_article(category=category)
    with pytest.raises(actions.IllegalArticleTransition):
        actions.article_publish(article=article, actor=team_lead)


def test_reject_sends_back_to_draft_and_keeps_the_reason(agent, team_lead, category):
    article = make_article(author=agent, category=category, note="Eerste versie")
    article = actions.article_submit(article=article, actor=agent)
    with pytest.raises(actions.KbActionError, match="Say why"):
        actions.article_reject(article=article, actor=team_lead, note=" ")
    rejected = actions.article_reject(article=article, actor=team_lead, note="Toon is te stellig")
    assert rejected.state == State.DRAFT and rejected.review_note == "Toon is te stellig"
    assert rejected.revisions.get(number=1).note == "Eerste versie"  # revisions never change
    resubmitted = actions.article_submit(article=rejected, actor=agent)
    published = actions.article_publish(article=resubmitted, actor=team_lead)
    assert published.review_note == ""


def test_archive_is_for_leads_and_editing_revives_a_draft(agent, team_lead, category):
    article = make_published(author=agent, category=category)
    with pytest.raises(actions.KbRefused):
        actions.article_archive(article=article, actor=agent)
    archived = actions.article_archive(article=article, actor=team_lead)
    assert archived.state == State.ARCHIVED
    with pytest.raises(actions.IllegalArticleTransition):
        actions.article_archive(article=archived, actor=team_lead)
    revived = actions.article_edit(article=archived, actor=agent, title="Terug", body="Terug.")
    assert revived.state == State.DRAFT


def test_a_translation_shares_the_group_and_starts_as_a_copy(agent, category):
    article = make_published(author=agent, category=category, title="Retourneren")
    translation = actions.article_translation_create(article=article, actor=agent)
    assert translation.group == article.group
    assert (translation.language, translation.state) == ("en", State.DRAFT)
    assert translation.body == article.body and translation.category == category
    assert "Translation of revision 1" in translation.revisions.get().note
    with pytest.raises(actions.KbActionError, match="already has a version"):
        actions.article_translation_create(article=article, actor=agent)
    with pytest.raises(actions.KbActionError, match="already has a version"):
        actions.article_translation_create(article=translation, actor=agent)


def test_related_is_symmetric_and_never_the_article_itself(agent, category):
    one = make_article(author=agent, category=category, title="Een")
    two = make_article(author=agent, category=category, title="Twee")
    actions.related_set(article=one, actor=agent, related=[one, two])
    assert list(one.related.all()) == [two]
    assert list(two.related.all()) == [one]
    actions.related_set(article=one, actor=agent, related=[])
    assert not two.related.exists()


def test_feedback_counts_with_reasons(category):
    article = make_published(category=category)
    actions.article_feedback_add(article=article, helpful=True)
    feedback = actions.article_feedback_add(
        article=article, helpful=False, reason="unclear", comment="Te vaag", source="answer_bot"
    )
    assert (feedback.reason, feedback.source) == ("unclear", "answer_bot")
    article.refresh_from_db()
    assert (article.helpful_yes, article.helpful_no) == (1, 1)


def test_feedback_refuses_unknown_reasons_long_comments_and_unpublished_articles(category):
    article = make_published(category=category)
    with pytest.raises(actions.KbActionError, match="reasons"):
        actions.article_feedback_add(article=article, helpful=False, reason="boring")
    with pytest.raises(actions.KbActionError, match="too long"):
        actions.article_feedback_add(article=article, helpful=False, comment="x" * 2001)
    with pytest.raises(actions.KbActionError, match="published"):
        actions.article_feedback_add(article=make_article(category=category), helpful=True)
    assert not ArticleFeedback.objects.exists()
    article.refresh_from_db()
    assert (article.helpful_yes, article.helpful_no) == (0, 0)


def test_feedback_does_not_rebuild_the_search_index(category):
    article = make_published(category=category)
    before = Article.objects.get(pk=article.pk).updated_at
    actions.article_feedback_add(article=article, helpful=True)
    assert Article.objects.get(pk=article.pk).updated_at == before


def test_categories_are_managed_by_leads(agent, team_lead):
    with pytest.raises(actions.KbRefused):
        actions.category_create(actor=agent, name_nl="Bezorging", name_en="Delivery")
    created = actions.category_create(actor=team_lead, name_nl="Bezorging", name_en="Delivery")
    assert created.slug == "bezorging"
    with pytest.raises(actions.KbActionError, match="address"):
        actions.category_create(actor=team_lead, name_nl="Bezorging", name_en="Delivery")
    updated = actions.category_update(
        category=created, actor=team_lead, name_nl="Levering", name_en="Delivery", slug="levering"
    )
    assert Category.objects.get(pk=created.pk).slug == updated.slug == "levering"
    with pytest.raises(actions.KbActionError, match="Dutch and an English"):
        actions.category_update(category=created, actor=team_lead, name_nl="", name_en="x")


def test_publish_helper_uses_a_second_person(agent, category):
    # The factory helper other tests use goes through the real four-eyes path.
    article = publish(make_article(author=agent, category=category))
    assert article.reviewed_by != agent


@pytest.mark.parametrize("slug", ["search", "a", "logo"])
def test_a_category_cannot_take_the_help_centres_own_addresses(team_lead, slug):
    with pytest.raises(actions.KbActionError, match="taken by the help centre"):
        actions.category_create(actor=team_lead, slug=slug, name_nl="Zoeken", name_en="Search")
