"""The answer bot's core: a question in, an answer from the published knowledge base or the
current crisis statement out - never a sentence that is not in them.

Retrieval only: the passage shown is the best-matching paragraph of an article (or the crisis
statement's own text), with its link. When the match is weak or two articles fit about as well,
the bot says it is not sure and offers the best candidates instead of picking one. Only public,
published articles and real (never drill) crises answer.

Confidence (0..1) combines how much of the question the top article covers (its analysed terms
against the question's) with how clearly it beats the runner-up. ``UNSURE_BELOW`` was chosen on
the "tune" part of ``bench/data/answers_questions.jsonl`` only (a sweep of the threshold and the
coverage weight: the highest top-1 with at most about 10% answered wrongly with confidence);
``bench/answers.py`` reports the held-out part, never tuned on, apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.urls import reverse

from kalm.kb.models import Article
from kalm.kb.search import LANGUAGES, analyse, search_articles

# Below this the bot answers "I am not sure" with suggestions (tune on the tune split only).
UNSURE_BELOW = 0.45
# A crisis answers when the question shares this many terms with it, or names its batch.
CRISIS_MIN_SHARED = 2
SUGGESTIONS = 3


@dataclass(frozen=True)
class BotAnswer:
    kind: str  # "article", "crisis" or "unsure"
    article: Article | None
    passage: str
    url: str
    confidence: float
    alternatives: list[Article] = field(default_factory=list)
    crisis: Any = None


def _article_url(article: Article) -> str:
    return settings.SITE_URL + reverse("help:article", kwargs={"slug": article.slug})


def _article_terms(article: Article) -> set[str]:
    text = " ".join([article.title, article.summary, article.keywords, article.body])
    return set(analyse(text, article.language))


def confidence_of(question_terms: set[str], top: Any, runner_up: Any | None) -> float:
    """How sure the bot is of ``top`` (a search Hit): the share of the question's terms the
    article contains, weighed with the margin over the runner-up's score."""
    if not question_terms:
        return 0.0
    coverage = len(question_terms & _article_terms(top.article)) / len(question_terms)
    margin = 1.0 if runner_up is None or top.score <= 0 else 1 - runner_up.score / top.score
    return round(max(0.0, min(1.0, 0.65 * coverage + 0.35 * margin)), 3)


_BATCH = re.compile(r"\b[A-Za-z]{0,4}-?\d{3,}[A-Za-z0-9-]*\b")


def _crisis_answer(question: str, terms: set[str], language: str) -> BotAnswer | None:
    """The chat answer of an open real crisis the question is about, if any."""
    from kalm.crisis.mailing import public_page_url
    from kalm.crisis.models import OPEN_CRISIS_STATUSES, Crisis
    from kalm.crisis.selectors import crisis_answer

    crises = Crisis.objects.filter(status__in=OPEN_CRISIS_STATUSES, drill_id=None)
    codes = {code.casefold().replace(" ", "") for code in _BATCH.findall(question)}
    for crisis in crises.prefetch_related("products").order_by("-severity", "-opened_at"):
        version = crisis_answer(crisis, language)
        if version is None:
            continue
        batches = {b.casefold().replace(" ", "") for b in crisis.batches}
        products = [str(product) for product in crisis.products.all()]
        about = " ".join([crisis.title, *crisis.batches, *products, version.what_happened])
        shared = terms & set(analyse(about, version.statement.language))
        if codes & batches or len(shared) >= CRISIS_MIN_SHARED:
            passage = "\n\n".join(
                part for part in (version.what_happened, version.what_you_can_do) if part
            )
            return BotAnswer(
                kind="crisis",
                article=None,
                passage=passage,
                url=public_page_url(crisis) if crisis.slug else "",
                confidence=1.0 if codes & batches else 0.8,
                crisis=crisis,
            )
    return None


def answer(question: str, *, language: str) -> BotAnswer:
    """The bot's answer to one question, in the consumer's language."""
    language = language if language in LANGUAGES else LANGUAGES[0]
    question = (question or "").strip()[:1000]
    terms = set(analyse(question, language)) if question else set()
    if not terms:
        return BotAnswer(kind="unsure", article=None, passage="", url="", confidence=0.0)
    crisis = _crisis_answer(question, terms, language)
    if crisis is not None:
        return crisis
    hits = search_articles(question, language=language, limit=SUGGESTIONS + 1)
    if not hits:
        return BotAnswer(kind="unsure", article=None, passage="", url="", confidence=0.0)
    top = hits[0]
    runner_up = hits[1] if len(hits) > 1 else None
    sure = confidence_of(terms, top, runner_up)
    if sure < UNSURE_BELOW:
        return BotAnswer(
            kind="unsure",
            article=None,
            passage="",
            url="",
            confidence=sure,
            alternatives=[hit.article for hit in hits[:SUGGESTIONS]],
        )
    return BotAnswer(
        kind="article",
        article=top.article,
        passage=top.snippet,
        url=_article_url(top.article),
        confidence=sure,
        alternatives=[hit.article for hit in hits[1 : SUGGESTIONS + 1]],
    )
