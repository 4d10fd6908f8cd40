"""kalm generate_cases: bulk-generated cases that read like the app's own, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from io import StringIO
from itertools import pairwise
from types import SimpleNamespace

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count, F

from kalm.accounts.models import User
from kalm.cases.models import OPEN_STATUSES, Case, Message, Status
from kalm.cases.search import search_cases
from kalm.cases.workflow import TRANSITIONS
from kalm.consumers.models import Consumer, ContactIdentity
from kalm.core.generate import long_dossier_references
from kalm.core.generate.plan import (
    BLOCK,
    BlockPlanner,
    Context,
    Ids,
    Rows,
    Team,
    reference,
)
from kalm.core.generate.plan import Agent as PlanAgent
from kalm.core.testing import make_case
from kalm.dossier.chain import entry_hash
from kalm.dossier.models import DossierEntry, Evidence
from kalm.dossier.selectors import dossier_verify_all

pytestmark = pytest.mark.django_db

ANCHOR = "2026-06-01"


def generate(cases: int = 200, seed: int = 5, *extra: str) -> str:
    out = StringIO()
    call_command(
        "generate_cases",
        f"--cases={cases}",
        f"--seed={seed}",
        f"--anchor={ANCHOR}",
        "--agents=10",
        "--teams=3",
        *extra,
        stdout=out,
    )
    return out.getvalue()


def test_it_fills_the_database_in_the_shape_the_brief_asks_for():
    output = generate(200)
    assert Case.objects.count() == 200
    assert Consumer.objects.count() == 60  # 0.3 per case: some consumers have several cases
    assert Consumer.objects.annotate(n=Count("cases")).filter(n__gte=3).exists()
    messages = Message.objects.count()
    assert 4 * 200 <= messages <= 6 * 200
    assert Message.objects.filter(kind="outbound").exclude(author_alias="").exists()
    assert not Message.objects.filter(kind="outbound", author_alias="").exists()
    assert DossierEntry.objects.count() == sum(
        Case.objects.values_list("dossier_length", flat=True)
    )
    assert Evidence.objects.exists()
    assert not Evidence.objects.exclude(message__case=F("case")).exists()
    english = Case.objects.filter(language="en").count()
    assert 20 <= english <= 90  # about a quarter in English, the rest in Dutch
    assert Case.objects.filter(dossier_length__gte=50).count() >= 2  # at least 1%
    assert ContactIdentity.objects.filter(kind="email").count() == (
        Consumer.objects.exclude(email="").count()
    )
    assert User.objects.filter(username__startswith="gen-agent-").count() == 10
    summary = output.strip().splitlines()[-1]
    assert summary.startswith("Generated 200 cases (200 in total), 60 consumers, ")
    assert f"{messages:,} messages" in summary and "dossier entries" in summary
    assert "evidence in " in summary and summary.endswith("s")
    references = long_dossier_references()
    assert references and all(r in output for r in references[:1])


def test_the_dossier_chains_verify():
    generate(200)
    assert all(problem is None for _case, problem in dossier_verify_all())
    out = StringIO()
    call_command("verify_dossier", stdout=out)
    assert "OK: 200 case dossier(s) verified" in out.getvalue()


def test_search_finds_generated_cases_by_their_words():
    generate(200)
    case = Case.objects.filter(batch_number__startswith="L").order_by("id").first()
    assert case is not None
    assert search_cases(Case.objects.all(), case.batch_number).filter(pk=case.pk).exists()
    assert search_cases(Case.objects.all(), case.reference).filter(pk=case.pk).exists()
    reply = Message.objects.filter(kind="inbound", case__language="nl").order_by("id").first()
    word = max(reply.body.split(), key=len).strip(".,!?")
    assert search_cases(Case.objects.all(), word).filter(pk=reply.case_id).exists()
    assert (
        search_cases(Case.objects.all(), "ontploft").exists()
        or search_cases(Case.objects.all(), "schimmel").exists()
    )


def test_statuses_and_dates_are_consistent():
    generate(300)
    anchor = datetime(2026, 6, 1, tzinfo=UTC)
    cases = list(Case.objects.all())
    for case in cases:
        assert anchor - timedelta(days=731) <= case.created_at <= case.updated_at <= anchor
        assert case.first_response_due_at > case.created_at
        if case.status == Status.NEW:
            assert case.first_responded_at is None and case.assignee_id is None
        else:
            assert case.first_responded_at is not None
            assert case.created_at <= case.first_responded_at <= case.updated_at
        if case.status == Status.CLOSED:
            assert case.closed_at is not None
        if case.status == Status.RESOLVED:
            assert case.resolved_at is not None and case.closed_at is None
        if case.status in OPEN_STATUSES:
            assert case.closed_at is None and case.resolved_at is None
    old = [c for c in cases if c.created_at < anchor - timedelta(days=60)]
    closed = [c for c in old if c.status == Status.CLOSED]
    assert len(closed) >= 0.9 * len(old)
    # Two years, with more recent volume: the latest year has more cases than the first.
    recent = sum(c.created_at > anchor - timedelta(days=365) for c in cases)
    assert recent > len(cases) - recent
    # Every recorded status change is a move the workflow allows, in order.
    for entry in DossierEntry.objects.filter(kind="status"):
        assert entry.payload["to"] in TRANSITIONS[entry.payload["from"]]
    for case in cases[:50]:
        stamps = list(case.dossier.values_list("created_at", flat=True))
        assert stamps == sorted(stamps)
        last = case.dossier.order_by("-seq").first()
        if last.kind == "status":
            assert last.payload["to"] == case.status


def _planner(seed: int) -> BlockPlanner:
    ctx = Context(
        seed=seed,
        anchor=datetime(2026, 6, 1, tzinfo=UTC),
        agents=[PlanAgent(k + 1, f"Alias {k}", f"Agent {k} (Alias {k})", k % 2) for k in range(4)],
        teams=[Team(1, "One"), Team(2, "Two")],
        products=[
            (1, "Bron Bruisend Bronwater 1L", "drink"),
            (2, "Keukenheld Airfryer", "appliance"),
        ],
        files=[("a" * 64, 10, "image/png", "evidence/aa/aa/" + "a" * 64)],
    )
    return BlockPlanner(ctx, Ids(1, 1, 1, 1, 1, 1))


def _plan(seed: int, parts: list[tuple[int, int]]) -> Rows:
    planner, rows = _planner(seed), Rows()
    written: dict[str, int] = {}
    for start, stop in parts:
        block = start // BLOCK
        planner.plan_block(
            block,
            start=start,
            stop=stop,
            existing_consumers=(lambda keys: {k: written[k] for k in keys if k in written})
            if start % BLOCK
            else None,
            rows=rows,
        )
        for row in rows.consumers:
            written[row[3] or row[4]] = row[0]
    return rows


def test_ids_grow_with_time_as_in_production():
    # Newest-first reads (PostgreSQL's search walk, "latest" index scans) rely on it; randomly
    # dated ids made the newest ids mostly closed cases and search took seconds at a million.
    generate(300)
    created = list(Case.objects.order_by("id").values_list("created_at", flat=True))
    assert all(b - a > -timedelta(days=1) for a, b in pairwise(created))
    assert created[-1] - created[0] > timedelta(days=600)  # still two years' worth


def test_the_same_seed_gives_the_same_rows_and_another_seed_others():
    first, again = _plan(7, [(0, 100), (100, 200)]), _plan(7, [(0, 100), (100, 200)])
    assert first.cases == again.cases and first.messages == again.messages
    assert first.entries == again.entries and first.consumers == again.consumers
    other = _plan(8, [(0, 100), (100, 200)])
    assert [c[2] for c in other.cases] != [c[2] for c in first.cases]


def test_a_run_split_in_two_writes_what_one_run_writes():
    whole = _plan(7, [(0, 100), (100, 200)])
    split = _plan(7, [(0, 100), (100, 130), (130, 200)])
    key = lambda rows: sorted((c[1], c[2], c[5], c[18], c[20]) for c in rows.cases)  # noqa: E731
    assert key(whole) == key(split)
    assert len(split.consumers) == len(whole.consumers) == 60


def test_it_is_deterministic_in_the_database_and_rerunning_adds_up_to_n():
    generate(130)
    assert "nothing to add" in generate(130)
    output = generate(200)
    assert "Generated 70 cases (200 in total)" in output
    assert Consumer.objects.count() == 60  # consumers of the block split over two runs: once
    expected = {reference(i, 2000)[5:] for i in range(200)}
    assert {r[5:] for r in Case.objects.values_list("reference", flat=True)} == expected
    assert all(problem is None for _case, problem in dossier_verify_all())


def test_it_refuses_a_database_holding_other_cases_unless_forced():
    own = make_case()
    with pytest.raises(CommandError, match="not generated"):
        generate(50)
    assert Case.objects.count() == 1
    generate(50, 5, "--force")
    assert Case.objects.count() == 51
    own.refresh_from_db()
    assert Case.objects.get(pk=own.pk).reference == own.reference


def test_it_refuses_nonsense_arguments():
    with pytest.raises(CommandError, match="--cases"):
        generate(-1)
    with pytest.raises(CommandError, match="--anchor"):
        call_command("generate_cases", "--cases=1", "--anchor=yesterday", stdout=StringIO())
    with pytest.raises(CommandError, match="teams"):
        generate(10, 1, "--teams=20")


def test_the_planners_hash_is_the_chains_hash():
    rows = _plan(3, [(0, 100)])
    references = {row[0]: row[1] for row in rows.cases}
    assert any("→" in row[9] for row in rows.entries)  # non-ASCII summaries are covered
    for row in rows.entries:
        entry = SimpleNamespace(
            seq=row[2],
            kind=row[3],
            created_at=row[4],
            actor_type=row[5],
            actor_id=row[6],
            actor_label=row[7],
            actor_alias=row[8],
            summary=row[9],
            payload=json.loads(row[10]),
            public=row[11],
            prev_hash=row[12],
        )
        assert entry_hash(entry, references[row[1]]) == row[13]


def _schema() -> list[tuple]:
    """Every index, constraint and trigger of the database, by name and definition."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' "
                "UNION ALL SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE connamespace = 'public'::regnamespace ORDER BY 1, 2"
            )
        else:
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_stat%' ORDER BY name"
            )
        return cursor.fetchall()


