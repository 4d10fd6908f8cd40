"""Search over the published knowledge base, in Dutch and English, the same on every database.

Why in Python and not with the database's full-text search: SQLite's FTS5 and PostgreSQL's
tsvector rank differently and neither splits Dutch compounds, so the help centre, the answer bot
and the tests would see different answers per database. The knowledge base is small (hundreds of
articles), so the index is built in Python from the published articles, kept in process memory,
and rebuilt when its key changes (count, newest ``updated_at``, sum of ids of the published
articles; one cheap aggregate per query) or when an action calls :func:`search_index_invalidate`.
A batch of queries answered together (the intake job's topics) reads that key, and each article
row, once for the batch inside :func:`index_pinned`.

Analysis: lowercase, accent folding, tokenising, stop words, Snowball stemming per language, and
for Dutch decompounding: a word is split into parts when every part (at least three letters,
possibly followed by a linking ``s``/``e``/``en``) is a word of the vocabulary, and the whole word
is kept too. So "retourzending" is indexed as retourzending + retour + zending, and a query for
"zendingen" or "retour" finds it. The reverse also works when "retour" never occurs on its own in
the articles: a query word that starts or ends a longer indexed word is expanded to that word.

Ranking: BM25F over title (boosted), keywords, summary and body, with per-field length
normalisation. The snippet is the body paragraph that matches the query best.
"""

from __future__ import annotations

import math
import re
import threading
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer
from django.db.models import Count, Max, Sum

from kalm.kb.models import KB_LANGUAGES, Article

LANGUAGES = tuple(code for code, _name in KB_LANGUAGES)

# Field weights: a word in the title says much more about what an article is about than the same
# word somewhere in the body. Keywords are the words consumers use that the text does not.
FIELD_WEIGHTS = {"title": 3.0, "keywords": 2.0, "summary": 1.5, "body": 1.0}
K1 = 1.2
B = 0.75
SNIPPET_LENGTH = 300
# A query longer than this is cut: nobody types more, and it bounds the work per query.
MAX_QUERY_CHARS = 500
MAX_QUERY_TOKENS = 32
MIN_PART = 3
LINKERS = ("en", "s", "e", "")
# Weights of terms that come from decompounding or from the reverse (part -> compound) lookup:
# they help recall but count less than the word the person typed.
PART_WEIGHT = 0.6
EXPANSION_WEIGHT = 0.5
MAX_EXPANSIONS = 20

STOPWORDS = {
    "nl": frozenset(
        [
            "aan",
            "al",
            "alle",
            "alles",
            "als",
            "altijd",
            "ander",
            "andere",
            "ben",
            "bij",
            "daar",
            "dan",
            "dat",
            "de",
            "der",
            "deze",
            "die",
            "dit",
            "doch",
            "doen",
            "door",
            "dus",
            "een",
            "eens",
            "en",
            "er",
            "ge",
            "geen",
            "geweest",
            "haar",
            "had",
            "heb",
            "hebben",
            "heeft",
            "hem",
            "het",
            "hier",
            "hij",
            "hoe",
            "hun",
            "iemand",
            "iets",
            "ik",
            "in",
            "is",
            "ja",
            "je",
            "jij",
            "jou",
            "jouw",
            "kan",
            "kon",
            "kunnen",
            "maar",
            "me",
            "meer",
            "men",
            "met",
            "mij",
            "mijn",
            "moet",
            "na",
            "naar",
            "niet",
            "niets",
            "nog",
            "nu",
            "of",
            "om",
            "omdat",
            "ons",
            "onze",
            "ook",
            "op",
            "over",
            "reeds",
            "te",
            "tegen",
            "toch",
            "toen",
            "tot",
            "u",
            "uw",
            "uit",
            "van",
            "veel",
            "voor",
            "want",
            "waren",
            "was",
            "wat",
            "we",
            "wel",
            "werd",
            "wezen",
            "wie",
            "wij",
            "wil",
            "worden",
            "wordt",
            "zal",
            "ze",
            "zei",
            "zelf",
            "zich",
            "zij",
            "zijn",
            "zo",
            "zonder",
            "zou",
        ]
    ),
    "en": frozenset(
        [
            "a",
            "about",
            "above",
            "after",
            "again",
            "against",
            "all",
            "am",
            "an",
            "and",
            "any",
            "are",
            "as",
            "at",
            "be",
            "because",
            "been",
            "before",
            "being",
            "below",
            "between",
            "both",
            "but",
            "by",
            "can",
            "could",
            "did",
            "do",
            "does",
            "doing",
            "down",
            "during",
            "each",
            "few",
            "for",
            "from",
            "further",
            "had",
            "has",
            "have",
            "having",
            "he",
            "her",
            "here",
            "hers",
            "herself",
            "him",
            "himself",
            "his",
            "how",
            "i",
            "if",
            "in",
            "into",
            "is",
            "it",
            "its",
            "itself",
            "just",
            "me",
            "more",
            "most",
            "my",
            "myself",
            "no",
            "nor",
            "not",
            "now",
            "of",
            "off",
            "on",
            "once",
            "only",
            "or",
            "other",
            "our",
            "ours",
            "ourselves",
            "out",
            "over",
            "own",
            "same",
            "she",
            "should",
            "so",
            "some",
            "such",
            "than",
            "that",
            "the",
            "their",
            "theirs",
            "them",
            "themselves",
            "then",
            "there",
            "these",
            "they",
            "this",
            "those",
            "through",
            "to",
            "too",
            "under",
            "until",
            "up",
            "very",
            "was",
            "we",
            "were",
            "what",
            "when",
            "where",
            "which",
            "while",
            "who",
            "whom",
            "why",
            "will",
            "with",
            "would",
            "you",
            "your",
            "yours",
            "yourself",
            "yourselves",
        ]
    ),
}

