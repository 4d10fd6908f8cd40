"""Benchmark intake: how many messages per second Kalm takes in, per channel.

    .venv/bin/python bench/intake.py                  # 500 emails + 500 API creates, temporary SQLite
    .venv/bin/python bench/intake.py --emails 5000 --api 2000
    .venv/bin/python bench/intake.py --only api       # one channel: email or api
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kalm_bench .venv/bin/python bench/intake.py

Without DATABASE_URL a fresh SQLite database is made in a temporary folder (deleted afterwards);
with it, that database is migrated and used (use a database meant for benchmarks: rows are
added to it). A database that holds cases but was never used by this benchmark is refused. Each
measurement is one function ``measure_<name>(args) -> dict`` listed in MEASUREMENTS; the script
prints a table and then one JSON line with every result. Latencies (p50/p95) are per message.

Email: N generated messages (a mix of new complaints and replies threaded by In-Reply-To, some
with a small JPEG attachment) go through ``kalm.channels.email.ingest.ingest_raw`` one by one,
the way the MTA pipe, the IMAP poller and the HTTP endpoint hand them over: store raw, parse,
classify, thread, open or update the case, write the dossier, attach evidence, queue the
confirmation. Queued jobs are only enqueued (the worker is not part of the measurement).

API: N cases are created with ``POST /api/v1/cases`` by one client, then N more by 4 concurrent
clients (threads, one database connection each). Every request goes the whole way, as an
integration's would: Django's test Client sends it with a bearer token and an ``Idempotency-Key``
through the middleware, token check (hash), idempotency claim, validation, ``case_open``
(consumer lookup, case, message, dossier hash chain, search index) and the JSON answer.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from email.message import EmailMessage
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_USER = "bench-intake"  # marks a database as this benchmark's; the API acts as this user
API_THREADS = (1, 4)

FIRST = ["Sanne", "Daan", "Emma", "Lucas", "Julia", "Sem", "Tess", "Finn", "Noor", "Bram"]
LAST = ["de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder"]
COMPLAINTS = [
    ("Fles ontploft in de keuken", "De fles bronwater is ontploft, overal glas."),
    ("Schimmel in pindakaas", "In de pot pindakaas zat schimmel terwijl hij nog dicht was."),
    ("Airfryer kapot", "Mijn airfryer gaat na drie weken niet meer aan."),
    ("Bestelling niet ontvangen", "Mijn bestelling is nog steeds niet bezorgd."),
    ("Café crème te duur", "Ik betaalde €4,50 voor de “grote” beker, dat\u2019s te veel."),
]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--emails", type=int, default=500, help="emails to ingest (500)")
    parser.add_argument(
        "--api",
        type=int,
        default=500,
        help="cases to create through the API, once with 1 thread and again with 4 (500)",
    )
    parser.add_argument("--only", choices=["email", "api"], help="run one channel only")
    parser.add_argument(
        "--reply-share", type=float, default=0.4, help="share of replies to earlier mail (0.4)"
    )
    parser.add_argument(
        "--attachment-share", type=float, default=0.1, help="share with a JPEG attached (0.1)"
    )
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if args.emails < 1 or args.api < 1:
        parser.error("--emails and --api need at least 1")
    return args


def configure(work_dir: Path) -> str:
    """Point Django at the benchmark database and migrate it; returns a printable label."""
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kalm.settings")
    os.environ["KALM_PLAIN_STATIC"] = "1"
    os.environ.setdefault("SECRET_KEY", "kalm-bench-secret-key-not-for-production")
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ["KALM_VAR_DIR"] = str(work_dir)  # media, queue and (without DATABASE_URL) the db
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    os.environ["KALM_QUEUE_IMMEDIATE"] = "0"  # jobs are enqueued, never run inline
    (work_dir / "static").mkdir(exist_ok=True)  # WhiteNoise's root, for the API requests
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    claim_database()
    from django.db import connection

    if connection.vendor == "sqlite":
        return f"sqlite ({connection.settings_dict['NAME']})"
    return f"{connection.vendor} ({connection.settings_dict.get('NAME')})"


def claim_database() -> None:
    """Refuse a database with cases that are not bench data; mark it as the benchmark's."""
    from kalm.accounts.models import Role, User
    from kalm.cases.models import Case

    if User.objects.filter(username=BENCH_USER).exists():
        return
    if Case.objects.exists():
        sys.exit("The database holds cases that are not bench data; refusing.")
    User.objects.create(username=BENCH_USER, role=Role.AGENT, alias="Bench intake")


