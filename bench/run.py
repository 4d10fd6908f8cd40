"""Run every benchmark and write one table of results to bench/results/ (``make bench``).

    make bench                       # small sizes: minutes
    BENCH_SIZE=full make bench       # the issue's sizes: 1,000,000 cases on SQLite and PostgreSQL
    .venv/bin/python bench/run.py --only desk,intake --databases sqlite

Each benchmark is a script under bench/ that prints, last, one JSON line. The scale benchmarks
(desk, insights, throughput, memory) report rows of ``{"measure", "p50_ms", "p95_ms", "p99_ms"}`` or
``{"measure", "value", "unit"}`` with the target they are held to; the quality benchmarks
(classify, bursts, crisis, answers, churn) keep their own figures, of which a few headline ones are
put in the table. The data of the scale benchmarks comes from ``kalm generate_cases --cases N
--seed S`` in a database of their own (a SQLite file under var/bench/, a PostgreSQL database
``kalm_bench_<N>`` next to the one the tests use), made once per size and seed and reused.

Written: ``bench/results/<date>-<size>.md`` (the table, the machine, the sizes and seed) and
``.json`` (every figure each script printed). A benchmark that fails is reported as failed in
the table with the tail of its output; the others still run. PostgreSQL is skipped, with the
reason in the table, when it cannot be reached. A run limited with --only or --databases
replaces its own rows in the day's table and keeps the others.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
RESULTS = BENCH / "results"
PY = sys.executable
PG_BASE = os.environ.get("KALM_BENCH_PG", "postgres://postgres@127.0.0.1:5432")

SIZES: dict[str, dict] = {
    "small": {
        "cases": 20_000,
        "requests": 40,
        "intake_seconds": 20,
        "answers": 6_000,
        "quality": {
            "classify": ["--limit", "300"],
            "bursts": ["--seeds", "1", "--weeks", "4", "--no-nab"],
            "crisis": ["--subscribers", "300", "--drill-volume", "1"],
            "answers": ["--split", "holdout"],
            "churn": ["--quick", "--no-real"],
        },
    },
    "full": {
        "cases": 1_000_000,
        "requests": 200,
        "intake_seconds": 300,
        "answers": 300_000,
        "quality": {
            "classify": [],
            "bursts": ["--seeds", "2"],
            "crisis": [],
            "answers": [],
            "churn": [],
        },
    },
}
SCALE = ("desk", "insights", "throughput", "memory")
QUALITY = ("classify", "bursts", "crisis", "answers", "churn")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", default=os.environ.get("BENCH_SIZE", "small"), choices=SIZES)
    parser.add_argument("--seed", type=int, default=int(os.environ.get("BENCH_SEED", "7")))
    parser.add_argument(
        "--only", default=os.environ.get("BENCH_ONLY", ""), help="comma-separated benchmarks"
    )
    parser.add_argument(
        "--databases",
        default=os.environ.get("BENCH_DATABASES", "sqlite,postgresql"),
        help="comma-separated: sqlite,postgresql",
    )
    return parser.parse_args()


def postgres_problem() -> str | None:
    """None when the bench PostgreSQL answers, else why not."""
    try:
        import psycopg

        with psycopg.connect(f"{PG_BASE}/postgres", connect_timeout=3):
            return None
    except Exception as exc:  # any failure means: skip PostgreSQL, say why
        return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def postgres_database(name: str, *, fresh: bool = False) -> str:
    """The URL of bench database ``name``, created when missing (dropped first when fresh)."""
    import psycopg

    with psycopg.connect(f"{PG_BASE}/postgres", autocommit=True) as conn:
        if fresh:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
    return f"{PG_BASE}/{name}"


def machine() -> dict:
    """What the figures were measured on."""
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"{kb / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    info = {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory": memory,
        "os": platform.platform(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
    }
    if postgres_problem() is None:
        import psycopg

        with psycopg.connect(f"{PG_BASE}/postgres") as conn:
            info["postgresql"] = conn.execute("SHOW server_version").fetchone()[0]
    return info


def run_script(name: str, args: list[str], env: dict[str, str], log: Path) -> dict:
    """Run bench/<name>.py; its last JSON line, or {"error": ...} with the output's tail."""
    cmd = [PY, str(BENCH / f"{name}.py"), *args]
    started = time.monotonic()
    print(f"\n=== {name} {' '.join(args)}", flush=True)
    with log.open("w") as out:
        proc = subprocess.Popen(
            cmd,
            cwd=ROOT,
            env={**os.environ, **env},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        lines = []
        assert proc.stdout is not None
        for line in proc.stdout:
            out.write(line)
            print("   ", line, end="", flush=True)
            lines.append(line)
        code = proc.wait()
    seconds = round(time.monotonic() - started, 1)
    if code != 0:
        return {"error": f"exit {code}", "tail": "".join(lines[-15:]), "seconds": seconds}
    for line in reversed(lines):
        if line.startswith(("{", "[")):
            try:
                figures = json.loads(line)
            except json.JSONDecodeError:
                break
            if isinstance(figures, list):  # one object per variant (classify's backends)
                figures = {"variants": figures}
            return {**figures, "seconds": seconds}
    return {"error": "no JSON line", "tail": "".join(lines[-15:]), "seconds": seconds}


def generate(size: dict, seed: int, database: str, env: dict[str, str], log: Path) -> dict:
    """Migrate, then fill the bench database once per size and seed (`kalm generate_cases`)."""
    cmd = [
        str(Path(PY).parent / "kalm"),
        "generate_cases",
        "--cases",
        str(size["cases"]),
        "--seed",
        str(seed),
    ]
    print(f"\n=== generate_cases on {database}: {' '.join(cmd[2:])}", flush=True)
    started = time.monotonic()
    with log.open("w") as out:
        code = subprocess.call(
            [cmd[0], "migrate", "--no-input", "-v", "0"],
            cwd=ROOT,
            env={**os.environ, **env},
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        if code == 0:
            code = subprocess.call(
                cmd, cwd=ROOT, env={**os.environ, **env}, stdout=out, stderr=subprocess.STDOUT
            )
    text = log.read_text()
    print("   ", text.strip().splitlines()[-1] if text.strip() else "", flush=True)
    return {"code": code, "seconds": round(time.monotonic() - started, 1), "tail": text[-2000:]}


def database_env(vendor: str, size: dict, seed: int) -> dict[str, str]:
    """Environment pointing the Django benchmarks at the generated database of this size."""
    bench_dir = ROOT / "var" / "bench"
    bench_dir.mkdir(parents=True, exist_ok=True)
    env = {
        "KALM_VAR_DIR": str(bench_dir),
        "KALM_PLAIN_STATIC": "1",
        "SECRET_KEY": "kalm-bench-secret-key-not-for-production",
        "DEBUG": "0",
        "LOG_LEVEL": "WARNING",
    }
    name = f"kalm_bench_{size['cases']}_{seed}"
    if vendor == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{bench_dir / name}.sqlite3"
    else:
        env["DATABASE_URL"] = postgres_database(name)
    return env


def headline(name: str, result: dict) -> list[dict]:
    """Rows for the table from one script's JSON."""
    if "error" in result:
        return [{"measure": "failed", "value": result["error"], "unit": ""}]
    if "rows" in result:
        return result["rows"]
    rows: list[dict] = []

    def add(measure: str, value, unit: str = "") -> None:
        if value is not None:
            rows.append({"measure": measure, "value": value, "unit": unit})

    if name == "churn":
        methods = result.get("synthetic", {}).get("methods", {})
        add("synthetic AUC, trained model", methods.get("model", {}).get("auc"))
        add("synthetic AUC, rule index", methods.get("rules", {}).get("auc"))
        add("synthetic Brier, trained model", methods.get("model", {}).get("brier"))
    elif name == "classify":
        for variant in result.get("variants", [result]):
            backend = variant.get("backend", "")
            held = variant.get("heldout", {}).get("all", {})
            add(f"{backend}: messages per second", variant.get("messages_per_second"), "/s")
            add(f"{backend}: held-out sentiment macro-F1", held.get("sentiment_macro_f1"))
    elif name == "crisis":
        email = result.get("email_updates", {})
        add("crisis email updates sent per second", email.get("emails_per_s"), "/s")
        add("drill complaints per second", result.get("drill", {}).get("complaints_per_s"), "/s")
    elif name == "answers":
        held = result.get("holdout") or result.get("all") or {}
        add("answer bot held-out top-1", held.get("top1"))
        add("answer bot held-out wrong and confident", held.get("wrong_confident"))
        if held.get("p50_ms") is not None:
            rows.append(
                {
                    "measure": "answer bot per question",
                    "p50_ms": held["p50_ms"],
                    "p95_ms": held.get("p95_ms"),
                }
            )
    elif name == "bursts":
        sizes = result.get("synthetic", {}).get("per_size", {})
        for size in ("10", "20"):
            if size in sizes:
                add(f"burst of {size} detected", sizes[size].get("detected"))
                add(f"burst of {size}: median delay", sizes[size].get("median_delay_h"), "h")
    if not rows:
        rows.append({"measure": "done", "value": f"{result.get('seconds', '')} s", "unit": ""})
    return rows


def cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:,.1f}" if value >= 10 else f"{value:.3g}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def results_base(size_name: str, info: dict) -> Path:
    """Where today's table of this size goes: ``<day>-<size>``, or ``<day>-<size>-2`` (-3, …)
    when a table of the same day comes from another machine (figures of two machines are never
    mixed in one table, nor is one machine's table overwritten by another's)."""
    day = datetime.now(UTC).strftime("%Y-%m-%d")
    number = 1
    while True:
        base = RESULTS / (f"{day}-{size_name}" if number == 1 else f"{day}-{size_name}-{number}")
        try:
            earlier = json.loads(base.with_suffix(".json").read_text())
        except (OSError, json.JSONDecodeError):
            return base
        if earlier.get("machine", {}).get("cpu") == info.get("cpu"):
            return base
        number += 1


def write(size_name: str, seed: int, info: dict, report: list[dict]) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    day = datetime.now(UTC).strftime("%Y-%m-%d")
    base = results_base(size_name, info)
    size = SIZES[size_name]
    lines = [
        f"# Kalm benchmarks, {size_name} size, {day}",
        "",
        f"Data: `kalm generate_cases --cases {size['cases']} --seed {seed}` per database.",
        "Machine: " + ", ".join(f"{k} {v}" for k, v in info.items() if v not in (None, "")),
        "",
        "| benchmark | database | measure | p50 | p95 | p99 | value | target | met |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for entry in report:
        for row in headline(entry["bench"], entry["result"]):
            p = [row.get(k) for k in ("p50_ms", "p95_ms", "p99_ms")]
            value = row.get("value")
            target = row.get("target", "")
            met = row.get("met")
            lines.append(
                "| "
                + " | ".join(
                    [
                        entry["bench"],
                        entry.get("database", ""),
                        str(row.get("measure", "")),
                        *(f"{cell(x)} ms" if x is not None else "" for x in p),
                        f"{cell(value)} {row.get('unit', '')}".strip() if value is not None else "",
                        str(target),
                        "" if met is None else ("yes" if met else "**no**"),
                    ]
                )
                + " |"
            )
    failed = [e for e in report if "error" in e["result"]]
    for entry in failed:
        lines += ["", f"## {entry['bench']} ({entry.get('database', '')}) failed", "", "```"]
        lines += [entry["result"].get("tail", "").rstrip(), "```"]
    base.with_suffix(".md").write_text("\n".join(lines) + "\n")
    base.with_suffix(".json").write_text(
        json.dumps({"size": size_name, "seed": seed, "machine": info, "report": report}, indent=1)
        + "\n"
    )
    return base.with_suffix(".md")


def merged(size_name: str, seed: int, info: dict, report: list[dict]) -> list[dict]:
    """This run's entries, after today's earlier ones on this machine for the benchmarks it did
    not run (a run with --only or --databases completes the day's table instead of replacing
    it)."""
    earlier = results_base(size_name, info).with_suffix(".json")
    if not earlier.exists():
        return report
    try:
        old = json.loads(earlier.read_text())
    except json.JSONDecodeError:
        return report
    if old.get("seed") != seed:
        return report
    ran = {(e["bench"], e.get("database", "")) for e in report}
    kept = [e for e in old.get("report", []) if (e["bench"], e.get("database", "")) not in ran]
    return kept + report


def main() -> int:
    args = parse_args()
    size = SIZES[args.size]
    only = {x for x in args.only.split(",") if x}
    wanted = [b for b in (*SCALE, *QUALITY) if not only or b in only]
    vendors = [v for v in args.databases.split(",") if v]
    logs = ROOT / "var" / "bench" / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    info = machine()
    report: list[dict] = []
    started = time.monotonic()
    pg_problem = postgres_problem() if "postgresql" in vendors else None
    for vendor in vendors:
        if vendor == "postgresql" and pg_problem is not None:
            report.append(
                {
                    "bench": "all scale benchmarks",
                    "database": vendor,
                    "result": {"error": f"skipped: PostgreSQL unreachable ({pg_problem})"},
                }
            )
            continue
        scale = [b for b in SCALE if b in wanted]
        if not scale:
            continue
        env = database_env(vendor, size, args.seed)
        if any(b in scale for b in ("desk", "insights", "memory")):
            made = generate(size, args.seed, vendor, env, logs / f"generate-{vendor}.log")
            report.append(
                {
                    "bench": "generate_cases",
                    "database": vendor,
                    "result": {
                        "rows": [
                            {
                                "measure": "fill (0 s when reused)",
                                "value": made["seconds"],
                                "unit": "s",
                            }
                        ]
                    }
                    if made["code"] == 0
                    else {"error": f"exit {made['code']}", "tail": made["tail"]},
                }
            )
            if made["code"] != 0:
                continue
        generated = ["--cases", str(size["cases"]), "--seed", str(args.seed)]
        for name in scale:
            extra = {
                "desk": [*generated, "--requests", str(size["requests"])],
                "insights": [
                    *generated,
                    "--requests",
                    str(max(5, size["requests"] // 20)),
                    "--answers",
                    str(size["answers"]),
                ],
                "throughput": ["--seconds", str(size["intake_seconds"]), "--floor"],
                "memory": ["--requests", str(size["requests"])],
            }[name]
            script_env = dict(env)
            if name == "throughput":  # intake needs an empty database of its own
                script_env.pop("DATABASE_URL")
                if vendor == "postgresql":
                    script_env["DATABASE_URL"] = postgres_database("kalm_bench_intake", fresh=True)
            result = run_script(name, extra, script_env, logs / f"{name}-{vendor}.log")
            report.append({"bench": name, "database": vendor, "result": result})
    for name in QUALITY:
        if name in wanted:
            result = run_script(name, size["quality"][name], {}, logs / f"{name}.log")
            report.append({"bench": name, "database": "", "result": result})
    path = write(args.size, args.seed, info, merged(args.size, args.seed, info, report))
    print(f"\nWrote {path.relative_to(ROOT)} in {time.monotonic() - started:.0f} s")
    print(path.read_text())
    return 1 if any("error" in e["result"] for e in report) else 0


if __name__ == "__main__":
    sys.exit(main())
