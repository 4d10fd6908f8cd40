"""Sustained intake: API case creations and emails per second through the real servers.

    .venv/bin/python bench/throughput.py                      # 60 s per channel, SQLite
    .venv/bin/python bench/throughput.py --seconds 300        # the issue's five minutes
    .venv/bin/python bench/throughput.py --floor              # and the framework's floor
    .venv/bin/python bench/throughput.py --keep --log-level INFO  # keep the folder and the job log
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kalm_bench_intake .venv/bin/python bench/throughput.py

Unlike bench/intake.py (one process, Django's test client, the worker not running), this runs
intake the way production does, on one machine: the production web server (gunicorn with
deploy/gunicorn.conf.py, on a loopback port) and a Huey worker (``kalm run_huey``) are
started as separate processes, and this script is the load: ``--clients`` threads on keep-alive
HTTP connections send, for ``--seconds`` each,

1. ``POST /api/v1/cases`` with a bearer token and an Idempotency-Key (a new consumer each; the
   email phase's five complaints, one of them an injury the routing rules escalate), then
2. the same with ``Prefer: respond-async`` (answered 202 once checked and stored; the worker
   opens the cases in batches and reads them in batches, kalm.api.actions.case_requests_open),
   then
3. ``POST /in/email/`` with a raw RFC 822 message (new complaints and replies threaded by
   In-Reply-To, some with a JPEG), the HTTP hand-over an MTA or a mail service uses, then
4. the same with ``Prefer: respond-async`` (stored and answered 202; the worker processes the
   messages in batches and reads them in one job per batch, kalm.channels.email.ingest).

Every request goes the whole way: token, idempotency, validation, ``case_open`` / ``ingest_raw``
(parse, thread, store, dossier chain, search index) and the queued work the worker then does
(message analysis: language, sentiment, emotion, escalation signals; topic; acknowledgement
email, sent to Django's dummy backend so no mail server takes part). A phase counts as
sustained when the worker has caught up by the end of it: the table shows the rate the server
accepted, the worker's backlog when the phase ended (queued jobs, and case requests not yet
opened) and how long it took to drain, and the
rate over phase + drain (the rate the whole machine keeps up). It also reads, from /proc, the
CPU time the web processes and the worker used per accepted item (and this script's own, the
load), and the whole machine's busy time per item (/proc/stat: the database server and Redis
included -- the true cost on a quiet machine). The rate "at full use of the cores" is
cores x 1000 / (machine ms - load ms): what the machine, database included, could take with
the load coming from elsewhere. Run it on a quiet machine; the per-process figures hold when
other work shares it, which wall-clock rates do not.

``--floor`` adds a phase against the framework's floor (bench/intake_floor.py): the same
gunicorn, settings, middleware and database, the API phase's bodies, each checked for its token
and stored as one row, nothing else. Kalm's own intake costs what it takes above that.

A fresh SQLite database is made in a temporary folder unless DATABASE_URL names one (it must
hold no cases: use a fresh database meant for this). The load generator shares the two cores with the
servers, as a real deployment's proxy would. Prints a table, then one JSON line.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from servers import (
    free_port,
    group_cpu_seconds,
    machine_cpu_seconds,
    percentiles,
    start,
    stop,
)

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
INBOUND_TOKEN = "bench-inbound-token"
TARGETS = {
    "api_create": 300,
    "api_create_async": 300,
    "email_ingest": 200,
    "email_ingest_async": 200,
}


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=60, help="seconds per channel (60)")
    parser.add_argument("--clients", type=int, default=16, help="concurrent connections (16)")
    parser.add_argument("--web-processes", type=int, default=2)
    parser.add_argument("--web-threads", type=int, default=8)
    parser.add_argument("--worker-threads", type=int, default=2, help="worker threads (2)")
    parser.add_argument(
        "--worker-processes",
        action="store_true",
        help="the worker's --worker-threads as processes (huey -k process)",
    )
    parser.add_argument("--only", choices=["api", "api-async", "email", "email-async"])
    parser.add_argument(
        "--floor",
        action="store_true",
        help="also measure the framework's floor (bench/intake_floor.py) with the API's bodies",
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the working folder (database, queue, web and worker logs) and print its path",
    )
    parser.add_argument(
        "--log-level", default="WARNING", help="the servers' LOG_LEVEL (WARNING; INFO logs jobs)"
    )
    return parser.parse_args()


def prepare(env: dict[str, str]) -> str:
    """Migrate the database, make the API user and token; returns the token's secret."""
    script = (
        "import django; django.setup()\n"
        "from django.core.management import call_command\n"
        "from kalm.accounts.models import Role, User\n"
        "from kalm.cases.models import Case\n"
        "if Case.objects.exists():\n"
        "    raise SystemExit('The database holds cases: give an empty one (rows are added).')\n"
        "from kalm.api.actions import api_token_create\n"
        "user = User.objects.create(username='bench-throughput', role=Role.AGENT, alias='Bench')\n"
        "token, secret = api_token_create(name='bench', user=user,"
        " scopes=['cases:read', 'cases:write'])\n"
        "token.rate_per_minute = 2**31 - 1\n"
        "token.save(update_fields=['rate_per_minute'])\n"
        "print(secret)\n"
    )
    migrate = (
        "import django; django.setup()\n"
        "from django.core.management import call_command\n"
        "call_command('migrate', interactive=False, verbosity=0)\n"
    )
    subprocess.run([sys.executable, "-c", migrate], env=env, check=True, cwd=ROOT)
    out = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        check=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    return out.stdout.strip().splitlines()[-1]


