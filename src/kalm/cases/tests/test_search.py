"""Full-text case search: prefixes, stems, phrases, references, accents, hostile input, both
databases."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kalm.cases import search
from kalm.cases.actions import message_receive, note_add
from kalm.cases.models import Case
from kalm.cases.search import (
    Phrase,
    Word,
    count_matches,
    ensure_search_index,
    fetch_newest_first,
    order_newest_first,
    parse_query,
    search_cases,
    search_words,
)
from kalm.core.testing import make_case


def found(query: str) -> set[str]:
    return set(search_cases(Case.objects.all(), query).values_list("reference", flat=True))


@pytest.fixture
def bottle(db) -> Case:
    return make_case(
        name="Sanne de Vries",
        email="sanne.devries@example.nl",
        phone="06 12345678",
        subject="Fles ontploft in de keuken",
        body="De fles Bruisend Bronwater is in mijn hand ontploft.",
        batch_number="L2611",
    )


@pytest.fixture
def airfryer(db) -> Case:
    return make_case(
        name="Tom Bakker",
        email="tom@example.com",
        subject="Airfryer stopped working",
        body="The airfryer smells of burnt plastic in the café where I work.",
    )


def test_it_finds_a_word_by_its_prefix(bottle, airfryer):
    assert found("ontplo") == {bottle.reference}
    assert found("ONTPLOFT") == {bottle.reference}
    assert found("airfr") == {airfryer.reference}


def test_it_requires_every_word(bottle, airfryer):
    assert found("fles keuken") == {bottle.reference}
    assert found("fles airfryer") == set()


@pytest.fixture
def bottles(db) -> Case:
    return make_case(
        name="Kim Janssen",
        email="kim@example.org",
        subject="Two bottles exploded",
        body="Both bottles burst in the fridge, glass everywhere. De flessen zijn ontploft.",
    )


def test_it_finds_dutch_words_by_their_stem(bottle, airfryer):
    # Snowball (Dutch): flessen -> fles, ontplofte -> ontplof; the bottle case says "fles" and
    # "ontploft" only.
    assert found("flessen") == {bottle.reference}
    assert found("ontplofte") == {bottle.reference}
    assert found("keukens") == {bottle.reference}


def test_it_finds_english_words_by_their_stem(bottles, airfryer):
    only_singular = make_case(
        name="Lars Groen", subject="Bottle leaking", body="The bottle leaked all over the floor."
    )
    assert found("bottles") == {bottles.reference, only_singular.reference}
    assert found("leaks") == {only_singular.reference}
    assert found("exploding") == {bottles.reference}


def test_it_finds_the_written_forms_where_snowball_changes_letters(db):
    refund = make_case(subject="Terugbetaling", body="Wanneer komt de terugbetaling?")
    houses = make_case(subject="Huizen", body="Twee huizen verder ging het ook mis.")
    happy = make_case(subject="Happy", body="Not a happy customer.")
    # Snowball: terugbetalingen and terugbetaling -> terugbetaal; huis and huizen -> huis;
    # happiness and happy -> happi. The index holds the words as written.
    assert found("terugbetalingen") == {refund.reference}
    assert found("huis") == {houses.reference}
    assert found("happiness") == {happy.reference}


def test_a_stem_only_widens_what_the_word_finds(bottle, bottles, airfryer):
    # "fles" finds "flessen" by its prefix as before; stems never take literal matches away.
    assert found("fles") == {bottle.reference, bottles.reference}
    assert found("Janssen") == {bottles.reference}
    assert found("kim@example.org") == {bottles.reference}
    assert found("L2611") == {bottle.reference}
    assert found(bottles.reference) == {bottles.reference}


def test_it_finds_a_quoted_phrase_only_with_its_words_adjacent_and_in_order(bottle, bottles):
    assert found('"glass everywhere"') == {bottles.reference}
    assert found('"everywhere glass"') == set()
    assert found('"bottles burst"') == {bottles.reference}
    assert found('"bottles fridge"') == set()  # both words are there, but not side by side
    assert found('"in mijn hand"') == {bottle.reference}
    assert found('"IN MIJN HAND" ontplo') == {bottle.reference}
    assert found('"in mijn hand" airfryer') == set()


def test_a_quoted_word_is_matched_literally(bottle, bottles):
    assert found('"fles"') == {bottle.reference}  # not "flessen": no prefix, no stem
    assert found('"flessen"') == {bottles.reference}
    assert found('"ontplo"') == set()


def test_a_star_after_a_quote_makes_its_last_word_a_prefix(bottle, bottles):
    assert found('"glass every"*') == {bottles.reference}
    assert found('"glass every*"') == {bottles.reference}
    assert found('"ontplo"*') == {bottle.reference, bottles.reference}
    assert found('"glass every"') == set()


def test_an_unclosed_quote_runs_to_the_end(bottle, bottles):
    assert found('fles "in mijn hand') == {bottle.reference}
    assert parse_query('ontplo "in mijn') == [Word(("ontplo",)), Phrase(("in", "mijn"))]


def test_it_parses_words_stems_and_phrases():
    assert parse_query("Flessen bottles") == [Word(("fles",)), Word(("bottl",))]
    # The shortest prefix covers the longer ones; unrelated stems are kept as alternatives.
    assert parse_query("ontplofte") == [Word(("ontplof",))]
    assert parse_query("huizen") == [Word(("huis", "huiz"))]
    assert parse_query("terugbetalingen") == [Word(("terugbetal", "terugbetaal"))]
    assert parse_query('"glas overal"* flessen') == [
        Phrase(("glas", "overal"), True),
        Word(("fles",)),
    ]
    # Short words are whole words; words glued by address punctuation are a phrase.
    assert parse_query("06 12345678") == [Phrase(("06",)), Word(("12345678",))]
    assert parse_query("sanne.devries@example.nl") == [
        Phrase(("sanne", "devries", "example", "nl"))
    ]
    assert parse_query("tom@example.com") == [Phrase(("tom", "example", "com"))]
    assert parse_query("tom@exam") == [Phrase(("tom", "exam"), True)]
    assert parse_query("ontplo, keukens") == [Word(("ontplo",)), Word(("keuken",))]
    assert parse_query('" " "" **') == []
    many = " ".join(f"w{i}" for i in range(30))
    assert len(parse_query(many)) == 12
    assert parse_query(f'"{many}" extra') == [Phrase(tuple(f"w{i}" for i in range(12)))]


def test_it_finds_a_case_by_its_reference(bottle, airfryer):
    assert found(bottle.reference) == {bottle.reference}
    assert found(bottle.reference.lower()) == {bottle.reference}
    assert found(f"  {bottle.reference}\n") == {bottle.reference}


def test_it_finds_references_the_text_parser_reads_as_numbers(bottle, airfryer):
    # PostgreSQL's parser reads "9E8" as a number; the reference must be found all the same.
    Case.objects.filter(pk=bottle.pk).update(reference="K26-9E8QBX")
    assert found("K26-9E8QBX") == {"K26-9E8QBX"}
    assert found("k26-9e8qbx") == {"K26-9E8QBX"}


def test_an_address_is_found_as_a_whole_and_while_typed(bottle, airfryer):
    other = make_case(name="Sanne Smit", email="sanne@example.com", subject="Vraag")
    assert found("sanne@example.com") == {other.reference}
    assert found("sanne@exam") == {other.reference}
    assert found("example.com") == {airfryer.reference, other.reference}
    assert found("06-12345678") == {bottle.reference}
    assert found("sanne") == {bottle.reference, other.reference}


def test_it_finds_consumer_details_and_batch(bottle, airfryer):
    assert found("sanne") == {bottle.reference}
    assert found("sanne.devries@example.nl") == {bottle.reference}
    assert found("devries") == {bottle.reference}
    assert found("12345678") == {bottle.reference}
    assert found("L2611") == {bottle.reference}
    assert found("Tom Bakker") == {airfryer.reference}


def test_it_finds_text_added_later_by_messages_and_notes(bottle, agent):
    assert found("etiket") == set()
    message_receive(case=bottle, body="Het etiket zat er ook half af.")
    assert found("etiket") == {bottle.reference}
    note_add(case=bottle, agent=agent, body="Doorgezet naar kwaliteitsdienst.")
    assert found("kwaliteitsdienst") == {bottle.reference}


def test_it_keeps_the_callers_queryset_and_leaves_ordering_alone(bottle, airfryer):
    only_airfryer = Case.objects.filter(pk=airfryer.pk)
    assert list(search_cases(only_airfryer, "fles")) == []
    ordered = search_cases(Case.objects.order_by("reference"), "e")
    assert ordered.query.order_by == ("reference",)


def test_it_returns_everything_for_an_empty_query_and_nothing_for_punctuation(bottle, airfryer):
    assert found("") == {bottle.reference, airfryer.reference}
    assert found("   ") == {bottle.reference, airfryer.reference}
    assert found('"*&!:()') == set()


def test_it_ignores_accents(bottle, airfryer):
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'unaccent'")
            if not cursor.fetchone():
                pytest.skip("PostgreSQL without the unaccent extension: no accent folding")
    assert found("cafe") == {airfryer.reference}
    assert found("café") == {airfryer.reference}
    assert found("CAFÉ") == {airfryer.reference}


@pytest.mark.parametrize(
    "query",
    [
        '"',
        'fles"',
        "fles AND",
        "OR fles",
        "NOT",
        "NEAR(fles ontploft",
        "fles*",
        "*",
        "search_document:fles",
        "fles & | !",
        "fles:*",
        "(fles",
        "fles -keuken",
        "^fles",
        "'fles'",
        "fles\x00",
        "🍾 fles",
        '"fles',
        '""fles""',
        '"fles" OR "x"',
        '"fles" NOT "x"',
        '"fles"**',
        '"fles*" AND',
        '"(fles)"',
        '"fles" + "x"',
        "'\"fles\"'",
        'fles\\"',
        '"fles" <-> "x"',
        '"fles":*',
        '"fles" & !',
    ],
)
def test_it_never_lets_search_syntax_through(bottle, query):
    # Each of these is a syntax error when passed raw to FTS5 MATCH or to_tsquery().
    result = found(query)
    if search_words(query) == ["fles"]:
        assert result == {bottle.reference}
    elif search_words(query) == ["fles", "x"]:
        assert result == set()


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=st.text(max_size=60))
def test_it_never_raises_on_arbitrary_text(bottle, query):
    list(search_cases(Case.objects.all(), query.replace("\x00", "")))


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    query=st.lists(
        st.sampled_from(['"', "*", " ", "(", ")", ":", "-", "+", "^", "&", "|", "!", "<", "'"])
        | st.sampled_from(["fles", "OR", "AND", "NOT", "NEAR", "glas", "ontploft", "é", "9e8"]),
        max_size=20,
    ).map("".join)
)
def test_it_never_raises_on_query_syntax_soup(bottle, query):
    # Quotes, stars and operators in every order: the parsed query must stay valid syntax.
    list(search_cases(Case.objects.all(), query))


def test_it_repairs_the_index_after_a_table_rebuild_dropped_its_triggers(bottle):
    if connection.vendor != "sqlite":
        assert ensure_search_index(using="default") is False
        return
    with connection.cursor() as cursor:
        for trigger in ("case_fts_ai", "case_fts_ad", "case_fts_au"):
            cursor.execute(f"DROP TRIGGER {trigger}")
    message_receive(case=bottle, body="Scherven overal op de vloer.")
    assert found("scherven") == set()  # stale while the triggers are missing

    assert ensure_search_index(using="default") is True
    assert found("scherven") == {bottle.reference}
    message_receive(case=bottle, body="Ook een snee in mijn duim.")
    assert found("duim") == {bottle.reference}
    assert ensure_search_index(using="default") is False


def test_it_uses_the_full_text_index(bottle):
    qs = search_cases(Case.objects.all(), "ontploft")
    sql = str(qs.query)
    if connection.vendor == "postgresql":
        assert "search_vector @@ to_tsquery('kalm_search'::regconfig" in sql
        with connection.cursor() as cursor:
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'case_search_vector'")
            (indexdef,) = cursor.fetchone()
            assert "gin (search_vector)" in indexdef
            cursor.execute(
                "SELECT count(*) FROM pg_indexes WHERE indexname = 'case_search_document_fts'"
            )
            assert cursor.fetchone() == (0,)
        with connection.cursor() as cursor:
            # A two-row table: take away the sequential scan and the plain index scan along
            # the ordering index, so the only way left to answer is a full-text index (the GIN
            # one, or the RUM one of migration 0011 where the rum extension is installed).
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_indexscan = off")
        plan = qs.order_by().explain()
        assert "case_search_vector" in plan or "case_search_rum" in plan
    else:
        assert "case_fts MATCH" in sql
        with connection.cursor() as cursor:
            cursor.execute("SELECT sql FROM sqlite_master WHERE name = 'case_fts'")
            assert "prefix='3'" in cursor.fetchone()[0]


def test_the_stored_vector_follows_the_document(bottle):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL keeps a generated tsvector column")
    message_receive(case=bottle, body="Scherven overal op de vloer.")
    with connection.cursor() as cursor:
        cursor.execute("SELECT search_vector::text FROM cases_case WHERE id = %s", [bottle.pk])
        assert "'scherven'" in cursor.fetchone()[0]


def test_it_pages_through_matches_newest_case_first(airfryer):
    cases = [make_case(subject=f"Fles {i}", body="De fles lekt.") for i in range(5)]
    ids = [c.pk for c in sorted(cases, key=lambda c: c.pk, reverse=True)]
    matches = search_cases(Case.objects.all(), "flessen")

    assert list(order_newest_first(matches).values_list("id", flat=True)) == ids
    assert (
        list(order_newest_first(matches, below_id=ids[1]).values_list("id", flat=True)) == ids[2:]
    )
    back = order_newest_first(matches, above_id=ids[3])
    assert list(back.values_list("id", flat=True)) == [ids[2], ids[1], ids[0]]
    # Other filters and the reference shortcut keep the same order.
    assert list(order_newest_first(matches.exclude(pk=ids[0]))[:2]) == [
        Case.objects.get(pk=ids[1]),
        Case.objects.get(pk=ids[2]),
    ]
    reference = Case.objects.get(pk=ids[2]).reference
    assert list(order_newest_first(search_cases(Case.objects.all(), reference))) == [
        Case.objects.get(pk=ids[2])
    ]


def test_a_page_of_matches_is_read_from_the_index_in_order_without_sorting(bottle, airfryer):
    page = order_newest_first(
        search_cases(Case.objects.filter(status__in=["new", "open"]), "fles ontploft")
    ).select_related("consumer")[:51]
    plan = page.explain()
    if connection.vendor == "sqlite":
        # The FTS5 table drives the join in rowid order: no temporary b-tree collecting every
        # match to sort it, no IN list built in full first.
        assert "VIRTUAL TABLE INDEX" in plan
        assert "TEMP B-TREE" not in plan
        assert "LIST SUBQUERY" not in plan
    assert list(page) == [bottle]


@pytest.mark.parametrize("window", [1, 3, 1000])
def test_a_page_is_the_same_whichever_way_it_is_fetched(airfryer, window, monkeypatch):
    # On PostgreSQL a page walks ``window`` ids in order and takes the rest from the GIN index
    # in batches of candidates; every split must give the same rows as the plain query.
    monkeypatch.setattr(search, "PG_BATCHES", (1, 2, 100))
    cases = [make_case(subject=f"Fles {i}", body="Lekkende fles.") for i in range(6)]
    ids = sorted((c.pk for c in cases), reverse=True)
    matches = search_cases(Case.objects.all(), "fles")
    plain = list(order_newest_first(matches).values_list("id", flat=True))
    assert plain == ids

    def fetched(**kwargs) -> list[int]:
        return [c.pk for c in fetch_newest_first(matches, window=window, **kwargs)]

    assert fetched(limit=4) == ids[:4]
    assert fetched(limit=10) == ids
    assert fetched(below_id=ids[1], limit=3) == ids[2:5]
    assert fetched(above_id=ids[4], limit=2) == [ids[3], ids[2]]
    assert fetched(above_id=ids[1], limit=5) == [ids[0]]
    assert count_matches(matches, cap=10, window=window) == 6
    assert count_matches(matches, cap=4, window=window) == 4
    assert count_matches(search_cases(Case.objects.all(), "airfryer"), cap=4, window=window) == 1
    # The caller's filters hold in every batch.
    fewer = matches.exclude(pk__in=[ids[1], ids[3]])
    assert [c.pk for c in fetch_newest_first(fewer, limit=3, window=window)] == [
        ids[0],
        ids[2],
        ids[4],
    ]
    assert count_matches(fewer, cap=10, window=window) == 4


@pytest.fixture
def gin_only(db):
    """PostgreSQL without the RUM index of migration 0011: dropped inside the test's
    transaction, so it is back afterwards."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"DROP INDEX IF EXISTS {search.PG_RUM_INDEX}")
    search.forget_pg_rum_index()
    yield
    search.forget_pg_rum_index()


