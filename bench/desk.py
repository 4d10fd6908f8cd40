"""Benchmark the agents' desk on a large synthetic data set.

    .venv/bin/python bench/desk.py                    # 100,000 cases in var/bench/desk-100000.sqlite3
    .venv/bin/python bench/desk.py --cases 2000       # a quick check
    .venv/bin/python bench/desk.py --cases 1000000    # the million-case desk
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kalm_bench .venv/bin/python bench/desk.py

Fills a SEPARATE database (a SQLite file under var/bench/ unless DATABASE_URL is given; a
PostgreSQL database must be empty or an earlier bench database) with N cases, their consumers,
messages and dossier entries. Rows are written with bulk_create, not through the per-case actions
(which would take hours for a million cases), but the dossier hash chains are computed exactly as
the app does (kalm.dossier.chain.entry_hash), so `kalm verify_dossier` passes on the result and
the full-text index is filled by the same triggers/expressions as in production.

Then it logs in an agent with Django's test Client and reports p50/p95 (ms) of the inbox
(/desk/), a case page (/desk/cases/<random id>/) and searches (/desk/?q=...) by kind: common
words (100,000+ cases at a million), stemmed words, prefixes, quoted phrases and rare ones (a
consumer's email address), as a table and as one JSON line. A filled database is reused when run
again with the same N.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_USER = "bench-agent"
BATCH = 2000
SUBJECTS = [
    ("Fles ontploft in de keuken", "De fles bronwater is ontploft, overal glas."),
    ("Schimmel in pindakaas", "In de pot pindakaas zat schimmel terwijl hij nog dicht was."),
    ("Airfryer kapot", "Mijn airfryer gaat na drie weken niet meer aan."),
    ("Bestelling niet ontvangen", "Mijn bestelling is nog steeds niet bezorgd."),
    ("Dubbele afschrijving", "Er is twee keer afgeschreven, graag terugbetaling."),
    ("Bottle exploded", "A bottle of sparkling water burst in my kitchen, glass everywhere."),
    ("Vreemd voorwerp in muesli", "Ik vond een stukje metaal in de muesli."),
    ("Compliment", "Wat een vriendelijke medewerker aan de telefoon!"),
]
FIRST = ["Sanne", "Daan", "Emma", "Lucas", "Julia", "Sem", "Tess", "Finn", "Noor", "Bram", "Iris"]
LAST = ["de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "Bos"]
STATUSES = [
    ("new", 8),
    ("open", 10),
    ("waiting_consumer", 6),
    ("waiting_us", 6),
    ("solution_proposed", 5),
    ("resolved", 15),
    ("closed", 48),
    ("reopened", 2),
]
CHANNELS = ["web", "email", "phone", "chat", "social"]
PRIORITIES = ["low", "normal", "normal", "normal", "high", "urgent"]
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=100_000, help="cases to create (100000)")
    parser.add_argument("--requests", type=int, default=50, help="timed requests per page (50)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--fresh", action="store_true", help="delete the SQLite bench file and fill it again"
    )
    return parser.parse_args()


def configure(args: argparse.Namespace) -> str:
    """Point Django at the bench database before it starts."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kalm.settings")
    os.environ["KALM_PLAIN_STATIC"] = "1"
    os.environ.setdefault("SECRET_KEY", "kalm-bench-secret-key-not-for-production")
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    bench_dir = ROOT / "var" / "bench"
    bench_dir.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("KALM_VAR_DIR", str(bench_dir))
    (Path(os.environ["KALM_VAR_DIR"]) / "static").mkdir(exist_ok=True)  # WhiteNoise's root
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        path = bench_dir / f"desk-{args.cases}.sqlite3"
        if args.fresh:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        url = f"sqlite:///{path}"
        os.environ["DATABASE_URL"] = url
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    return url


def reference(n: int) -> str:
    body = ""
    for _ in range(6):
        n, r = divmod(n, 32)
        body = ALPHABET[r] + body
    return f"B26-{body}"


