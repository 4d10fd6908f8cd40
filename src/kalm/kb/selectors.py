"""Reads of the knowledge base: what the help centre may show, and the desk's access checks.

Every desk member reads every article (drafts and internal ones too) and writes drafts;
publishing is for leads and admins, and never for the author of the text being published
(see kalm.kb.actions)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import Http404

from kalm.crisis.models import OPEN_CRISIS_STATUSES
from kalm.crisis.selectors import PublicPage, crisis_list, public_crisis_page
from kalm.kb.models import Article, ArticleFeedback, ArticleRevision, Category

State = Article.State
Visibility = Article.Visibility


def other_language(language: str) -> str:
    return "en" if language == "nl" else "nl"


# --- The public side (help centre, answer bot) ------------------------------------------------


def published_articles(language: str, *, include_internal: bool = False) -> QuerySet[Article]:
    """The published articles in one language, in category order."""
    qs = Article.objects.filter(state=State.PUBLISHED, language=language).select_related("category")
    if not include_internal:
        qs = qs.filter(visibility=Visibility.PUBLIC)
    return qs.order_by("category__position", "category__slug", "position", "title")


def article_public(language: str, slug: str) -> Article:
    """The article at this address, or 404 unless it is published and public."""
    try:
        return published_articles(language).get(slug=slug)
    except Article.DoesNotExist as exc:
        raise Http404 from exc


def translation_of(article: Article, *, include_internal: bool = False) -> Article | None:
    """The published version of the same article in the other language, if there is one (and,
    for a public article, if it is public too)."""
    return (
        published_articles(other_language(article.language), include_internal=include_internal)
        .filter(group=article.group)
        .first()
    )


def related_published(article: Article, *, include_internal: bool = False) -> list[Article]:
    """The related articles that are published (and public unless asked otherwise), in the
    article's language first: a related article written in the other language is replaced by
    its translation when that is published."""
    related = list(article.related.filter(state=State.PUBLISHED).select_related("category"))
    if not include_internal:
        related = [a for a in related if a.visibility == Visibility.PUBLIC]
    wanted = [a for a in related if a.language == article.language]
    foreign_groups = {a.group for a in related if a.language != article.language}
    if foreign_groups:
        siblings = published_articles(article.language, include_internal=include_internal).filter(
            group__in=foreign_groups
        )
        wanted.extend(siblings)
    seen: set[int] = set()
    result = []
    for other in sorted(wanted, key=lambda a: (a.position, a.title.casefold())):
        if other.pk != article.pk and other.pk not in seen:
            seen.add(other.pk)
            result.append(other)
    return result


def categories_with_articles(language: str) -> list[tuple[Category, list[Article]]]:
    """The categories that have public articles in this language, each with its articles."""
    groups: dict[int, tuple[Category, list[Article]]] = {}
    for article in published_articles(language):
        groups.setdefault(article.category_id, (article.category, []))[1].append(article)
    return list(groups.values())


# --- The desk ---------------------------------------------------------------------------------


def _require_member(user: Any) -> None:
    if not getattr(user, "is_authenticated", False) or not user.is_desk_member:
        raise PermissionDenied


def can_publish(user: Any) -> bool:
    """Leads and admins publish; the four-eyes rule is checked per article by the action."""
    return bool(getattr(user, "is_authenticated", False) and user.is_lead)


def access_article(user: Any, article_id: int) -> Article:
    """Any article, for a desk member."""
    _require_member(user)
    try:
        return Article.objects.select_related("category", "created_by", "reviewed_by").get(
            pk=article_id
        )
    except Article.DoesNotExist as exc:
        raise Http404 from exc


def access_category(user: Any, category_id: int) -> Category:
    """Categories shape the help centre: leads and admins manage them."""
    _require_member(user)
    if not can_publish(user):
        raise PermissionDenied
    try:
        return Category.objects.get(pk=category_id)
    except Category.DoesNotExist as exc:
        raise Http404 from exc


def desk_articles(
    *,
    state: str = "",
    language: str = "",
    category: int | None = None,
    visibility: str = "",
    text: str = "",
) -> QuerySet[Article]:
    """The desk's article list with its filters; ``text`` looks in title, summary, keywords and
    body (a plain substring search, because drafts are not in the search index)."""
    qs = Article.objects.select_related("category")
    if state:
        qs = qs.filter(state=state)
    if language:
        qs = qs.filter(language=language)
    if category:
        qs = qs.filter(category_id=category)
    if visibility:
        qs = qs.filter(visibility=visibility)
    text = text.strip()
    if text:
        qs = qs.filter(
            Q(title__icontains=text)
            | Q(summary__icontains=text)
            | Q(keywords__icontains=text)
            | Q(body__icontains=text)
        )
    return qs.order_by("category__position", "category__slug", "position", "title", "language")


def review_queue() -> QuerySet[Article]:
    """Articles waiting for a second person, oldest submission first."""
    return (
        Article.objects.filter(state=State.IN_REVIEW)
        .select_related("category", "created_by")
        .order_by("submitted_at", "pk")
    )


def newest_revision(article: Article) -> ArticleRevision | None:
    return article.revisions.select_related("author").order_by("-number").first()


def revisions(article: Article) -> list[ArticleRevision]:
    return list(article.revisions.select_related("author").order_by("-number"))


def translation_any_state(article: Article) -> Article | None:
    """The other-language version in whatever state: the desk links drafts too."""
    return (
        Article.objects.filter(group=article.group, language=other_language(article.language))
        .exclude(pk=article.pk)
        .first()
    )


@dataclass(frozen=True)
class ReasonCount:
    reason: str
    label: str
    count: int


@dataclass(frozen=True)
class FeedbackSummary:
    yes: int
    no: int
    reasons: list[ReasonCount]
    comments: list[ArticleFeedback]

    @property
    def total(self) -> int:
        return self.yes + self.no

    @property
    def helpful_percent(self) -> int | None:
        return round(100 * self.yes / self.total) if self.total else None


def feedback_summary(article: Article, *, comments: int = 20) -> FeedbackSummary:
    """Yes/no counts (from the counters), the reasons given with "no", and recent comments."""
    labels = dict(ArticleFeedback.Reason.choices)
    rows = (
        article.feedback.filter(helpful=False)
        .exclude(reason="")
        .values("reason")
        .annotate(n=Count("id"))
        .order_by("-n", "reason")
    )
    reasons = [
        ReasonCount(
            reason=r["reason"], label=str(labels.get(r["reason"], r["reason"])), count=r["n"]
        )
        for r in rows
    ]
    recent = list(article.feedback.exclude(comment="").order_by("-created_at", "-id")[:comments])
    return FeedbackSummary(
        yes=article.helpful_yes, no=article.helpful_no, reasons=reasons, comments=recent
    )


def crisis_pins(language: str) -> list[PublicPage]:
    """What the help centre pins on top during a crisis: each open real crisis (not a drill)
    with a statement published on its public page, most urgent first. Only published text is
    shown, so this is what the public crisis page shows, too."""
    pages = []
    crises = crisis_list(drill_id=None).filter(status__in=OPEN_CRISIS_STATUSES)
    for crisis in crises.exclude(slug=None).exclude(slug=""):  # the public page is at its slug
        try:
            pages.append(public_crisis_page(crisis.slug, language))
        except Http404:  # open, but nothing published on the public page yet
            continue
    return pages