def _index_order() -> list[tuple[str, str]]:
    """SQLite: each table's indexes in the order its schema lists them (its planner's order
    when two look equally good)."""
    if connection.vendor != "sqlite":
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tbl_name, name FROM sqlite_master WHERE type = 'index' ORDER BY tbl_name, rowid"
        )
        return cursor.fetchall()


@pytest.mark.django_db(transaction=True)
def test_a_large_load_outside_a_transaction_leaves_the_schema_as_it_was(monkeypatch):
    # As a real run: committed batches written by the writer's thread, and indexes (with
    # PostgreSQL's constraints, SQLite's full-text trigger) dropped for the load and made again
    # from their definitions.
    monkeypatch.setattr("kalm.core.generate.LARGE_LOAD", 1)
    before, order = _schema(), _index_order()
    generate(200)
    assert _schema() == before
    assert _index_order() == order
    assert Case.objects.count() == 200
    assert all(problem is None for _case, problem in dossier_verify_all())
    case = Case.objects.filter(batch_number__startswith="L").order_by("id").first()
    assert search_cases(Case.objects.all(), case.batch_number).filter(pk=case.pk).exists()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT nextval(pg_get_serial_sequence('cases_case', 'id'))")
            assert cursor.fetchone()[0] > Case.objects.order_by("-id").first().pk