_TOKEN = re.compile(r"[^\W_]+")
_PARAGRAPH = re.compile(r"\n\s*\n")
_SPACE = re.compile(r"\s+")


# --- Analysis ---------------------------------------------------------------------------------


def _language(language: str | None) -> str:
    return language if language in LANGUAGES else "nl"


def fold(text: str) -> str:
    """Lowercase without accents: "Één" -> "een", "geïnteresseerd" -> "geinteresseerd"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def tokens(text: str, language: str) -> list[str]:
    """The folded words of a text without stop words and one-letter words (digits stay: order
    numbers and amounts are worth finding)."""
    stop = STOPWORDS[_language(language)]
    words = []
    for word in _TOKEN.findall(fold(text)):
        # Some characters only become lowercase after a second pass (casefold of ligatures).
        word = word.lower()
        if (len(word) > 1 or word.isdigit()) and word not in stop:
            words.append(word)
    return words


_stemmers = threading.local()


@lru_cache(maxsize=200_000)
def stem(word: str, language: str) -> str:
    """The Snowball stem; Snowball stemmers keep state, so one per thread."""
    language = _language(language)
    stemmers = getattr(_stemmers, "by_language", None)
    if stemmers is None:
        stemmers = _stemmers.by_language = {
            "nl": snowballstemmer.stemmer("dutch"),
            "en": snowballstemmer.stemmer("english"),
        }
    result = stemmers[language].stemWord(word).lower()
    return result or word


@dataclass(frozen=True)
class Vocabulary:
    """The words compounds may be split into: the surface words and their stems."""

    words: frozenset[str]
    stems: frozenset[str]

    @classmethod
    def of(cls, words: Iterable[str], language: str = "nl") -> Vocabulary:
        words = frozenset(words)
        return cls(words=words, stems=frozenset(stem(w, language) for w in words))

    def knows(self, part: str, language: str = "nl") -> bool:
        if len(part) < MIN_PART or part in STOPWORDS[_language(language)]:
            return False
        return part in self.words or stem(part, language) in self.stems

    def __or__(self, other: Vocabulary) -> Vocabulary:
        return Vocabulary(words=self.words | other.words, stems=self.stems | other.stems)


def split_compound(word: str, vocabulary: Vocabulary, language: str = "nl") -> list[str]:
    """The known parts of a compound, or [] when it is not one. Tries the longest first part
    first (so "retourzendingen" is retour + zendingen, not retour + zen + dingen), allows a
    linking s/e/en after a part, and splits at most three levels deep."""
    return _split(word, vocabulary, language, depth=3) or []


def _split(word: str, vocabulary: Vocabulary, language: str, depth: int) -> list[str] | None:
    if depth == 0 or len(word) < 2 * MIN_PART:
        return None
    for cut in range(len(word) - MIN_PART, MIN_PART - 1, -1):
        head, tail = word[:cut], word[cut:]
        for linker in LINKERS:
            if linker and not head.endswith(linker):
                continue
            base = head[: len(head) - len(linker)] if linker else head
            if not vocabulary.knows(base, language):
                continue
            if vocabulary.knows(tail, language):
                return [base, tail]
            rest = _split(tail, vocabulary, language, depth - 1)
            if rest:
                return [base, *rest]
    return None


def _terms_for(word: str, language: str, vocabulary: Vocabulary | None) -> list[str]:
    terms = [stem(word, language)]
    if language == "nl" and vocabulary is not None and len(word) >= 2 * MIN_PART:
        for part in split_compound(word, vocabulary, language):
            part_stem = stem(part, language)
            if part_stem not in terms:
                terms.append(part_stem)
    return terms


def analyse(text: str, language: str, *, vocabulary: Vocabulary | None = None) -> list[str]:
    """The index terms of a text: stems, and for Dutch also the stems of compound parts.

    Without a vocabulary the text's own words are the vocabulary (so the result depends on the
    text alone); the search index passes the vocabulary of all published articles."""
    language = _language(language)
    words = tokens(text or "", language)
    if vocabulary is None:
        vocabulary = Vocabulary.of(words, language)
    terms: list[str] = []
    for word in words:
        terms.extend(_terms_for(word, language, vocabulary))
    return terms


# --- The index --------------------------------------------------------------------------------


@dataclass
class _Doc:
    article_id: int
    internal: bool
    tf: dict[str, Counter]
    length: dict[str, int]
    paragraphs: list[tuple[str, frozenset[str]]]
    # Per term, its frequency over the fields as BM25F weighs it (_field_tf), once per build.
    weighted: dict[str, float] = field(default_factory=dict)


@dataclass
class _LanguageIndex:
    language: str
    docs: list[_Doc] = field(default_factory=list)
    df: Counter = field(default_factory=Counter)
    postings: dict[str, list[int]] = field(default_factory=dict)
    avg_length: dict[str, float] = field(default_factory=dict)
    vocabulary: Vocabulary = field(default_factory=lambda: Vocabulary.of(()))
    # Longer words, for the reverse lookup (a query part finds the compounds containing it),
    # sorted; and the same words reversed, sorted, so the ones ending in a part are found by
    # bisection too.
    long_words: tuple[str, ...] = ()
    long_words_reversed: tuple[str, ...] = ()

    def idf(self, term: str) -> float:
        n, df = len(self.docs), self.df.get(term, 0)
        return math.log(1 + (n - df + 0.5) / (df + 0.5))


def _paragraphs(body: str) -> list[str]:
    paragraphs = [_SPACE.sub(" ", p).strip() for p in _PARAGRAPH.split(body or "")]
    return [p for p in paragraphs if p]


def _build_language(language: str, articles: list[Article]) -> _LanguageIndex:
    index = _LanguageIndex(language=language)
    texts = [
        {
            "title": a.title,
            "summary": a.summary,
            "keywords": a.keywords.replace(",", " "),
            "body": a.body,
        }
        for a in articles
    ]
    words: set[str] = set()
    for text in texts:
        for value in text.values():
            words.update(tokens(value, language))
    index.vocabulary = Vocabulary.of(words, language)
    index.long_words = tuple(sorted(w for w in words if len(w) >= 2 * MIN_PART))
    index.long_words_reversed = tuple(sorted(w[::-1] for w in index.long_words))
    totals: Counter = Counter()
    for article, text in zip(articles, texts, strict=True):
        tf = {
            name: Counter(analyse(value, language, vocabulary=index.vocabulary))
            for name, value in text.items()
        }
        length = {name: sum(counter.values()) for name, counter in tf.items()}
        totals.update(length)
        paragraphs = [
            (p, frozenset(analyse(p, language, vocabulary=index.vocabulary)))
            for p in _paragraphs(article.body)
        ]
        position = len(index.docs)
        index.docs.append(
            _Doc(
                article_id=article.pk,
                internal=article.visibility == Article.Visibility.INTERNAL,
                tf=tf,
                length=length,
                paragraphs=paragraphs,
            )
        )
        for term in set().union(*tf.values()):
            index.df[term] += 1
            index.postings.setdefault(term, []).append(position)
    count = max(len(index.docs), 1)
    index.avg_length = {name: max(totals[name] / count, 1.0) for name in FIELD_WEIGHTS}
    for doc in index.docs:
        doc.weighted = {term: _field_tf(doc, term, index) for term in set().union(*doc.tf.values())}
    return index


@dataclass
class _Index:
    key: tuple
    by_language: dict[str, _LanguageIndex]


_lock = threading.Lock()
_state: dict[str, object] = {"index": None, "generation": 0}


def search_index_invalidate() -> None:
    """Forget the index of this process; the next query rebuilds it. Actions call this after a
    change, so this process sees it at once; other processes notice the changed key."""
    with _lock:
        _state["index"] = None
        _state["generation"] = int(_state["generation"]) + 1  # type: ignore[call-overload]


def _published() -> object:
    return Article.objects.filter(state=Article.State.PUBLISHED)


@dataclass
class _Pin:
    """What a block of queries reads once (index_pinned): the index's key and article rows."""

    key: tuple | None = None
    articles: dict[int, Article | None] = field(default_factory=dict)


