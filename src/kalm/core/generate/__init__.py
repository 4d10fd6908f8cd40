"""Fill the configured database with N realistic generated cases, fast (``kalm generate_cases``).

The rows are planned in Python exactly as the case actions would write them (see
:mod:`kalm.core.generate.plan`) and written in bulk (:mod:`kalm.core.generate.writers`): COPY on
PostgreSQL, executemany on SQLite, in a second thread so planning and writing overlap. Going
through the actions one case at a time would take hours for a million cases; the result is the
same data the app reads: hash chains that ``kalm verify_dossier`` accepts, ``search_document``
filled as the actions fill it, and the full-text index (SQLite FTS5 triggers, PostgreSQL's
generated tsvector and GIN index) kept by the database itself. A large load on PostgreSQL
builds the secondary indexes and constraints once at the end instead of row by row.

Generated cases are recognised by their reference prefix ``GEN``. A run on a database that
already holds generated cases adds the missing ones up to N (case number i is always the same
for the same seed, agents, teams and anchor day); a database with any other case is refused
unless ``force`` is given, and nothing is ever deleted or changed.
"""

from __future__ import annotations

import hashlib
import struct
import time
import zlib
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import datetime

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connections, transaction
from django.db.models import Max
from django.utils import translation

from kalm.accounts.models import Role, Team, User
from kalm.cases.models import Case, Message, Product
from kalm.consumers.models import Consumer, ContactIdentity
from kalm.dossier.evidence import storage_path_for
from kalm.dossier.models import DossierEntry, Evidence

from . import plan as planning
from . import text
from .plan import BLOCK, REFERENCE_PREFIX, Agent, BlockPlanner, Context, Ids, Rows
from .writers import writer_for

__all__ = ["GenerateRefused", "GenerateResult", "generate_cases", "long_dossier_references"]

FLUSH_CASES = 2000  # cases per transaction: bounded memory, few commits
# From this many new cases on (and more than the database holds), PostgreSQL's indexes are
# built after the load instead of updated row by row (see writers.PostgresWriter).
LARGE_LOAD = 50_000
TEAM_NAMES = [
    ("gen-voedselveiligheid", "Voedselveiligheid"),
    ("gen-kwaliteit", "Kwaliteit"),
    ("gen-apparaten", "Apparaten & garantie"),
    ("gen-bestellingen", "Bestellingen & betalingen"),
    ("gen-klantrelaties", "Klantrelaties"),
    ("gen-social", "Social media"),
    ("gen-escalaties", "Escalaties"),
    ("gen-nacht", "Nachtdienst"),
]


class GenerateRefused(RuntimeError):
    """The database holds data the generator must not mix with, or the arguments make no sense."""


@dataclass
class GenerateResult:
    cases: int = 0  # written by this run
    consumers: int = 0
    messages: int = 0
    entries: int = 0
    evidence: int = 0
    total_cases: int = 0  # generated cases in the database afterwards
    seconds: float = 0.0
    long_references: list[str] = field(default_factory=list)


def generated_cases(using: str = "default"):
    return Case.objects.using(using).filter(reference__startswith=REFERENCE_PREFIX)


def long_dossier_references(limit: int = 5, *, using: str = "default") -> list[str]:
    """References of generated cases with a dossier of 50 entries or more (for benchmarks)."""
    return list(
        generated_cases(using)
        .filter(dossier_length__gte=50)
        .order_by("id")
        .values_list("reference", flat=True)[:limit]
    )


