"""The answer bot's core: a question in, an answer from the published knowledge base or the
current crisis statement out - never a sentence that is not in them.

Retrieval only: the passage shown is the best-matching paragraph of an article (or the crisis
statement's own text), with its link. When the match is weak or two articles fit about as well,
the bot says it is not sure and offers the best candidates instead of picking one. Only public,
published articles and real (never drill) crises answer.

Two retrieval modes (docs/decisions/0010):

- "hybrid" (the default): the BM25F hits of :mod:`kalm.kb.search` plus the articles closest in
  meaning to the question (:mod:`kalm.kb.semantic`, multilingual sentence embeddings), ranked by
  a weighted sum of the BM25 score (relative to the best hit) and the cosine similarity. It finds
  the article when the question shares no words with it ("mijn pakketje is er nog steeds niet").
  Confidence is the mean of three signals of the top article: how much of the question it covers
  (its analysed terms against the question's), its lead over the runner-up, and its cosine.
- "lexical": BM25F alone; confidence from coverage and the margin over the runner-up.

The thresholds and weights were chosen on the "tune" part of
``bench/data/answers_questions.jsonl`` only (the highest top-1 with at most about 10% answered
wrongly with confidence); ``bench/answers.py --mode`` reports the held-out part, never tuned on,
apart.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.urls import reverse

from kalm.kb.models import Article
from kalm.kb.search import (
    LANGUAGES,
    SNIPPET_LENGTH,
    Hit,
    analyse,
    index_pinned,
    published_articles,
    search_articles,
)

MODES = ("hybrid", "lexical")
DEFAULT_MODE = "hybrid"
# Below this the bot answers "I am not sure" with suggestions (tuned on the tune split only; the
# two modes' confidences are on different scales).
UNSURE_BELOW = {"hybrid": 0.28, "lexical": 0.45}
# Hybrid ranking: LEXICAL_WEIGHT * bm25 / best bm25 + (1 - LEXICAL_WEIGHT) * cosine, over the
# best LEXICAL_CANDIDATES BM25 hits and the SEMANTIC_CANDIDATES articles closest in meaning.
LEXICAL_WEIGHT = 0.2
LEXICAL_CANDIDATES = 10
SEMANTIC_CANDIDATES = 3
# The hybrid margin is the top's lead over the runner-up in fused score, times this (capped at 1).
MARGIN_SCALE = 2.0
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


def article_url(article: Article) -> str:
    return settings.SITE_URL + reverse("help:article", kwargs={"slug": article.slug})


def _article_terms(article: Article) -> frozenset[str]:
    text = " ".join([article.title, article.summary, article.keywords, article.body])
    return _terms(text, article.language)


# Keyed by the article's text, so an edited article is analysed again; a few hundred articles.
@lru_cache(maxsize=2048)
def _terms(text: str, language: str) -> frozenset[str]:
    return frozenset(analyse(text, language))


def _coverage(question_terms: set[str], article: Article) -> float:
    if not question_terms:
        return 0.0
    return len(question_terms & _article_terms(article)) / len(question_terms)


def _margin(top: float, runner_up: float | None) -> float:
    return 1.0 if runner_up is None or top <= 0 else 1 - runner_up / top


def confidence_of(question_terms: set[str], top: Any, runner_up: Any | None) -> float:
    """How sure the lexical bot is of ``top`` (a search Hit): the share of the question's terms
    the article contains, weighed with the margin over the runner-up's score."""
    if not question_terms:
        return 0.0
    coverage = _coverage(question_terms, top.article)
    margin = _margin(top.score, runner_up.score if runner_up is not None else None)
    return round(max(0.0, min(1.0, 0.65 * coverage + 0.35 * margin)), 3)


