"""Full-text case search on SQLite (FTS5) and PostgreSQL (tsvector + GIN).

``Case.search_document`` holds the searchable text (reference, subject, consumer name, email and
phone, batch, message bodies); the case actions keep it up to date. The database indexes it,
literally (no stemming in the index), and nothing else needs writing:

* SQLite: ``case_fts``, an FTS5 external-content table over ``cases_case.search_document``,
  kept in step by three triggers (insert, update of ``search_document``, delete). Tokenizer
  ``unicode61 remove_diacritics 2``, so "cafe" finds "café"; a prefix index for three letters.
* PostgreSQL: ``search_vector``, a generated column (not declared on the model) holding
  ``to_tsvector('kalm_search', translate(search_document, ...))``, with a GIN index.
  ``kalm_search`` is a copy of the ``simple`` configuration (no stemming, no stop words: names,
  batch codes and references must match literally) that also strips accents when the
  ``unaccent`` extension could be installed.

Created by migrations ``cases.0003_case_full_text_search`` and ``cases.0009_case_search_speed``.
Django's SQLite schema editor rebuilds a table (and so drops its triggers) for many later
``ALTER``s of ``cases_case``, so :func:`ensure_search_index` runs after every ``migrate`` and puts
missing triggers back, rebuilding the index when it had to.

Stemming happens at query time, in Python, the same for both databases (:func:`parse_query`):
an unquoted word is found by its start or the start of its Dutch or English Snowball stem
("flessen" -> "fles"*, "bottles" -> "bottl"*); quoted words are a phrase, matched literally;
words glued by address punctuation are a phrase too. Users type anything: quotes, ``AND``,
``NEAR(``, ``*``, ``:``, ``&``; only letters and digits reach the query parser, so a search can
never raise.

Reading a page of matches newest first without reading them all: :func:`order_newest_first`
(SQLite: walk the FTS5 index by rowid) and :func:`fetch_newest_first` (PostgreSQL: a bounded walk
along the primary key, then, for what is left, the RUM index ``case_search_rum`` in id order when
migration ``cases.0011_case_search_rum`` could make it, else the GIN index in batches).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.db import connections, transaction
from django.db.models import BooleanField, Expression, F, FloatField, Max, Q, QuerySet
from django.db.models.expressions import RawSQL

from kalm.cases.models import Case

MAX_WORDS = 12
MAX_WORD_LENGTH = 64
# Shorter stems find far too much: the English stemmer reads Dutch "kaas" as a plural, and
# "kaa"* would find "kaart".
MIN_STEM_LENGTH = 4
# A one- or two-letter prefix ("06", "nl", "de") matches nearly every case: reading all their
# entries costs more than the whole page. FTS5 keeps a prefix index for three letters
# (prefix='3'), so "com"* and "b26"* are cheap there.
MIN_PREFIX_LENGTH = 3
PG_CONFIG = "kalm_search"
# Punctuation that PostgreSQL's parser would otherwise glue into one token (emails, hosts,
# paths): turned into spaces on both sides, so "sanne" finds "sanne@example.nl".
PG_SEPARATORS = "@./:_+"
_WORD = re.compile(r"[^\W_]+")
# A Dutch stem ending in a doubled vowel and one consonant ("betaal"), and the voiced forms of
# a last f or s ("brief" -> "brieven", "huis" -> "huizen").
_DUTCH_LONG_VOWEL = re.compile(r"^(.*?)(aa|ee|oo|uu)([^aeiou])$")
_DUTCH_VOICED = {"f": "v", "s": "z"}
# Words glued together by the punctuation of addresses, numbers and codes.
_COMPOUND = re.compile(r"[^\W_]+(?:[-@./:_+]+[^\W_]+)*")
# A whole case reference (K26-7F3Q9X). Matched exactly as well: PostgreSQL's text parser reads
# parts like "9E8" as numbers, so a reference is not always found through its words.
_REFERENCE = re.compile(r"^[A-Z]+\d{2}-[0-9A-Z]{6}$")

SQLITE_SETUP = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS case_fts USING fts5("
    "search_document, content='cases_case', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2', prefix='3')",
]
SQLITE_TRIGGERS = {
    "case_fts_ai": (
        "CREATE TRIGGER IF NOT EXISTS case_fts_ai AFTER INSERT ON cases_case BEGIN "
        "INSERT INTO case_fts(rowid, search_document) VALUES (new.id, new.search_document); "
        "END"
    ),
    "case_fts_ad": (
        "CREATE TRIGGER IF NOT EXISTS case_fts_ad AFTER DELETE ON cases_case BEGIN "
        "INSERT INTO case_fts(case_fts, rowid, search_document) "
        "VALUES ('delete', old.id, old.search_document); "
        "END"
    ),
    "case_fts_au": (
        "CREATE TRIGGER IF NOT EXISTS case_fts_au AFTER UPDATE OF search_document ON cases_case "
        "BEGIN "
        "INSERT INTO case_fts(case_fts, rowid, search_document) "
        "VALUES ('delete', old.id, old.search_document); "
        "INSERT INTO case_fts(rowid, search_document) VALUES (new.id, new.search_document); "
        "END"
    ),
}
SQLITE_FTS_TABLE = "case_fts"
SQLITE_JOIN = f"{SQLITE_FTS_TABLE}.rowid = {Case._meta.db_table}.id"
PG_INDEX_NAME = "case_search_vector"
# PostgreSQL: how many ids next to the cursor a search walks in id order before it asks the GIN
# index (see fetch_newest_first): 20,000 rows at ~1 µs each.
PG_WINDOW = 20_000
# ...and how many candidate ids it then takes from the GIN index at a time, beyond the window.
# Each batch reads every match beyond its bound from the heap (to sort them), so few batches,
# growing fast. A count starts with ten times its cap.
PG_BATCHES = (1_000, 100_000, 10_000_000)
# A generated column (migration 0009): to_tsvector('kalm_search', translate(search_document,
# PG_SEPARATORS -> spaces)).
PG_VECTOR = "search_vector"
# PostgreSQL with the rum extension (migration 0011, decision 0016): search_vector indexed with
# each case's id attached, so that "ORDER BY id <=| bound" hands out the matches newest first
# from the index alone, without reading their rows to sort them.
PG_RUM_INDEX = "case_search_rum"
# RUM sorts the (id, row address) pairs of every match beyond the window in memory: ~40 bytes
# each, 16 MB for a word in 400,000 cases. Above work_mem (4 MB by default) the sort spills to
# temporary files and takes twice as long; this is set for that one query only.
PG_RUM_WORK_MEM = "64MB"
_pg_rum_indexes: dict[tuple[str, str], bool] = {}
# Fewer matches than this (the planner's estimate, whole table): a page skips the window walk
# (~40 ms when it finds little) and the RUM index reads and sorts them all (~5 ms for 20,000);
# a count skips it too and counts through the bitmaps (~15 ms for 40,000; measured at a million
# cases, where the two ways cost the same at ~45,000 matches and the walk wins above).
PG_SPARSE_PAGE = 20_000
PG_SPARSE_COUNT = 45_000


def search_words(query: str) -> list[str]:
    """The words of a search: letters and digits only, lower-cased, de-duplicated, bounded."""
    words: list[str] = []
    for word in _WORD.findall(query.lower()):
        word = word[:MAX_WORD_LENGTH]
        if word not in words:
            words.append(word)
        if len(words) == MAX_WORDS:
            break
    return words


@dataclass(frozen=True)
class Word:
    """An unquoted word: found by any of its prefixes (the word itself and its stems)."""

    prefixes: tuple[str, ...]


@dataclass(frozen=True)
class Phrase:
    """A quoted phrase: these words, adjacent, in this order, literally; the last one as a prefix
    when a ``*`` follows it."""

    words: tuple[str, ...]
    prefix: bool = False


Term = Word | Phrase


@lru_cache(maxsize=4096)
def word_prefixes(word: str) -> tuple[str, ...]:
    """The prefixes an unquoted word is found by: the word and its Dutch and English Snowball
    stems, each only when no shorter one of them already covers it ("flessen" -> "fles";
    "bottles" -> "bottl"; "ontplofte" -> "ontplof").

    The index holds the words as written, so a stem can only find the words it begins. Where
    Snowball changes letters, the written forms are added back: a Dutch stem's lengthened
    vowel and devoiced last letter ("terugbetalingen" -> "terugbetaal", also "terugbetal";
    "huis" -> also "huiz", for "huizen"), an English stem's final i ("happiness" -> "happi",
    also "happy")."""
    dutch, english = _stemmers()
    candidates = {word}
    for stem in (dutch.stemWord(word), english.stemWord(word)):
        candidates.add(stem)
    candidates |= _dutch_written_forms(dutch.stemWord(word), word)
    english_stem = english.stemWord(word)
    if english_stem.endswith("i") and len(english_stem) >= 5:
        candidates.add(english_stem[:-1] + "y")
    kept: list[str] = []
    for candidate in sorted(candidates, key=lambda c: (len(c), c)):
        if len(candidate) < MIN_STEM_LENGTH and candidate != word:
            continue
        if not any(candidate.startswith(shorter) for shorter in kept):
            kept.append(candidate)
    return tuple(kept)


def _dutch_written_forms(stem: str, word: str) -> set[str]:
    """Forms of a Dutch stem as they are written before an ending: a doubled vowel before the
    last consonant single again (betaal -> betal), f and s voiced again (huis -> huiz, brief ->
    briev, doos -> doz). Only ones the word itself begins with, or, for a word that is its own
    stem (a singular: "huis"), ones that differ from it in the last letter only."""
    forms = set()
    match = _DUTCH_LONG_VOWEL.match(stem)
    shortened = f"{match[1]}{match[2][0]}{match[3]}" if match else stem
    for base in {stem, shortened}:
        voiced = base[:-1] + _DUTCH_VOICED.get(base[-1:], base[-1:])
        forms |= {base, voiced}
    forms.discard(stem)
    if stem == word:
        return {form for form in forms if form[:-1] == word[:-1]}
    return {form for form in forms if word.startswith(form)}


@lru_cache(maxsize=1)
def _stemmers() -> tuple[Any, ...]:
    import snowballstemmer

    return (snowballstemmer.stemmer("dutch"), snowballstemmer.stemmer("english"))


def parse_query(query: str) -> list[Term]:
    """The terms of a search, at most ``MAX_WORDS`` words in all.

    * Text between double quotes is a phrase (an unclosed quote runs to the end), its last word
      a prefix when a ``*`` follows it.
    * Words joined by ``@ . - / : _ +`` without spaces (an email address, a phone number written
      06-12345678, a reference, a web address) are a phrase too, the last part a prefix if it
      is longer than ``MIN_PREFIX_LENGTH``: "com" of an address is a whole word (PostgreSQL
      would otherwise gather the entries of every word starting with "com", a million).
    * Any other word is found by itself or its stems as prefixes; a word shorter than
      ``MIN_PREFIX_LENGTH`` only as a whole word ("06", "nl").

    Only letters and digits survive, so no operator, column name or bracket of the database's
    query language can get through."""
    terms: list[Term] = []
    budget = MAX_WORDS

    def add(term: Term, size: int) -> None:
        nonlocal budget
        if term not in terms:
            terms.append(term)
            budget -= size

    parts = query.lower().split('"')
    for index, part in enumerate(parts):
        if index % 2:  # between quotes
            words = [w[:MAX_WORD_LENGTH] for w in _WORD.findall(part)][: max(budget, 0)]
            if words:
                after = parts[index + 1] if index + 1 < len(parts) else ""
                prefix = part.rstrip().endswith("*") or after.startswith("*")
                add(Phrase(tuple(words), prefix), len(words))
            continue
        for chunk in _COMPOUND.findall(part):
            if budget <= 0:
                break
            words = [w[:MAX_WORD_LENGTH] for w in _WORD.findall(chunk)][:budget]
            if len(words) > 1:
                add(Phrase(tuple(words), len(words[-1]) > MIN_PREFIX_LENGTH), len(words))
            elif len(words[0]) < MIN_PREFIX_LENGTH:
                add(Phrase((words[0],)), 1)
            else:
                add(Word(word_prefixes(words[0])), 1)
    return terms


def fts5_query(terms: list[Term]) -> str:
    """An FTS5 MATCH expression: every term required; a word as any of its prefixes, a phrase
    as a phrase."""
    # Terms hold letters and digits only (no double quote), so quoting cannot be broken out of.
    parts: list[str] = []
    for term in terms:
        if isinstance(term, Phrase):
            parts.append(f'"{" ".join(term.words)}"' + ("*" if term.prefix else ""))
        elif len(term.prefixes) == 1:
            parts.append(f'"{term.prefixes[0]}"*')
        else:
            parts.append("(" + " OR ".join(f'"{p}"*' for p in term.prefixes) + ")")
    return " AND ".join(parts)


def tsquery(terms: list[Term], *, adjacent: bool = True) -> str:
    """A to_tsquery() expression: every term required; a word as any of its prefix lexemes, a
    phrase with ``<->`` between its words (with ``adjacent=False`` with ``&``: its words
    anywhere, which every case matching the phrase also matches)."""
    parts: list[str] = []
    for term in terms:
        if isinstance(term, Phrase):
            words = list(term.words)
            if term.prefix:
                words[-1] += ":*"
            parts.append("(" + (" <-> " if adjacent else " & ").join(words) + ")")
        else:
            parts.append("(" + " | ".join(f"{p}:*" for p in term.prefixes) + ")")
    return " & ".join(parts)


# How a _PgSearch condition is written while a block of this module compiles and runs a query
# (see _pg_written_as): "index" (the default) for any index to use; "loose" for the RUM index's
# ordered scans and the bitmap counts; "row" for the window walks, which must check each row.
_pg_mode: ContextVar[str] = ContextVar("kalm_search_pg_mode", default="index")


class _PgSearch(Expression):
    """``(<table>.search_vector @@ to_tsquery('kalm_search', <query>) [OR reference = <ref>])``:
    the stored vector (a generated column the model does not declare) against the query, as the
    full-text indexes serve it, or the exact reference.

    Within :func:`_pg_written_as` the same condition is written two other ways, which only
    change the plan, never the rows:

    * ``"row"``: ``ts_match_vq(<vector>, <query>)``, the function behind ``@@``, which no index
      can take over, so that a walk along the primary key checks each row's stored vector
      (with a RUM index present the planner would otherwise answer the window of
      :func:`fetch_newest_first` from it, unordered, and a phrase there costs ~0.3 s).
    * ``"loose"``: ``<vector> @@ <loose> AND ts_match_vq(<vector>, <query>)``: the indexes get
      the query with each phrase's words anywhere (``&`` for ``<->``) and every row they hand
      out is checked against the phrase in the table. The RUM index keeps ids instead of word
      positions, so it cannot tell whether a phrase's words are adjacent; evaluating ``<->``
      inside it costs ~0.1 s before the first row for two common words. GIN cannot tell either
      and rechecks in the table anyway."""

    output_field = BooleanField()
    conditional = True

    def __init__(self, query: str, reference: str | None = None, *, loose: str = "") -> None:
        super().__init__()
        self.query = query
        self.reference = reference
        self.loose = loose or query  # the query with its phrases' words anywhere (tsquery())

    def condition(self, table: str, mode: str = "index") -> tuple[str, list[str]]:
        vector = f"{table}.{PG_VECTOR}"
        exact = f"to_tsquery('{PG_CONFIG}'::regconfig, %s)"
        if mode == "row":
            sql, params = f"ts_match_vq({vector}, {exact})", [self.query]
        elif mode == "loose" and self.loose != self.query:
            sql = f"{vector} @@ to_tsquery('{PG_CONFIG}'::regconfig, %s) AND "
            sql += f"ts_match_vq({vector}, {exact})"
            params = [self.loose, self.query]
        else:
            sql, params = f"{vector} @@ {exact}", [self.query]
        if self.reference is None:
            return f"({sql})", params
        return f"(({sql}) OR {table}.reference = %s)", [*params, self.reference]

    def as_sql(self, compiler, connection, **extra_context):  # type: ignore[override]
        table = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return self.condition(table, _pg_mode.get())


@contextmanager
def _pg_written_as(mode: str) -> Iterator[None]:
    """Write the search conditions of the queries compiled in this block the ``mode`` way
    (see :class:`_PgSearch`)."""
    token = _pg_mode.set(mode)
    try:
        yield
    finally:
        _pg_mode.reset(token)


def search_cases(qs: QuerySet[Case], query: str) -> QuerySet[Case]:
    """Cases of ``qs`` whose text matches every term of ``query`` (see :func:`parse_query`).

    An empty query returns ``qs`` unchanged; a query without any letter or digit matches nothing.
    Ordering is left to the caller; :func:`order_newest_first` and :func:`fetch_newest_first`
    read a page of matches without reading them all."""
    if not query.strip():
        return qs
    terms = parse_query(query)
    if not terms:
        return qs.none()
    vendor = connections[qs.db].vendor
    candidate = query.strip().upper()
    if vendor == "postgresql":
        reference = candidate if _REFERENCE.match(candidate) else None
        return qs.filter(_PgSearch(tsquery(terms), reference, loose=tsquery(terms, adjacent=False)))
    elif vendor == "sqlite":
        if not _REFERENCE.match(candidate):
            # A join, not "id IN (SELECT rowid ...)": the IN list would be built in full (all
            # 125,000 cases saying "fles" at a million) before the first row comes out, while
            # the joined FTS5 table hands out its matches in rowid order and stops at the LIMIT
            # (see order_newest_first).
            return qs.extra(
                tables=[SQLITE_FTS_TABLE],
                where=[SQLITE_JOIN, f"{SQLITE_FTS_TABLE} MATCH %s"],
                params=[fts5_query(terms)],
            )
        # A whole reference is also looked up as such (as on PostgreSQL, whose parser splits
        # some: "9E8" is a number); the IN list of such a search is small.
        matches = Q(
            pk__in=RawSQL(
                "SELECT rowid FROM case_fts WHERE case_fts MATCH %s", (fts5_query(terms),)
            )
        )
        return qs.filter(matches | Q(reference=candidate))
    # Other databases: every word as a substring, which is correct if slow.
    for term in terms:
        if isinstance(term, Phrase):
            qs = qs.filter(search_document__icontains=" ".join(term.words))
        else:
            alternatives = Q()
            for prefix in term.prefixes:
                alternatives |= Q(search_document__icontains=prefix)
            qs = qs.filter(alternatives)
    return qs


def order_newest_first(
    qs: QuerySet[Case], *, below_id: int | None = None, above_id: int | None = None
) -> QuerySet[Case]:
    """Order cases newest first (by id), from below ``below_id``; or, with ``above_id``, oldest
    first from just above it (the way back to a previous page).

    On a queryset from :func:`search_cases` on SQLite the order and the bound are put on the
    FTS5 table's rowid, which it answers by walking its index: a page then reads about a page of
    rows whatever the number of matches. (Ordering by ``cases_case.id``, although equal, makes
    SQLite sort every match first.)"""
    if SQLITE_FTS_TABLE in qs.query.extra_tables:
        column = f"{SQLITE_FTS_TABLE}.rowid"
        if above_id is not None:
            qs = qs.extra(where=[f"{column} > %s"], params=[above_id])
        elif below_id is not None:
            qs = qs.extra(where=[f"{column} < %s"], params=[below_id])
        qs = qs.extra(select={"search_rowid": column})
        return qs.order_by("search_rowid" if above_id is not None else "-search_rowid")
    if above_id is not None:
        return qs.filter(id__gt=above_id).order_by("id")
    if below_id is not None:
        qs = qs.filter(id__lt=below_id)
    return qs.order_by("-id")


def fetch_newest_first(
    qs: QuerySet[Case],
    *,
    below_id: int | None = None,
    above_id: int | None = None,
    limit: int,
    window: int = PG_WINDOW,
) -> list[Case]:
    """``order_newest_first(qs, below_id=..., above_id=...)[:limit]``, fetched the fast way.

    SQLite: one query (the FTS5 table hands its matches out in order). PostgreSQL, for a
    queryset from :func:`search_cases`: the GIN index knows which cases match but not in which
    order, and reading every match to sort them costs ~200 ms for a word in 125,000 cases.
    Walking the primary key newest first and checking each row's stored vector finds a page of
    a common word within a few thousand rows, but walks the whole table for a rare one; and the
    planner, which estimates unknown words with a fixed default selectivity, picks that walk
    for rare words too (seconds at a million cases). So the walk is bounded to the ``window``
    ids next to the cursor. What it did not find comes from the RUM index when there is one
    (:func:`pg_rum_index`): the matches beyond the window in id order, sorted inside the index,
    and only the rows of the page read from the table (:func:`_pg_rum_rows`). Without it, from
    the GIN index alone, in batches of candidate ids, newest first (see :func:`_pg_candidates`).
    Either is cheap exactly when the walk was not: for a sparse term. With the RUM index, a
    term that the planner's statistics say few cases hold (:func:`_pg_estimate`) skips the walk:
    reading all its matches from the index costs less than walking the window (~40 ms)."""
    ordered = order_newest_first(qs, below_id=below_id, above_id=above_id)
    search = _pg_search(qs)
    if search is None:
        return list(ordered[:limit])
    edge, descending = _pg_edge(qs, below_id=below_id, above_id=above_id, window=window)
    if descending and edge <= 1:  # the window holds every case: nothing to steer
        return list(ordered[:limit])
    # A reference search is an OR with another column, which no ordered scan of the RUM index
    # can answer; it finds one case, and the GIN candidates are cheap.
    rum = search.reference is None and pg_rum_index(qs.db)
    if rum and _pg_estimate(qs.db, search) < PG_SPARSE_PAGE:
        # The index reads every match sooner than the walk would find a page: no window.
        edge, window = (edge + window, 0) if descending else (edge - window, 0)
    rows: list[Case] = []
    if window:
        near = ordered.filter(id__gte=edge) if descending else ordered.filter(id__lte=edge)
        with _pg_without(qs.db, "enable_bitmapscan"), _pg_written_as("row"):
            rows = list(near[:limit])
    if len(rows) < limit:
        if rum:
            rows += _pg_rum_rows(qs, edge=edge, descending=descending, limit=limit - len(rows))
            return rows
        for ids in _pg_candidates(qs.db, search, edge=edge, descending=descending):
            rows += list(ordered.filter(id__in=ids)[: limit - len(rows)])
            if len(rows) >= limit:
                break
    return rows


def count_matches(qs: QuerySet[Case], *, cap: int, window: int = PG_WINDOW) -> int:
    """How many cases ``qs`` holds, counting no further than ``cap``.

    On PostgreSQL a search is counted in two steps: the ``window`` ids next to the newest, as
    :func:`fetch_newest_first` walks them (a common word reaches ``cap`` there), then, if
    needed, the older matches in any order, through bitmaps of the full-text index and of the
    caller's filters where the planner finds one worth it (the open cases' status index: ~500
    rows of the table read instead of every match of the word), stopping at ``cap``. A term
    that few cases hold (:func:`_pg_estimate`) skips the window. The number does not depend on
    the order in which the matches are counted.

    The RUM index is not used here: counting the newest matches first in id order and checking
    the caller's filters on them measured slower than the bitmaps (at a million cases, with the
    open or the closed cases), most of all for phrases, whose rows must all be read."""
    unordered = qs.order_by()
    search = _pg_search(qs)
    if search is None:
        return unordered.values("id")[:cap].count()
    edge, _ = _pg_edge(qs, below_id=None, above_id=None, window=window)
    if edge <= 1:
        return unordered.values("id")[:cap].count()
    if _pg_estimate(qs.db, search) < PG_SPARSE_COUNT:
        # The bitmaps hold few ids: counting through them is the cheap way. No window.
        edge, window = edge + window, 0
    count = 0
    if window:
        with _pg_without(qs.db, "enable_bitmapscan"), _pg_written_as("row"):
            count = unordered.filter(id__gte=edge).values("id")[:cap].count()
    if count < cap:
        # "id + 0": no bitmap of the primary key for the bound (it would read every older id).
        # No JIT: the planner's cost for a word in 100,000 cases passes its threshold, and
        # compiling the query takes ~30 ms, longer than running it.
        older = unordered.alias(id_plus_0=F("id") + 0).filter(id_plus_0__lt=edge)
        with (
            _pg_without(qs.db, "enable_indexscan", "enable_seqscan", "jit"),
            _pg_written_as("loose"),
        ):
            count += older.values("id")[: cap - count].count()
    return count


def _pg_search(qs: QuerySet[Case]) -> _PgSearch | None:
    """The full-text condition of a PostgreSQL queryset from :func:`search_cases`, if any."""
    if connections[qs.db].vendor != "postgresql":
        return None

    def find(node: Any) -> _PgSearch | None:
        if isinstance(node, _PgSearch):
            return node
        # filter(<expression>) stores Exact(<expression>, True) in the WHERE tree.
        children = getattr(node, "children", None)
        if children is None and hasattr(node, "get_source_expressions"):
            children = node.get_source_expressions()
        for child in children or ():
            if (found := find(child)) is not None:
                return found
        return None

    return find(qs.query.where)


def _pg_edge(
    qs: QuerySet[Case], *, below_id: int | None, above_id: int | None, window: int
) -> tuple[int, bool]:
    """Where the ordered walk stops (inclusive), and whether reading goes down the ids."""
    if above_id is not None:
        return above_id + window, False
    if below_id is None:
        newest = Case.objects.using(qs.db).aggregate(newest=Max("id"))["newest"] or 0
        below_id = newest + 1
    return below_id - window, True


def _pg_estimate(using: str, search: _PgSearch) -> int:
    """How many cases the planner expects to hold the search's words (``search.loose``: a
    phrase's words anywhere, which is what the indexes read).

    The statistics of ``search_vector`` (ANALYZE keeps the frequency of its most common words)
    make this estimate close for words and prefixes (within 10% at a million cases); a word
    they do not list is taken to be rare, and rare it is. Planning the query costs ~0.3 ms."""
    with connections[using].cursor() as cursor:
        cursor.execute(
            f"EXPLAIN (FORMAT JSON) SELECT 1 FROM {Case._meta.db_table} "
            f"WHERE {PG_VECTOR} @@ to_tsquery('{PG_CONFIG}'::regconfig, %s)",
            [search.loose],
        )
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])


def pg_rum_index(using: str = "default") -> bool:
    """Whether the database has a valid RUM index ``case_search_rum`` (migration 0011).

    Asked once per process and database (a catalogue look-up, ~0.1 ms), and again after a
    ``migrate`` in this process (see :func:`ensure_search_index`). An index that a concurrent
    build left invalid does not count."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return False
    key = (using, str(connection.settings_dict["NAME"]))
    if key not in _pg_rum_indexes:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass(%s)",
                [PG_RUM_INDEX],
            )
            row = cursor.fetchone()
        _pg_rum_indexes[key] = bool(row and row[0])
    return _pg_rum_indexes[key]


