"""Curated escalation lexicons (lexicons/<language>.json) that score and explain.

Each signal has `strong` patterns (fire on their own) and `weak` ones (need the classifier's
support); `exclude` patterns are hard negatives ("killer price", "rechterkant", "brand van"):
a hit that overlaps an excluded span is dropped. Matching is case-insensitive on word boundaries
and returns character spans into the original text, so the desk can highlight them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

SIGNALS = ("injury", "legal", "media", "aggression", "vulnerability", "churn")
LANGUAGES = ("nl", "en", "fr")
LEXICON_DIR = Path(__file__).resolve().parent / "lexicons"

Span = tuple[int, int, str]


@dataclass(frozen=True)
class Hit:
    level: str  # "strong" or "weak"
    span: Span


def _compile(patterns: list[str]) -> re.Pattern[str] | None:
    if not patterns:
        return None
    alternatives = "|".join(f"(?:{p})" for p in patterns)
    return re.compile(rf"(?<!\w)(?:{alternatives})", re.IGNORECASE)


@cache
def load(language: str) -> dict:
    data = json.loads((LEXICON_DIR / f"{language}.json").read_text(encoding="utf-8"))
    compiled: dict = {"exclude": _compile(data.get("exclude", [])), "signals": {}}
    for signal in SIGNALS:
        entry = data["signals"].get(signal, {})
        compiled["signals"][signal] = {
            level: _compile(entry.get(level, [])) for level in ("strong", "weak")
        }
    return compiled


def match(text: str, languages: tuple[str, ...]) -> dict[str, list[Hit]]:
    """Hits per signal for `text`, using the lexicons of `languages`."""
    hits: dict[str, list[Hit]] = {signal: [] for signal in SIGNALS}
    for language in languages:
        lexicon = load(language)
        excluded = (
            [m.span() for m in lexicon["exclude"].finditer(text)] if lexicon["exclude"] else []
        )
        for signal, levels in lexicon["signals"].items():
            for level, pattern in levels.items():
                if pattern is None:
                    continue
                for m in pattern.finditer(text):
                    start, end = m.span()
                    if start == end or any(s < end and start < e for s, e in excluded):
                        continue
                    span = (start, end, m.group(0))
                    if all(h.span[:2] != span[:2] for h in hits[signal]):
                        hits[signal].append(Hit(level, span))
    for signal in SIGNALS:
        hits[signal] = _outermost(hits[signal])
    return hits


def _outermost(hits: list[Hit]) -> list[Hit]:
    """Drop hits inside a longer hit ("cancel" inside "cancel my subscription"); keep the
    strongest level of the ones merged."""
    hits = sorted(hits, key=lambda h: (h.span[0], -h.span[1]))
    kept: list[Hit] = []
    for hit in hits:
        if kept and hit.span[1] <= kept[-1].span[1]:
            if hit.level == "strong" and kept[-1].level == "weak":
                kept[-1] = Hit("strong", kept[-1].span)
            continue
        kept.append(hit)
    return kept