def fill(count: int, rng: random.Random) -> None:
    from django.core.management import call_command
    from django.db import connection, transaction

    from kalm.accounts.models import Role, Team, User
    from kalm.cases.models import Case, Message, Product
    from kalm.consumers.models import Consumer
    from kalm.dossier.chain import GENESIS, entry_hash
    from kalm.dossier.models import DossierEntry

    call_command("migrate", interactive=False, verbosity=0)
    agent = User.objects.filter(username=BENCH_USER).first()
    existing = Case.objects.count()
    if agent is None and existing:
        sys.exit(f"The database holds {existing} cases that are not bench data; refusing.")
    if agent is not None and existing >= count:
        print(f"Reusing the bench database ({existing} cases).", flush=True)
        return
    if agent is None:
        team, _ = Team.objects.get_or_create(slug="bench", defaults={"name": "Bench"})
        agent = User.objects.create(
            username=BENCH_USER, role=Role.AGENT, alias="Bench", first_name="Bench"
        )
        agent.teams.add(team)
    team = agent.teams.first()
    product, _ = Product.objects.get_or_create(name="Bruisend Bronwater 1L", brand="Bench")
    now = datetime.now(UTC)
    statuses = [s for s, w in STATUSES for _ in range(w)]
    started = time.monotonic()
    made = existing
    print(f"Filling {count - existing} cases...", flush=True)
    while made < count:
        size = min(BATCH, count - made)
        with transaction.atomic():
            consumers = Consumer.objects.bulk_create(
                [
                    Consumer(
                        name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                        email=f"bench{made + i}@example.com",
                        phone=f"06 {rng.randrange(10**7, 10**8)}",
                    )
                    for i in range(size)
                ]
            )
            cases, plans = [], []
            for i, consumer in enumerate(consumers):
                created = now - timedelta(seconds=rng.randrange(365 * 86400))
                subject, body = rng.choice(SUBJECTS)
                status = rng.choice(statuses)
                replies = 0 if status == "new" else rng.randrange(1, 3)
                updated = created + timedelta(hours=rng.randrange(1, 96) if replies else 0)
                updated = min(updated, now)
                ref = reference(made + i)
                batch = "L2611" if "ontploft" in body or "burst" in body else ""
                cases.append(
                    Case(
                        reference=ref,
                        subject=subject,
                        consumer=consumer,
                        channel=rng.choice(CHANNELS),
                        status=status,
                        priority=rng.choice(PRIORITIES),
                        team=team,
                        assignee=agent if replies and rng.random() < 0.7 else None,
                        product=product if batch else None,
                        batch_number=batch,
                        created_at=created,
                        updated_at=updated,
                        first_response_due_at=created + timedelta(hours=24),
                        first_responded_at=updated if replies else None,
                        search_document=" ".join(
                            [
                                ref,
                                subject,
                                consumer.name,
                                consumer.email,
                                consumer.phone,
                                batch,
                                body,
                            ]
                        ),
                    )
                )
                plans.append((created, updated, body, replies))
            # Chains need the references only, so they are computed before the rows exist.
            entries_per_case = []
            for case, (created, updated, body, replies) in zip(cases, plans, strict=True):
                steps = [("case_opened", created, None, "Case opened via web", {}, True)]
                steps.append(("message_in", created, None, body[:200], {"body": body}, True))
                for r in range(replies):
                    at = created + (updated - created) * (r + 1) / (replies + 1)
                    text = "Beste klant, we zoeken dit voor u uit."
                    steps.append(("message_out", at, agent, text, {"body": text}, True))
                prev, entries = GENESIS, []
                for seq, (kind, at, actor, summary, payload, public) in enumerate(steps, 1):
                    entry = DossierEntry(
                        seq=seq,
                        kind=kind,
                        created_at=at,
                        actor_type="agent" if actor else "consumer",
                        actor=actor,
                        actor_label=actor.internal_name if actor else "",
                        actor_alias=(actor.alias or "") if actor else "",
                        summary=summary,
                        payload=payload,
                        public=public,
                        prev_hash=prev,
                    )
                    entry.hash = prev = entry_hash(entry, case.reference)
                    entries.append(entry)
                case.dossier_length, case.dossier_head = len(entries), prev
                entries_per_case.append(entries)
            Case.objects.bulk_create(cases)
            messages, all_entries = [], []
            for case, entries in zip(cases, entries_per_case, strict=True):
                for entry in entries:
                    entry.case = case
                    all_entries.append(entry)
                    if entry.kind in {"message_in", "message_out"}:
                        messages.append(
                            Message(
                                case=case,
                                kind="inbound" if entry.kind == "message_in" else "outbound",
                                channel=case.channel,
                                body=entry.payload["body"],
                                author=entry.actor,
                                author_alias=entry.actor_alias,
                                created_at=entry.created_at,
                            )
                        )
            Message.objects.bulk_create(messages)
            DossierEntry.objects.bulk_create(all_entries)
        made += size
        rate = (made - existing) / (time.monotonic() - started)
        print(f"  {made:>9,} cases  ({rate:,.0f}/s)", end="\r", flush=True)
    print(f"\nFilled in {time.monotonic() - started:.0f}s; analysing...", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


# Searches by kind, for issue 8's p95 per kind. Common words match 100,000+ cases at a million.
SEARCHES = {
    "common": ["fles", "glas", "bestelling", "schimmel", "airfryer", "L2611", "pindakaas"],
    "stemmed": ["flessen", "bottles", "ontplofte", "bestellingen", "terugbetalingen"],
    "prefix": ["ontplo", "pindak", "terugbet", "bronw", "spark"],
    "phrase": ['"overal glas"', '"sparkling water"', '"niet meer aan"', '"glas overal"'],
}


def search_url(kind: str, rng: random.Random, consumers: int) -> str:
    from urllib.parse import quote

    if kind == "rare":  # one consumer's address: a handful of cases
        query = f"bench{rng.randrange(consumers)}@example.com"
    else:
        query = rng.choice(SEARCHES[kind])
    return f"/desk/?q={quote(query)}"


def measure(n: int, rng: random.Random) -> dict[str, dict[str, float]]:
    from django.db.models import Max, Min
    from django.test import Client

    from kalm.accounts.models import User
    from kalm.cases.models import Case
    from kalm.cases.search import search_cases

    for word in SEARCHES["common"]:  # a search that finds nothing would measure nothing
        if not search_cases(Case.objects.all(), word).exists():
            sys.exit(f"Search for {word!r} finds no case: is the full-text index filled?")
    client = Client()
    client.force_login(User.objects.get(username=BENCH_USER))
    bounds = Case.objects.aggregate(low=Min("id"), high=Max("id"))
    consumers = Case.objects.count()
    pages = {
        "inbox": lambda: "/desk/",
        "case page": lambda: f"/desk/cases/{rng.randint(bounds['low'], bounds['high'])}/",
        **{
            f"search {kind}": (lambda kind=kind: search_url(kind, rng, consumers))
            for kind in [*SEARCHES, "rare"]
        },
    }
    results = {}
    for name, url_for in pages.items():
        for _ in range(3):  # warm caches and connections
            client.get(url_for())
        timings = []
        for _ in range(n):
            url = url_for()
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                sys.exit(f"{url} answered {response.status_code}; is the desk view in place?")
        timings.sort()
        results[name] = {
            "p50_ms": round(statistics.median(timings), 1),
            "p95_ms": round(timings[max(0, int(len(timings) * 0.95) - 1)], 1),
            "max_ms": round(timings[-1], 1),
        }
    return results


def main() -> int:
    args = parse_args()
    url = configure(args)
    from django.db import connection

    rng = random.Random(args.seed)
    fill(args.cases, rng)
    from kalm.cases.models import Case

    total = Case.objects.count()
    results = measure(args.requests, rng)
    print()
    print(
        f"Kalm desk benchmark: {total:,} cases on {connection.vendor}, {args.requests} requests each"
    )
    print(f"{'page':<16}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}")
    for name, row in results.items():
        print(f"{name:<16}{row['p50_ms']:>10}{row['p95_ms']:>10}{row['max_ms']:>10}")
    print(
        json.dumps(
            {
                "bench": "desk",
                "cases": total,
                "database": connection.vendor,
                "url": url.split("@")[-1],
                "requests": args.requests,
                "results": results,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