_pins = threading.local()


@contextmanager
def index_pinned() -> Iterator[None]:
    """Answer the queries of this block (in this thread) as one batch: the knowledge base's key
    (see the module) is read once instead of once or twice per query, and each article row a
    hit needs once. A change made meanwhile is seen by the next block, as it would be by a
    query asked a moment earlier; an invalidation in this process is seen at once. A block
    inside another is part of the outer one."""
    if getattr(_pins, "pin", None) is not None:
        yield
        return
    _pins.pin = _Pin()
    try:
        yield
    finally:
        _pins.pin = None


def _key() -> tuple:
    pin: _Pin | None = getattr(_pins, "pin", None)
    if pin is not None and pin.key is not None and pin.key[-1] == _state["generation"]:
        return pin.key
    summary = _published().aggregate(  # type: ignore[attr-defined]
        count=Count("id"), newest=Max("updated_at"), ids=Sum("id")
    )
    key = (summary["count"], summary["newest"], summary["ids"], _state["generation"])
    if pin is not None:
        pin.key = key
    return key


def published_articles(ids: Sequence[int]) -> dict[int, Article]:
    """The published articles among ``ids``, with their category, by id: the index (and the
    vectors of kalm.kb.semantic) may be a moment old, and a hit is only shown while its
    article is published. Inside index_pinned an article is read once for the block."""
    pin: _Pin | None = getattr(_pins, "pin", None)
    if pin is None:
        return _published_rows(ids) if ids else {}
    missing = [pk for pk in dict.fromkeys(ids) if pk not in pin.articles]
    if missing:
        found = _published_rows(missing)
        for pk in missing:
            pin.articles[pk] = found.get(pk)
    return {pk: article for pk in ids if (article := pin.articles[pk]) is not None}


