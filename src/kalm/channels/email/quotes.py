"""Quoted replies and signatures cut from the text shown on the timeline.

Only the consumer's own new words go to the case message; the full text is kept beside it.
"""

from __future__ import annotations

import re

# A line that starts the quoted earlier message: everything from here on is history.
_QUOTE_HEADERS = [
    re.compile(r"^\s*On\b.{0,300}\bwrote:\s*$", re.IGNORECASE),
    re.compile(r"^\s*Op\b.{0,300}\bschreef\b.{0,300}:\s*$", re.IGNORECASE),
    re.compile(r"^\s*Am\b.{0,300}\bschrieb\b.{0,300}:\s*$", re.IGNORECASE),
    re.compile(r"^\s*Le\b.{0,300}\ba écrit\s*:\s*$", re.IGNORECASE),
    re.compile(
        r"^\s*-{3,}\s*(Original Message|Oorspronkelijk bericht|Origineel bericht)\s*-{3,}\s*$",
        re.IGNORECASE,
    ),
]
# Outlook's header block: "Van: ..." / "From: ..." followed by "Verzonden:"/"Sent:"/"Date:".
_OUTLOOK_FROM = re.compile(r"^\s*\*?(Van|From)\s*:\*?\s+\S", re.IGNORECASE)
_OUTLOOK_NEXT = re.compile(
    r"^\s*\*?(Verzonden|Sent|Date|Datum|Aan|To|Onderwerp|Subject)\s*:", re.IGNORECASE
)
_RULE = re.compile(r"^\s*_{10,}\s*$")
# Signatures and phone footers: from here on it is not the message.
_SIGNATURES = [
    re.compile(r"^-- ?$"),
    re.compile(r"^\s*(Verstuurd|Verzonden) (vanaf|met|via|van) mijn \S.{0,40}$", re.IGNORECASE),
    re.compile(r"^\s*Sent from my \S.{0,40}$", re.IGNORECASE),
    re.compile(r"^\s*(Get|Download) Outlook (for|voor) \S.{0,30}$", re.IGNORECASE),
]


def _cut_index(lines: list[str]) -> int:
    for i, line in enumerate(lines):
        joined = f"{line} {lines[i + 1]}" if i + 1 < len(lines) else line
        if any(p.match(line) for p in _QUOTE_HEADERS):
            return i
        # "On Tue, 3 Mar 2026, Jan <jan@example.nl>\nwrote:" split over two lines by the client
        if (
            line.strip()
            and any(p.match(joined) for p in _QUOTE_HEADERS[:4])
            and not lines[i + 1].strip().startswith(">")
            and lines[i + 1].strip().endswith(":")
        ):
            return i
        if _OUTLOOK_FROM.match(line):
            following = [ln for ln in lines[i + 1 : i + 5] if ln.strip()]
            if following and _OUTLOOK_NEXT.match(following[0]):
                return i - 1 if i > 0 and _RULE.match(lines[i - 1]) else i
        if any(p.match(line) for p in _SIGNATURES):
            return i
    return len(lines)


def strip_quotes(text: str) -> str:
    """The new part of a reply: quote headers, "> " lines, signatures and phone footers removed.

    Returns the full text unchanged when stripping would leave nothing (a message that is all
    quote is better shown whole than as an empty bubble).
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = lines[: _cut_index(lines)]
    kept = [line for line in lines if not line.lstrip().startswith(">")]
    result = re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()
    return result or text.strip()
