"""What the generated cases look like: one block of cases at a time, as plain row tuples.

Cases are planned in blocks of ``BLOCK`` with a random generator seeded by (seed, block), so case
number i always comes out the same whatever N is and however the work was split over runs. A
block's consumers belong to that block: about ``CONSUMERS_PER_BLOCK`` people, most with one case
and a few with many.

Every row is built the way the case actions would have written it (kalm.cases.actions,
kalm.dossier.actions, kalm.dossier.evidence): the same dossier entry kinds, summaries and
payloads, the same ``search_document`` text, and the hash chain computed with
kalm.dossier.chain.entry_hash, so ``kalm verify_dossier`` passes.
"""

from __future__ import annotations

import hashlib
import json
import random
from bisect import bisect
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from django.utils.translation import gettext as _

from kalm.cases.models import Channel, Message, Status
from kalm.dossier.chain import GENESIS
from kalm.dossier.models import ActorType, EntryKind

from . import text

BLOCK = 100
CONSUMERS_PER_BLOCK = 30  # 0.3 consumers per case
REFERENCE_PREFIX = (
    "GEN"  # marks generated cases; the app's own prefix is KALM_CASE_REFERENCE_PREFIX
)
EMAIL_MARK = ".gen"  # in every generated consumer's email address: never a real person's
SPAN_DAYS = 730
LONG_EVERY = 64  # one case in 64 has a long dossier (50+ entries)
SEARCH_LIMIT = 20000  # as kalm.cases.actions._search_document
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

CHANNELS = [
    ("email", 35),
    ("web", 30),
    ("phone", 15),
    ("chat", 11),
    ("social", 7),
    ("api", 1),
    ("in_person", 1),
]
CHANNEL_NAMES = [c for c, _w in CHANNELS]
CHANNEL_CUM = [sum(w for _c, w in CHANNELS[: k + 1]) for k in range(len(CHANNELS))]
PRIORITIES = ["low", "normal", "high", "urgent"]
PRIORITY_CUM = [15, 75, 95, 100]
# Which team takes which kind of case (index into the generated teams, modulo their number).
SCENARIO_TEAM = {
    "exploded": 0,
    "mould": 0,
    "foreign": 0,
    "allergy": 0,
    "taste": 1,
    "packaging": 1,
    "question": 1,
    "broken": 2,
    "delivery": 3,
    "billing": 3,
    "service": 4,
    "compliment": 4,
}
# Status mix by the case's age in days: old cases are nearly all closed.
STATUS_BY_AGE = [
    (1, {"new": 55, "open": 30, "waiting_consumer": 5, "waiting_us": 5, "solution_proposed": 5}),
    (
        7,
        {
            "new": 10,
            "open": 25,
            "waiting_consumer": 15,
            "waiting_us": 15,
            "solution_proposed": 10,
            "resolved": 15,
            "closed": 8,
            "reopened": 2,
        },
    ),
    (
        30,
        {
            "new": 2,
            "open": 8,
            "waiting_consumer": 8,
            "waiting_us": 8,
            "solution_proposed": 6,
            "resolved": 18,
            "closed": 48,
            "reopened": 2,
        },
    ),
    (
        SPAN_DAYS + 1,
        {
            "open": 0.4,
            "waiting_consumer": 0.3,
            "waiting_us": 0.5,
            "solution_proposed": 0.3,
            "resolved": 1.5,
            "closed": 96.5,
            "reopened": 0.5,
        },
    ),
]
_STATUS_TABLES = [
    (limit, list(mix), [sum(list(mix.values())[: k + 1]) for k in range(len(mix))])
    for limit, mix in STATUS_BY_AGE
]
DUE_HOURS = {"urgent": 2, "high": 8, "normal": 24, "low": 72}


@dataclass(frozen=True)
class Agent:
    id: int
    alias: str
    label: str  # User.internal_name
    team: int  # index into Context.teams


@dataclass(frozen=True)
class Team:
    id: int
    name: str