def _index() -> _Index:
    key = _key()
    with _lock:
        current = _state["index"]
        if isinstance(current, _Index) and current.key == key:
            return current
        articles = list(
            _published().only(  # type: ignore[attr-defined]
                "id", "language", "visibility", "title", "summary", "keywords", "body"
            )
        )
        index = _Index(
            key=key,
            by_language={
                language: _build_language(language, [a for a in articles if a.language == language])
                for language in LANGUAGES
            },
        )
        if key[-1] == _state["generation"]:
            _state["index"] = index
        return index


def _published_rows(ids: Sequence[int]) -> dict[int, Article]:
    published = Article.objects.filter(state=Article.State.PUBLISHED).select_related("category")
    return published.in_bulk(list(ids))


# --- Querying ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Hit:
    article: Article
    score: float
    snippet: str


def _expansions(word: str, index: _LanguageIndex, known: Vocabulary) -> list[str]:
    """Indexed words that start or end with this query word, the rest being a word too (or
    long enough to be one): "retour" -> "retourzending", "zending" -> "verzending"."""
    if len(word) < 4:
        return []
    found = []
    for candidate in _starting_or_ending(word, index):
        if len(found) >= MAX_EXPANSIONS:
            break
        if candidate == word or word not in candidate:
            continue
        if candidate.startswith(word):
            rest = candidate[len(word) :]
            for linker in LINKERS:
                if rest.startswith(linker):
                    remainder = rest[len(linker) :]
                    if len(remainder) >= 4 or known.knows(remainder, index.language):
                        found.append(candidate)
                        break
        elif candidate.endswith(word):
            head = candidate[: -len(word)]
            if len(head) >= 4 or known.knows(head, index.language):
                found.append(candidate)
    return found


def _starting_or_ending(word: str, index: _LanguageIndex) -> list[str]:
    """The long words that start or end with ``word``, in their sorted order: the candidates of
    _expansions, found by bisection instead of reading every word of the index per query word."""
    words, backwards = index.long_words, index.long_words_reversed
    found = set(words[bisect_left(words, word) : bisect_right(words, word + "\U0010ffff")])
    reverse = word[::-1]
    ending = backwards[
        bisect_left(backwards, reverse) : bisect_right(backwards, reverse + "\U0010ffff")
    ]
    found.update(candidate[::-1] for candidate in ending)
    return sorted(found)


