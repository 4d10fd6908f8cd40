"""Memory of the production processes: a web process and a worker with the NLP models loaded.

    DATABASE_URL=sqlite:///var/bench/kalm_bench_20000_7.sqlite3 .venv/bin/python bench/memory.py
    (bench/run.py points it at the database `kalm generate_cases` filled)

Web: the production server (gunicorn with deploy/gunicorn.conf.py, one process, on a loopback
port) serves every main desk page ``--requests`` times as a logged-in team lead: the inbox and its
filters, searches, case pages (the longest dossiers among them), consumer pages, the dashboards
for 30 days and 12 months, the at-risk list, the crisis room, the knowledge base. Reported: the
process's resident set at the end (VmRSS) and its peak (VmHWM), against the 250 MB target.

Worker: ``kalm run_huey`` (the production worker, two threads) analyses ``--messages`` stored
inbound messages (language, sentiment, emotion and escalation signals with the sentence encoder)
and detects the topic of as many cases (the knowledge base's hybrid matcher), the jobs intake
queues; reported as the peak resident set after the queue drained, against 600 MB.

Prints a table, then one JSON line.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from servers import free_port, start, stop

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
LEAD = "bench-lead"
TARGET_WEB_MB = 250
TARGET_WORKER_MB = 600


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=40, help="rounds over the pages (40)")
    parser.add_argument("--messages", type=int, default=500, help="messages to analyse (500)")
    parser.add_argument("--web-threads", type=int, default=8)
    parser.add_argument("--seed", type=int, default=7)
    return parser.parse_args()


def setup() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kalm.settings")
    os.environ.setdefault("KALM_PLAIN_STATIC", "1")
    os.environ.setdefault("SECRET_KEY", "kalm-bench-secret-key-not-for-production")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    if not os.environ.get("DATABASE_URL"):
        sys.exit("DATABASE_URL must name a generated database (see bench/run.py)")
    var = Path(os.environ.setdefault("KALM_VAR_DIR", str(ROOT / "var" / "bench")))
    (var / "static").mkdir(parents=True, exist_ok=True)
    import django

    django.setup()


def status_kb(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM of a process, in kB."""
    out = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            out[key] = int(rest.split()[0])
    return out


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(x) for x in path.read_text().split()] if path.exists() else []


