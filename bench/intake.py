"""Benchmark intake: how many messages per second Kalm takes in, per channel.

    .venv/bin/python bench/intake.py                  # 500 emails on a temporary SQLite file
    .venv/bin/python bench/intake.py --emails 5000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kalm_bench .venv/bin/python bench/intake.py

Without DATABASE_URL a fresh SQLite database is made in a temporary folder (deleted afterwards);
with it, that database is migrated and used (use a database meant for benchmarks: rows are
added to it). Each measurement is one function ``measure_<name>(args) -> dict`` listed in
MEASUREMENTS; the script prints a table and then one JSON line with every result.

Email: N generated messages (a mix of new complaints and replies threaded by In-Reply-To, some
with a small JPEG attachment) go through ``kalm.channels.email.ingest.ingest_raw`` one by one,
the way the MTA pipe, the IMAP poller and the HTTP endpoint hand them over: store raw, parse,
classify, thread, open or update the case, write the dossier, attach evidence, queue the
confirmation. Queued jobs are only enqueued (the worker is not part of the measurement).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from email.message import EmailMessage
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

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
        "--reply-share", type=float, default=0.4, help="share of replies to earlier mail (0.4)"
    )
    parser.add_argument(
        "--attachment-share", type=float, default=0.1, help="share with a JPEG attached (0.1)"
    )
    parser.add_argument("--seed", type=int, default=7)
    return parser.parse_args()


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
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from django.db import connection

    if connection.vendor == "sqlite":
        return f"sqlite ({connection.settings_dict['NAME']})"
    return f"{connection.vendor} ({connection.settings_dict.get('NAME')})"


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
    started = time.perf_counter()
    for raw in emails:
        outcomes[ingest_raw(raw, source="bench").outcome] += 1
    seconds = time.perf_counter() - started
    return {
        "measurement": "email_ingest",
        "count": len(emails),
        "seconds": round(seconds, 3),
        "per_second": round(len(emails) / seconds, 1) if seconds else None,
        "ms_per_item": round(1000 * seconds / len(emails), 2) if emails else None,
        "detail": dict(outcomes),
    }


# One function per measurement; API creates and other channels add theirs here.
MEASUREMENTS: list[Callable[[argparse.Namespace], dict]] = [measure_email_ingest]


def print_table(database: str, results: list[dict]) -> None:
    print(f"database: {database}")
    print(
        f"{'measurement':<20} {'count':>8} {'seconds':>9} {'per second':>11} {'ms/item':>8}  detail"
    )
    for r in results:
        detail = ", ".join(f"{k}={v}" for k, v in sorted(r.get("detail", {}).items()))
        print(
            f"{r['measurement']:<20} {r['count']:>8} {r['seconds']:>9} "
            f"{r['per_second']!s:>11} {r['ms_per_item']!s:>8}  {detail}"
        )


def main() -> None:
    args = parse_args()
    with tempfile.TemporaryDirectory(prefix="kalm-intake-") as tmp:
        database = configure(Path(tmp))
        results = [measure(args) for measure in MEASUREMENTS]
        print_table(database, results)
        print(json.dumps({"bench": "intake", "database": database, "results": results}))


if __name__ == "__main__":
    main()