@dataclass
class Context:
    """What every block needs: the seed, the time anchor, agents, teams, products, files."""

    seed: int
    anchor: datetime  # "now" of the generated world; same anchor + seed → same data
    agents: list[Agent]
    teams: list[Team]
    products: list[tuple[int, str, str]]  # (id, display name, category)
    files: list[tuple[str, int, str, str]]  # (sha256, size, content type, storage path)
    labels: dict[str, str] = field(default_factory=dict)
    team_agents: list[list[Agent]] = field(default_factory=list)
    # How many cases the world holds: case i is then created at its place in time (ids grow
    # with time, as in production, where PostgreSQL's newest-first search and every "latest"
    # index walk rely on it). 0: each case at a random moment of the two years.
    span_cases: int = 0

    def __post_init__(self) -> None:
        # In UTC, as every generated datetime is (the SQLite writer relies on it).
        self.anchor = self.anchor.astimezone(UTC)
        # Translated once, in the language that is active while generating.
        self.labels = {
            **{f"status:{s}": str(Status(s).label) for s in Status.values},
            **{f"channel:{c}": str(Channel(c).label) for c in Channel.values},
            "opened": _("Case opened via %(channel)s"),
            "assigned": _("Assigned to %(who)s / %(team)s"),
            "status": _("Status: %(from)s → %(to)s"),
            "file": _("File added: %(name)s"),
            "wrote_again": _("Consumer wrote again"),
        }
        self.team_agents = [
            [a for a in self.agents if a.team == t] or self.agents for t in range(len(self.teams))
        ]


@dataclass
class Ids:
    """The next free primary key of each table: rows are written with their ids."""

    consumer: int
    identity: int
    case: int
    message: int
    entry: int
    evidence: int


@dataclass
class Rows:
    consumers: list[tuple] = field(default_factory=list)
    identities: list[tuple] = field(default_factory=list)
    cases: list[tuple] = field(default_factory=list)
    messages: list[tuple] = field(default_factory=list)
    entries: list[tuple] = field(default_factory=list)
    evidence: list[tuple] = field(default_factory=list)
    long_references: list[str] = field(default_factory=list)

    def clear(self) -> None:
        for name in (
            "consumers",
            "identities",
            "cases",
            "messages",
            "entries",
            "evidence",
            "long_references",
        ):
            getattr(self, name).clear()


CONSUMER_COLUMNS = ("id", "kind", "name", "email", "phone", "language", "created_at")
IDENTITY_COLUMNS = ("id", "consumer_id", "kind", "value", "verified", "created_at")
CASE_COLUMNS = (
    "id",
    "reference",
    "subject",
    "consumer_id",
    "channel",
    "status",
    "priority",
    "team_id",
    "assignee_id",
    "product_id",
    "batch_number",
    "language",
    "created_at",
    "updated_at",
    "first_response_due_at",
    "first_responded_at",
    "resolved_at",
    "closed_at",
    "search_document",
    "dossier_length",
    "dossier_head",
)
MESSAGE_COLUMNS = (
    "id",
    "case_id",
    "kind",
    "channel",
    "body",
    "author_id",
    "author_alias",
    "created_at",
)
ENTRY_COLUMNS = (
    "id",
    "case_id",
    "seq",
    "kind",
    "created_at",
    "actor_type",
    "actor_id",
    "actor_label",
    "actor_alias",
    "summary",
    "payload",
    "public",
    "prev_hash",
    "hash",
)
EVIDENCE_COLUMNS = (
    "id",
    "case_id",
    "sha256",
    "size",
    "content_type",
    "original_name",
    "storage_path",
    "uploaded_at",
    "captured_at",
    "uploaded_by_id",
    "from_consumer",
    "message_id",
)


def reference(index: int, year: int) -> str:
    """Case number ``index`` as a reference like ``GEN25-7F3Q9X``: unique per index (an odd
    multiplier permutes the 32**6 bodies), scattered like the app's random ones."""
    n = (index * 0x2545F491 + 0x1D872B41) % (32**6)
    body = ""
    for _k in range(6):
        n, r = divmod(n, 32)
        body = _ALPHABET[r] + body
    return f"{REFERENCE_PREFIX}{year % 100:02d}-{body}"


