"""`kalm classify`: JSON lines {"id", "text"} on standard input, one JSON line out per line in.

Output: {"id", "language", "sentiment", "emotion", "signals": {...}, "priority"}. A line that is
not a JSON object with a string "text" gives {"id": <id or null>, "error": "..."} and the run
goes on. Lines are analysed in batches (the classifiers run faster on a matrix); the order of the
output follows the input.
"""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand

from kalm.empathy.engine import analyse_many
from kalm.empathy.features import BACKENDS
from kalm.empathy.lexicon import SIGNALS
from kalm.empathy.model import DEFAULT_BACKEND

BATCH = 256


def parse(line: str) -> tuple[object, str | None, str | None]:
    """(id, text, error) for one input line."""
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        return None, None, f"invalid JSON: {exc.msg}"
    if not isinstance(item, dict):
        return None, None, "expected a JSON object with an id and a text"
    text = item.get("text")
    if not isinstance(text, str):
        return item.get("id"), None, 'missing or non-string "text"'
    return item.get("id"), text, None


def record(item_id: object, analysis) -> dict:
    return {
        "id": item_id,
        "language": analysis.language,
        "sentiment": analysis.sentiment,
        "emotion": analysis.emotion,
        "signals": {name: analysis.signals[name] for name in SIGNALS},
        "priority": analysis.priority,
    }


class Command(BaseCommand):
    help = "Classify JSON lines {id, text} from standard input; one JSON line out per line in."
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument("--backend", choices=sorted(BACKENDS), default=DEFAULT_BACKEND)

    def handle(self, *args, backend: str, **options):
        stdin = options.get("stdin") or sys.stdin
        pending: list[tuple[object, str | None, str | None]] = []
        for line in stdin:
            if not line.strip():
                continue
            pending.append(parse(line))
            if len(pending) >= BATCH:
                self._flush(pending, backend)
                pending = []
        self._flush(pending, backend)

    def _flush(self, pending, backend: str) -> None:
        texts = [text for _id, text, error in pending if error is None]
        analyses = iter(analyse_many(texts, backend=backend))
        for item_id, _text, error in pending:
            out = {"id": item_id, "error": error} if error else record(item_id, next(analyses))
            self.stdout.write(json.dumps(out, ensure_ascii=False))
        self.stdout.flush()
