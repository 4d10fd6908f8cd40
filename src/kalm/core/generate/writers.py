"""Bulk writers: planned rows into SQLite (executemany) or PostgreSQL (COPY).

Rows arrive with their primary keys, so nothing has to be read back. Columns the planner does not
fill (a field added later, say) get the field's default, so the writers keep working as the models
grow; a new required column without a default fails loudly on the first insert.
"""

from __future__ import annotations

import queue
import re
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.db import models

from kalm.cases.models import Case, Message
from kalm.consumers.models import Consumer, ContactIdentity
from kalm.core.database import ANALYSIS_LIMIT
from kalm.dossier.models import DossierEntry, Evidence

from .plan import (
    CASE_COLUMNS,
    CONSUMER_COLUMNS,
    ENTRY_COLUMNS,
    EVIDENCE_COLUMNS,
    IDENTITY_COLUMNS,
    MESSAGE_COLUMNS,
    Rows,
)

# In foreign-key order.
TABLES: list[tuple[str, type[models.Model], Sequence[str]]] = [
    ("consumers", Consumer, CONSUMER_COLUMNS),
    ("identities", ContactIdentity, IDENTITY_COLUMNS),
    ("cases", Case, CASE_COLUMNS),
    ("messages", Message, MESSAGE_COLUMNS),
    ("entries", DossierEntry, ENTRY_COLUMNS),
    ("evidence", Evidence, EVIDENCE_COLUMNS),
]


def _layout(model: type[models.Model], columns: Sequence[str], connection: Any) -> tuple:
    """(all columns, constant values of the columns the planner leaves out, datetime positions)."""
    fields = {f.column: f for f in model._meta.concrete_fields}
    unknown = set(columns) - set(fields)
    if unknown:
        raise RuntimeError(f"{model.__name__} has no column(s) {sorted(unknown)}")
    rest = [f for f in model._meta.concrete_fields if f.column not in columns]
    constants = tuple(
        None if f.null and not f.has_default() else f.get_db_prep_save(f.get_default(), connection)
        for f in rest
    )
    all_columns = (*columns, *(f.column for f in rest))
    stamps = tuple(i for i, c in enumerate(columns) if isinstance(fields[c], models.DateTimeField))
    return all_columns, constants, stamps


class _Pipelined:
    """Writes batches in a second thread while the main thread plans the next ones: sqlite3
    and psycopg let go of the GIL while the database works, so planning (Python) and writing
    (the database) overlap. The queue holds two batches at most, which bounds memory. Without
    ``threaded`` every batch is written at once, in the caller's transaction."""

    threaded = False

    def _start_thread(self) -> None:
        self.queue: queue.Queue[Rows | None] = queue.Queue(maxsize=2)
        self.failure: BaseException | None = None
        self.thread = threading.Thread(target=self._worker, daemon=True)
        self.thread.start()

    def write(self, rows: Rows) -> None:
        if not self.threaded:
            self._write(rows)
            return
        if self.failure is not None:
            raise self.failure
        self.queue.put(rows)

    def _worker(self) -> None:
        while (rows := self.queue.get()) is not None:
            if self.failure is None:
                try:
                    self._write_batch(rows)
                except BaseException as exc:  # raised again in the main thread
                    self.failure = exc

    def _stop_thread(self) -> None:
        if self.threaded:
            self.queue.put(None)
            self.thread.join()
            self.threaded = False
            if self.failure is not None:
                raise self.failure

    def abandon(self) -> None:
        """Stop the thread after a failure elsewhere, without raising its own."""
        if self.threaded:
            self.failure = self.failure or RuntimeError("abandoned")  # skip the queued batches
            self.queue.put(None)
            self.thread.join()
            self.threaded = False

    def _write(self, rows: Rows) -> None:
        raise NotImplementedError

    def _write_batch(self, rows: Rows) -> None:
        raise NotImplementedError


