"""`kalm detect_bursts --events FILE.csv`: the JSON-lines contract and bad rows."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

KEYS = {"start", "detected_at", "key", "count", "expected", "score", "case_ids"}
START = datetime(2026, 3, 2, tzinfo=UTC)


def _run(path, *extra) -> tuple[list[dict], str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("detect_bursts", "--events", str(path), *extra, stdout=out, stderr=err)
    return [json.loads(line) for line in out.getvalue().splitlines()], err.getvalue()


def _write(path, rows, header=("timestamp", "product", "batch", "channel", "text")) -> None:
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def _stream() -> list[list[str]]:
    """Ten days of one complaint every eight hours, then six about batch L2611 in an hour."""
    rows = [
        [(START + timedelta(hours=8 * i)).isoformat(), "Cola", f"L{i % 5}", "web", "te laat"]
        for i in range(30)
    ]
    onset = START + timedelta(days=10, hours=9)
    rows += [
        [(onset + timedelta(minutes=8 * i)).isoformat(), "Cola", "L2611", "email", "fles ontploft"]
        for i in range(6)
    ]
    return rows


def test_it_prints_one_json_line_per_alert_with_exactly_the_contract_keys(tmp_path):
    path = tmp_path / "events.csv"
    _write(path, _stream())
    alerts, errors = _run(path, "--no-topics")
    assert errors == ""
    assert alerts
    assert all(set(alert) == KEYS for alert in alerts)
    batch = next(a for a in alerts if a["key"] == "batch:L2611")
    # Without a case_id column the case ids are the row numbers (data rows, from 1).
    assert batch["case_ids"][:4] == ["31", "32", "33", "34"]
    assert datetime.fromisoformat(batch["start"]) == START + timedelta(days=10, hours=9)
    assert batch["count"] >= 4 and batch["expected"] < 1


def test_it_uses_the_case_id_column_when_there_is_one(tmp_path):
    path = tmp_path / "events.csv"
    rows = [[*row, f"case-{i}"] for i, row in enumerate(_stream())]
    _write(path, rows, ("timestamp", "product", "batch", "channel", "text", "case_id"))
    alerts, _ = _run(path, "--no-topics")
    batch = next(a for a in alerts if a["key"] == "batch:L2611")
    assert batch["case_ids"][0] == "case-30"


def test_it_reports_bad_rows_by_line_and_processes_the_rest(tmp_path):
    path = tmp_path / "events.csv"
    rows = _stream()
    rows.insert(3, ["yesterday", "Cola", "L1", "web", "kapot"])
    rows.insert(7, ["2026-03-03T10:00:00"])  # too few fields
    _write(path, rows)
    alerts, errors = _run(path, "--no-topics")
    assert "line 5: bad timestamp 'yesterday'" in errors
    assert "line 9: expected 5 fields" in errors
    assert any(a["key"] == "batch:L2611" for a in alerts)


def test_it_fails_only_when_the_file_cannot_be_read(tmp_path):
    with pytest.raises(CommandError, match="cannot read"):
        _run(tmp_path / "missing.csv")
    path = tmp_path / "wrong.csv"
    path.write_text("when,what\n2026-01-01,x\n")
    with pytest.raises(CommandError, match="missing column"):
        _run(path)


def test_it_clusters_texts_into_topic_keys(tmp_path):
    path = tmp_path / "events.csv"
    _write(path, _stream())
    alerts, _ = _run(path)
    assert any(a["key"].startswith("topic:") for a in alerts)


_text = st.text(max_size=40)
_stamp = st.one_of(
    st.datetimes(
        min_value=datetime(1900, 1, 1), max_value=datetime(2200, 1, 1), timezones=st.just(UTC)
    ).map(datetime.isoformat),
    _text,
)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(_stamp, _text, _text, _text, _text), max_size=25))
def test_it_never_crashes_on_arbitrary_rows(tmp_path, rows):
    path = tmp_path / "fuzz.csv"
    _write(path, rows)
    alerts, _ = _run(path, "--no-topics")
    assert all(set(alert) == KEYS for alert in alerts)
