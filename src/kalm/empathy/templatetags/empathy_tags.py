"""Showing the engine's reading to agents: trigger words highlighted in a message, signal chips.

``{{ body|highlight:analysis }}`` escapes the whole text and wraps each trigger word in
``<mark class="signal signal-injury" title="Injury/safety 92%">``, by the character offsets the
engine stored (offsets into Message.body, which is the dossier entry's ``payload.body``). A span
that does not fit the text (out of range, or a different word there) is left out rather than
marking the wrong words; overlapping spans keep the one that starts first (the longer on a tie).
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe

from kalm.empathy.models import Signal, emotion_label, signal_label

register = template.Library()

# A glyph per signal for the inbox's compact chips (the label is in the title and for screen
# readers); plain symbols rather than emoji, which render differently on every system.
ICONS = {
    "injury": "✚",
    "legal": "§",
    "media": "✎",
    "aggression": "⚡",
    "vulnerability": "♥",
    "churn": "↩",
}


def signal_title(signal: str, probability: float) -> str:
    return f"{signal_label(signal)} {percent(probability)}%"


register.filter("signal_label", signal_label)
register.filter("emotion_label", emotion_label)


@register.filter
def percent(probability: Any) -> int:
    try:
        return round(100 * float(probability))
    except (TypeError, ValueError):
        return 0


def _spans(text: str, evidence: dict, signals: dict) -> list[tuple[int, int, str]]:
    """Valid, non-overlapping (start, end, signal) spans in text order."""
    found = []
    for signal, spans in (evidence or {}).items():
        if signal not in Signal.values:
            continue
        for span in spans or []:
            try:
                start, end, word = int(span[0]), int(span[1]), span[2]
            except (TypeError, ValueError, IndexError):
                continue
            if not 0 <= start < end <= len(text) or text[start:end] != word:
                continue
            found.append((start, end, signal, float((signals or {}).get(signal, 0.0))))
    found.sort(key=lambda s: (s[0], -s[1], -s[3]))
    kept: list[tuple[int, int, str]] = []
    for start, end, signal, _p in found:
        if kept and start < kept[-1][1]:
            continue
        kept.append((start, end, signal))
    return kept


def highlight_text(text: str, evidence: dict, signals: dict) -> SafeString:
    text = "" if text is None else str(text)
    out: list[str] = []
    position = 0
    for start, end, signal in _spans(text, evidence, signals):
        title = signal_title(signal, (signals or {}).get(signal, 0.0))
        out.append(escape(text[position:start]))
        out.append(
            f'<mark class="signal signal-{signal}" title="{escape(title)}">'
            f"{escape(text[start:end])}</mark>"
        )
        position = end
    out.append(escape(text[position:]))
    return mark_safe("".join(out))  # every piece of the text went through escape()


@register.filter
def highlight(text: Any, analysis: Any) -> SafeString:
    """The message text, escaped, with the analysis' trigger words marked."""
    if analysis is None or not getattr(analysis, "evidence", None):
        return conditional_escape("" if text is None else text)
    return highlight_text(text, analysis.evidence, analysis.signals)


@register.inclusion_tag("empathy/partials/chips.html")
def signal_chips(analysis: Any, small: bool = False) -> dict[str, Any]:
    """A chip per fired signal of an analysis (or of the inbox's (signal, probability) pairs)."""
    if analysis is None:
        pairs: list[tuple[str, float]] = []
    elif isinstance(analysis, list | tuple):
        pairs = [(str(name), float(p)) for name, p in analysis]
    else:
        pairs = [(name, float(analysis.signals.get(name, 0.0))) for name in analysis.fired]
    chips = [
        {
            "signal": name,
            "label": signal_label(name),
            "title": signal_title(name, p),
            "percent": percent(p),
            "icon": ICONS.get(name, "•"),
        }
        for name, p in pairs
    ]
    return {"chips": chips, "small": small}
