"""The cases table leaves room for the next version of its rows on PostgreSQL (migration 0013)."""

import pytest
from django.db import connection

from kalm.cases.actions import case_set_priority
from kalm.cases.models import Priority
from kalm.core.testing import make_case

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's fillfactor and HOT updates"
)


def _stats() -> tuple[int, int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT n_tup_upd, n_tup_hot_upd FROM pg_stat_xact_user_tables"
            " WHERE relname = 'cases_case'"
        )
        row = cursor.fetchone()
    return (row[0], row[1]) if row else (0, 0)


def test_the_cases_table_has_a_fillfactor(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT reloptions FROM pg_class WHERE relname = 'cases_case'")
        (options,) = cursor.fetchone()
    assert "fillfactor=80" in (options or [])


def test_a_new_case_s_dossier_head_is_a_heap_only_update(db):
    """Opening a case inserts the row, then writes its dossier head: with room on the page and
    no indexed column changed, PostgreSQL keeps every index as it is (a HOT update)."""
    before = _stats()
    make_case()
    updates, hot = (after - earlier for after, earlier in zip(_stats(), before, strict=True))
    assert updates >= 1
    assert hot == updates
    # An indexed column (priority) changes: that one cannot be heap-only, and is counted apart.
    case = make_case()
    before = _stats()
    case_set_priority(case=case, actor=None, priority=Priority.URGENT)
    updates, hot = (after - earlier for after, earlier in zip(_stats(), before, strict=True))
    assert (updates, hot) == (1, 0)