class SqliteWriter(_Pipelined):
    """executemany of plain INSERTs on Django's own connection (so inside its transaction).

    While loading, ``synchronous`` is OFF (a crash mid-load can lose the last batches; the file
    stays consistent in WAL mode) and the page cache is larger; both are put back afterwards.
    The FTS5 triggers of kalm.cases.search fill ``case_fts`` as for any other insert.

    With ``rebuild_indexes`` (a load that is large next to what the tables hold) the written
    tables' indexes and the full-text insert trigger are dropped first; at the end the indexes
    are created again from their own definitions and the full-text table is rebuilt in one pass,
    instead of every row updating a dozen B-trees in random order. The batches are committed as
    they go (one transaction of gigabytes would keep all of it in the write-ahead log), so the
    statements that make the schema whole again are kept in a table of their own
    (``kalm_generate_pending``), committed with the drops: a run that dies half-way leaves
    them there, and the next run of ``generate_cases`` (any size) runs them first."""

    single_transaction = False

    def __init__(self, connection: Any, *, rebuild_indexes: bool = False) -> None:
        self.connection = connection
        self.layouts = {name: _layout(model, cols, connection) for name, model, cols in TABLES}
        self.tables = {name: model._meta.db_table for name, model, _cols in TABLES}
        self.saved: dict[str, Any] = {}
        self.rebuild_indexes = rebuild_indexes

    def start(self) -> None:
        self.connection.ensure_connection()
        raw = self.connection.connection
        if self.connection.in_atomic_block:
            return  # inside the caller's transaction (tests) SQLite refuses to change them
        for pragma in ("synchronous", "cache_size"):
            self.saved[pragma] = raw.execute(f"PRAGMA {pragma}").fetchone()[0]
        raw.execute("PRAGMA synchronous=OFF")
        raw.execute("PRAGMA cache_size=-131072")  # 128 MiB
        if self.rebuild_indexes:
            self._drop_indexes(raw)
        # Django's connection is in autocommit here and shareable between threads (Django opens
        # it with check_same_thread=False); the worker commits each batch itself.
        self.threaded = True
        self._start_thread()

    def repair(self) -> None:
        """Make whole what an earlier large load that died left undone."""
        self.connection.ensure_connection()
        if not self.connection.in_atomic_block:
            sqlite_schema_restore(self.connection.connection)

    def _drop_indexes(self, raw: Any) -> None:
        from kalm.cases.search import SQLITE_FTS_TABLE

        tables = list(self.tables.values())
        found = raw.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND "
            f"tbl_name IN ({', '.join('?' * len(tables))}) AND "
            "(type = 'index' OR (type = 'trigger' AND name = 'case_fts_ai')) ORDER BY rowid",
            tables,
        ).fetchall()
        # Made again in the order the migrations made them: where two indexes look equally good
        # to SQLite's planner it takes the one its schema lists first (at a million cases a
        # load that made them in name order had the inbox count read every case by drill_id,
        # 10 ms, instead of the open cases' partial index).
        # IF NOT EXISTS (which SQLite leaves out of the schema it keeps): a migrate after a run
        # that died may have made the full-text trigger again (kalm.cases.search).
        restore = [_IF_NOT_EXISTS.sub(r"\1 IF NOT EXISTS ", sql, count=1) for *_, sql in found]
        if any(kind == "trigger" for kind, _name, _sql in found):
            restore.append(f"INSERT INTO {SQLITE_FTS_TABLE}({SQLITE_FTS_TABLE}) VALUES ('rebuild')")
        with _raw_transaction(raw):
            raw.execute(
                f"CREATE TABLE {SQLITE_PENDING} (position INTEGER PRIMARY KEY, statement TEXT)"
            )
            raw.executemany(
                f"INSERT INTO {SQLITE_PENDING} (statement) VALUES (?)", [(s,) for s in restore]
            )
            for kind, name, _sql in found:
                raw.execute(f'DROP {kind.upper()} "{name}"')

    def _write_batch(self, rows: Rows) -> None:
        with _raw_transaction(self.connection.connection):
            self._write(rows)

    def _write(self, rows: Rows) -> None:
        raw = self.connection.connection
        for name, _model, _cols in TABLES:
            batch = getattr(rows, name)
            if not batch:
                continue
            columns, constants, stamps = self.layouts[name]
            sql = (
                f'INSERT INTO "{self.tables[name]}" ({", ".join(columns)}) '
                f"VALUES ({', '.join('?' * len(columns))})"
            )
            if stamps:
                batch = [_sqlite_row(row, stamps) + constants for row in batch]
            elif constants:
                batch = [row + constants for row in batch]
            raw.executemany(sql, batch)

    def abandon(self) -> None:
        super().abandon()
        if self.saved:  # the schema made whole again, without the rows that were not written
            sqlite_schema_restore(self.connection.connection)

    def finish(self, progress: Any = None) -> None:
        self._stop_thread()
        raw = self.connection.connection
        if self.saved:
            started = time.monotonic()
            restored = sqlite_schema_restore(raw)
            if restored and progress:
                progress(
                    f"  {restored} indexes and the full-text table rebuilt in "
                    f"{time.monotonic() - started:,.0f}s"
                )
            raw.execute(f"PRAGMA synchronous={int(self.saved['synchronous'])}")
            raw.execute(f"PRAGMA cache_size={int(self.saved['cache_size'])}")
        # Fresh statistics for the planner; a sample is enough and takes seconds, not minutes.
        raw.execute(f"PRAGMA analysis_limit={ANALYSIS_LIMIT}")
        raw.execute("ANALYZE")