@pytest.mark.django_db(transaction=True)
def test_a_large_sqlite_load_that_died_is_made_whole_by_the_next_run():
    if connection.vendor != "sqlite":
        pytest.skip("on PostgreSQL a large load is one transaction: a failure rolls it back")
    from kalm.core.generate.writers import SQLITE_PENDING, SqliteWriter

    before = _schema()
    writer = SqliteWriter(connection, rebuild_indexes=True)
    writer.start()
    writer._stop_thread()  # the process dies here, before finish() made the schema whole
    dropped = {name for name, _sql in before} - {name for name, _sql in _schema()}
    assert "case_fts_ai" in dropped and any(name.startswith("cases_case_") for name in dropped)
    assert SQLITE_PENDING in {name for name, _sql in _schema()}
    generate(30)  # a small run: it repairs first, and loads with the indexes in place
    assert _schema() == before
    case = Case.objects.filter(batch_number__startswith="L").order_by("id").first()
    assert search_cases(Case.objects.all(), case.batch_number).filter(pk=case.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_a_large_load_that_fails_leaves_the_schema_as_it_was(monkeypatch):
    monkeypatch.setattr("kalm.core.generate.LARGE_LOAD", 1)
    monkeypatch.setattr("kalm.core.generate.FLUSH_CASES", 100)
    written = []

    def fail_on_the_second_batch(self, rows):
        if written:
            raise RuntimeError("disk full")
        written.append(len(rows.cases))
        original(self, rows)

    from kalm.core.generate import writers

    writer_class = writers.SqliteWriter if connection.vendor == "sqlite" else writers.PostgresWriter
    original = writer_class._write_batch
    monkeypatch.setattr(writer_class, "_write_batch", fail_on_the_second_batch)
    before = _schema()
    with pytest.raises(RuntimeError, match="disk full"):
        generate(300)
    assert _schema() == before
