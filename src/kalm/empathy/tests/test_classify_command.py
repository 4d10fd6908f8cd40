import io
import json

from django.core.management import call_command

SIGNALS = {"injury", "legal", "media", "aggression", "vulnerability", "churn"}


def run(lines: list[str]) -> list[dict]:
    out = io.StringIO()
    call_command("classify", stdin=io.StringIO("\n".join(lines) + "\n"), stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_it_writes_one_line_per_message_in_the_exact_format(analyse):
    rows = run(
        [
            json.dumps({"id": 7, "text": "Mijn advocaat neemt contact met jullie op."}),
            json.dumps({"id": "b", "text": "Thanks a lot, great help!"}),
        ]
    )

    assert [r["id"] for r in rows] == [7, "b"]
    for row in rows:
        assert list(row) == ["id", "language", "sentiment", "emotion", "signals", "priority"]
        assert set(row["signals"]) == SIGNALS
        assert all(0 <= p <= 1 for p in row["signals"].values())
        assert -1 <= row["sentiment"] <= 1
    assert rows[0]["language"] == "nl" and rows[0]["priority"] == "urgent"
    assert rows[0]["signals"]["legal"] >= 0.5
    assert rows[1]["language"] == "en" and rows[1]["emotion"] == "joy"


def test_it_reports_bad_lines_and_carries_on(analyse):
    rows = run(
        [
            "this is not json",
            json.dumps({"id": 2}),
            json.dumps([1, 2]),
            json.dumps({"id": 3, "text": 42}),
            json.dumps({"id": 4, "text": "Je veux résilier mon abonnement."}),
        ]
    )

    assert len(rows) == 5
    assert rows[0]["id"] is None and "invalid JSON" in rows[0]["error"]
    assert rows[1] == {"id": 2, "error": 'missing or non-string "text"'}
    assert rows[2]["id"] is None and rows[2]["error"]
    assert rows[3]["id"] == 3 and "error" in rows[3]
    assert rows[4]["id"] == 4 and rows[4]["signals"]["churn"] >= 0.5