def forget_pg_rum_index() -> None:
    """Look for the RUM index again at the next search (after a migration added or removed it)."""
    _pg_rum_indexes.clear()


class _RumOrder(Expression):
    """``<table>.id <=| <bound>``: how far below ``bound`` a case's id is (infinitely far when
    above it), or with ``descending=False`` ``id |=> <bound>``, how far above. Ordered by it, the
    RUM index returns a search's matches newest (oldest) first from ``bound`` on."""

    output_field = FloatField()

    def __init__(self, bound: int, *, descending: bool) -> None:
        super().__init__()
        self.bound = bound
        self.descending = descending

    def as_sql(self, compiler, connection, **extra_context):  # type: ignore[override]
        table = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        operator = "<=|" if self.descending else "|=>"
        return f"{table}.id {operator} %s::bigint", [self.bound]


def _pg_rum_rows(qs: QuerySet[Any], *, edge: int, descending: bool, limit: int) -> list[Any]:
    """The first ``limit`` rows of ``qs`` (cases, or ids) beyond ``edge`` (below it when
    ``descending``, else above it), nearest first, ordered by the RUM index.

    The index reads the (id, row) pairs of every match of the search beyond ``edge``, sorts
    them by id (no table rows), and the table is read from the nearest on, for the caller's
    other filters, until the page is full. Bitmap scans and sorts are switched off for the
    query so that the planner, whose estimate for unknown words is a fixed guess, cannot go
    for the GIN index and a sort of every matching row instead; JIT compilation too, which
    the cost estimate of an ordered scan over every match sets off (~30 ms of compiling)."""
    # The bound is ``edge`` itself, outside the range: RUM's ``<=|`` counts an id equal to its
    # bound as at distance 0 but ``|=>`` as infinitely far (rum 1.3); ids strictly beyond
    # ``edge`` are ordered right by either reading.
    if descending:
        rest = qs.filter(id__lt=edge).order_by(_RumOrder(edge, descending=True))
    else:
        rest = qs.filter(id__gt=edge).order_by(_RumOrder(edge, descending=False))
    with (
        _pg_without(qs.db, "enable_bitmapscan", "enable_sort", "jit", work_mem=PG_RUM_WORK_MEM),
        _pg_written_as("loose"),
    ):
        return list(rest[:limit])


