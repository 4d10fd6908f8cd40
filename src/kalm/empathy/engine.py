"""Message understanding: language, sentiment, emotion, escalation signals and priority.

`analyse(text)` runs, offline and on the CPU:
1. language id with py3langid restricted to nl/en/fr/de;
2. sentiment (3 classes) and emotion (6 classes) from logistic regressions on multilingual
   sentence embeddings (or, with backend="ngrams", hashed character and word n-grams; model.py),
   trained on Kalm's own labelled messages plus XED subtitles;
3. six escalation signals, each a probability with the words that triggered it: the curated
   lexicon of the language (lexicon.py) explains, a per-signal classifier weighs in:
     strong lexicon hit  -> p = 0.75 + 0.25 * classifier
     weak lexicon hit    -> p = 0.25 + 0.70 * classifier   (ambiguous words need context)
     no lexicon hit      -> p = 0.55 * classifier          (fires only at classifier >= 0.91)
   capped at 0.999 (words and a linear model are never certainty, and a routing rule with a
   minimum of 1.0 therefore never fires by itself). A signal "fires" at p >= THRESHOLD;
4. priority (PRIORITY_RULE below).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import numpy as np

from kalm.empathy import lexicon, model
from kalm.empathy.lexicon import SIGNALS, Span

THRESHOLD = 0.5
LANGUAGE_SET = ["nl", "en", "fr", "de"]
STRONG_NEGATIVE = -0.6
P_MAX = 0.999

PRIORITY_RULE = """\
urgent: injury or legal fires;
high:   media, aggression or vulnerability fires, or sentiment <= -0.6 (strong negative) with
        anger or fear;
normal: any other negative message;
low:    neutral or positive messages without signals."""


@dataclass
class Analysis:
    language: str
    sentiment: float
    sentiment_label: str
    emotion: str
    signals: dict[str, float]
    evidence: dict[str, list[Span]] = field(default_factory=dict)
    priority: str = "normal"

    def fired(self) -> list[str]:
        return [name for name, p in self.signals.items() if p >= THRESHOLD]


@cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(LANGUAGE_SET)
    return identifier


def detect_language(text: str) -> str:
    language, _score = _identifier().classify(text)
    return str(language)


def priority_for(signals: dict[str, float], sentiment: float, emotion: str) -> str:
    fired = {name for name, p in signals.items() if p >= THRESHOLD}
    if fired & {"injury", "legal"}:
        return "urgent"
    if fired & {"media", "aggression", "vulnerability"}:
        return "high"
    if sentiment <= STRONG_NEGATIVE and emotion in ("anger", "fear"):
        return "high"
    if sentiment < -0.2 or fired:
        return "normal"
    return "low"


def _combine(hits: list[lexicon.Hit], p_classifier: float) -> float:
    if any(h.level == "strong" for h in hits):
        p = 0.75 + 0.25 * p_classifier
    elif hits:
        p = 0.25 + 0.70 * p_classifier
    else:
        p = 0.55 * p_classifier
    return min(round(float(p), 3), P_MAX)


def analyse_many(texts: list[str], *, backend: str = model.DEFAULT_BACKEND) -> list[Analysis]:
    """Analyse a batch (faster than one by one: the models run on a matrix).

    `backend` picks the classifier features: "embeddings" (default, better on unseen wording)
    or "ngrams" (many times faster, weaker); see model.py and bench/classify.py.
    """
    if not texts:
        return []
    models = model.get(backend)
    p_sent, p_emo, p_sig = models.predict(texts)
    sent_classes = models.sentiment.classes
    results = []
    for i, text in enumerate(texts):
        language = detect_language(text)
        lexicon_languages = (language,) if language in lexicon.LANGUAGES else ("nl", "en")
        hits = lexicon.match(text, lexicon_languages)
        signals = {name: _combine(hits[name], float(p_sig[i, j])) for j, name in enumerate(SIGNALS)}
        probs = dict(zip(sent_classes, p_sent[i], strict=True))
        sentiment = round(float(probs["positive"] - probs["negative"]), 3)
        emotion = models.emotion.classes[int(np.argmax(p_emo[i]))]
        results.append(
            Analysis(
                language=language,
                sentiment=sentiment,
                sentiment_label=sent_classes[int(np.argmax(p_sent[i]))],
                emotion=emotion,
                signals=signals,
                evidence={
                    name: [h.span for h in hits[name]]
                    for name in SIGNALS
                    if signals[name] >= THRESHOLD and hits[name]
                },
                priority=priority_for(signals, sentiment, emotion),
            )
        )
    return results


def analyse(text: str, *, backend: str = model.DEFAULT_BACKEND) -> Analysis:
    return analyse_many([text], backend=backend)[0]
