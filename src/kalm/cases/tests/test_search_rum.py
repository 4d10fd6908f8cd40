"""PostgreSQL case search with the RUM index of migration 0011 (decision 0016): the same pages
and counts as without it (the GIN path) and as one plain ordered query, whichever way a page is
split between the window walk and the index.

Skipped on SQLite, and on a PostgreSQL without the rum extension unless KALM_REQUIRE_ALL=1
(CI installs postgresql-<major>-rum), where that is a failure."""

from __future__ import annotations

import importlib
import os

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kalm.cases import search
from kalm.cases.models import Case
from kalm.cases.search import (
    count_matches,
    fetch_newest_first,
    order_newest_first,
    search_cases,
)
from kalm.core.testing import make_case

OPEN = ["new", "open", "waiting_consumer", "waiting_us", "solution_proposed", "reopened"]
TEXTS = [
    ("Fles ontploft", "De fles is in mijn hand ontploft."),
    ("Flessen kapot", "Twee flessen kapot, overal glas op de vloer."),
    ("Bottles", "Both bottles burst in the fridge, glass everywhere."),
    ("Levering", "De levering is niet bezorgd."),
    ("Bestelling", "Mijn bestelling is niet bezorgd en de fles mist."),
    ("Airfryer", "The airfryer smells of plastic and my order was late."),
    ("Glas", "Glas in de fles, de fles is terug."),
]
QUERIES = [
    "fles",  # common: a word and its longer forms
    "flessen",  # stemmed
    "ontplo",  # a prefix
    "bottles",  # English stem
    '"de fles"',  # phrases: words that also occur apart
    '"niet bezorgd"',
    '"fles de"',  # the same words, never in this order: nothing
    "glas bezorgd",  # two words anywhere
    "airfryer",
    "sanne@example.nl",  # an address: a phrase of four words
    "kwaliteitsdienst",  # in no case
]
SPLITS = [
    # (window, planner estimates below which the window is skipped: page, count)
    pytest.param(1, 0, 0, id="window-1"),
    pytest.param(9, 0, 0, id="window-9"),
    pytest.param(1000, 0, 0, id="window-all"),
    pytest.param(9, 10**9, 10**9, id="no-window"),
]


def _require_rum() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the RUM index is a PostgreSQL index")
    search.forget_pg_rum_index()
    if not search.pg_rum_index():
        reason = (
            "PostgreSQL without the rum extension (Debian: postgresql-<major>-rum): "
            "migration cases.0011 made no RUM index"
        )
        if os.environ.get("KALM_REQUIRE_ALL") == "1":
            pytest.fail(f"{reason} (KALM_REQUIRE_ALL=1 requires it)")
        pytest.skip(reason)


@pytest.fixture
def cases(db) -> list[Case]:
    _require_rum()
    made = [make_case(subject=f"{s} {i}", body=b) for i in range(4) for s, b in TEXTS]
    # Every third one closed: the open-cases filter rejects some matches in every stretch.
    Case.objects.filter(pk__in=[c.pk for c in made[::3]]).update(status="closed")
    yield made
    search.forget_pg_rum_index()


def _read(matches, *, window: int) -> dict[str, list[int]]:
    """Everything a desk reads of a search: one long page, pages of 4 down from the newest,
    pages of 3 back up from the oldest, and counts with several caps."""
    whole = [c.pk for c in fetch_newest_first(matches, limit=1000, window=window)]
    down: list[int] = []
    below = None
    while page := fetch_newest_first(matches, below_id=below, limit=4, window=window):
        down += [c.pk for c in page]
        below = page[-1].pk
    up: list[int] = []
    above = whole[-1] if whole else 0
    while page := fetch_newest_first(matches, above_id=above, limit=3, window=window):
        up += [c.pk for c in page]
        above = page[-1].pk
    counts = [count_matches(matches, cap=cap, window=window) for cap in (1, 3, 10, 100)]
    return {"whole": whole, "down": down, "up": up, "counts": counts}


def _expected(matches) -> dict[str, list[int]]:
    ids = list(order_newest_first(matches).values_list("id", flat=True))
    return {
        "whole": ids,
        "down": ids,
        "up": list(reversed(ids))[1:],
        "counts": [min(cap, len(ids)) for cap in (1, 3, 10, 100)],
    }


def _searches() -> list:
    everything = Case.objects.all()
    open_ones = Case.objects.filter(status__in=OPEN)
    return [search_cases(qs, q) for q in QUERIES for qs in (everything, open_ones)]


