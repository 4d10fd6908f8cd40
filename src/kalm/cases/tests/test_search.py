"""Full-text case search: prefixes, references, accents, hostile input, both databases."""

from __future__ import annotations

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kalm.cases.actions import message_receive, note_add
from kalm.cases.models import Case
from kalm.cases.search import ensure_search_index, search_cases, search_words
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


def test_it_finds_a_case_by_its_reference(bottle, airfryer):
    assert found(bottle.reference) == {bottle.reference}
    assert found(bottle.reference.lower()) == {bottle.reference}
    assert found(f"  {bottle.reference}\n") == {bottle.reference}


def test_it_finds_references_the_text_parser_reads_as_numbers(bottle, airfryer):
    # PostgreSQL's parser reads "9E8" as a number; the reference must be found all the same.
    Case.objects.filter(pk=bottle.pk).update(reference="K26-9E8QBX")
    assert found("K26-9E8QBX") == {"K26-9E8QBX"}
    assert found("k26-9e8qbx") == {"K26-9E8QBX"}


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
    ],
)
def test_it_never_lets_search_syntax_through(bottle, query):
    # Each of these is a syntax error when passed raw to FTS5 MATCH or to_tsquery().
    result = found(query)
    if search_words(query) == ["fles"]:
        assert result == {bottle.reference}


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=st.text(max_size=60))
def test_it_never_raises_on_arbitrary_text(bottle, query):
    list(search_cases(Case.objects.all(), query.replace("\x00", "")))


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
        assert "to_tsvector('kalm_search'::regconfig" in sql
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE indexname = 'case_search_document_fts'"
            )
            (indexdef,) = cursor.fetchone()
        assert "gin" in indexdef
        with connection.cursor() as cursor:
            # A two-row table: take away the sequential scan and the plain index scan along
            # the ordering index, so the only way left to answer is the full-text index.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_indexscan = off")
        assert "case_search_document_fts" in qs.order_by().explain()
    else:
        assert "case_fts MATCH" in sql
