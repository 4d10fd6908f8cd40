"""Full-text case search on SQLite (FTS5) and PostgreSQL (tsvector + GIN).

``Case.search_document`` holds the searchable text (reference, subject, consumer name, email and
phone, batch, message bodies); the case actions keep it up to date. The database indexes it:

* SQLite: ``case_fts``, an FTS5 external-content table over ``cases_case.search_document``,
  kept in step by three triggers (insert, update of ``search_document``, delete). Tokenizer
  ``unicode61 remove_diacritics 2``, so "cafe" finds "café".
* PostgreSQL: a GIN index on ``to_tsvector('kalm_search', translate(search_document, ...))``.
  ``kalm_search`` is a copy of the ``simple`` configuration (no stemming, no stop words: names,
  batch codes and references must match literally) that also strips accents when the
  ``unaccent`` extension could be installed.

Both are created by migration ``cases.0003_case_full_text_search``. Django's SQLite schema editor
rebuilds a table (and so drops its triggers) for many later ``ALTER``s of ``cases_case``, so
:func:`ensure_search_index` runs after every ``migrate`` and puts missing triggers back, rebuilding
the index when it had to.

Users type anything: quotes, ``AND``, ``NEAR(``, ``*``, ``:``, ``&``. The query is reduced to its
words (letters and digits) and each word becomes a prefix term, all of which must match ("ontplo"
finds "ontploft", ``K26-7F3Q9X`` finds that reference). No user text ever reaches the query
parser as syntax, so a search can never raise.
"""

from __future__ import annotations

import re

from django.db import connections
from django.db.models import BooleanField, Func, Q, QuerySet, Value
from django.db.models.expressions import RawSQL

from kalm.cases.models import Case

MAX_WORDS = 12
MAX_WORD_LENGTH = 64
PG_CONFIG = "kalm_search"
# Punctuation that PostgreSQL's parser would otherwise glue into one token (emails, hosts,
# paths): turned into spaces on both sides, so "sanne" finds "sanne@example.nl".
PG_SEPARATORS = "@./:_+"
_WORD = re.compile(r"[^\W_]+")
# A whole case reference (K26-7F3Q9X). Matched exactly as well: PostgreSQL's text parser reads
# parts like "9E8" as numbers, so a reference is not always found through its words.
_REFERENCE = re.compile(r"^[A-Z]+\d{2}-[0-9A-Z]{6}$")

SQLITE_SETUP = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS case_fts USING fts5("
    "search_document, content='cases_case', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2')",
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
PG_INDEX_NAME = "case_search_document_fts"
PG_DOCUMENT_SQL = (
    f"to_tsvector('{PG_CONFIG}'::regconfig, "
    f"translate(%s, '{PG_SEPARATORS}', '{' ' * len(PG_SEPARATORS)}'))"
)


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


def fts5_query(words: list[str]) -> str:
    """An FTS5 MATCH expression: every word as a quoted prefix term, all required."""
    # Words hold no double quotes (letters and digits only), so quoting cannot be broken out of.
    return " ".join(f'"{word}"*' for word in words)


def tsquery(words: list[str]) -> str:
    """A to_tsquery() expression: every word as a prefix lexeme, all required."""
    return " & ".join(f"{word}:*" for word in words)


class _TsMatch(Func):
    """``to_tsvector(<indexed expression>) @@ to_tsquery(...)``, written exactly as the GIN
    index expression so that PostgreSQL uses the index."""

    output_field = BooleanField()

    def as_sql(self, compiler, connection, **extra_context):  # type: ignore[override]
        column, query = self.source_expressions
        column_sql, column_params = compiler.compile(column)
        query_sql, query_params = compiler.compile(query)
        sql = (
            PG_DOCUMENT_SQL % column_sql + f" @@ to_tsquery('{PG_CONFIG}'::regconfig, {query_sql})"
        )
        return sql, (*column_params, *query_params)


def search_cases(qs: QuerySet[Case], query: str) -> QuerySet[Case]:
    """Cases of ``qs`` whose text matches every word of ``query`` (as a prefix).

    An empty query returns ``qs`` unchanged; a query without any letter or digit matches nothing.
    Ordering is left to the caller."""
    if not query.strip():
        return qs
    words = search_words(query)
    if not words:
        return qs.none()
    vendor = connections[qs.db].vendor
    if vendor == "postgresql":
        matches = Q(_TsMatch("search_document", Value(tsquery(words))))
    elif vendor == "sqlite":
        matches = Q(
            pk__in=RawSQL(
                "SELECT rowid FROM case_fts WHERE case_fts MATCH %s", (fts5_query(words),)
            )
        )
    else:
        matches = None
    if matches is not None:
        candidate = query.strip().upper()
        if _REFERENCE.match(candidate):
            matches |= Q(reference=candidate)
        return qs.filter(matches)
    # Other databases: every word as a substring, which is correct if slow.
    for word in words:
        qs = qs.filter(search_document__icontains=word)
    return qs


def ensure_search_index(*, using: str = "default", **_kwargs) -> bool:
    """Make sure the SQLite full-text table and its triggers exist; rebuild when any was missing.

    Returns True when something had to be repaired. PostgreSQL's index lives through ALTERs, so
    there is nothing to do there. Connected to ``post_migrate``."""
    connection = connections[using]
    if connection.vendor != "sqlite":
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