def queue_backlog(env: dict[str, str]) -> int:
    """Jobs waiting in the worker's queue. Read here with huey alone (the queue settings of
    kalm.settings: Redis when KALM_QUEUE_URL names it, else var/queue.sqlite3): a Django process
    per reading cost about a second of CPU, taken from the worker it was waiting for."""
    from huey import RedisHuey, SqliteHuey

    url = env.get("KALM_QUEUE_URL", "")
    if url.startswith(("redis://", "rediss://", "unix://")):
        queue = RedisHuey(name="kalm", url=url)
    else:
        queue = SqliteHuey(name="kalm", filename=str(Path(env["KALM_VAR_DIR"]) / "queue.sqlite3"))
    return queue.pending_count() + requests_waiting(env)


def requests_waiting(env: dict[str, str]) -> int:
    """Case requests and emails accepted (202) and not yet taken by the worker, read with the
    database's own driver."""
    query = (
        "SELECT (SELECT count(*) FROM api_caserequest WHERE status = 'pending')"
        " + (SELECT count(*) FROM channels_inboundemail WHERE status = 'queued')"
    )
    database = env["DATABASE_URL"]
    if database.startswith("postgres"):
        import psycopg

        with psycopg.connect(database.replace("postgres://", "postgresql://", 1)) as conn:
            return conn.execute(query).fetchone()[0]
    import sqlite3

    conn = sqlite3.connect(database.removeprefix("sqlite:///"), timeout=30)
    try:
        return conn.execute(query).fetchone()[0]
    finally:
        conn.close()


def wait_for_port(port: int, proc: subprocess.Popen, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"web server exited: {log.read_text()[-2000:]}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/help/")
            conn.getresponse().read()
            return
        except OSError:
            time.sleep(0.3)
    sys.exit(f"web server did not answer on {port}: {log.read_text()[-2000:]}")


