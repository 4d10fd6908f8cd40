"""Benchmark the answer bot: does ``kalm.kb.bot.answer`` find the article that answers a question?

    .venv/bin/python bench/answers.py                 # every question, tune and holdout
    .venv/bin/python bench/answers.py --split holdout # only the held-out third
    .venv/bin/python bench/answers.py --mode lexical  # BM25F alone (default: the bot's default)
    .venv/bin/python bench/answers.py --split tune --sweep  # figures per unsure threshold
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kalm_bench .venv/bin/python bench/answers.py

Uses a fresh SQLite database in a temporary folder unless DATABASE_URL is given (set up the way
bench/intake.py does). Only the demo knowledge base is loaded: its categories and 45 articles in
Dutch and English, written and published through kalm.kb.actions by the demo loader's own
``_knowledge_base`` (with the demo staff it needs); no cases, no crisis.

The questions are bench/data/answers_questions.jsonl, one per line:
``{"q": ..., "lang": "nl"|"en", "article": <slug in that language> or null, "split": ...}``.
A null article is a question the knowledge base does not answer: the bot should say "unsure".
Questions about the internal (agents-only) articles are null too, with ``internal_article``
naming the article: the bot answers consumers from public articles only.
Tune on "tune", report on "holdout"; every third question is held out.

Per split and overall:
- top1: the answer's article is the expected one (for a null question: kind "unsure")
- top3: the expected article is among [article] + alternatives, first three (null: as top1)
- wrong_confident: share of all questions answered with an article (kind != "unsure") that is
  wrong, or a null question answered at all
- unsure_answerable: share of answerable questions where the bot said "unsure"
- p50/p95 latency per answer in ms, after one warm-up answer (the first answer of a process
  builds the search index and, in hybrid mode, loads the sentence encoder: reported apart)

``--sweep`` answers with the unsure threshold at 0, then prints the figures each threshold would
give (an answer below it becomes "unsure"; the top three stay the same): the way the thresholds in
kalm.kb.bot were chosen. Sweep the tune split only.

Prints a table and then one JSON line with every figure.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from intake import configure, latency  # the same database set-up as the intake bench

QUESTIONS = Path(__file__).resolve().parent / "data" / "answers_questions.jsonl"
SPLITS = ("tune", "holdout")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=["tune", "holdout", "all"], default="all")
    parser.add_argument("--questions", type=Path, default=QUESTIONS, help="a JSONL question file")
    parser.add_argument("--misses", action="store_true", help="print every wrong answer")
    parser.add_argument(
        "--mode", choices=["hybrid", "lexical"], default=None, help="retrieval mode of the bot"
    )
    parser.add_argument(
        "--sweep", action="store_true", help="print the figures per unsure threshold"
    )
    return parser.parse_args()


def load_questions(path: Path, split: str) -> list[dict]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [r for r in rows if split == "all" or r["split"] == split]


def load_knowledge_base() -> int:
    """The demo help centre only, through the demo loader's own entry point."""
    from kalm.core.demo import loader
    from kalm.kb.models import Article

    with loader._quiet_side_effects():
        loader._knowledge_base(loader._staff(loader._teams()))
    return Article.objects.count()


def check_slugs(questions: list[dict]) -> None:
    """Every expected article must exist, or the figures mean nothing."""
    from kalm.kb.models import Article

    known = set(Article.objects.values_list("language", "slug"))
    missing = {(q["lang"], q["article"]) for q in questions if q["article"]} - known
    if missing:
        sys.exit(f"unknown article slugs in {QUESTIONS.name}: {sorted(missing)}")


def warm_up(mode: str) -> float:
    """Seconds of the process's first answer (index build, encoder load), kept out of p50/p95."""
    from kalm.kb.bot import answer

    started = time.perf_counter()
    answer("retour", language="nl", mode=mode)
    return round(time.perf_counter() - started, 1)


def ask(questions: list[dict], mode: str) -> list[dict]:
    from kalm.kb.bot import answer

    results = []
    for q in questions:
        started = time.perf_counter()
        reply = answer(q["q"], language=q["lang"], mode=mode)
        ms = (time.perf_counter() - started) * 1000
        got = reply.article.slug if reply.article is not None else None
        ranked = [a.slug for a in [reply.article, *reply.alternatives] if a is not None][:3]
        expected = q["article"]
        unsure = reply.kind == "unsure"
        if expected is None:
            top1 = top3 = unsure
            wrong = not unsure
        else:
            top1 = not unsure and got == expected
            top3 = expected in ranked
            wrong = not unsure and got != expected
        results.append(
            {
                **q,
                "kind": reply.kind,
                "got": got,
                "ranked": ranked,
                "confidence": round(reply.confidence, 3),
                "top1": top1,
                "top3": top3,
                "wrong": wrong,
                "unsure_answerable": unsure and expected is not None,
                "ms": ms,
            }
        )
    return results