def latency(timings_ms: list[float]) -> dict[str, float | None]:
    if not timings_ms:
        return {"p50_ms": None, "p95_ms": None}
    ordered = sorted(timings_ms)
    return {
        "p50_ms": round(statistics.median(ordered), 1),
        "p95_ms": round(ordered[max(0, int(len(ordered) * 0.95) - 1)], 1),
    }


def _jpeg() -> bytes:
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (64, 48), "orange").save(buf, "JPEG")
    return buf.getvalue()


def generate_emails(args: argparse.Namespace, run: str) -> list[bytes]:
    """New complaints first in the mix, replies to earlier ones (In-Reply-To) interleaved."""
    rng = random.Random(args.seed)
    jpeg = _jpeg()
    sent: list[tuple[str, str, str]] = []  # (message_id, sender, subject) of new complaints
    out: list[bytes] = []
    for i in range(args.emails):
        msg = EmailMessage()
        message_id = f"bench-{run}-{i}@example.nl"
        if sent and rng.random() < args.reply_share:
            parent_id, sender, subject = rng.choice(sent)
            msg["Subject"] = f"Re: {subject}"
            msg["In-Reply-To"] = f"<{parent_id}>"
            msg["References"] = f"<{parent_id}>"
            body = (
                "Nog een aanvulling: het gebeurde opnieuw.\n\n"
                f"Op 3 mrt. 2026 om 10:00 schreef Klantenservice:\n> {subject}\n"
            )
        else:
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            sender = f"{name} <c{i}-{run}@example.nl>"
            subject, body = rng.choice(COMPLAINTS)
            sent.append((message_id, sender, subject))
            msg["Subject"] = subject
        msg["From"] = sender
        msg["To"] = "klantenservice@kalm.localhost"
        msg["Message-ID"] = f"<{message_id}>"
        msg.set_content(body + "\n\n-- \nVerstuurd vanaf mijn iPhone\n")
        if rng.random() < args.attachment_share:
            msg.add_attachment(jpeg, maintype="image", subtype="jpeg", filename=f"foto-{i}.jpg")
        out.append(msg.as_bytes())
    return out


def measure_email_ingest(args: argparse.Namespace) -> dict:
    """Emails per second through ingest_raw (parse + thread + store)."""
    from kalm.channels.email.ingest import ingest_raw

    emails = generate_emails(args, run=f"{int(time.time())}-{os.getpid()}")
    outcomes: Counter[str] = Counter()
    timings: list[float] = []
    started = time.perf_counter()
    for raw in emails:
        sent = time.perf_counter()
        outcomes[ingest_raw(raw, source="bench").outcome] += 1
        timings.append((time.perf_counter() - sent) * 1000)
    seconds = time.perf_counter() - started
    # Database queries per email by outcome, counted apart from the timed run (a new complaint
    # opens a case; a reply lands on one).
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    queries: dict[str, int] = {}
    extra = argparse.Namespace(**{**vars(args), "emails": 40, "attachment_share": 0.0})
    for raw in generate_emails(extra, run=f"q{int(time.time())}-{os.getpid()}"):
        with CaptureQueriesContext(connection) as captured:
            outcome = ingest_raw(raw, source="bench").outcome
        queries.setdefault(f"queries_{outcome}", len(captured.captured_queries))
    return {
        "measurement": "email_ingest",
        "threads": 1,
        **rates(len(emails), seconds),
        **latency(timings),
        "detail": {**outcomes, **queries},
    }


def rates(count: int, seconds: float) -> dict:
    return {
        "count": count,
        "seconds": round(seconds, 3),
        "per_second": round(count / seconds, 1) if seconds else None,
        "ms_per_item": round(1000 * seconds / count, 2) if count else None,
    }