def load(
    port: int, seconds: float, clients: int, request_for
) -> tuple[list[float], dict[str, int], float]:
    """Send requests from ``clients`` threads for ``seconds``; timings (ms), statuses, elapsed."""
    timings: list[float] = []
    statuses: dict[str, int] = {}
    lock = threading.Lock()
    counter = iter(range(10**9))
    stop_at = time.monotonic() + seconds

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        mine: list[float] = []
        seen: dict[str, int] = {}
        while time.monotonic() < stop_at:
            with lock:
                i = next(counter)
            method, path, body, headers = request_for(i)
            sent = time.perf_counter()
            try:
                conn.request(method, path, body=body, headers=headers)
                response = conn.getresponse()
                response.read()
                status = str(response.status)
                if response.getheader("Connection", "").lower() == "close":
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            except (OSError, http.client.HTTPException) as exc:
                status = type(exc).__name__
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            mine.append((time.perf_counter() - sent) * 1000)
            seen[status] = seen.get(status, 0) + 1
        with lock:
            timings.extend(mine)
            for k, v in seen.items():
                statuses[k] = statuses.get(k, 0) + v

    started = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return timings, statuses, time.monotonic() - started


def phase(args, env, name, port, request_for, web, worker) -> tuple[dict, list[dict]]:
    """One load phase against the running servers (``worker`` None: no queue to drain)."""
    cpu_before = (
        group_cpu_seconds(web.pid),
        group_cpu_seconds(worker.pid) if worker else 0.0,
        time.process_time(),
        machine_cpu_seconds(),
    )
    timings, statuses, elapsed = load(port, args.seconds, args.clients, request_for)
    load_cpu = time.process_time() - cpu_before[2]
    done = sum(v for k, v in statuses.items() if k.startswith("2"))
    backlog = queue_backlog(env) if worker else 0
    drain_started = time.monotonic()
    while worker and queue_backlog(env) > 0 and time.monotonic() - drain_started < 600:
        time.sleep(1)
    drained = time.monotonic() - drain_started if worker else 0.0
    # CPU per accepted item, per process: what a case costs wherever it runs, and so
    # what the machine could take at full use of its cores, however busy it was.
    worker_cpu = group_cpu_seconds(worker.pid) - cpu_before[1] if worker else 0.0
    cpu_ms = {
        "web": (group_cpu_seconds(web.pid) - cpu_before[0]) * 1000 / max(done, 1),
        "worker": worker_cpu * 1000 / max(done, 1),
        "load": load_cpu * 1000 / max(done, 1),
        "machine": (machine_cpu_seconds() - cpu_before[3]) * 1000 / max(done, 1),
    }
    cores = os.cpu_count() or 1
    # What the machine as a whole spent per item (database server included), less this
    # script's own load: on a quiet machine, the rate its cores could carry.
    capacity = cores * 1000 / max(cpu_ms["machine"] - cpu_ms["load"], 0.001)
    accepted = done / elapsed
    kept_up = done / (elapsed + drained)
    result = {
        "measure": name,
        "seconds": round(elapsed, 1),
        "requests": len(timings),
        "accepted_per_second": round(accepted, 1),
        "backlog_at_end": backlog,
        "drain_seconds": round(drained, 1),
        "sustained_per_second": round(kept_up, 1),
        "statuses": statuses,
        "cpu_ms_per_item": {k: round(v, 2) for k, v in cpu_ms.items()},
        "capacity_per_second": round(capacity, 1),
        **percentiles(timings),
    }
    errors = len(timings) - done
    target = TARGETS.get(name)
    rows = [
        {
            "measure": f"{name} ({args.seconds} s, {args.clients} clients): latency",
            **percentiles(timings),
        },
        {
            "measure": f"{name}: sustained (accepted {accepted:.0f}/s, backlog "
            f"{backlog} drained in {drained:.0f} s, {errors} errors)",
            "value": round(kept_up, 1),
            "unit": "/s",
            **(
                {"target": f">= {target}/s", "met": kept_up >= target and errors == 0}
                if target
                else {}
            ),
        },
        {
            "measure": f"{name}: CPU per item (web {cpu_ms['web']:.1f} ms + worker "
            f"{cpu_ms['worker']:.1f} ms; load generator {cpu_ms['load']:.1f} ms; whole "
            f"machine {cpu_ms['machine']:.1f} ms): machine's rate at full use of "
            f"{cores} cores, load generator elsewhere",
            "value": round(capacity, 1),
            "unit": "/s",
            **({"target": f">= {target}/s", "met": capacity >= target} if target else {}),
        },
    ]
    return result, rows


