"""When the answer bot stops answering and hands the visitor to a person.

The empathy engine (kalm.empathy.engine) reads the question: its injury, legal, media,
aggression and vulnerability signals are anchored in curated lexicons and hand over on their
own when the engine found their words. Anger and distress are read from words, not from the emotion classifier alone: on short
self-service questions ("account geblokkeerd na te vaak proberen") the classifier says "anger"
far too often (measured on bench/data/answers_questions.jsonl: 31% of plain questions), and a bot
that sends a third of its visitors to the queue helps nobody. So anger and distress need a word
from the lists below (or a shouted message), and the classifier's emotion only confirms: a word
alone counts when it is unambiguous ("woedend", "desperate"), a softer one ("boos", "upset")
needs the classifier to read the message as angry or distressed too.

Every hand-off names its reasons (and the words), so the agent sees why the bot stepped aside.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

# Signals of the empathy engine that always need a person.
SIGNALS = ("injury", "legal", "media", "aggression", "vulnerability")

# (strong, soft) word patterns per reason, Dutch, English and French; matched case-insensitively
# at word starts. Strong words hand over alone; soft ones need the classifier to agree.
_WORDS: dict[str, tuple[list[str], list[str]]] = {
    "anger": (
        [
            r"woedend\w*",
            r"razend",
            r"schandal\w*",
            r"schandelijk\w*",
            r"belachelijk\w*",
            r"waardeloos\w*",
            r"te gek voor woorden",
            r"furious\w*",
            r"outrag\w*",
            r"disgrace\w*",
            r"disgusting",
            r"ridiculous",
            r"unacceptable",
            r"fed up",
            r"sick and tired",
            r"pissed off",
            r"furieu\w*",
            r"scandaleu\w*",
            r"inadmissible",
            r"inacceptable",
            r"honteu\w*",
            r"en col[eè]re",
        ],
        [
            r"boos\w*",
            r"kwaad",
            r"onacceptabel",
            r"ergerlijk",
            r"geïrriteerd",
            r"angry",
            r"annoyed",
            r"upset",
            r"f[aâ]ch[ée]\w*",
            r"énervé\w*",
        ],
    ),
    "distress": (
        [
            r"ten einde raad",
            r"wanhop\w*",
            r"radeloos",
            r"ik weet het niet meer",
            r"ik kan niet meer",
            r"in paniek",
            r"desperate\w*",
            r"at my wits'? end",
            r"i can'?t cope",
            r"i don'?t know what to do anymore",
            r"panick\w*",
            r"désespér\w*",
            r"je n'en peux plus",
            r"paniqu\w*",
        ],
        [
            r"bang",
            r"angstig",
            r"huil\w*",
            r"scared",
            r"afraid",
            r"crying",
            r"worried sick",
            r"peur",
            r"pleur\w*",
        ],
    ),
}
_CONFIRMING_EMOTIONS = {"anger": {"anger", "frustration"}, "distress": {"fear", "sadness"}}
_NEGATIVE_ENOUGH = -0.3
_SHOUTING = re.compile(r"(?:!{2,})|(?:\b[A-Z]{4,}\b.*\b[A-Z]{4,}\b)")


def _compile(patterns: list[str]) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + "|".join(patterns) + r")(?!\w)", re.IGNORECASE)


_PATTERNS = {
    reason: (_compile(strong), _compile(soft)) for reason, (strong, soft) in _WORDS.items()
}


@dataclass(frozen=True)
class HandoffCheck:
    """Why the bot should hand over (empty: it may answer)."""

    reasons: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.reasons)


def check(text: str, *, analysis: Any = None) -> HandoffCheck:
    """Read one visitor message; say whether (and why) a person should take over now. Pass the
    engine's ``analysis`` of the text when it is already at hand."""
    from kalm.empathy.engine import analyse  # loads the models once per process

    text = (text or "").strip()
    if not text:
        return HandoffCheck()
    analysis = analysis or analyse(text)
    # A signal counts with its words only: the engine keeps evidence for fired signals with a
    # lexicon hit. Classifier-only fires ("difference between use by and best before" read as
    # aggression) would send visitors away without a reason anyone could show them.
    reasons = [name for name in SIGNALS if analysis.evidence.get(name)]
    words = [span[2] for name in reasons for span in analysis.evidence[name]]
    for reason, (strong, soft) in _PATTERNS.items():
        found = [m.group(0) for m in strong.finditer(text)]
        agrees = (
            analysis.emotion in _CONFIRMING_EMOTIONS[reason]
            and analysis.sentiment <= _NEGATIVE_ENOUGH
        )
        if not found and agrees:
            found = [m.group(0) for m in soft.finditer(text)]
        if not found and reason == "anger" and agrees and _SHOUTING.search(text):
            found = [_SHOUTING.search(text).group(0)]  # type: ignore[union-attr]
        if found:
            reasons.append(reason)
            words.extend(found)
    return HandoffCheck(reasons=reasons, words=list(dict.fromkeys(words)))


def reason_label(name: str) -> str:
    """The translated name of a hand-off reason (an empathy signal, anger or distress)."""
    from django.utils.translation import gettext as _

    from kalm.empathy.models import signal_label

    own = {"anger": _("anger"), "distress": _("distress")}
    return str(own[name]) if name in own else signal_label(name)
