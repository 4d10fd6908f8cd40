"""Benchmark the dashboards (kalm.insights) on a large data set.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kalm_bench .venv/bin/python bench/insights.py
    .venv/bin/python bench/insights.py --cases 20000 --answers 6000     # a quick check (SQLite)

The target (issues 7 and 8): every dashboard query under 1 s p95 on 1,000,000 cases and 300,000
survey answers, on SQLite and PostgreSQL. Cases, consumers, messages, dossier entries, teams and
agents come from ``kalm generate_cases`` (bench/desk.py's ``fill``, the same database for both
benches); this adds what the dashboards read besides: an SLA clock per case (a tenth breached),
survey answers with their invitations (CSAT, NPS, CES, expectation skewed like a decent team), a
message analysis per inbound message, and four crises over the year. Then it times each
selector (kalm.insights.selectors) for the last 30 days, 90 days, 12 months and 2 years, for
everyone, a team and one agent, and the whole lead dashboard page through Django's test Client.
Each selector is one query except headline (three: the case_rollup, answer_rollup and sla_counts
a page reads once and shares). Before timing, the worker's daily figures (kalm.insights.models)
are built if the database has none, as the worker's first run does, and refreshed once (both
timed). Prints a table, then one JSON line.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import statistics
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import desk  # the desk bench's database set-up and filler

BATCH = 5000


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--answers", type=int, default=300_000)
    parser.add_argument("--requests", type=int, default=20, help="timed runs per query (20)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--fresh", action="store_true")
    return parser.parse_args()


def analyse(rng: random.Random) -> None:
    """An analysis per inbound message (what the worker writes at intake), so the sentiment chart
    works on realistic volumes; the generator spreads cases over teams, agents and products."""
    from kalm.cases.models import Message
    from kalm.empathy.models import MessageAnalysis

    inbound = Message.objects.filter(kind="inbound")
    if MessageAnalysis.objects.count() >= inbound.count():
        return
    # Resumes an interrupted run: the messages analysed already are skipped.
    print("Analysing every inbound message...", flush=True)
    done = set(MessageAnalysis.objects.values_list("message_id", flat=True))
    inbound = inbound.values_list("id", "case_id", "created_at")
    chunk = []
    for message_id, case_id, at in inbound.iterator(chunk_size=BATCH):
        if message_id in done:
            continue
        score = round(rng.uniform(-1, 0.6), 3)
        chunk.append(
            MessageAnalysis(
                message_id=message_id,
                case_id=case_id,
                language="nl",
                sentiment=score,
                sentiment_label="negative" if score < -0.2 else "neutral",
                emotion="frustration",
                created_at=at,
            )
        )
        if len(chunk) >= BATCH:
            MessageAnalysis.objects.bulk_create(chunk)
            chunk = []
    MessageAnalysis.objects.bulk_create(chunk)


def fill_extras(answers: int, rng: random.Random) -> None:
    from django.db import transaction

    from kalm.cases.models import Case
    from kalm.crisis.models import Crisis
    from kalm.sla.models import CaseSla, SlaPolicy
    from kalm.surveys.models import Invitation, Response, Survey, Trigger

    survey = Survey.objects.filter(name="Bench").first()
    if survey is not None and Response.objects.count() >= answers:
        print(f"Reusing {Response.objects.count()} answers.", flush=True)
        return
    started = time.monotonic()
    analyse(rng)
    policy = SlaPolicy.objects.first()
    if policy is not None and not CaseSla.objects.exists():
        print("SLA clocks...", flush=True)
        ids = Case.objects.values_list("id", "created_at").iterator(chunk_size=BATCH)
        chunk = []
        for case_id, created in ids:
            breached = created + timedelta(hours=9) if rng.random() < 0.1 else None
            chunk.append(
                CaseSla(
                    case_id=case_id,
                    policy=policy,
                    started_at=created,
                    first_response_due=created + timedelta(hours=8),
                    first_response_breached_at=breached,
                    resolution_due=created + timedelta(days=5),
                    resolution_breached_at=created + timedelta(days=5, hours=1)
                    if rng.random() < 0.15
                    else None,
                )
            )
            if len(chunk) >= BATCH:
                CaseSla.objects.bulk_create(chunk)
                chunk = []
        CaseSla.objects.bulk_create(chunk)
    if survey is None:
        survey = Survey.objects.create(
            name="Bench",
            trigger=Trigger.RESOLVED,
            items=["csat", "expectation", "nps", "ces", "comment"],
        )
    print(f"{answers} survey answers...", flush=True)
    done = (
        Case.objects.filter(status__in=["resolved", "closed"])
        .values_list(
            "id", "consumer_id", "team_id", "assignee_id", "channel", "product_id", "updated_at"
        )
        .order_by("?")[:answers]
    )
    rows = list(done)
    for start in range(0, len(rows), BATCH):
        part = rows[start : start + BATCH]
        with transaction.atomic():
            invitations = Invitation.objects.bulk_create(
                [
                    Invitation(
                        survey=survey,
                        case_id=case_id,
                        consumer_id=consumer_id,
                        occasion=f"bench:{case_id}",
                        status=Invitation.Status.ANSWERED,
                        due_at=at,
                        sent_at=at,
                        answered_at=at + timedelta(hours=3),
                    )
                    for case_id, consumer_id, _t, _a, _c, _p, at in part
                ]
            )
            responses = []
            for invitation, (case_id, _c, team_id, agent_id, channel, product_id, at) in zip(
                invitations, part, strict=True
            ):
                mood = rng.random()
                csat = 1 + int(mood * 5) if mood < 0.999 else 5
                responses.append(
                    Response(
                        invitation=invitation,
                        case_id=case_id,
                        survey=survey,
                        team_id=team_id,
                        agent_id=agent_id,
                        channel=channel,
                        product_id=product_id,
                        trigger=Trigger.RESOLVED,
                        created_at=at + timedelta(hours=3),
                        updated_at=at + timedelta(hours=3),
                        csat=csat,
                        nps=min(10, max(0, csat * 2 + rng.randrange(-1, 2))),
                        ces=min(7, max(1, csat + rng.randrange(0, 3))),
                        expectation=rng.choice(
                            ["below"] * 2 + ["as_expected"] * 6 + ["surprised"] * 2
                        ),
                        low_reasons=["csat"] if csat <= 2 else [],
                    )
                )
            Response.objects.bulk_create(responses)
        print(f"  {start + len(part)} answers", flush=True)
    if not Crisis.objects.filter(title__startswith="Bench").exists():
        from kalm.accounts.models import User

        owner = User.objects.first()
        now = datetime.now(UTC)
        for n in range(4):
            opened = now - timedelta(days=30 + 80 * n)
            Crisis.objects.create(
                title=f"Bench crisis {n + 1}",
                scenario="product_safety",
                opened_at=opened,
                closed_at=opened + timedelta(days=6),
                status="closed",
                opened_by=owner,
            )
    from django.db import connection

    # Fresh statistics after the bulk loads, on both databases: SQLite's planner, told by the
    # generator's ANALYZE that sla_casesla was empty, read all its million rows for the inbox's
    # 50 SLA clocks (190 ms a page instead of 24).
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"Extras filled in {time.monotonic() - started:.0f} s.", flush=True)


def _time(fn, runs: int) -> tuple[float, float, float]:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    nearest_rank = [times[math.ceil(q * len(times)) - 1] for q in (0.95, 0.99)]
    return statistics.median(times), *nearest_rank


def measure(runs: int) -> dict:
    from django.test import Client

    from kalm.accounts.models import Team, User
    from kalm.cases.models import Case
    from kalm.insights import selectors as s
    from kalm.insights.types import Filters

    today = date.today()
    agent = desk.bench_agent()
    # The bench agent's team: one of the generated teams, with a fifth of the cases (the first
    # team by id is one of the migrations' and has none).
    team_id = (
        Case.objects.filter(assignee=agent).exclude(team=None).values_list("team_id", flat=True)
    ).first()
    team = Team.objects.filter(pk=team_id).first()
    periods = {"30d": 30, "90d": 90, "12m": 365, "24m": 730}
    queries = {
        # The three reads a page shares (views.Figures): everything else on it but the tables
        # below, the backlog and the sentiment is made of these without another query.
        "case_rollup": s.case_rollup,
        "answer_rollup": s.answer_rollup,
        "sla_counts": s.sla_counts,
        # The same figures one selector at a time, each reading for itself.
        "headline": s.headline,
        "volume_series": s.volume_series,
        "volume_by_channel": lambda f: s.volume_table(f, "channel"),
        "response_times": s.response_time_series,
        "sla": s.sla_table,
        "backlog": s.backlog_table,
        "satisfaction_series": s.satisfaction_series,
        "satisfaction_by_team": lambda f: s.satisfaction_table(f, "team"),
        "satisfaction_by_agent": lambda f: s.satisfaction_table(f, "agent"),
        "expectation": s.expectation_split,
        "sentiment": s.sentiment_series,
        "crises": s.crisis_periods,
    }
    results: dict = {}
    for label, days in periods.items():
        for scope, extra in (
            ("all", {}),
            ("team", {"team_id": team.pk if team else None}),
            ("agent", {"agent_id": agent.pk}),
        ):
            f = Filters(start=today - timedelta(days=days - 1), end=today, **extra)
            for name, fn in queries.items():
                p50, p95, p99 = _time(lambda fn=fn, f=f: fn(f), runs)
                results[f"{label}/{scope}/{name}"] = {
                    "p50_ms": round(p50, 1),
                    "p95_ms": round(p95, 1),
                    "p99_ms": round(p99, 1),
                }
    lead = User.objects.filter(role="lead").first() or User.objects.create(
        username="bench-lead", role="lead", alias="Lead"
    )
    client = Client()
    client.force_login(lead)

    def get(url: str) -> None:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    for label, url in (
        ("page/30d", "/desk/insights/?period=30d"),
        ("page/12m", "/desk/insights/?period=12m"),
        ("page/12m/team", f"/desk/insights/?period=12m&team={team.pk if team else ''}"),
        ("page/me/12m", "/desk/insights/me/?period=12m"),
        ("export/satisfaction_agent/12m", "/desk/insights/?period=12m&export=satisfaction_agent"),
    ):
        if label.startswith("page/me"):
            client.force_login(agent)
        get(url)  # a warm-up request, as the desk bench makes (templates, the settings cache)
        p50, p95, p99 = _time(lambda url=url: get(url), max(5, runs // 2))
        results[label] = {"p50_ms": round(p50, 1), "p95_ms": round(p95, 1), "p99_ms": round(p99, 1)}
        client.force_login(lead)
    return results


def roll_up() -> dict:
    """The daily figures the worker keeps (kalm.insights.actions): built from scratch when the
    database has none (the first run of the worker, or ``kalm insights_rebuild``), then one
    run of the ten-minute job with nothing touched since, then the statistics the worker's
    hourly job refreshes (kalm.core.database), which the planner needs for the new tables."""
    from kalm.core.database import database_statistics_refresh
    from kalm.insights.actions import daily_figures_rebuild, daily_figures_refresh
    from kalm.insights.models import DailyFiguresState

    figures: dict = {}
    state = DailyFiguresState.objects.first()
    if state is None or state.through is None:
        print("Daily figures (the worker's first run)...", flush=True)
        started = time.monotonic()
        done = daily_figures_rebuild()
        figures["rebuild_s"] = round(time.monotonic() - started, 1)
        figures["rebuild_rows"] = done["rows"]
        print(f"  {done['days']} days, {done['rows']} rows in {figures['rebuild_s']} s", flush=True)
    started = time.monotonic()
    done = daily_figures_refresh()
    figures["refresh_ms"] = round((time.monotonic() - started) * 1000, 1)
    print(f"Daily figures refreshed: {done} in {figures['refresh_ms']} ms", flush=True)
    print(database_statistics_refresh(), flush=True)
    return figures


def main() -> None:
    args = parse_args()
    url = desk.configure(args)
    rng = random.Random(args.seed)
    desk.fill(args.cases, args.seed)
    fill_extras(args.answers, rng)
    rolled = roll_up()
    from kalm.cases.models import Case
    from kalm.surveys.models import Response

    print(
        f"database: {url.split('@')[-1]}; {Case.objects.count()} cases, "
        f"{Response.objects.count()} answers",
        flush=True,
    )
    results = measure(args.requests)
    worst = max(results.items(), key=lambda item: item[1]["p95_ms"])
    print(f"{'query':45} {'p50 ms':>9} {'p95 ms':>9}")
    for name, row in results.items():
        print(f"{name:45} {row['p50_ms']:9.1f} {row['p95_ms']:9.1f}")
    print(f"slowest p95: {worst[0]} {worst[1]['p95_ms']} ms")
    # For the summary table: the slowest query per period, and the whole pages.
    rows = []
    for period in ("30d", "90d", "12m", "24m"):
        name, row = max(
            ((k, v) for k, v in results.items() if k.startswith(f"{period}/")),
            key=lambda item: item[1]["p95_ms"],
        )
        rows.append(
            {
                "measure": f"dashboard queries {period}: slowest ({name})",
                **row,
                "target": "p95 <= 1000 ms",
                "met": row["p95_ms"] <= 1000,
            }
        )
    rows += [
        {"measure": f"whole {k}", **v}
        for k, v in results.items()
        if k.startswith(("page/", "export/"))
    ]
    rows.append(
        {
            "measure": "daily figures: the ten-minute worker run (just after the first)",
            "value": rolled["refresh_ms"],
            "unit": "ms",
        }
    )
    if "rebuild_s" in rolled:
        rows.append(
            {
                "measure": f"daily figures: rebuilt from scratch ({rolled['rebuild_rows']} rows)",
                "value": rolled["rebuild_s"],
                "unit": "s",
            }
        )
    from django.db import connection

    print(
        json.dumps(
            {
                "bench": "insights",
                "database": connection.vendor,
                "cases": Case.objects.count(),
                "answers": Response.objects.count(),
                "rows": rows,
                "results": results,
            }
        )
    )


if __name__ == "__main__":
    main()