def _pg_candidates(
    using: str,
    search: _PgSearch,
    *,
    edge: int,
    descending: bool,
    batches: tuple[int, ...] | None = None,
) -> Iterator[list[int]]:
    """Ids beyond ``edge`` that match ``search``, nearest first, in growing batches, from the
    GIN index alone: no ordered index scan, no sequential scan, and the bound written as
    ``id + 0`` so that the planner cannot AND the bitmap with the primary key's (or, in the
    caller's query, a status index's: reading 500,000 entries of that costs more than the
    whole search). The caller applies its own filters to each batch, by primary key."""
    condition, params = search.condition(Case._meta.db_table)
    direction, comparison = ("DESC", "<") if descending else ("ASC", ">")
    bound = edge
    for batch in batches or PG_BATCHES:
        with (
            _pg_without(using, "enable_indexscan", "enable_seqscan"),
            connections[using].cursor() as cursor,
        ):
            cursor.execute(
                f"SELECT id FROM {Case._meta.db_table} WHERE {condition} "
                f"AND id + 0 {comparison} %s ORDER BY id {direction} LIMIT %s",
                [*params, bound, batch],
            )
            ids = [row[0] for row in cursor.fetchall()]
        if ids:
            yield ids
        if len(ids) < batch:
            return
        bound = ids[-1]


