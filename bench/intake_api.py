"""Benchmark case intake through the REST API: cases created per second.

    .venv/bin/python bench/intake_api.py                      # 500 creates on a temporary SQLite file
    .venv/bin/python bench/intake_api.py --requests 2000 --threads 4
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kalm_bench .venv/bin/python bench/intake_api.py

Without DATABASE_URL it migrates a fresh SQLite database in a temporary folder (removed at the
end). A PostgreSQL database must be empty or an earlier bench database: the cases stay there.

Every request goes the whole way, as an integration's would: Django's test Client sends
``POST /api/v1/cases`` with a bearer token and an ``Idempotency-Key`` through the middleware, token
check (hash), idempotency claim, validation, ``case_open`` (consumer lookup, case, message, dossier
hash chain, search index) and the JSON answer. Then each key is sent again (``replay``: answered
from the stored response, nothing written), and the first page of ``GET /api/v1/cases`` is read.
Reports requests per second and p50/p95 latency (ms) as a table and as one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_USER = "bench-api"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=500, help="cases to create (500)")
    parser.add_argument("--threads", type=int, default=1, help="concurrent clients (1)")
    return parser.parse_args()


def configure() -> tuple[str, Path | None]:
    """Point Django at the bench database before it starts."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kalm.settings")
    os.environ["KALM_PLAIN_STATIC"] = "1"
    os.environ.setdefault("SECRET_KEY", "kalm-bench-secret-key-not-for-production")
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ["KALM_QUEUE_IMMEDIATE"] = "0"
    temp = Path(tempfile.mkdtemp(prefix="kalm-bench-api-"))
    os.environ.setdefault("KALM_VAR_DIR", str(temp))
    (Path(os.environ["KALM_VAR_DIR"]) / "static").mkdir(exist_ok=True)  # WhiteNoise's root
    url = os.environ.get("DATABASE_URL", "")
    if not url:  # the default deployment: settings' SQLite file (WAL) in KALM_VAR_DIR
        url = f"sqlite:///{Path(os.environ['KALM_VAR_DIR']) / 'kalm.sqlite3'}"
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    return url, temp


def prepare() -> str:
    from django.core.management import call_command

    from kalm.accounts.models import Role, User
    from kalm.api.actions import api_token_create
    from kalm.cases.models import Case

    call_command("migrate", interactive=False, verbosity=0)
    user = User.objects.filter(username=BENCH_USER).first()
    if user is None and Case.objects.exists():
        sys.exit("The database holds cases that are not bench data; refusing.")
    if user is None:
        user = User.objects.create(username=BENCH_USER, role=Role.AGENT, alias="Bench API")
    _token, secret = api_token_create(name="bench", user=user, scopes=["cases:read", "cases:write"])
    return secret


def run(label: str, count: int, threads: int, send) -> dict[str, float]:  # send(i) -> status code
    timings: list[float] = []
    failures: list[int] = []
    lock = threading.Lock()
    next_index = iter(range(count))

    def worker() -> None:
        from django.db import connections

        try:
            while True:
                with lock:
                    i = next(next_index, None)
                if i is None:
                    return
                started = time.perf_counter()
                status = send(i)
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    timings.append(elapsed)
                    if status >= 300:
                        failures.append(status)
        finally:
            connections.close_all()

    started = time.perf_counter()
    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    wall = time.perf_counter() - started
    if failures:
        sys.exit(f"{label}: {len(failures)} requests failed, e.g. HTTP {failures[0]}")
    timings.sort()
    return {
        "requests": count,
        "per_second": round(count / wall, 1),
        "p50_ms": round(statistics.median(timings), 1),
        "p95_ms": round(timings[max(0, int(len(timings) * 0.95) - 1)], 1),
    }


def main() -> int:
    args = parse_args()
    url, temp = configure()
    try:
        from django.db import connection
        from django.test import Client

        secret = prepare()
        headers = {"Authorization": f"Bearer {secret}"}
        run_id = f"{time.time_ns():x}"
        local = threading.local()

        def client() -> Client:
            if not hasattr(local, "client"):
                local.client = Client()
            return local.client

        def body(i: int) -> str:
            return json.dumps(
                {
                    "consumer": {"name": f"Bench {i}", "email": f"bench-{run_id}-{i}@example.com"},
                    "subject": "Fles ontploft",
                    "body": "De fles bronwater is in mijn hand ontploft, overal glas. " * 3,
                    "batch_number": "L2611",
                }
            )

        def create(i: int) -> int:
            key = {"Idempotency-Key": f"{run_id}-{i}"}
            return (
                client()
                .post(
                    "/api/v1/cases", body(i), content_type="application/json", headers=headers | key
                )
                .status_code
            )

        def replay(i: int) -> int:
            key = {"Idempotency-Key": f"{run_id}-{i}"}
            response = client().post(
                "/api/v1/cases", body(i), content_type="application/json", headers=headers | key
            )
            return response.status_code if response.has_header("Idempotent-Replayed") else 599

        def page(_i: int) -> int:
            return client().get("/api/v1/cases", {"limit": 50}, headers=headers).status_code

        results = {
            "create": run("create", args.requests, args.threads, create),
            "replay": run("replay", args.requests, args.threads, replay),
            "list": run("list", min(args.requests, 200), args.threads, page),
        }
        print()
        print(
            f"Kalm API intake benchmark on {connection.vendor}, {args.requests} cases, "
            f"{args.threads} thread(s)"
        )
        print(f"{'request':<10}{'count':>8}{'per s':>10}{'p50 ms':>10}{'p95 ms':>10}")
        for name, row in results.items():
            print(
                f"{name:<10}{row['requests']:>8}{row['per_second']:>10}"
                f"{row['p50_ms']:>10}{row['p95_ms']:>10}"
            )
        print(
            json.dumps(
                {
                    "bench": "intake_api",
                    "database": connection.vendor,
                    "url": url.split("@")[-1],
                    "threads": args.threads,
                    "creates_per_second": results["create"]["per_second"],
                    "results": results,
                }
            )
        )
    finally:
        if temp is not None:
            shutil.rmtree(temp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