def consumer_email(index: int, first: str, last: str, domain: str) -> str:
    local = f"{first}.{last}".lower().replace(" ", "").replace("&", "")
    return f"{local}{EMAIL_MARK}{index}@{domain}"


def consumer_phone(index: int) -> str:
    # A bijection of the index onto 8 digits (7919 is prime to 10**8): unique per consumer.
    return f"06 {(index * 7919 + 31415926) % 10**8:08d}"


def normalised_phone(phone: str) -> str:
    """As kalm.consumers.actions.normalise_phone for the numbers made above."""
    return "+31" + phone.replace(" ", "")[1:]


_canonical_json = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode
_json_string = json.encoder.encode_basestring  # a JSON string literal, non-ASCII kept


def fast_entry_hash(
    case_json: str,
    seq: int,
    kind: str,
    at: datetime,
    actor_type: str,
    actor_id: int | None,
    actor_label: str,
    actor_alias: str,
    summary: str,
    payload_json: str,
    public: bool,
    prev_hash: str,
) -> str:
    """kalm.dossier.chain.entry_hash, spelled out: the same canonical JSON (keys sorted, compact,
    UTF-8) written directly instead of through a dict, about twice as fast. ``at`` must be in
    UTC; the tests compare it with entry_hash, and ``kalm verify_dossier`` checks the result."""
    text_ = (
        f'{{"actor_alias":{_json_string(actor_alias)},'
        f'"actor_id":{"null" if actor_id is None else actor_id},'
        f'"actor_label":{_json_string(actor_label)},'
        f'"actor_type":{_json_string(actor_type)},'
        f'"case":{case_json},'
        f'"created_at":"{at.isoformat(timespec="microseconds")}",'
        f'"kind":{_json_string(kind)},'
        f'"payload":{payload_json},'
        f'"prev_hash":"{prev_hash}",'
        f'"public":{"true" if public else "false"},'
        f'"seq":{seq},'
        f'"summary":{_json_string(summary)}}}'
    )
    return hashlib.sha256(text_.encode()).hexdigest()


def _age_days(rng: random.Random) -> float:
    """Days before the anchor; density falls linearly to half over two years (more recent
    volume), then weekends and nights are thinned out."""
    while True:
        x = 2 - (4 - 3 * rng.random()) ** 0.5  # f(x) ∝ 2 - x on [0, 1]
        days = x * SPAN_DAYS
        when_hour = (days * 24) % 24
        weekday = int(days) % 7
        keep = 1.0 if 7 <= (24 - when_hour) % 24 <= 21 else 0.35
        if weekday in (0, 1):
            keep *= 0.6
        if rng.random() < keep:
            return days


def _age_days_at(rng: random.Random, index: int, total: int) -> float:
    """Days before the anchor of case ``index`` of ``total``, in creation order: the same density
    as :func:`_age_days` (falling linearly to half over two years), case 0 the oldest, so ids grow
    with time. Nights are thinned within each day; weekends are not (the order must hold)."""
    q = min(1.0, (index + rng.random()) / total)  # the share of cases created before this one
    x = 2 - (4 - 3 * (1 - q)) ** 0.5  # inverse of P(age > x) = 1 - (4x - x^2) / 3
    day = int(x * SPAN_DAYS)
    while True:
        days = day + rng.random()
        when_hour = (days * 24) % 24
        if 7 <= (24 - when_hour) % 24 <= 21 or rng.random() < 0.35:
            return min(days, SPAN_DAYS)


def _status_for(rng: random.Random, age_days: float) -> str:
    for limit, names, cum in _STATUS_TABLES:
        if age_days < limit:
            return names[bisect(cum, rng.random() * cum[-1])]
    return "closed"  # pragma: no cover - ages stop at SPAN_DAYS


def _search_document(doc: str, base: str, extra: str) -> str:
    """kalm.cases.actions._search_document, on plain strings."""
    text_ = f"{doc} {extra}" if doc else f"{base} {extra}"
    return text_.strip()[:SEARCH_LIMIT]