def gunicorn_command(port: int, app: str = "") -> list[str]:
    """gunicorn with deploy's config on a loopback port (Kalm, or ``app`` instead)."""
    command = [str(BIN / "gunicorn"), "-c", str(ROOT / "deploy" / "gunicorn.conf.py")]
    command += ["--bind", f"127.0.0.1:{port}", "--keep-alive", "30"]
    return [*command, app] if app else command


def floor_phase(args, env: dict[str, str], tmp: Path) -> tuple[dict, list[dict]]:
    """The framework's floor (bench/intake_floor.py): the same gunicorn, settings, middleware and
    database, the API phase's bodies, each stored as one row and nothing else; no worker."""
    floor_env = env | {
        "DJANGO_SETTINGS_MODULE": "intake_floor",
        "PYTHONPATH": f"{ROOT / 'bench'}{os.pathsep}{ROOT / 'src'}",
        "KALM_WEB_WORKERS": str(args.web_processes),
        "KALM_WEB_THREADS": str(args.web_threads),
        "KALM_FLOOR_TOKEN": INBOUND_TOKEN,
    }
    subprocess.run(
        [sys.executable, "-c", "import intake_floor; intake_floor.create_table()"],
        env=floor_env,
        check=True,
        cwd=ROOT,
    )
    port, log = free_port(), tmp / "floor.log"
    server = start(
        gunicorn_command(port, "intake_floor:application"),
        floor_env,
        log,
    )
    import intake

    rng = random.Random(args.seed)
    headers = {"Authorization": f"Bearer {INBOUND_TOKEN}", "Content-Type": "application/json"}

    def floor_request(i: int):
        subject, text = rng.choice(intake.COMPLAINTS)
        body = {
            "consumer": {"name": f"Bench {i}", "email": f"floor-{i}@example.com"},
            "subject": subject,
            "body": f"{text} Kunt u mij laten weten wat u hieraan doet?",
            "batch_number": "L2611",
        }
        return ("POST", "/floor/", json.dumps(body), headers)

    try:
        wait_for_port(port, server, log)
        return phase(args, floor_env, "floor", port, floor_request, server, None)
    finally:
        stop(server)


