"""Run Kalm's whole test suite: lint, migrations check, SQLite, PostgreSQL, browser.

Suites that need PostgreSQL or Chromium are skipped with a clear message when those are absent,
unless KALM_REQUIRE_ALL=1, in which case their absence is a failure.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
REQUIRE_ALL = os.environ.get("KALM_REQUIRE_ALL") == "1"
PG_URL = os.environ.get("KALM_TEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/kalm")
CHROMIUM = os.environ.get("KALM_CHROMIUM", "/usr/bin/chromium")


def banner(text: str) -> None:
    print(f"\n=== {text}", flush=True)


def run(cmd: list[str], env: dict | None = None) -> int:
    print("$", " ".join(cmd), flush=True)
    return subprocess.call(cmd, cwd=ROOT, env={**os.environ, **(env or {})})


def postgres_reachable() -> str | None:
    """None when reachable, else why not."""
    try:
        import psycopg

        from kalm.core.env import parse_database_url

        cfg = parse_database_url(PG_URL)
        with psycopg.connect(
            host=cfg["HOST"],
            port=cfg["PORT"] or 5432,
            user=cfg["USER"],
            password=cfg["PASSWORD"],
            dbname="postgres",
            connect_timeout=3,
        ):
            return None
    except Exception as exc:
        return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def main() -> int:
    var = ROOT / "var" / "test"
    var.mkdir(parents=True, exist_ok=True)
    base_env = {
        "KALM_VAR_DIR": str(var),
        "SECRET_KEY": "kalm-test-secret-key-not-for-production",
        "KALM_PLAIN_STATIC": "1",
        "DATABASE_URL": "",
    }
    failures: list[str] = []
    skipped: list[str] = []
    extra = sys.argv[1:]

    banner("ruff")
    if run([str(BIN / "ruff"), "check", "."]) != 0:
        failures.append("ruff")

    banner("migrations are up to date")
    if run([str(BIN / "kalm"), "makemigrations", "--check", "--dry-run"], base_env) != 0:
        failures.append("makemigrations --check")

    # KALM_TEST_PARALLEL=1 runs the PostgreSQL suite beside the SQLite one (two databases, two
    # var folders; its output printed after the SQLite suite's). Not the default: on two cores
    # the SQLite browser tests then miss their timeouts now and then (seen in two CI runs).
    pg = None
    why = postgres_reachable()
    serial = os.environ.get("KALM_TEST_PARALLEL") != "1"
    pg_env = {**base_env, "DATABASE_URL": PG_URL, "KALM_VAR_DIR": str(var) + "-pg"}
    pg_cmd = [str(BIN / "pytest"), "-q", "-m", "not browser", *extra]
    pg_log = var.parent / "test-pg.log"
    if why is None and not serial:
        Path(pg_env["KALM_VAR_DIR"]).mkdir(parents=True, exist_ok=True)
        print("$", " ".join(pg_cmd), f"(PostgreSQL, in the background: {pg_log})", flush=True)
        pg = subprocess.Popen(
            pg_cmd,
            cwd=ROOT,
            env={**os.environ, **pg_env},
            stdout=pg_log.open("w"),
            stderr=subprocess.STDOUT,
        )

    chromium_ok = Path(CHROMIUM).exists()
    banner("test suite on SQLite" + (" (with browser tests)" if chromium_ok else ""))
    marker = [] if chromium_ok else ["-m", "not browser"]
    if not chromium_ok:
        msg = f"browser tests: no Chromium at {CHROMIUM} (apt-get install chromium)"
        (failures if REQUIRE_ALL else skipped).append(msg)
        print("SKIP", msg)
    if run([str(BIN / "pytest"), "-q", *marker, *extra], base_env) != 0:
        failures.append("SQLite suite")

    banner("test suite on PostgreSQL")
    if pg is not None:
        code = pg.wait()
        print(pg_log.read_text(), flush=True)
        if code != 0:
            failures.append("PostgreSQL suite")
    elif why is None:
        if run(pg_cmd, pg_env) != 0:
            failures.append("PostgreSQL suite")
    else:
        msg = f"PostgreSQL suite: cannot reach {PG_URL} ({why}); set KALM_TEST_DATABASE_URL"
        (failures if REQUIRE_ALL else skipped).append(msg)
        print("SKIP", msg)

    banner("summary")
    for s in skipped:
        print("skipped:", s)
    for f in failures:
        print("FAILED:", f)
    if not failures:
        print("all suites passed" + (" (some skipped, see above)" if skipped else ""))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    sys.exit(main())
