"""Benchmark the crisis room's bulk work: email updates to affected consumers, and drill replay.

    .venv/bin/python bench/crisis.py                      # 1,000 subscribers, drill volume 2
    .venv/bin/python bench/crisis.py --subscribers 5000 --drill-volume 4
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kalm_bench .venv/bin/python bench/crisis.py

Uses a fresh SQLite database in a temporary folder unless DATABASE_URL is given (set up the way
bench/intake.py does: migrated, with the seeded protocol and expectation options).

Email updates: N affected cases on one product batch whose consumers asked to be kept informed
are opened through ``case_open``; a crisis on that batch is opened, its proposals confirmed
(which subscribes those consumers), a statement drafted, approved by a second person and
published on the email channel. Timed: confirming (subscriptions), publishing (one pending
mailing per subscriber, in the publishing transaction) and sending every mailing through
``mailings_send_batch`` with the rate lifted (render text + HTML in the consumer's language, the
locmem backend, the dossier entry per consumer). In production the worker sends at
``KALM_CRISIS_MAIL_RATE`` per minute; this measures how far above any sane rate the work is.

Drill replay: ``drill_start`` for the exploding-bottle scenario (its weeks of history included)
and ``drill_advance`` until the whole wave is played: complaints per second through the real
intake of their channels, and the drill's burst detection.

Prints a table and then one JSON line with every figure.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from intake import configure  # the same database set-up as the intake bench


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--subscribers", type=int, default=1000, help="affected consumers (1000)")
    parser.add_argument("--drill-volume", type=float, default=2.0, help="wave multiplier (2)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if args.subscribers < 1:
        parser.error("--subscribers needs at least 1")
    return args


def _team():
    from kalm.accounts.models import Role, User
    from kalm.crisis.actions import crisis_role_assign
    from kalm.crisis.models import TeamRole

    lead = User.objects.create(username="bench-lead", role=Role.LEAD, alias="Lead")
    legal = User.objects.create(username="bench-legal", role=Role.AGENT, alias="Legal")
    crisis_role_assign(actor=lead, user=lead, role=TeamRole.SPOKESPERSON)
    crisis_role_assign(actor=lead, user=legal, role=TeamRole.LEGAL)
    return lead, legal


def measure_email_updates(args: argparse.Namespace, lead, legal) -> dict:
    from django.core import mail
    from django.test import override_settings

    from kalm.cases.actions import case_open
    from kalm.cases.models import ExpectationOption, Product
    from kalm.crisis import actions
    from kalm.crisis.mailing import mailings_send_batch
    from kalm.crisis.models import CrisisMailing, CrisisSubscription, PublishChannel, Scenario

    product = Product.objects.create(name="Bench Bronwater 1L", brand="Bench")
    informed = list(ExpectationOption.objects.filter(code="informed"))
    started = time.perf_counter()
    for i in range(args.subscribers):
        case_open(
            name=f"Consument {i}",
            email=f"c{i}@bench.example",
            subject="Fles ontploft",
            body="De fles is ontploft, partij B0001. Houd mij op de hoogte.",
            product=product,
            batch_number="B0001",
            expectations=informed,
            language="nl" if i % 5 else "en",
        )
    opened_s = time.perf_counter() - started

    crisis = actions.crisis_open(
        actor=lead,
        title="Bench: flessen partij B0001",
        scenario=Scenario.PRODUCT_SAFETY,
        severity=3,
        products=[product],
        batches=["B0001"],
    )
    started = time.perf_counter()
    actions.crisis_cases_confirm(
        crisis=crisis, actor=lead, link_ids=list(crisis.links.values_list("pk", flat=True))
    )
    confirm_s = time.perf_counter() - started
    subscriptions = CrisisSubscription.objects.filter(crisis=crisis).count()

    text = "Flessen uit partij B0001 kunnen barsten; open ze niet en breng ze terug."
    version = actions.statement_draft(
        crisis=crisis,
        actor=lead,
        language="nl",
        what_happened=text,
        what_we_do="We halen partij B0001 uit de winkels.",
        what_to_expect="U krijgt uw geld terug.",
        what_you_can_do="Open de fles niet.",
        how_to_reach_us="Bel 0800-0123.",
    )
    actions.statement_submit(version=version, actor=lead)
    actions.statement_approve(version=version, actor=legal)
    started = time.perf_counter()
    actions.statement_publish(version=version, actor=lead, channels=[PublishChannel.EMAIL_UPDATE])
    publish_s = time.perf_counter() - started
    pending = CrisisMailing.objects.filter(crisis=crisis, status="pending").count()

    mail.outbox = []
    started = time.perf_counter()
    with override_settings(KALM_CRISIS_MAIL_RATE=1_000_000):
        while CrisisMailing.objects.filter(crisis=crisis, status="pending").exists():
            mailings_send_batch()
    send_s = time.perf_counter() - started
    sent = CrisisMailing.objects.filter(crisis=crisis, status="sent").count()
    if len(mail.outbox) != sent:
        sys.exit(f"{sent} mailings marked sent but {len(mail.outbox)} emails in the outbox")
    return {
        "subscribers": args.subscribers,
        "cases_opened_per_s": round(args.subscribers / opened_s, 1),
        "confirm_s": round(confirm_s, 2),
        "subscriptions": subscriptions,
        "publish_s": round(publish_s, 2),
        "mailings_created": pending,
        "send_s": round(send_s, 2),
        "emails_sent": sent,
        "emails_per_s": round(sent / send_s, 1) if send_s else None,
    }


def measure_drill(args: argparse.Namespace, lead) -> dict:
    from kalm.bursts.models import BurstAlert
    from kalm.cases.models import Case
    from kalm.drills.actions import drill_advance, drill_start

    started = time.perf_counter()
    drill = drill_start(scenario="bottles", actor=lead, volume=args.drill_volume, seed=args.seed)
    start_s = time.perf_counter() - started
    history = Case.objects.filter(drill=drill).count()
    started = time.perf_counter()
    steps = 0
    while drill.played < len(drill.script):
        drill = drill_advance(drill=drill, minutes=120)
        steps += 1
    play_s = time.perf_counter() - started
    wave = Case.objects.filter(drill=drill).count() - history
    alerts = list(BurstAlert.objects.filter(drill=drill).values_list("dimension", flat=True))
    return {
        "drill_start_s": round(start_s, 2),
        "history_cases": history,
        "wave_complaints": wave,
        "play_and_detect_s": round(play_s, 2),
        "complaints_per_s": round(wave / play_s, 1) if play_s else None,
        "advance_steps": steps,
        "drill_alerts": sorted(set(alerts)),
        "real_alerts": BurstAlert.objects.filter(drill=None).count(),
    }


def main() -> None:
    args = parse_args()
    with tempfile.TemporaryDirectory(prefix="kalm-bench-crisis-") as tmp:
        label = configure(Path(tmp))
        lead, legal = _team()
        email = measure_email_updates(args, lead, legal)
        drill = measure_drill(args, lead)
    print(f"database: {label}")
    print(
        f"email updates: {email['subscriptions']} subscribers; confirm {email['confirm_s']} s, "
        f"publish {email['publish_s']} s ({email['mailings_created']} mailings), "
        f"send {email['send_s']} s = {email['emails_per_s']} emails/s"
    )
    print(
        f"drill replay: start {drill['drill_start_s']} s ({drill['history_cases']} history cases),"
        f" {drill['wave_complaints']} complaints played and detected in "
        f"{drill['play_and_detect_s']} s = {drill['complaints_per_s']} complaints/s; "
        f"alerts {', '.join(drill['drill_alerts']) or 'none'}; real alerts {drill['real_alerts']}"
    )
    print(json.dumps({"database": label, "email_updates": email, "drill": drill}))


if __name__ == "__main__":
    main()