def main() -> int:
    args = parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="kalm-throughput-"))
    (tmp / "static").mkdir()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kalm.settings",
        "PYTHONPATH": str(ROOT / "src"),
        "KALM_VAR_DIR": str(tmp),
        "KALM_PLAIN_STATIC": "1",
        "SECRET_KEY": "kalm-bench-secret-key-not-for-production",
        "DEBUG": "0",
        "LOG_LEVEL": args.log_level,
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "KALM_INBOUND_EMAIL_TOKEN": INBOUND_TOKEN,
        "KALM_QUEUE_IMMEDIATE": "0",
    }
    database = env.get("DATABASE_URL") or f"sqlite:///{tmp / 'kalm.sqlite3'}"
    env["DATABASE_URL"] = database
    vendor = "postgresql" if database.startswith("postgres") else "sqlite"
    secret = prepare(env)
    port = free_port()
    web_log, worker_log = tmp / "web.log", tmp / "worker.log"
    web = start(
        gunicorn_command(port),
        env
        | {
            "KALM_WEB_WORKERS": str(args.web_processes),
            "KALM_WEB_THREADS": str(args.web_threads),
        },
        web_log,
    )
    worker = start(
        [
            str(BIN / "kalm"),
            "run_huey",
            "-w",
            str(args.worker_threads),
            "-k",
            "process" if args.worker_processes else "thread",
        ],
        env,
        worker_log,
    )
    rows, results = [], []
    try:
        wait_for_port(port, web, web_log)
        import intake  # the email generator of the in-process intake benchmark

        run_id = f"{time.time_ns():x}"

        def generated(run: str) -> list[bytes]:
            # Enough for the phase at the target rate: a message sent again is a duplicate,
            # which costs less than a new one.
            count = max(20_000, min(80_000, args.seconds * 250))
            return intake.generate_emails(
                argparse.Namespace(
                    emails=count, seed=args.seed, reply_share=0.4, attachment_share=0.1
                ),
                run=run,
            )

        emails = generated(run_id) if args.only in (None, "email") else []
        emails_async = generated(f"{run_id}a") if args.only in (None, "email-async") else []
        rng = random.Random(args.seed)
        api_headers = {
            "Authorization": f"Bearer {secret}",
            "Content-Type": "application/json",
        }

        def api_request(i: int, phase: str = "s"):
            # The email phase's complaints (bench/intake.py): one in five an injury that the
            # routing rules escalate, the rest ordinary complaints, as a desk's mix would be.
            subject, text = rng.choice(intake.COMPLAINTS)
            body = {
                "consumer": {
                    "name": f"Bench {i}",
                    "email": f"tp-{run_id}-{phase}{i}@example.com",
                },
                "subject": subject,
                "body": f"{text} Kunt u mij laten weten wat u hieraan doet?",
                "batch_number": "L2611",
            }
            return (
                "POST",
                "/api/v1/cases",
                json.dumps(body),
                api_headers | {"Idempotency-Key": f"{run_id}-{phase}{i}"},
            )

        def api_async_request(i: int):
            # Keys and consumers of their own: the synchronous phase used the same numbers.
            method, path, body, headers = api_request(i, "a")
            return method, path, body, headers | {"Prefer": "respond-async"}

        def email_request(i: int, messages: list[bytes] | None = None):
            messages = emails if messages is None else messages
            return (
                "POST",
                "/in/email/",
                messages[i % len(messages)],
                {"Authorization": f"Bearer {INBOUND_TOKEN}", "Content-Type": "message/rfc822"},
            )

        def email_async_request(i: int):
            # The same mix as the email phase, with Message-IDs and senders of its own.
            method, path, body, headers = email_request(i, emails_async)
            return method, path, body, headers | {"Prefer": "respond-async"}

        phases = [
            ("api_create", api_request, "api"),
            ("api_create_async", api_async_request, "api-async"),
            ("email_ingest", email_request, "email"),
            ("email_ingest_async", email_async_request, "email-async"),
        ]
        for name, request_for, channel in phases:
            if args.only not in (None, channel):
                continue
            result, phase_rows = phase(args, env, name, port, request_for, web, worker)
            results.append(result)
            rows.extend(phase_rows)
    finally:
        stop(web)
        stop(worker)
    if args.floor:
        result, phase_rows = floor_phase(args, env, tmp)
        results.append(result)
        rows.extend(phase_rows)
    print(f"database: {vendor}")
    print(
        f"{'measure':<14}{'accepted/s':>11}{'backlog':>9}{'drain s':>9}{'sustained/s':>12}"
        f"{'p50':>8}{'p95':>8}{'p99':>8}  CPU ms per item, statuses"
    )
    for r in results:
        print(
            f"{r['measure']:<14}{r['accepted_per_second']:>11}{r['backlog_at_end']:>9}"
            f"{r['drain_seconds']:>9}{r['sustained_per_second']:>12}{r['p50_ms']!s:>8}"
            f"{r['p95_ms']!s:>8}{r['p99_ms']!s:>8}  {r['cpu_ms_per_item']} {r['statuses']}"
        )
    print(json.dumps({"bench": "throughput", "database": vendor, "rows": rows, "results": results}))
    if args.keep:
        print(f"kept: {tmp}", file=sys.stderr)
    else:  # a five-minute SQLite run leaves some hundreds of MB
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