SQLITE_PENDING = "kalm_generate_pending"
_IF_NOT_EXISTS = re.compile(r"^(CREATE (?:UNIQUE )?(?:INDEX|TRIGGER)) (?!IF NOT EXISTS)", re.I)


def sqlite_schema_restore(raw: Any) -> int:
    """Run the statements a large SQLite load left to make the schema whole (indexes, the
    full-text trigger and table), in one transaction; returns how many there were."""
    if not raw.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [SQLITE_PENDING]
    ).fetchone():
        return 0
    statements = [
        row[0] for row in raw.execute(f"SELECT statement FROM {SQLITE_PENDING} ORDER BY position")
    ]
    with _raw_transaction(raw):
        for statement in statements:
            raw.execute(statement)
        raw.execute(f"DROP TABLE {SQLITE_PENDING}")
    return len(statements)


@contextmanager
def _raw_transaction(raw: Any) -> Iterator[None]:
    """One write transaction on the sqlite3 connection itself (in autocommit under Django)."""
    raw.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        raw.execute("ROLLBACK")
        raise
    raw.execute("COMMIT")


def _sqlite_row(row: tuple, stamps: tuple[int, ...]) -> tuple:
    """Datetimes as Django's SQLite backend stores them: naive UTC text. The planner's datetimes
    are all in UTC, so that is their str() without the "+00:00"."""
    values = list(row)
    for i in stamps:
        value = values[i]
        if value is not None:
            values[i] = str(value)[:-6]
    return tuple(values)