def figures(results: list[dict]) -> dict:
    if not results:
        return {"questions": 0}
    answerable = [r for r in results if r["article"] is not None]
    n = len(results)
    return {
        "questions": n,
        "answerable": len(answerable),
        "top1": round(sum(r["top1"] for r in results) / n, 3),
        "top3": round(sum(r["top3"] for r in results) / n, 3),
        "wrong_confident": round(sum(r["wrong"] for r in results) / n, 3),
        "unsure_answerable": round(
            sum(r["unsure_answerable"] for r in answerable) / max(1, len(answerable)), 3
        ),
        "kinds": dict(Counter(r["kind"] for r in results)),
        **latency([r["ms"] for r in results]),
    }


def sweep(results: list[dict]) -> None:
    """Figures per threshold, from answers given with the threshold at 0."""
    print(f"{'below':>6} {'top1':>6} {'top3':>6} {'wrong':>6} {'unsure':>7}")
    for step in range(0, 81):
        threshold = step / 100
        rows = []
        for r in results:
            unsure = r["kind"] == "unsure" or r["confidence"] < threshold
            expected = r["article"]
            top1 = unsure if expected is None else not unsure and r["got"] == expected
            wrong = not unsure and (expected is None or r["got"] != expected)
            rows.append(
                {
                    **r,
                    "top1": top1,
                    "top3": r["top3"] if expected else unsure,
                    "wrong": wrong,
                    "unsure_answerable": unsure and expected is not None,
                }
            )
        f = figures(rows)
        print(
            f"{threshold:>6.2f} {f['top1']:>6.1%} {f['top3']:>6.1%} "
            f"{f['wrong_confident']:>6.1%} {f['unsure_answerable']:>7.1%}"
        )


def main() -> None:
    args = parse_args()
    questions = load_questions(args.questions, args.split)
    if not questions:
        sys.exit("no questions for that split")
    with tempfile.TemporaryDirectory(prefix="kalm-bench-answers-") as tmp:
        label = configure(Path(tmp))
        started = time.perf_counter()
        articles = load_knowledge_base()
        load_s = round(time.perf_counter() - started, 1)
        check_slugs(questions)
        from kalm.kb import bot

        mode = args.mode or bot.DEFAULT_MODE
        if args.sweep:
            bot.UNSURE_BELOW[mode] = 0.0
        first_s = warm_up(mode)
        results = ask(questions, mode)
    groups = {s: [r for r in results if r["split"] == s] for s in SPLITS}
    groups = {s: rows for s, rows in groups.items() if rows}
    groups["all"] = results
    table = {name: figures(rows) for name, rows in groups.items()}

    if args.misses:
        for r in results:
            if not r["top1"]:
                print(
                    f"MISS [{r['split']}/{r['lang']}] {r['q']!r}: expected {r['article']}, "
                    f"got {r['kind']} {r['got']} ({r['confidence']}), top3 {r['ranked']}"
                )
    if args.sweep:
        sweep(results)
        return
    print(f"database: {label}; {articles} articles loaded in {load_s} s")
    print(f"mode: {mode}; first answer (index, encoder load) {first_s} s")
    header = f"{'split':<8} {'n':>4} {'top1':>6} {'top3':>6} {'wrong':>6} {'unsure':>7}"
    print(f"{header} {'p50 ms':>7} {'p95 ms':>7}")
    for name, f in table.items():
        print(
            f"{name:<8} {f['questions']:>4} {f['top1']:>6.1%} {f['top3']:>6.1%} "
            f"{f['wrong_confident']:>6.1%} {f['unsure_answerable']:>7.1%} "
            f"{f['p50_ms']:>7} {f['p95_ms']:>7}"
        )
    print("wrong = answered with a wrong article (or a null question answered), of all questions;")
    print("unsure = said unsure, of answerable questions")
    print(
        json.dumps(
            {
                "database": label,
                "articles": articles,
                "split": args.split,
                "mode": mode,
                "first_answer_s": first_s,
                **table,
            }
        )
    )


if __name__ == "__main__":
    main()