def lead_session() -> str:
    """A session cookie value for the bench lead (made directly: no login form in the way)."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from kalm.accounts.models import Role, Team, User

    user, _ = User.objects.get_or_create(
        username=LEAD, defaults={"role": Role.LEAD, "alias": "Bench lead", "first_name": "Bench"}
    )
    user.teams.add(*Team.objects.all())
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def pages(rng: random.Random) -> list[str]:
    from kalm.cases.models import Case
    from kalm.consumers.models import Consumer

    long_cases = list(Case.objects.order_by("-dossier_length").values_list("pk", flat=True)[:20])
    ids = list(Case.objects.order_by("?").values_list("pk", flat=True)[:50])
    consumers = list(Consumer.objects.order_by("?").values_list("pk", flat=True)[:20])
    urls = [
        "/desk/",
        "/desk/?view=mine",
        "/desk/?status=open",
        "/desk/?q=fles",
        "/desk/?q=bestelling+bezorgd",
        "/desk/insights/?period=30d",
        "/desk/insights/?period=12m",
        "/desk/churn/",
        "/desk/crisis/",
        "/desk/kb/",
        "/desk/followups/",
    ]
    urls += [f"/desk/cases/{pk}/" for pk in rng.sample(long_cases, min(5, len(long_cases)))]
    urls += [f"/desk/cases/{pk}/" for pk in rng.sample(ids, min(10, len(ids)))]
    urls += [f"/desk/consumers/{pk}/" for pk in rng.sample(consumers, min(5, len(consumers)))]
    return urls


def measure_web(args: argparse.Namespace, rng: random.Random, logs: Path) -> dict:
    session = lead_session()
    urls = pages(rng)
    port = free_port()
    log = logs / "memory-web.log"
    os.environ["KALM_WEB_WORKERS"] = "1"
    os.environ["KALM_WEB_THREADS"] = str(args.web_threads)
    server = start(
        [
            str(BIN / "gunicorn"),
            "-c",
            str(ROOT / "deploy" / "gunicorn.conf.py"),
            "--bind",
            f"127.0.0.1:{port}",
            "--max-requests",
            "0",  # the same process throughout: its growth is what is measured
        ],
        os.environ.copy(),
        log,
    )
    statuses: dict[int, int] = {}
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
                conn.request("GET", "/help/")
                conn.getresponse().read()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    sys.exit(f"web server did not start: {log.read_text()[-2000:]}")
                time.sleep(0.3)
        workers = children(server.pid)
        if len(workers) != 1:
            sys.exit(f"expected one gunicorn worker, found {workers}")
        worker_pid = workers[0]
        started_kb = status_kb(worker_pid)["VmRSS"]
        headers = {"Cookie": f"sessionid={session}"}
        for _ in range(args.requests):
            for url in urls:
                conn.request("GET", url, headers=headers)
                response = conn.getresponse()
                response.read()
                statuses[response.status] = statuses.get(response.status, 0) + 1
        memory = status_kb(worker_pid)
    finally:
        stop(server)
    bad = {k: v for k, v in statuses.items() if k != 200}
    if bad:
        sys.exit(f"pages answered {bad}: {log.read_text()[-2000:]}")
    return {
        "pages": len(urls),
        "requests": sum(statuses.values()),
        "rss_start_mb": round(started_kb / 1024, 1),
        "rss_mb": round(memory["VmRSS"] / 1024, 1),
        "peak_mb": round(memory["VmHWM"] / 1024, 1),
    }


def measure_worker(args: argparse.Namespace, logs: Path) -> dict:
    from huey.contrib.djhuey import HUEY

    from kalm.cases.models import Case, Message
    from kalm.cases.tasks import detect_case_topic
    from kalm.empathy.tasks import analyse_message

    HUEY.flush()
    message_ids = list(
        Message.objects.filter(kind=Message.Kind.INBOUND)
        .order_by("-pk")
        .values_list("pk", flat=True)[: args.messages]
    )
    case_ids = list(Case.objects.order_by("-pk").values_list("pk", flat=True)[: args.messages])
    log = logs / "memory-worker.log"
    worker = start(
        [str(BIN / "kalm"), "run_huey", "-w", "2", "-k", "thread"], os.environ.copy(), log
    )
    try:
        time.sleep(2)
        idle_kb = status_kb(worker.pid)["VmRSS"]
        started = time.monotonic()
        for message_id, case_id in zip(message_ids, case_ids, strict=False):
            analyse_message(message_id)
            detect_case_topic(case_id)
        while HUEY.pending_count() and time.monotonic() - started < 1200:
            if worker.poll() is not None:
                sys.exit(f"worker exited: {log.read_text()[-2000:]}")
            time.sleep(0.5)
        time.sleep(1)  # the last job finishing
        seconds = time.monotonic() - started
        memory = status_kb(worker.pid)
    finally:
        stop(worker)
    return {
        "jobs": len(message_ids) + len(case_ids),
        "seconds": round(seconds, 1),
        "idle_mb": round(idle_kb / 1024, 1),
        "rss_mb": round(memory["VmRSS"] / 1024, 1),
        "peak_mb": round(memory["VmHWM"] / 1024, 1),
    }


def main() -> int:
    args = parse_args()
    setup()
    from django.db import connection

    logs = ROOT / "var" / "bench" / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    rng = random.Random(args.seed)
    web = measure_web(args, rng, logs)
    worker = measure_worker(args, logs)
    print(f"database: {connection.vendor}")
    print(
        f"web process: {web['requests']} requests over {web['pages']} pages: "
        f"RSS {web['rss_start_mb']} -> {web['rss_mb']} MB, peak {web['peak_mb']} MB "
        f"(target <= {TARGET_WEB_MB} MB)"
    )
    print(
        f"worker: {worker['jobs']} jobs in {worker['seconds']} s: idle {worker['idle_mb']} MB, "
        f"RSS {worker['rss_mb']} MB, peak {worker['peak_mb']} MB (target <= {TARGET_WORKER_MB} MB)"
    )
    rows = [
        {
            "measure": f"web process peak RSS ({web['requests']} desk requests)",
            "value": web["peak_mb"],
            "unit": "MB",
            "target": f"<= {TARGET_WEB_MB} MB",
            "met": web["peak_mb"] <= TARGET_WEB_MB,
        },
        {
            "measure": f"worker peak RSS, NLP loaded ({worker['jobs']} jobs)",
            "value": worker["peak_mb"],
            "unit": "MB",
            "target": f"<= {TARGET_WORKER_MB} MB",
            "met": worker["peak_mb"] <= TARGET_WORKER_MB,
        },
    ]
    print(
        json.dumps(
            {
                "bench": "memory",
                "database": connection.vendor,
                "rows": rows,
                "web": web,
                "worker": worker,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