@contextmanager
def _pg_without(using: str, *scans: str, work_mem: str | None = None) -> Iterator[None]:
    """Run the block with some kinds of scan switched off (and ``work_mem`` raised) for this
    transaction only, and back to the defaults after it (a SET LOCAL would outlive a savepoint
    and leak into the rest of a request)."""
    connection = connections[using]
    settings = [f"SET LOCAL {scan} = off" for scan in scans]
    names = list(scans)
    if work_mem is not None:
        settings.append(f"SET LOCAL work_mem = '{work_mem}'")
        names.append("work_mem")
    with transaction.atomic(using=using), connection.cursor() as cursor:
        cursor.execute("; ".join(settings))
        yield  # an error rolls back to the savepoint, which takes the SET LOCALs with it
        cursor.execute("; ".join(f"SET LOCAL {name} TO DEFAULT" for name in names))


def ensure_search_index(*, using: str = "default", **_kwargs) -> bool:
    """Make sure the SQLite full-text table and its triggers exist; rebuild when any was missing.

    Returns True when something had to be repaired. PostgreSQL's indexes live through ALTERs,
    so there is nothing to repair there; a migration may have added or dropped the RUM index,
    though, so it is looked for again. Connected to ``post_migrate``."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        forget_pg_rum_index()
        return False
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger') AND name IN "
            "('cases_case', 'case_fts', 'case_fts_ai', 'case_fts_ad', 'case_fts_au')"
        )
        present = {row[0] for row in cursor.fetchall()}
        if "cases_case" not in present:
            return False  # cases not migrated yet: the migration creates everything
        missing = {"case_fts", *SQLITE_TRIGGERS} - present
        if not missing:
            return False
        for statement in SQLITE_SETUP:
            cursor.execute(statement)
        for statement in SQLITE_TRIGGERS.values():
            cursor.execute(statement)
        cursor.execute("INSERT INTO case_fts(case_fts) VALUES ('rebuild')")
    return True