@pytest.mark.parametrize("window,sparse_page,sparse_count", SPLITS)
def test_the_rum_index_reads_the_same_pages_as_the_gin_index(
    cases, window, sparse_page, sparse_count, monkeypatch
):
    monkeypatch.setattr(search, "PG_SPARSE_PAGE", sparse_page)
    monkeypatch.setattr(search, "PG_SPARSE_COUNT", sparse_count)
    reference = search_cases(Case.objects.all(), cases[8].reference)
    searches = [*_searches(), reference]
    expected = [_expected(matches) for matches in searches]
    assert sum(bool(e["whole"]) for e in expected) >= 15  # most searches find something
    assert expected[-1]["whole"] == [cases[8].pk]

    with CaptureQueriesContext(connection) as queries:
        with_rum = [_read(matches, window=window) for matches in searches]
    assert with_rum == expected
    rum_sql = " ".join(q["sql"] for q in queries.captured_queries)
    if window < len(cases):  # (a window holding every case leaves nothing to the index)
        assert "<=|" in rum_sql and "|=>" in rum_sql  # newest first, and back, from the index

    with connection.cursor() as cursor:  # back at the end of the test's transaction
        cursor.execute(f"DROP INDEX {search.PG_RUM_INDEX}")
    search.forget_pg_rum_index()
    with CaptureQueriesContext(connection) as queries:
        with_gin = [_read(matches, window=window) for matches in searches]
    assert with_gin == expected
    assert "<=|" not in " ".join(q["sql"] for q in queries.captured_queries)


def test_a_page_beyond_the_window_is_read_from_the_rum_index_in_order(cases, monkeypatch):
    monkeypatch.setattr(search, "PG_SPARSE_PAGE", 0)
    matches = search_cases(Case.objects.filter(status__in=OPEN), '"de fles"')
    with CaptureQueriesContext(connection) as queries:
        rows = fetch_newest_first(matches, limit=3, window=1)
    assert [c.pk for c in rows] == list(order_newest_first(matches).values_list("id", flat=True))[
        :3
    ]
    (ordered,) = [q["sql"] for q in queries.captured_queries if "<=|" in q["sql"]]
    # The index gets the phrase's words; the phrase itself is checked on each row it hands out.
    assert "'(de & fles)'" in ordered and "ts_match_vq" in ordered and "(de <-> fles)" in ordered
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_bitmapscan = off; SET LOCAL enable_sort = off")
        cursor.execute(f"EXPLAIN {ordered}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert f"Index Scan using {search.PG_RUM_INDEX}" in plan
    assert "Order By: (id <=|" in plan
    assert "Sort" not in plan


def test_a_rare_term_skips_the_window_walk(cases, monkeypatch):
    monkeypatch.setattr(search, "PG_SPARSE_PAGE", 10**9)
    matches = search_cases(Case.objects.all(), "airfryer")
    with CaptureQueriesContext(connection) as queries:
        rows = fetch_newest_first(matches, limit=2, window=1)  # (else the window holds all)
    assert [c.pk for c in rows] == list(order_newest_first(matches).values_list("id", flat=True))[
        :2
    ]
    sql = [q["sql"] for q in queries.captured_queries]
    assert any(q.startswith("EXPLAIN (FORMAT JSON)") for q in sql)  # the planner's estimate
    assert not any("ts_match_vq" in q for q in sql)  # no window walk: only the index
    assert sum("<=|" in q for q in sql) == 1


def test_the_rum_index_is_made_by_the_migration_and_taken_away_backwards(transactional_db):
    _require_rum()
    migration = importlib.import_module("kalm.cases.migrations.0011_case_search_rum")

    def definition() -> str | None:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_get_indexdef(indexrelid) FROM pg_index "
                "WHERE indexrelid = to_regclass(%s) AND indisvalid",
                [search.PG_RUM_INDEX],
            )
            row = cursor.fetchone()
        return row[0] if row else None

    made = definition()
    assert "USING rum (search_vector rum_tsvector_addon_ops, id)" in made
    assert "attach=id" in made and '"to"=search_vector' in made
    try:
        with connection.schema_editor(atomic=False) as editor:
            migration.backward(None, editor)
        assert definition() is None
        search.forget_pg_rum_index()
        assert search.pg_rum_index() is False
    finally:
        with connection.schema_editor(atomic=False) as editor:
            migration.forward(None, editor)
            migration.forward(None, editor)  # running it again changes nothing
    assert definition() == made
    search.forget_pg_rum_index()
    assert search.pg_rum_index() is True