def run_threads(count: int, threads: int, send: Callable[[int], int]) -> dict:
    """Call ``send(i)`` (returns an HTTP status) for i in range(count) from ``threads`` threads."""
    from django.db import connections

    timings: list[float] = []
    statuses: Counter[str] = Counter()
    lock = threading.Lock()
    next_index = iter(range(count))

    def worker() -> None:
        try:
            while True:
                with lock:
                    i = next(next_index, None)
                if i is None:
                    return
                sent = time.perf_counter()
                try:
                    status = str(send(i))
                except Exception as exc:  # counted and reported as a failure
                    status = type(exc).__name__
                elapsed = (time.perf_counter() - sent) * 1000
                with lock:
                    timings.append(elapsed)
                    statuses[status] += 1
        finally:
            connections.close_all()  # this thread's connection

    started = time.perf_counter()
    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    seconds = time.perf_counter() - started
    return {
        "threads": threads,
        **rates(count, seconds),
        **latency(timings),
        "detail": {f"http_{k}": v for k, v in statuses.items()},
    }


def measure_api_create(args: argparse.Namespace) -> dict:
    """Cases created per second through POST /api/v1/cases, with 1 and with 4 clients."""
    from django.test import Client

    from kalm.accounts.models import User
    from kalm.api.actions import api_token_create

    user = User.objects.get(username=BENCH_USER)
    token, secret = api_token_create(name="bench", user=user, scopes=["cases:read", "cases:write"])
    # The throttle is still checked on every request, but must not answer 429 (default 600/min).
    token.rate_per_minute = 2**31 - 1
    token.save(update_fields=["rate_per_minute"])
    headers = {"Authorization": f"Bearer {secret}"}
    run_id = f"{time.time_ns():x}-{os.getpid()}"
    local = threading.local()

    def create(i: int) -> int:
        if not hasattr(local, "client"):
            local.client = Client()
        body = {
            "consumer": {"name": f"Bench {i}", "email": f"bench-{run_id}-{i}@example.com"},
            "subject": "Fles ontploft",
            "body": "De fles bronwater is in mijn hand ontploft, overal glas. " * 3,
            "batch_number": "L2611",
        }
        response = local.client.post(
            "/api/v1/cases",
            json.dumps(body),
            content_type="application/json",
            headers=headers | {"Idempotency-Key": f"{run_id}-{i}"},
        )
        return response.status_code

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    create(-1)  # the first request of a client loads what later requests reuse
    with CaptureQueriesContext(connection) as captured:
        create(-2)
    queries = len(captured.captured_queries)
    runs = []
    for threads in API_THREADS:
        offset = len(runs) * args.api  # fresh consumers and keys for every run
        run = run_threads(args.api, threads, lambda i, offset=offset: create(offset + i))
        failed = {k: v for k, v in run["detail"].items() if k != "http_201"}
        if failed:
            sys.exit(f"api_create with {threads} thread(s): requests failed: {failed}")
        runs.append(run)
    first, *others = runs
    first["detail"]["queries_per_request"] = queries
    return {"measurement": "api_create", **first, "more_threads": others}


# One function per measurement, keyed by the channel --only selects; other channels add theirs.
MEASUREMENTS: dict[str, Callable[[argparse.Namespace], dict]] = {
    "email": measure_email_ingest,
    "api": measure_api_create,
}


def print_table(database: str, results: list[dict]) -> None:
    print(f"database: {database}")
    print(
        f"{'measurement':<20} {'threads':>7} {'count':>8} {'seconds':>9} {'per second':>11} "
        f"{'ms/item':>8} {'p50 ms':>7} {'p95 ms':>7}  detail"
    )
    for result in results:
        for r in [result, *result.get("more_threads", [])]:
            detail = ", ".join(f"{k}={v}" for k, v in sorted(r.get("detail", {}).items()))
            print(
                f"{result['measurement']:<20} {r['threads']:>7} {r['count']:>8} "
                f"{r['seconds']:>9} {r['per_second']!s:>11} {r['ms_per_item']!s:>8} "
                f"{r['p50_ms']!s:>7} {r['p95_ms']!s:>7}  {detail}"
            )


def main() -> None:
    args = parse_args()
    with tempfile.TemporaryDirectory(prefix="kalm-intake-") as tmp:
        database = configure(Path(tmp))
        results = [
            measure(args)
            for channel, measure in MEASUREMENTS.items()
            if args.only in (None, channel)
        ]
        print_table(database, results)
        print(json.dumps({"bench": "intake", "database": database, "results": results}))


if __name__ == "__main__":
    main()
