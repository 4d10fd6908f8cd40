"""Database upkeep the worker does: fresh planner statistics on SQLite.

SQLite's query planner picks indexes from the statistics in ``sqlite_stat1``, which only
``ANALYZE`` writes; it never refreshes them by itself. Without them (a database that grew from
empty, a bulk import) or with stale ones, it can pick the wrong index: at a million cases the
inbox read every SLA clock and took 190 ms a page instead of 24. ``PRAGMA optimize`` does not
help a worker's fresh connection on the SQLite Debian ships (3.40 only looks at tables that
connection has queried), so the worker runs a bounded ``ANALYZE`` every hour instead:
``analysis_limit`` makes each index's statistics come from about that many rows, so the
statement takes milliseconds at any size and the estimates stay good enough to choose indexes.

PostgreSQL needs none of this: its autovacuum daemon analyses tables as they change.
"""

from __future__ import annotations

import time

from django.db import connection

# Rows sampled per index. SQLite's documentation suggests 100-1000 for this use; 1000 gives
# stable estimates for the desk's skewed columns (status, team) at a few ms per index.
ANALYSIS_LIMIT = 1000


def database_statistics_refresh() -> str:
    """Refresh the query planner's statistics where the database does not do it itself.
    Returns a line for the worker's log."""
    if connection.vendor != "sqlite":
        return f"{connection.vendor}: statistics are kept by the server (autovacuum)"
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA analysis_limit={ANALYSIS_LIMIT}")
        cursor.execute("ANALYZE")
        cursor.execute("SELECT count(DISTINCT tbl) FROM sqlite_stat1")
        tables = cursor.fetchone()[0]
    return (
        f"sqlite: statistics of {tables} tables refreshed in {time.perf_counter() - started:.2f} s"
    )