class BlockPlanner:
    """Turns block numbers into rows. One planner per run; it carries the id counters."""

    def __init__(self, ctx: Context, ids: Ids) -> None:
        self.ctx = ctx
        self.ids = ids
        self.products_by_category: dict[str, list[tuple[int, str, str]]] = {}
        for product in ctx.products:
            self.products_by_category.setdefault(product[2], []).append(product)

    # -- consumers -------------------------------------------------------------------------------

    def _consumer(self, rng: random.Random, index: int) -> dict[str, Any]:
        english = rng.random() < 0.25
        organisation = rng.random() < 0.03
        first, last = rng.choice(text.FIRST_NAMES), rng.choice(text.LAST_NAMES)
        name = rng.choice(text.ORGANISATIONS) if organisation else f"{first} {last}"
        has_email = rng.random() < 0.88
        has_phone = (not has_email) or rng.random() < 0.55
        return {
            "index": index,
            "kind": "organisation" if organisation else "person",
            "name": name,
            "first": first,
            "email": consumer_email(index, first, last, rng.choice(text.EMAIL_DOMAINS))
            if has_email
            else "",
            "phone": consumer_phone(index) if has_phone else "",
            "language": "en" if english else "nl",
        }

    def plan_block(
        self,
        block: int,
        *,
        start: int,
        stop: int,
        existing_consumers: Callable[[list[str]], dict[str, int]] | None,
        rows: Rows,
    ) -> None:
        """Append the rows of cases ``start``..``stop``-1 (global case numbers, inside ``block``).

        The whole block is always drawn (so a case's data never depends on where a run
        stopped); only the requested cases are written. ``existing_consumers`` maps the emails or
        phones of consumers an earlier run already wrote for this block to their ids; it is only
        given (and only asked) when an earlier run stopped inside this block."""
        ctx = self.ctx
        rng = random.Random(f"kalm-generate:{ctx.seed}:{block}")
        consumers = [
            self._consumer(rng, block * CONSUMERS_PER_BLOCK + j) for j in range(CONSUMERS_PER_BLOCK)
        ]
        # Everyone has at least one case; the rest go to a few people (repeat complainers).
        owners = list(range(CONSUMERS_PER_BLOCK))
        weights = [1 / (j + 1) ** 1.1 for j in range(CONSUMERS_PER_BLOCK)]
        owners += rng.choices(range(CONSUMERS_PER_BLOCK), weights=weights, k=BLOCK - len(owners))
        rng.shuffle(owners)
        plans = [
            self._draw_case(rng, block * BLOCK + k, consumers[owners[k]]) for k in range(BLOCK)
        ]
        known = (
            existing_consumers([p["email"] or p["phone"] for p in consumers])
            if existing_consumers is not None
            else {}
        )
        first_seen: dict[int, datetime] = {}
        for k, plan in enumerate(plans):
            j = owners[k]
            if j not in first_seen or plan["created"] < first_seen[j]:
                first_seen[j] = plan["created"]
        consumer_ids: dict[int, int] = {}
        for k in range(start - block * BLOCK, stop - block * BLOCK):
            j = owners[k]
            if j in consumer_ids:
                continue
            person = consumers[j]
            if (person["email"] or person["phone"]) in known:
                consumer_ids[j] = known[person["email"] or person["phone"]]
                continue
            consumer_ids[j] = cid = self.ids.consumer
            self.ids.consumer += 1
            created = first_seen[j]
            rows.consumers.append(
                (
                    cid,
                    person["kind"],
                    person["name"],
                    person["email"],
                    person["phone"],
                    person["language"],
                    created,
                )
            )
            if person["email"]:
                rows.identities.append(
                    (self.ids.identity, cid, "email", person["email"], False, created)
                )
                self.ids.identity += 1
            if person["phone"]:
                rows.identities.append(
                    (
                        self.ids.identity,
                        cid,
                        "phone",
                        normalised_phone(person["phone"]),
                        False,
                        created,
                    )
                )
                self.ids.identity += 1
        for k in range(start - block * BLOCK, stop - block * BLOCK):
            self._write_case(plans[k], consumer_ids[owners[k]], consumers[owners[k]], rows)

    # -- cases -----------------------------------------------------------------------------------

    def _draw_case(self, rng: random.Random, index: int, person: dict[str, Any]) -> dict[str, Any]:
        """Everything random about one case, drawn in a fixed order."""
        ctx = self.ctx
        age = _age_days_at(rng, index, ctx.span_cases) if ctx.span_cases else _age_days(rng)
        created = ctx.anchor - timedelta(days=age, microseconds=rng.randrange(10**6))
        status = _status_for(rng, age)
        long = index % LONG_EVERY == 17
        if long and status == "new":
            status = "open"
        scenario = text.SCENARIOS[bisect(text.SCENARIO_CUM, rng.random() * text.SCENARIO_CUM[-1])]
        product = None
        if scenario.categories:
            options = [p for c in scenario.categories for p in self.products_by_category.get(c, [])]
            product = rng.choice(options) if options else None
        batch = ""
        if product is not None and product[2] != "appliance" and rng.random() < 0.7:
            batch = text.batch_code(rng)
        order = f"{created.year % 100:02d}{rng.randrange(10**6, 10**7)}"
        english = person["language"] == "en"
        when = (created - timedelta(days=rng.randrange(1, 30))).strftime("%d-%m-%Y")
        slots = text.fill_slots(
            rng,
            name=person["first"] if person["kind"] == "person" else person["name"],
            product=product[1] if product else "",
            batch=batch,
            order=order,
            when=when,
        )
        subject, body = text.opening(rng, scenario, english, slots)
        channel = CHANNEL_NAMES[bisect(CHANNEL_CUM, rng.random() * CHANNEL_CUM[-1])]
        if not person["email"] and channel in ("email", "web"):
            channel = "phone"
        priority = (
            scenario.priority
            if rng.random() < 0.7
            else PRIORITIES[bisect(PRIORITY_CUM, rng.random() * PRIORITY_CUM[-1])]
        )
        team_index = SCENARIO_TEAM.get(scenario.code, 0) % len(ctx.teams)
        pool = ctx.team_agents[team_index]
        # A few agents carry most of a team's cases, as in any real team.
        agent = pool[min(int(rng.paretovariate(1.5)) - 1, len(pool) - 1)] if pool else None
        if long:
            rounds = rng.randrange(24, 34)
        elif status == "new":
            rounds = 0
        else:
            rounds = min(int(rng.expovariate(1 / 1.5)), 12)
        return {
            "index": index,
            "created": created,
            "age": age,
            "status": status,
            "scenario": scenario,
            "product": product,
            "batch": batch,
            "english": english,
            "slots": slots,
            "subject": subject,
            "body": body,
            "channel": channel,
            "priority": priority,
            "team": ctx.teams[team_index],
            "agent": agent,
            "rounds": rounds,
            "rng_state": rng.getrandbits(64),  # the seed of this case's own timeline
        }

    def _write_case(
        self, plan: dict[str, Any], consumer_id: int, person: dict[str, Any], rows: Rows
    ) -> None:
        ctx, ids, labels = self.ctx, self.ids, self.ctx.labels
        rng = random.Random(plan["rng_state"])
        created: datetime = plan["created"]
        channel, status, english = plan["channel"], plan["status"], plan["english"]
        agent: Agent | None = plan["agent"]
        team: Team = plan["team"]
        slots = plan["slots"]
        case_id = ids.case
        ids.case += 1
        ref = reference(plan["index"], created.year)
        product = plan["product"]
        opened_by = agent if channel in ("phone", "in_person") else None
        reply_channel = channel if channel != "web" else "email"

        # The timeline as (seconds after opening, kind, details); times are compressed below
        # when the story would run past the anchor.
        events: list[tuple[float, str, Any]] = [(0.0, "opened", None), (0.0, "first", None)]
        evidence_left = rng.random() < plan["scenario"].evidence * 0.5 and opened_by is None
        if evidence_left:
            events.append((30.0, "evidence", rng.randrange(1, 4)))
            evidence_left = False
        t = 0.0
        if status != "new":
            due = DUE_HOURS[plan["priority"]] * 3600
            first_reply = due * rng.lognormvariate(-0.9, 0.7)
            events.append((min(first_reply * rng.random(), 4 * 3600), "assigned", None))
            t = first_reply
            events.append((t, "out", None))
            events.append((t + 0.001, "status", ("new", "open", "")))
            for _round in range(plan["rounds"]):
                t += rng.uniform(1800, 3 * 86400)
                events.append((t, "in", None))
                if rng.random() < 0.08:
                    events.append((t + 20, "evidence", rng.randrange(1, 3)))
                if rng.random() < 0.12:
                    t += rng.uniform(600, 86400)
                    events.append((t, "note", None))
                t += rng.uniform(1200, 2 * 86400)
                events.append((t, "out", None))
            t += rng.uniform(60, 3600)
            if status in ("waiting_consumer", "waiting_us", "solution_proposed", "resolved"):
                events.append((t, "status", ("open", status, "")))
            elif status == "closed":
                if rng.random() < 0.3:
                    events.append((t, "status", ("open", "closed", "")))
                else:
                    events.append((t, "status", ("open", "resolved", "")))
                    t += 7 * 86400 + rng.uniform(0, 86400)
                    events.append((t, "close", None))
            elif status == "reopened":
                events.append((t, "status", ("open", "resolved", "")))
                t += rng.uniform(86400, 10 * 86400)
                events.append((t, "in", None))
                events.append((t + 0.001, "reopen", None))
        events.sort(key=lambda event: event[0])  # stable: same-time events keep their order
        room = (ctx.anchor - created).total_seconds() - 1
        scale = min(1.0, room / t) if t > 0 else 1.0

        consumer_name, consumer_email, consumer_phone = (
            person["name"],
            person["email"],
            person["phone"],
        )
        base = " ".join(
            p
            for p in [
                ref,
                plan["subject"],
                consumer_name,
                consumer_email,
                consumer_phone,
                plan["batch"],
            ]
            if p
        )
        doc = ""
        prev = GENESIS
        seq = 0
        first_responded = resolved = closed = None
        last_message_id: int | None = None
        updated = created
        entries = rows.entries
        ref_json = _json_string(ref)

        def entry(
            at: datetime,
            kind: str,
            summary: str,
            payload: dict,
            *,
            actor: Agent | None,
            actor_type: str,
            public: bool,
        ) -> None:
            nonlocal prev, seq
            seq += 1
            summary = summary[:500]
            payload_json = _canonical_json(payload)
            actor_id = actor.id if actor else None
            label, alias = (actor.label, actor.alias) if actor else ("", "")
            digest = fast_entry_hash(
                ref_json, seq, kind, at, actor_type, actor_id, label, alias, summary,
                payload_json, public, prev,
            )  # fmt: skip
            entries.append(
                (ids.entry, case_id, seq, kind, at, actor_type, actor_id, label, alias, summary,
                 payload_json, public, prev, digest)
            )  # fmt: skip
            ids.entry += 1
            prev = digest

        def message(at: datetime, kind: str, body: str, author: Agent | None, chan: str) -> None:
            nonlocal last_message_id, doc
            mid = ids.message
            ids.message += 1
            rows.messages.append(
                (mid, case_id, kind, chan, body, author.id if author else None,
                 author.alias if author else "", at)
            )  # fmt: skip
            entry_kind, public = {
                "inbound": (EntryKind.MESSAGE_IN, True),
                "outbound": (EntryKind.MESSAGE_OUT, True),
                "note": (EntryKind.NOTE, False),
                "phone": (EntryKind.PHONE_CALL, False),
            }[kind]
            stripped = body.strip()
            entry(
                at,
                entry_kind,
                stripped.splitlines()[0][:200] if stripped else "",
                {"message_id": mid, "channel": chan, "body": body},
                actor=author,
                actor_type=ActorType.CONSUMER if kind == "inbound" else (
                    ActorType.AGENT if author else ActorType.SYSTEM
                ),
                public=public,
            )  # fmt: skip
            last_message_id = mid
            doc = _search_document(doc, base, body)

        for offset, kind, detail in events:
            at = created + timedelta(seconds=offset * scale)
            if kind == "opened":
                entry(
                    at,
                    EntryKind.CASE_OPENED,
                    labels["opened"] % {"channel": labels[f"channel:{channel}"]},
                    {
                        "reference": ref,
                        "consumer": {
                            "name": consumer_name,
                            "email": consumer_email,
                            "phone": consumer_phone,
                        },
                        "subject": plan["subject"],
                        "product": product[1] if product else "",
                        "batch_number": plan["batch"],
                        "expectations": [],
                        "expectation_other": "",
                        "priority": plan["priority"],
                    },
                    actor=opened_by,
                    actor_type=ActorType.AGENT if opened_by else ActorType.CONSUMER,
                    public=True,
                )
            elif kind == "first":
                kind_ = Message.Kind.PHONE if channel == "phone" and opened_by else "inbound"
                message(at, kind_, plan["body"], opened_by, channel)
            elif kind == "in":
                message(at, "inbound", text.followup(rng, english, slots), None, channel)
            elif kind == "out" and agent is not None:
                message(at, "outbound", text.reply(rng, english, slots, agent.alias), agent,
                        reply_channel)  # fmt: skip
                if first_responded is None:
                    first_responded = at
            elif kind == "note" and agent is not None:
                message(at, "note", text.note(rng, slots), agent, channel)
            elif kind == "evidence":
                for _n in range(detail):
                    sha, size, content_type, path = rng.choice(ctx.files)
                    extension = content_type.rsplit("/", 1)[-1].replace("jpeg", "jpg")
                    name = f"IMG_{rng.randrange(1000, 9999)}.{extension}"
                    eid = ids.evidence
                    ids.evidence += 1
                    rows.evidence.append(
                        (eid, case_id, sha, size, content_type, name, path, at, None, None, True,
                         last_message_id)
                    )  # fmt: skip
                    entry(
                        at,
                        EntryKind.EVIDENCE,
                        labels["file"] % {"name": name},
                        {
                            "evidence_id": eid,
                            "sha256": sha,
                            "size": size,
                            "content_type": content_type,
                            "original_name": name,
                            "captured_at": None,
                        },
                        actor=None,
                        actor_type=ActorType.CONSUMER,
                        public=True,
                    )
            elif kind == "assigned" and agent is not None:
                entry(
                    at,
                    EntryKind.ASSIGNED,
                    labels["assigned"] % {"who": agent.label, "team": team.name},
                    {
                        "assignee_id": agent.id,
                        "assignee": agent.label,
                        "team_id": team.id,
                        "team": team.name,
                    },
                    actor=agent,
                    actor_type=ActorType.AGENT,
                    public=False,
                )
            elif kind in ("status", "close", "reopen"):
                if kind == "close":
                    frm, to, reason, actor = "resolved", "closed", "", None
                elif kind == "reopen":
                    frm, to, reason, actor = "resolved", "reopened", labels["wrote_again"], None
                else:
                    frm, to, reason = detail
                    actor = agent
                if to == "resolved":
                    resolved = at
                elif to == "closed":
                    closed = at
                elif to == "reopened":
                    resolved = closed = None
                entry(
                    at,
                    EntryKind.STATUS,
                    labels["status"]
                    % {"from": labels[f"status:{frm}"], "to": labels[f"status:{to}"]},
                    {"from": frm, "to": to, "reason": reason},
                    actor=actor,
                    actor_type=ActorType.AGENT if actor else ActorType.SYSTEM,
                    public=True,
                )
            updated = at
        if seq >= 50:
            rows.long_references.append(ref)
        rows.cases.append(
            (
                case_id,
                ref,
                plan["subject"],
                consumer_id,
                channel,
                status,
                plan["priority"],
                team.id,
                agent.id if agent is not None and status != "new" else None,
                product[0] if product else None,
                plan["batch"],
                person["language"],
                created,
                updated,
                created + timedelta(hours=DUE_HOURS[plan["priority"]]),
                first_responded,
                resolved,
                closed,
                doc,
                seq,
                prev,
            )
        )


def anchor_for(day: str | None) -> datetime:
    """The generated world's "now": midnight (UTC) starting the given day (YYYY-MM-DD), by
    default today's, so runs on the same day with the same seed write the same data."""
    if day:
        start = datetime.strptime(day, "%Y-%m-%d").replace(tzinfo=UTC)
    else:
        start = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    return start
