"""kalm detect_bursts --events FILE.csv: the burst detector over a CSV, one JSON line per alert.

Rows: timestamp,product,batch,channel,text (header row; ISO 8601 timestamps; an optional
case_id column). A bad row is reported on stderr with its line number and skipped; the command
fails only when the file cannot be read at all."""

from __future__ import annotations

import csv
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from kalm.bursts.detect import Event, detect

REQUIRED = ("timestamp", "product", "batch", "channel", "text")


def read_events(handle: Any, errors: Any) -> list[Event]:
    """Parse the rows; report each bad one on `errors` (line numbers as an editor shows them)."""
    reader = csv.DictReader(handle)
    header = [name.strip().lower() for name in (reader.fieldnames or [])]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise CommandError(f"missing column(s): {', '.join(missing)} (header: {','.join(header)})")
    reader.fieldnames = header
    events = []
    row_number = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            errors.write(f"line {reader.line_num}: unreadable row ({exc})\n")
            continue
        row_number += 1
        line = reader.line_num
        if None in row or any(row.get(name) is None for name in REQUIRED):
            errors.write(f"line {line}: expected {len(header)} fields\n")
            continue
        raw = (row["timestamp"] or "").strip()
        try:
            moment = datetime.fromisoformat(raw)
            moment.astimezone()  # out-of-range aware/naive values fail here, not later
        except (ValueError, OverflowError, OSError):
            errors.write(f"line {line}: bad timestamp {raw[:40]!r} (ISO 8601 expected)\n")
            continue
        case_id = (row.get("case_id") or "").strip() or str(row_number)
        events.append(
            Event(
                timestamp=moment,
                product=row["product"].strip(),
                batch=row["batch"].strip(),
                channel=row["channel"].strip(),
                text=row["text"],
                case_id=case_id,
            )
        )
    return events


class Command(BaseCommand):
    help = "Run the burst detector over a CSV of complaint events; print one JSON line per alert."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--events", required=True, help="CSV: timestamp,product,batch,channel,text[,case_id]"
        )
        parser.add_argument(
            "--no-topics", action="store_true", help="skip text clustering (counts only)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = options["events"]
        try:
            if path == "-":
                events = read_events(sys.stdin, self.stderr)
            else:
                with Path(path).open(newline="", encoding="utf-8-sig") as handle:
                    events = read_events(handle, self.stderr)
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"cannot read {path}: {exc}") from exc
        result = detect(events, topics=not options["no_topics"])
        for alert in result.alerts:
            self.stdout.write(json.dumps(alert.as_json(), ensure_ascii=False))