def _agents(count: int, teams: list[Team]) -> list[Agent]:
    """The generated agents (``gen-agent-001`` …), created when missing, each in one team; the
    first agent of every team is its lead. Aliases are what consumers see in replies."""
    agents = []
    for k in range(count):
        first = text.FIRST_NAMES[(k * 7) % len(text.FIRST_NAMES)]
        last = text.LAST_NAMES[(k * 11) % len(text.LAST_NAMES)]
        team = teams[k % len(teams)]
        username = f"gen-agent-{k + 1:03d}"
        user = User.objects.filter(username=username).first()
        if user is None:
            alias = f"{first} {last.split()[-1][0]}."
            if User.objects.filter(alias=alias).exists():
                alias = f"{first} {k + 1}"
            user = User(
                username=username,
                first_name=first,
                last_name=last,
                alias=alias,
                email=f"{username}@example.org",
                role=Role.LEAD if k < len(teams) else Role.AGENT,
            )
            user.set_unusable_password()
            user.save()
            user.teams.add(team)
        agents.append(Agent(user.pk, user.alias or "", user.internal_name, k % len(teams)))
    return agents


def _teams(count: int) -> list[Team]:
    teams = []
    for k in range(count):
        slug, name = TEAM_NAMES[k] if k < len(TEAM_NAMES) else (f"gen-team-{k}", f"Team {k + 1}")
        team = Team.objects.filter(slug=slug).first()
        if team is None:
            if Team.objects.filter(name=name).exists():
                name = f"{name} (gen)"
            team = Team.objects.create(slug=slug, name=name)
        teams.append(team)
    return teams


def _products() -> list[tuple[int, str, str]]:
    products = []
    for brand, name, sku, category in text.PRODUCTS:
        product, _created = Product.objects.get_or_create(brand=brand, name=name, sku=sku)
        products.append((product.pk, f"{brand} {name}", category))
    return products


def _png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A small real PNG (a coloured gradient), so evidence downloads open as images."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(
        b"\x00"
        + bytes(
            channel
            for x in range(width)
            for channel in (
                (rgb[0] + x * 2) % 256,
                (rgb[1] + y * 3) % 256,
                (rgb[2] + x + y) % 256,
            )
        )
        for y in range(height)
    )
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def _files() -> list[tuple[str, int, str, str]]:
    """Six small real image files in evidence storage; every generated evidence row points at
    one of them (evidence is stored by content hash, so sharing a file is what the app does
    for identical uploads too)."""
    files = []
    for k, rgb in enumerate([(200, 40, 40), (40, 160, 60), (30, 60, 200), (220, 180, 20),
                             (120, 120, 120), (90, 30, 140)]):  # fmt: skip
        data = _png(48 + 8 * k, 36 + 6 * k, rgb)
        sha = hashlib.sha256(data).hexdigest()
        path = storage_path_for(sha)
        if not default_storage.exists(path):
            default_storage.save(path, ContentFile(data))
        files.append((sha, len(data), "image/png", path))
    return files


def _next_ids(using: str) -> Ids:
    def next_id(model) -> int:
        return (model.objects.using(using).aggregate(m=Max("id"))["m"] or 0) + 1

    return Ids(
        consumer=next_id(Consumer),
        identity=next_id(ContactIdentity),
        case=next_id(Case),
        message=next_id(Message),
        entry=next_id(DossierEntry),
        evidence=next_id(Evidence),
    )