def _query_terms(query: str, index: _LanguageIndex) -> dict[str, float]:
    language = index.language
    words = tokens(query[:MAX_QUERY_CHARS], language)[:MAX_QUERY_TOKENS]
    weights: dict[str, float] = {}

    def add(term: str, weight: float) -> None:
        weights[term] = max(weights.get(term, 0.0), weight)

    known = index.vocabulary | Vocabulary.of(words, language)
    for word in words:
        add(stem(word, language), 1.0)
        if language != "nl":
            continue
        for part in split_compound(word, known, language):
            add(stem(part, language), PART_WEIGHT)
        for compound in _expansions(word, index, known):
            add(stem(compound, language), EXPANSION_WEIGHT)
    return weights


def _field_tf(doc: _Doc, term: str, index: _LanguageIndex) -> float:
    tf = 0.0
    for name, field_weight in FIELD_WEIGHTS.items():
        count = doc.tf[name].get(term, 0)
        if count:
            norm = 1 - B + B * doc.length[name] / index.avg_length[name]
            tf += field_weight * count / norm
    return tf


def _score(doc: _Doc, terms: dict[str, float], idf: dict[str, float]) -> float:
    """BM25F of the query's ``terms`` (with their weights; ``idf`` of each in the index)."""
    score = 0.0
    for term, weight in terms.items():
        tf = doc.weighted.get(term, 0.0)
        if tf:
            score += weight * idf[term] * tf / (K1 + tf)
    return score


def _trim(text: str, terms: dict[str, float], language: str, vocabulary: Vocabulary) -> str:
    if len(text) <= SNIPPET_LENGTH:
        return text
    start = 0
    for match in _TOKEN.finditer(text):
        word = fold(match.group()).lower()
        if set(_terms_for(word, language, vocabulary)) & terms.keys():
            start = match.start()
            break
    # Some words before the first match give it context.
    start = max(0, start - 60)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 20 else start
    prefix = "…" if start else ""
    room = SNIPPET_LENGTH - len(prefix)
    piece = text[start:]
    if len(piece) > room:
        cut = piece.rfind(" ", 0, room - 1)
        piece = piece[: cut if cut > room // 2 else room - 1].rstrip() + "…"
    return prefix + piece


def _snippet(doc: _Doc, terms: dict[str, float], index: _LanguageIndex) -> str:
    if not doc.paragraphs:
        return ""
    best, best_score = doc.paragraphs[0][0], 0.0
    for text, paragraph_terms in doc.paragraphs:
        score = sum(w * index.idf(t) for t, w in terms.items() if t in paragraph_terms)
        if score > best_score:
            best, best_score = text, score
    return _trim(best, terms, index.language, index.vocabulary)


def search_articles(
    query: str,
    *,
    language: str | None = None,
    include_internal: bool = False,
    limit: int = 5,
    snippets: bool = True,
) -> list[Hit]:
    """The published articles that best match a query, best first. ``language`` None searches
    both languages; internal articles only with ``include_internal``. Without ``snippets`` the
    hits' snippets are empty (for a caller that only ranks)."""
    if not isinstance(query, str) or not query.strip() or limit <= 0:
        return []
    index = _index()
    languages = [language] if language in LANGUAGES else list(LANGUAGES)
    if language is not None and language not in LANGUAGES:
        return []
    scored: list[tuple[float, int, _Doc, dict[str, float], _LanguageIndex]] = []
    for code in languages:
        language_index = index.by_language[code]
        terms = _query_terms(query, language_index)
        idf = {term: language_index.idf(term) for term in terms}
        candidates: set[int] = set()
        for term in terms:
            candidates.update(language_index.postings.get(term, ()))
        for position in candidates:
            doc = language_index.docs[position]
            if doc.internal and not include_internal:
                continue
            score = _score(doc, terms, idf)
            if score > 0:
                scored.append((score, doc.article_id, doc, terms, language_index))
    # Ties: the older article (lower id) first, so results are stable between databases.
    scored.sort(key=lambda row: (-row[0], row[1]))
    top = scored[: limit * 2]
    articles = published_articles([row[1] for row in top])
    hits = []
    for score, article_id, doc, terms, language_index in top:
        article = articles.get(article_id)
        if article is None or (
            article.visibility == Article.Visibility.INTERNAL and not include_internal
        ):
            continue
        snippet = _snippet(doc, terms, language_index) if snippets else ""
        hits.append(Hit(article=article, score=score, snippet=snippet))
        if len(hits) == limit:
            break
    return hits