def _trim(text: str) -> str:
    if len(text) <= SNIPPET_LENGTH:
        return text
    cut = text.rfind(" ", 0, SNIPPET_LENGTH - 1)
    return text[: cut if cut > SNIPPET_LENGTH // 2 else SNIPPET_LENGTH - 1].rstrip() + "…"


def _rival(hits: list[Hit], *, by_category: bool) -> Hit | None:
    """The hit the top one must lead: the runner-up, or with ``by_category`` the best hit of
    another category (two close articles of one category leave no doubt about the category)."""
    for hit in hits[1:]:
        if not by_category or hit.article.category_id != hits[0].article.category_id:
            return hit
    return None


def _hybrid_hits(
    question: str,
    terms: set[str],
    language: str,
    *,
    by_category: bool = False,
    snippets: bool = True,
) -> tuple[list[Hit], float]:
    """The candidates ranked by the weighted sum of relative BM25 and cosine (as Hits whose
    score is that sum), and the confidence in the first (see _rival for ``by_category``)."""
    from kalm.kb.semantic import semantic_scores

    lexical = search_articles(
        question, language=language, limit=LEXICAL_CANDIDATES, snippets=snippets
    )
    meaning = semantic_scores(question, language=language)
    closest = sorted(meaning.values(), key=lambda hit: (-hit.score, hit.article_id))
    best_bm25 = lexical[0].score if lexical else 0.0
    found = {hit.article.pk: hit for hit in lexical}
    extra = [hit.article_id for hit in closest[:SEMANTIC_CANDIDATES] if hit.article_id not in found]
    # Only public, published articles answer (the vectors may be a moment old).
    articles = {
        pk: article
        for pk, article in published_articles(extra).items()
        if article.visibility == Article.Visibility.PUBLIC
    }
    ranked: list[tuple[float, int, Hit]] = []
    for article_id in [*found, *(pk for pk in extra if pk in articles)]:
        lexical_hit = found.get(article_id)
        semantic_hit = meaning.get(article_id)
        cosine = semantic_hit.score if semantic_hit is not None else 0.0
        relative = lexical_hit.score / best_bm25 if lexical_hit is not None and best_bm25 else 0.0
        score = LEXICAL_WEIGHT * relative + (1 - LEXICAL_WEIGHT) * cosine
        if lexical_hit is not None:
            hit = Hit(article=lexical_hit.article, score=score, snippet=lexical_hit.snippet)
        else:
            passage = semantic_hit.passage if semantic_hit is not None else ""
            hit = Hit(article=articles[article_id], score=score, snippet=_trim(passage))
        ranked.append((score, article_id, hit))
    ranked.sort(key=lambda row: (-row[0], row[1]))
    hits = [hit for _score, _id, hit in ranked]
    if not hits:
        return [], 0.0
    top = hits[0]
    rival = _rival(hits, by_category=by_category)
    runner_up = rival.score if rival is not None else 0.0
    cosine = meaning[top.article.pk].score if top.article.pk in meaning else 0.0
    # The margin is the absolute lead, not the ratio: 0.16 against -0.02 is no clear winner,
    # it is two articles that both have nothing to do with the question.
    margin = min(1.0, MARGIN_SCALE * max(0.0, top.score - runner_up))
    signals = (_coverage(terms, top.article), margin, cosine)
    return hits, round(max(0.0, min(1.0, sum(signals) / len(signals))), 3)


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


def _read(text: str, language: str, mode: str | None) -> tuple[str, str, str, set[str]]:
    """The mode (checked), the language (one the knowledge base has), the text as read (at most
    1,000 characters) and its analysed terms."""
    mode = mode or DEFAULT_MODE
    if mode not in MODES:
        raise ValueError(f"unknown answer mode {mode!r}; one of {MODES}")
    language = language if language in LANGUAGES else LANGUAGES[0]
    text = (text or "").strip()[:1000]
    terms = set(analyse(text, language)) if text else set()
    return mode, language, text, terms


def _ranked(
    question: str,
    terms: set[str],
    language: str,
    mode: str,
    *,
    by_category: bool = False,
    snippets: bool = True,
) -> tuple[list[Hit], float]:
    """The candidate articles, best first, and the confidence in the first (see the module)."""
    if mode == "hybrid":
        return _hybrid_hits(question, terms, language, by_category=by_category, snippets=snippets)
    hits = search_articles(question, language=language, limit=SUGGESTIONS + 1, snippets=snippets)
    rival = _rival(hits, by_category=by_category) if hits else None
    sure = confidence_of(terms, hits[0], rival) if hits else 0.0
    return hits, sure


def best_article(
    text: str, *, language: str, mode: str | None = None, by_category: bool = False
) -> tuple[Article | None, float]:
    """The public article the bot would answer ``text`` with, and its confidence; None (with the
    confidence it fell short with) when the bot would say it is not sure. Crisis statements play
    no part: this is what the text is about in the knowledge base, not what the bot would reply
    today.

    ``by_category`` is for when only the article's category counts (a case's topic, kalm.cases):
    the lead in the confidence is then over the best article of another category. The same
    threshold applies; on the demo desk this gives a topic to half of the cases instead of 40%,
    nearly all of the extra ones delivery, billing and recall cases whose two or three closest
    articles share a category."""
    mode, language, text, terms = _read(text, language, mode)
    if not terms:
        return None, 0.0
    # Only the article counts here, not the passage the bot would show.
    hits, sure = _ranked(text, terms, language, mode, by_category=by_category, snippets=False)
    if not hits or sure < UNSURE_BELOW[mode]:
        return None, sure
    return hits[0].article, sure


def best_articles(
    texts: Sequence[str],
    *,
    languages: Sequence[str],
    mode: str | None = None,
    by_category: bool = False,
) -> list[tuple[Article | None, float]]:
    """best_article for each text (in its language, ``languages`` in the same order), as one
    batch: what the knowledge base holds is read once for all of them (index_pinned). For the
    intake job, which reads the topics of many new cases at once."""
    from kalm.kb.semantic import questions_encoded

    # The hybrid matcher's semantic half encodes each text: all of them in one pass.
    hybrid = (mode or DEFAULT_MODE) == "hybrid"
    with (
        index_pinned(),
        questions_encoded(texts if hybrid else []),
    ):
        return [
            best_article(text, language=language, mode=mode, by_category=by_category)
            for text, language in zip(texts, languages, strict=True)
        ]


def answer(question: str, *, language: str, mode: str | None = None) -> BotAnswer:
    """The bot's answer to one question, in the consumer's language. ``mode`` is "hybrid" or
    "lexical" (see the module's docstring); None is :data:`DEFAULT_MODE`."""
    mode, language, question, terms = _read(question, language, mode)
    if not terms:
        return BotAnswer(kind="unsure", article=None, passage="", url="", confidence=0.0)
    crisis = _crisis_answer(question, terms, language)
    if crisis is not None:
        return crisis
    hits, sure = _ranked(question, terms, language, mode)
    if not hits:
        return BotAnswer(kind="unsure", article=None, passage="", url="", confidence=0.0)
    top = hits[0]
    if sure < UNSURE_BELOW[mode]:
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
        url=article_url(top.article),
        confidence=sure,
        alternatives=[hit.article for hit in hits[1 : SUGGESTIONS + 1]],
    )