def generate_cases(
    *,
    cases: int,
    seed: int,
    agents: int = 50,
    teams: int = 5,
    force: bool = False,
    anchor: datetime | None = None,
    progress: Callable[[str], None] = lambda line: None,
    using: str = "default",
) -> GenerateResult:
    """Make the database hold ``cases`` generated cases (adding what is missing).

    Refuses (GenerateRefused) when the database holds cases that were not generated, unless
    ``force``; then generated cases are added next to them and nothing existing is touched."""
    if cases < 0:
        raise GenerateRefused("--cases must be 0 or more")
    if agents < 1 or teams < 1 or teams > agents:
        raise GenerateRefused(
            "--agents and --teams must be at least 1, with no more teams than agents"
        )
    started = time.monotonic()
    connection = connections[using]
    existing = generated_cases(using).count()
    large = cases - existing >= LARGE_LOAD and cases - existing >= Case.objects.using(using).count()
    writer = writer_for(connection, large=large)
    writer.repair()
    if (
        not force
        and Case.objects.using(using).exclude(reference__startswith=REFERENCE_PREFIX).exists()
    ):
        raise GenerateRefused(
            "This database holds cases that were not generated; refusing to mix generated data "
            "with them. Use another database, or --force to add generated cases anyway "
            "(nothing existing is changed or removed)."
        )
    result = GenerateResult(total_cases=existing)
    if existing >= cases:
        progress(f"The database already holds {existing:,} generated cases; nothing to add.")
        result.seconds = time.monotonic() - started
        result.long_references = long_dossier_references(using=using)
        return result

    with translation.override("nl"):  # dossier summaries in the organisation's language
        team_rows = _teams(teams)
        ctx = Context(
            seed=seed,
            anchor=anchor or planning.anchor_for(None),
            agents=_agents(agents, team_rows),
            teams=[planning.Team(t.pk, t.name) for t in team_rows],
            products=_products(),
            files=_files(),
            span_cases=cases,
        )
        planner = BlockPlanner(ctx, _next_ids(using))
        progress(
            f"Generating cases {existing + 1:,} to {cases:,} (seed {seed}, anchor "
            f"{ctx.anchor:%Y-%m-%d}, {agents} agents in {teams} teams) on {connection.vendor}…"
        )
        rows = Rows()
        last_report = time.monotonic()
        whole = transaction.atomic(using=using) if writer.single_transaction else nullcontext()
        # The SQLite pragmas belong to this connection: a failed run leaves them with it.
        with whole:
            writer.start()
            try:
                done = existing
                pending = 0
                for block in range(existing // BLOCK, (cases + BLOCK - 1) // BLOCK):
                    start = max(existing, block * BLOCK)
                    stop = min(cases, (block + 1) * BLOCK)
                    planner.plan_block(
                        block,
                        start=start,
                        stop=stop,
                        existing_consumers=_consumers_lookup(using)
                        if start > block * BLOCK
                        else None,
                        rows=rows,
                    )
                    pending += stop - start
                    done = stop
                    if pending >= FLUSH_CASES or done == cases:
                        rows = _flush(writer, rows, result, using)
                        pending = 0
                        if time.monotonic() - last_report > 10 or done == cases:
                            last_report = time.monotonic()
                            elapsed = last_report - started
                            progress(
                                f"  {done:>11,} / {cases:,} cases  "
                                f"({(done - existing) / elapsed:,.0f} cases/s, {elapsed:,.0f}s)"
                            )
                writer.finish(progress)
            except BaseException:
                writer.abandon()
                raise
    result.total_cases = done
    result.seconds = time.monotonic() - started
    return result


def _consumers_lookup(using: str) -> Callable[[list[str]], dict[str, int]]:
    """For a block an earlier run stopped in: the ids of its consumers that already exist."""

    def lookup(keys: list[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        for field_name in ("email", "phone"):
            wanted = [k for k in keys if k and ("@" in k) == (field_name == "email")]
            for pk, value in (
                Consumer.objects.using(using)
                .filter(**{f"{field_name}__in": wanted})
                .values_list("id", field_name)
            ):
                found.setdefault(value, pk)
        return found

    return lookup


def _flush(writer, rows: Rows, result: GenerateResult, using: str) -> Rows:
    """Hand the rows to the writer; returns the (empty) Rows to plan the next batch into."""
    if writer.threaded:
        writer.write(rows)  # queued: written (and committed) by the writer's thread
    else:
        with transaction.atomic(using=using):
            writer.write(rows)
    result.cases += len(rows.cases)
    result.consumers += len(rows.consumers)
    result.messages += len(rows.messages)
    result.entries += len(rows.entries)
    result.evidence += len(rows.evidence)
    if len(result.long_references) < 5:
        result.long_references += rows.long_references[: 5 - len(result.long_references)]
    if writer.threaded:
        return Rows()
    rows.clear()
    return rows
