"""Planner statistics (kalm.core.database): written on SQLite, left to autovacuum elsewhere."""

from __future__ import annotations

import pytest
from django.db import connection

from kalm.core.database import database_statistics_refresh
from kalm.core.tasks import refresh_database_statistics
from kalm.core.testing import make_case


def _stat_tables() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT DISTINCT tbl FROM sqlite_stat1")
        return {row[0] for row in cursor.fetchall()}


@pytest.mark.django_db
def test_sqlite_gets_statistics_for_the_case_tables():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only: PostgreSQL's autovacuum keeps the statistics")
    for _ in range(3):
        make_case()
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if cursor.fetchone():
            cursor.execute("DELETE FROM sqlite_stat1")
    line = database_statistics_refresh()
    assert line.startswith("sqlite: statistics of ")
    assert {"cases_case", "cases_message", "dossier_dossierentry"} <= _stat_tables()


@pytest.mark.django_db
def test_the_hourly_task_runs_it():
    make_case()
    refresh_database_statistics.call_local()
    if connection.vendor == "sqlite":
        assert "cases_case" in _stat_tables()


@pytest.mark.django_db
def test_postgresql_leaves_it_to_autovacuum():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    assert database_statistics_refresh() == (
        "postgresql: statistics are kept by the server (autovacuum)"
    )
