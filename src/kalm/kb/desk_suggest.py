"""Knowledge-base articles for the case at hand: suggestions on the case page, the desk's article
picker, and the text or link an agent inserts into a reply.

Cost is bounded per page view: one query for the consumer's first message and one
:func:`kalm.kb.search.search_articles` call (its index is in memory; it reads the hit rows in one
query). Nothing here queries per article.

Agents may use internal articles (they are marked so), but an internal article has no public
address: it can only be inserted as text, never as a link.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from kalm.cases.models import Case, Message
from kalm.kb.models import Article
from kalm.kb.search import Hit, search_articles
from kalm.kb.selectors import access_article

SUGGESTIONS = 3
PICKER_RESULTS = 8
# Enough of the first message to say what the case is about; the search cuts longer queries.
FIRST_MESSAGE_CHARS = 400
# One search returns both languages; more hits than shown, so that after folding the two
# language versions of an article into one there are still enough left.
OVERFETCH = 4


class NotInsertable(ValueError):
    """The article cannot be inserted this way; the message says why, for the agent."""


@dataclass(frozen=True)
class Suggestion:
    article: Article
    snippet: str
    score: float
    # The article is not in the language the agent is answering in.
    foreign: bool

    @property
    def internal(self) -> bool:
        return self.article.visibility == Article.Visibility.INTERNAL


def article_public_url(article: Article) -> str:
    """The help-centre address of an article, absolute (for a consumer's email)."""
    path = reverse("help:article", kwargs={"slug": article.slug})
    return f"{settings.SITE_URL}{path}"


def case_query(case: Case) -> str:
    """What the case is about, as a search query: the subject and the start of the consumer's
    first message."""
    first = (
        Message.objects.filter(case=case, kind=Message.Kind.INBOUND)
        .order_by("created_at", "id")
        .values_list("body", flat=True)
        .first()
    )
    return f"{case.subject}\n{(first or '')[:FIRST_MESSAGE_CHARS]}".strip()


def rank(hits: list[Hit], *, language: str, limit: int) -> list[Suggestion]:
    """The hits with one version per article (the one in ``language`` when both matched), those
    in ``language`` first, each part in search order."""
    by_group: dict[Any, Hit] = {}
    for hit in hits:
        if hit.article.state != Article.State.PUBLISHED:
            continue  # search only returns published articles; never insert anything else
        seen = by_group.get(hit.article.group)
        if seen is None or (seen.article.language != language and hit.article.language == language):
            by_group[hit.article.group] = hit
    kept = [hit for hit in hits if by_group.get(hit.article.group) is hit]
    kept.sort(key=lambda hit: hit.article.language != language)  # stable: keeps search order
    return [
        Suggestion(
            article=hit.article,
            snippet=hit.snippet,
            score=hit.score,
            foreign=hit.article.language != language,
        )
        for hit in kept[:limit]
    ]


def articles_for_query(
    query: str, *, language: str, limit: int = PICKER_RESULTS
) -> list[Suggestion]:
    """Published articles (internal ones too) for a desk search, in ``language`` first."""
    hits = search_articles(query, language=None, include_internal=True, limit=limit * OVERFETCH)
    return rank(hits, language=language, limit=limit)


def suggest_for_case(case: Case, *, limit: int = SUGGESTIONS) -> list[Suggestion]:
    """The articles that best fit this case, in the case's language first."""
    return articles_for_query(case_query(case), language=case.language, limit=limit)


# --- Inserting --------------------------------------------------------------------------------


def access_insertable_article(user: Any, article_id: int) -> Article:
    """A published article, for a desk member (drafts and archived texts never go to consumers)."""
    article = access_article(user, article_id)
    if article.state != Article.State.PUBLISHED:
        raise Http404
    return article


def insert_text(article: Article, *, mode: str) -> str:
    """What goes into the reply: the article's text, or its title and public address."""
    if mode == "text":
        return article.body.strip()
    if mode == "link":
        if article.visibility != Article.Visibility.PUBLIC:
            raise NotInsertable(
                _(
                    "This is an internal article: it has no public address. Insert its text "
                    "instead, and check it before you send it."
                )
            )
        # The title on its own line reads well in an email and in a chat (titles end in "?").
        return f"{article.title}\n{article_public_url(article)}"
    raise NotInsertable(_("Choose whether to insert the text or the link."))
