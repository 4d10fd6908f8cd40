"""Benchmark of the message understanding engine (kalm.empathy): speed and quality.

    .venv/bin/python bench/classify.py [--backend embeddings|ngrams|both] [--limit N]

Speed: messages/second of `analyse_many` on the held-out set repeated to >= 5,000 messages.
Quality, on data never used for training or for tuning rules and thresholds:
- bench/data/classify_heldout.jsonl (Kalm's own nl/en/fr messages, held-out templates) and
  bench/data/classify_fresh.jsonl (180 hand-written messages, other sectors, never trained on):
  3-class sentiment macro-F1 and confusion matrix, emotion macro-F1, per-signal P/R/F1,
  per language;
- evaluation-only public sets from ../shared/data (skipped when absent): pattern_polarity
  (nl bol.com reviews, en movie reviews; 2-class by the sign of the sentiment), hatecheck_nl,
  hatecheck_en, mhc_dutch (hateful -> aggression), nhtsa_complaints_sample (injury recall).
Prints a table and, last, one JSON line with every figure.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import sys
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kalm.settings")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from sklearn.metrics import (  # noqa: E402 (after the path set-up above)
    accuracy_score,
    confusion_matrix,
    f1_score,
    precision_recall_fscore_support,
)

from kalm.empathy.engine import THRESHOLD, analyse_many  # noqa: E402
from kalm.empathy.lexicon import SIGNALS  # noqa: E402

HELDOUT = REPO / "bench" / "data" / "classify_heldout.jsonl"
# Second held-out set: 60 messages per language written by hand in one go, before any retraining,
# in other sectors (energy, telecom, travel, insurance) and never used for training or tuning.
FRESH = REPO / "bench" / "data" / "classify_fresh.jsonl"
SHARED = REPO.parent / "shared" / "data"
SENTIMENTS = ["negative", "neutral", "positive"]
EMOTIONS = ["anger", "fear", "sadness", "frustration", "joy", "neutral"]


def prf(gold: list[int], predicted: list[int]) -> dict:
    p, r, f, _ = precision_recall_fscore_support(gold, predicted, average="binary", zero_division=0)
    return {
        "precision": round(p, 3),
        "recall": round(r, 3),
        "f1": round(f, 3),
        "positives": sum(gold),
    }


def own_set(backend: str, path: Path = HELDOUT) -> dict:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    analyses = analyse_many([r["text"] for r in rows], backend=backend)
    result: dict = {}
    for language in ("nl", "en", "fr", "all"):
        pairs = [
            (r, a)
            for r, a in zip(rows, analyses, strict=True)
            if language in ("all", r["language"])
        ]
        gold_s = [r["sentiment"] for r, _ in pairs]
        pred_s = [a.sentiment_label for _, a in pairs]
        entry = {
            "n": len(pairs),
            "language_accuracy": round(
                sum(a.language == r["language"] for r, a in pairs) / len(pairs), 3
            ),
            "sentiment_macro_f1": round(
                f1_score(gold_s, pred_s, labels=SENTIMENTS, average="macro", zero_division=0), 3
            ),
            "sentiment_confusion": confusion_matrix(gold_s, pred_s, labels=SENTIMENTS).tolist(),
            "emotion_macro_f1": round(
                f1_score(
                    [r["emotion"] for r, _ in pairs],
                    [a.emotion for _, a in pairs],
                    labels=EMOTIONS,
                    average="macro",
                    zero_division=0,
                ),
                3,
            ),
            "signals": {
                s: prf(
                    [r["signals"][s] for r, _ in pairs],
                    [int(a.signals[s] >= THRESHOLD) for _, a in pairs],
                )
                for s in SIGNALS
            },
        }
        result[language] = entry
    return result


def speed(backend: str) -> float:
    texts = [
        json.loads(line)["text"]
        for line in HELDOUT.read_text(encoding="utf-8").splitlines()
        if line
    ]
    analyse_many(texts[:10], backend=backend)  # load the models outside the timing
    batch = (texts * (5000 // len(texts) + 1))[:5000]
    start = time.perf_counter()
    for i in range(0, len(batch), 256):
        analyse_many(batch[i : i + 256], backend=backend)
    return round(len(batch) / (time.perf_counter() - start), 1)


def _sample(rows: list, limit: int | None) -> list:
    if limit and len(rows) > limit:
        return random.Random(4).sample(rows, limit)
    return rows


def polarity(backend: str, limit: int | None) -> dict:
    out = {}
    for language, name in (("nl", "polarity-nl-bol.com.csv"), ("en", "polarity-en-pang&lee2.csv")):
        path = SHARED / "pattern_polarity" / name
        if not path.exists():
            print(f"skip pattern_polarity {language}: {path} absent")
            continue
        with path.open(encoding="utf-8-sig") as fh:
            rows = _sample([(r[0], r[1]) for r in csv.reader(fh) if len(r) >= 2], limit)
        gold = ["positive" if label.strip() == "1" else "negative" for label, _ in rows]
        pred = [
            "positive" if a.sentiment > 0 else "negative"
            for a in analyse_many([t for _, t in rows], backend=backend)
        ]
        out[language] = {
            "n": len(rows),
            "accuracy": round(accuracy_score(gold, pred), 3),
            "macro_f1": round(f1_score(gold, pred, average="macro"), 3),
        }
    return out


def hate(backend: str, limit: int | None) -> dict:
    out = {}
    for key, path in (
        ("hatecheck_nl", SHARED / "hatecheck_nl" / "hatecheck-nl.csv"),
        ("hatecheck_en", SHARED / "hatecheck_en" / "test_suite_cases.csv"),
        ("mhc_dutch", SHARED / "mhc_dutch" / "hatecheck_cases_final_dutch.csv"),
    ):
        if not path.exists():
            print(f"skip {key}: {path} absent")
            continue
        with path.open(encoding="utf-8") as fh:
            rows = _sample(list(csv.DictReader(fh)), limit)
        analyses = analyse_many([r["test_case"] for r in rows], backend=backend)
        gold = [int(r["label_gold"] == "hateful") for r in rows]
        pred = [int(a.signals["aggression"] >= THRESHOLD) for a in analyses]
        threats = [i for i, r in enumerate(rows) if "threat" in r["functionality"]]
        out[key] = prf(gold, pred) | {
            "n": len(rows),
            "threat_recall": round(sum(pred[i] for i in threats) / len(threats), 3)
            if threats
            else None,
        }
    return out


def nhtsa(backend: str) -> dict:
    path = SHARED / "nhtsa_complaints_sample" / "complaints_sample.tsv"
    if not path.exists():
        print(f"skip nhtsa: {path} absent")
        return {}
    with path.open(encoding="utf-8", errors="replace") as fh:
        rows = [r for r in csv.reader(fh, delimiter="\t") if len(r) > 19]
    gold = [int(int(r[9] or 0) > 0 or int(r[10] or 0) > 0) for r in rows]
    analyses = analyse_many([r[19] for r in rows], backend=backend)
    return prf(gold, [int(a.signals["injury"] >= THRESHOLD) for a in analyses]) | {"n": len(rows)}


def report(backend: str, limit: int | None, *, public: bool = True) -> dict:
    figures = {
        "backend": backend,
        "messages_per_second": speed(backend),
        "heldout": own_set(backend),
        "fresh": own_set(backend, FRESH),
    }
    # --own-only skips the evaluation-only public sets: they are run once, when a change is done.
    figures["pattern_polarity"] = polarity(backend, limit) if public else {}
    figures["hate_aggression"] = hate(backend, limit) if public else {}
    figures["nhtsa_injury"] = nhtsa(backend) if public else {}
    print(f"\n== backend {backend}: {figures['messages_per_second']} messages/s (2 threads) ==")
    print(
        f"{'held-out':9} {'n':>4} {'lang':>5} {'sent-F1':>8} {'emo-F1':>7}  "
        + "  ".join(f"{s[:6]:>14}" for s in SIGNALS)
    )
    print(
        f"{'':9} {'':>4} {'':>5} {'':>8} {'':>7}  " + "  ".join(f"{'P/R/F1':>14}" for _ in SIGNALS)
    )
    for name in ("heldout", "fresh"):
        for language, e in figures[name].items():
            cells = "  ".join(
                f"{x['precision']:.2f}/{x['recall']:.2f}/{x['f1']:.2f}".rjust(14)
                for x in e["signals"].values()
            )
            print(
                f"{name[:5]}-{language:3} {e['n']:>4} {e['language_accuracy']:>5.2f} {e['sentiment_macro_f1']:>8.3f} {e['emotion_macro_f1']:>7.3f}  {cells}"
            )
        print(
            f"{name} sentiment confusion (all; rows gold, columns predicted: neg/neu/pos):",
            figures[name]["all"]["sentiment_confusion"],
        )
    for language, e in figures["pattern_polarity"].items():
        print(
            f"pattern_polarity {language}: n={e['n']} accuracy {e['accuracy']:.3f} macro-F1 {e['macro_f1']:.3f}"
        )
    for key, e in figures["hate_aggression"].items():
        print(
            f"{key} hateful->aggression: n={e['n']} P {e['precision']:.3f} R {e['recall']:.3f} F1 {e['f1']:.3f} threat recall {e['threat_recall']}"
        )
    if figures["nhtsa_injury"]:
        e = figures["nhtsa_injury"]
        print(
            f"nhtsa injury (injured/deaths > 0, {e['positives']} of {e['n']}): P {e['precision']:.3f} R {e['recall']:.3f}"
        )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["embeddings", "ngrams", "both"], default="both")
    parser.add_argument("--limit", type=int, default=1000, help="rows per public set (0 = all)")
    parser.add_argument(
        "--own-only", action="store_true", help="skip the evaluation-only public sets"
    )
    args = parser.parse_args()
    import django

    django.setup()
    backends = ["embeddings", "ngrams"] if args.backend == "both" else [args.backend]
    figures = [report(b, args.limit or None, public=not args.own_only) for b in backends]
    print(json.dumps(figures if len(figures) > 1 else figures[0]))


if __name__ == "__main__":
    main()