def test_postgresql_walks_a_window_then_asks_the_gin_index(bottle, gin_only, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("only PostgreSQL switches scans off")
    # Whatever the planner estimates for "fles" in this tiny table, walk the window first.
    monkeypatch.setattr(search, "PG_SPARSE_PAGE", 0)
    monkeypatch.setattr(search, "PG_SPARSE_COUNT", 0)
    newest = make_case(subject="Fles", body="Nog een fles.")
    matches = search_cases(Case.objects.filter(status="new"), "fles")
    before = _planner_settings()
    with CaptureQueriesContext(connection) as queries:
        rows = fetch_newest_first(matches, limit=5, window=1)  # the bottle is below the window
        assert count_matches(matches, cap=5, window=1) == 2
    assert rows == [newest, bottle]
    sql = [q["sql"] for q in queries.captured_queries]
    assert "SET LOCAL enable_bitmapscan = off" in sql
    # The window checks each row's stored vector: no index can take ts_match_vq over.
    walks = [q for q in sql if "ts_match_vq" in q and "id + 0" not in q and "+ 0)" not in q]
    assert len(walks) == 2  # the page's window and the count's
    assert "SET LOCAL enable_indexscan = off; SET LOCAL enable_seqscan = off" in sql
    candidates = [q for q in sql if "id + 0 <" in q]
    assert len(candidates) == 1  # the page's, from the GIN index alone
    assert "status" not in candidates[0]
    # The count goes on through bitmaps, the caller's filters included, up to its cap.
    counted = [q for q in sql if '"id" + 0) <' in q]
    assert len(counted) == 1 and "status" in counted[0] and "LIMIT 4" in counted[0]
    assert "<=|" not in " ".join(sql)  # no RUM index here

    assert _planner_settings() == before  # the SET LOCALs are undone afterwards


def _planner_settings() -> list[str]:
    names = ("enable_bitmapscan", "enable_indexscan", "enable_seqscan", "enable_sort", "jit")
    with connection.cursor() as cursor:
        values = []
        for name in (*names, "work_mem"):
            cursor.execute(f"SHOW {name}")
            values.append(cursor.fetchone()[0])
    assert values[:4] == ["on"] * 4
    return values