class PostgresWriter(_Pipelined):
    """COPY … FROM STDIN through psycopg 3 on Django's connection (inside its transaction).

    ``synchronous_commit`` is off for this session while loading (a crash can lose the last
    batches, never corrupt anything). Identity sequences are moved past the written ids at the
    end, so the app's own inserts carry on after them.

    With ``rebuild_indexes`` (a load that is large next to what the tables hold) the secondary
    indexes, unique and foreign-key constraints of the written tables are dropped first and
    created again from their own definitions at the end, as pg_restore does: building an index
    once is far cheaper than updating it row by row (the GIN full-text index and the dossier's
    unique hash most of all), and a foreign key added afterwards is checked in one pass instead
    of one look-up per row. The caller runs the whole load in one transaction then, so a
    failure leaves the schema exactly as it was."""

    single_transaction = False

    def __init__(self, connection: Any, *, rebuild_indexes: bool = False) -> None:
        self.connection = connection
        self.layouts = {name: _layout(model, cols, connection) for name, model, cols in TABLES}
        self.tables = {name: model._meta.db_table for name, model, _cols in TABLES}
        self.rebuild_indexes = self.single_transaction = rebuild_indexes
        self.recreate: list[str] = []

    def repair(self) -> None:
        """Nothing to do: a large load here is one transaction, which a failure rolls back."""

    def start(self) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO OFF")
            if self.rebuild_indexes:
                self._drop_indexes(cursor)
        if self.single_transaction:
            self.threaded = True
            self._start_thread()

    def _drop_indexes(self, cursor: Any) -> None:
        # Partial indexes stay: PostgreSQL prints their WHERE clause in a form that, fed back,
        # is stored differently (equivalent, but no longer the schema the migrations made).
        drops: list[str] = []
        for table in self.tables.values():
            cursor.execute(
                "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE conrelid = %s::regclass AND contype IN ('u', 'f') ORDER BY contype DESC",
                [table],
            )
            for name, definition in cursor.fetchall():
                drops.append(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"')
                self.recreate.append(f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {definition}')
            cursor.execute(
                "SELECT c.relname, pg_get_indexdef(x.indexrelid) FROM pg_index x "
                "JOIN pg_class c ON c.oid = x.indexrelid "
                "WHERE x.indrelid = %s::regclass AND NOT x.indisprimary AND x.indpred IS NULL "
                "AND NOT EXISTS "
                "(SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid "
                "AND k.conrelid = x.indrelid)",
                [table],
            )
            for name, definition in cursor.fetchall():
                drops.append(f'DROP INDEX "{name}"')
                self.recreate.insert(0, definition)  # indexes before the foreign keys
        for statement in drops:
            cursor.execute(statement)

    def _write(self, rows: Rows) -> None:
        with self.connection.cursor() as cursor:
            self._copy(cursor, rows)

    def _write_batch(self, rows: Rows) -> None:
        # Inside the run's one transaction; psycopg's connection lock keeps the two threads'
        # statements apart.
        with self.connection.connection.cursor() as cursor:
            self._copy(cursor, rows)

    def _copy(self, cursor: Any, rows: Rows) -> None:
        for name, _model, _cols in TABLES:
            batch = getattr(rows, name)
            if not batch:
                continue
            columns, constants, _stamps = self.layouts[name]
            sql = f'COPY "{self.tables[name]}" ({", ".join(columns)}) FROM STDIN'
            with cursor.copy(sql) as copy:
                if constants:
                    for row in batch:
                        copy.write_row(row + constants)
                else:
                    for row in batch:
                        copy.write_row(row)

    def finish(self, progress: Any = None) -> None:
        self._stop_thread()
        with self.connection.cursor() as cursor:
            if self.recreate:
                cursor.execute("SET maintenance_work_mem TO '1GB'")
                started, slowest = time.monotonic(), (0.0, "")
                for statement in self.recreate:
                    began = time.monotonic()
                    cursor.execute(statement)
                    slowest = max(slowest, (time.monotonic() - began, statement.split(" ON ")[0]))
                cursor.execute("RESET maintenance_work_mem")
                if progress:
                    progress(
                        f"  {len(self.recreate)} indexes and constraints rebuilt in "
                        f"{time.monotonic() - started:,.0f}s (slowest {slowest[0]:,.0f}s: "
                        f"{slowest[1][:80]})"
                    )
            for table in self.tables.values():
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                    f'(SELECT max(id) FROM "{table}"))'
                )
            cursor.execute("RESET synchronous_commit")
            for table in self.tables.values():
                cursor.execute(f'ANALYZE "{table}"')


def writer_for(connection: Any, *, large: bool = False) -> SqliteWriter | PostgresWriter:
    """The writer for this database; ``large``: the load dwarfs what the tables hold."""
    if connection.vendor == "sqlite":
        return SqliteWriter(connection, rebuild_indexes=large)
    if connection.vendor == "postgresql":
        return PostgresWriter(connection, rebuild_indexes=large)
    raise ValueError(f"generate_cases supports SQLite and PostgreSQL, not {connection.vendor}")
