"""Benchmark of churn risk (kalm.churn): how well the score ranks and how honest its probability is.

    .venv/bin/python bench/churn.py                  # 50,000 synthetic consumers + the real sets
    .venv/bin/python bench/churn.py --quick          # 5,000 consumers, two draws: seconds
    .venv/bin/python bench/churn.py --consumers 200000 --seed 3 --draws 10 --no-real

1. Synthetic population with known causes (TRUE_* below). Each consumer gets the raw figures
   kalm.churn.factors.compute produces, from correlated distributions: an unobserved "rough
   service" trait makes consumers contact more, wait longer, see more reopenings and open cases,
   write more negative messages and find it harder (effort, known only for the ~40% who answered
   a CES question); tenure is log-uniform from a week to ten years. Whether they leave in the next
   period is drawn from the logistic model below plus an unobserved cause, so no model can be
   perfect. Split 70/30, stratified. Scored on the test part:
   - the product's model: kalm.churn.learn.train on factors.vector of the train part, exported
     params, each test consumer scored by kalm.churn.scoring.score_model (what the desk shows);
   - the rule index, scoring.score_rules (what the desk shows before any consumer is marked
     lost; an index, not a probability: AUC only);
   - a reference HistGradientBoostingClassifier (scikit-learn defaults) on the same vectors.
   AUC, Brier, share flagged (medium or high band), lift by decile, the true effect against the
   learned coefficient per factor, and a learning curve: the product's model trained on only
   20, 50, 100, 500 lost consumers (with the kept consumers churn_train would use), averaged
   over ``--draws`` random draws.
2. Real public data (../shared/data, skipped with --no-real or when absent), one fixed pipeline
   chosen before looking at any figure and never tuned (settings printed once, up front):
   categoricals one-hot, numerics standardised, LogisticRegression(C=1.0, max_iter=1000) calibrated
   by CalibratedClassifierCV(method="sigmoid", cv=3, ensemble=False), as kalm.churn.learn does;
   stratified 5-fold cross-validated predictions; reference HistGradientBoostingClassifier
   (defaults, native categoricals). telco_churn (IBM, Apache-2.0, may be trained on) and
   bank_churn_modelling (licence unclear: EVALUATION ONLY, nothing derived from it is kept or
   shipped; this bench writes no file).
3. Speed: training time on the synthetic train part, and score_model per consumer.

Prints tables and, last, one JSON line with every figure.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kalm.settings")
# One OpenMP thread unless told otherwise: on a busy two-core machine the gradient boosting's
# spinning threads made it four times slower than one thread (measured).
os.environ.setdefault("OMP_NUM_THREADS", "1")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

import numpy as np  # noqa: E402 (after the path set-up above)

SHARED = REPO.parent / "shared" / "data"
SEED = 7
CURVE = (20, 50, 100, 500)

# --- The true causal model ----------------------------------------------------------------------
# Log-odds of leaving within the next period. Only the factors cause leaving (the unobserved
# "rough service" trait that correlates them has no direct effect), so each effect below is
# what a model should find; TRUE_NOISE_SD is an unobserved cause (price, a competitor's offer)
# independent of the factors. Forms deliberately differ from the product's inputs (log1p of
# counts, hours and days; shares and effort as they are) so a linear model is honestly tested:
TRUE_INTERCEPT = -3.1  # gives a base churn rate of about 12.5%
TRUE_EFFECTS = {
    "open_complaints": "+0.50 · ln(1 + open)",
    "reopened": "+0.30 · reopenings",
    "waiting_hours": "+0.25 · ln(1 + h/24), +0.60 · ln(1 + h/24) more while a complaint is open",
    "unanswered_feedback": "+0.55 · min(unanswered, 3)",
    "negative_share": "+1.20 · share",
    "effort": "+0.45 · max(effort - 4, 0); none when never asked",
    "repeat_contacts": "+0.12 · contacts in 90 days",
    "recency_days": "-0.45 · ln(1 + days/30)",
    "tenure_days": "-0.30 · ln(days/365)",
}
TRUE_NOISE_SD = 0.8


def true_logit(f: dict[str, np.ndarray]) -> np.ndarray:
    """The log-odds above, without the unobserved cause (arrays of raw figures; effort NaN when
    the consumer never answered)."""
    wait = np.log1p(f["waiting_hours"] / 24)
    effort = np.where(np.isnan(f["effort"]), 4.0, f["effort"])
    return (
        TRUE_INTERCEPT
        + 0.50 * np.log1p(f["open_complaints"])
        + 0.30 * f["reopened"]
        + 0.25 * wait
        + 0.60 * wait * np.minimum(f["open_complaints"], 1.0)  # the interaction
        + 0.55 * np.minimum(f["unanswered_feedback"], 3.0)
        + 1.20 * f["negative_share"]
        + 0.45 * np.maximum(effort - 4.0, 0.0)  # the hinge: only hard effort hurts
        + 0.12 * f["repeat_contacts"]
        - 0.45 * np.log1p(f["recency_days"] / 30)
        - 0.30 * np.log(np.maximum(f["tenure_days"], 1.0) / 365)
    )


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def population(n: int, rng: np.random.Generator) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Raw factor figures of ``n`` consumers (arrays, as factors.compute would give them) and
    whether each left in the next period."""
    rough = rng.normal(size=n)  # unobserved: how rough their service has been
    tenure = np.floor(np.exp(rng.uniform(math.log(7), math.log(3650), n)))
    known_year = np.minimum(tenure / 365, 1.0)
    cases = 1 + rng.poisson(0.7 * np.exp(0.45 * rough) * np.sqrt(known_year))
    # Consumers known for less than 90 days had every case in the last 90 days.
    recent_p = np.where(tenure < 90, 1.0, np.clip(0.25 + 0.15 * _sigmoid(rough), 0, 1))
    repeat = rng.binomial(cases, recent_p)
    recency = np.where(
        repeat > 0,
        np.floor(90 * rng.beta(1.0, 1.0 + repeat)),
        np.floor(90 + rng.exponential(150, n)),
    )
    recency = np.minimum(recency, tenure)
    open_ = rng.binomial(repeat, _sigmoid(-1.0 + 0.7 * rough))
    reopened = rng.poisson(0.12 * cases * np.exp(0.6 * rough))
    waiting = np.exp(math.log(8) + 0.55 * rough + 0.15 * (cases - 1) + 0.7 * rng.normal(size=n))
    waiting = np.round(np.minimum(waiting, 24 * 30), 1)
    messages = cases * (1 + rng.poisson(2 + 0.8 * np.exp(0.3 * rough)))
    negative = rng.binomial(messages, _sigmoid(-1.6 + 0.7 * rough + 0.4 * np.log1p(waiting / 24)))
    answered = rng.random(n) < 0.4
    effort = 3.2 + 0.9 * rough + 0.3 * np.log1p(reopened) + rng.normal(size=n)
    effort = np.where(answered, np.round(np.clip(effort, 1, 7), 2), np.nan)
    answers = np.where(answered, 1 + rng.binomial(cases - 1, 0.3), 0)
    low = rng.binomial(answers, _sigmoid(1.2 * (np.nan_to_num(effort, nan=1.0) - 5)))
    unanswered = rng.binomial(low, 0.4)  # the team follows up six low answers in ten
    figures = {
        "open_complaints": open_.astype(float),
        "reopened": reopened.astype(float),
        "waiting_hours": waiting,
        "unanswered_feedback": unanswered.astype(float),
        "negative_share": np.round(negative / messages, 3),
        "messages": messages.astype(float),
        "effort": effort,
        "repeat_contacts": repeat.astype(float),
        "recency_days": recency,
        "tenure_days": tenure,
        "cases": cases.astype(float),
    }
    hidden = rng.normal(0, TRUE_NOISE_SD, n)
    left = rng.random(n) < _sigmoid(true_logit(figures) + hidden)
    return figures, left.astype(int)


def as_dicts(figures: dict[str, np.ndarray]) -> list[dict[str, Any]]:
    """One dict per consumer, typed as factors.compute returns them."""
    ints = {"open_complaints", "reopened", "unanswered_feedback", "messages", "repeat_contacts"}
    ints |= {"recency_days", "tenure_days", "cases"}
    columns = {k: v.tolist() for k, v in figures.items()}
    rows = []
    for i in range(len(columns["cases"])):
        row: dict[str, Any] = {}
        for key, values in columns.items():
            value = values[i]
            if key == "effort":
                row[key] = None if math.isnan(value) else value
            else:
                row[key] = int(value) if key in ints else value
        rows.append(row)
    return rows


# --- Measures -----------------------------------------------------------------------------------


def auc(y: np.ndarray, p: np.ndarray) -> float:
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(y, p))


def brier(y: np.ndarray, p: np.ndarray) -> float:
    from sklearn.metrics import brier_score_loss

    return float(brier_score_loss(y, p))


def lift(y: np.ndarray, p: np.ndarray) -> list[dict]:
    """Consumers sorted by score, highest first, in ten equal groups."""
    order = np.argsort(-p, kind="stable")
    base = y.mean()
    total = y.sum()
    rows, captured = [], 0
    for decile, idx in enumerate(np.array_split(order, 10), start=1):
        churners = int(y[idx].sum())
        captured += churners
        rate = churners / len(idx)
        rows.append(
            {
                "decile": decile,
                "consumers": len(idx),
                "churners": churners,
                "rate": round(rate, 4),
                "lift": round(rate / base, 2),
                "captured": round(captured / total, 4),
            }
        )
    return rows


def print_lift(title: str, rows: list[dict]) -> None:
    print(f"\n{title}")
    print(
        f"{'decile':>6} {'consumers':>10} {'churners':>9} {'rate':>7} {'lift':>6} {'captured':>9}"
    )
    for r in rows:
        print(
            f"{r['decile']:>6} {r['consumers']:>10} {r['churners']:>9} {r['rate']:>7.1%} "
            f"{r['lift']:>6.2f} {r['captured']:>9.1%}"
        )


def flagged(scores: np.ndarray, base_rate: float | None = None) -> float:
    """Share of consumers the desk lists (medium or high band): the rule index's fixed cut-offs,
    or, for a probability, the product's bands relative to the base rate it was trained on."""
    from kalm.churn.scoring import band_for

    listed = [band_for(float(s), base_rate=base_rate) != "low" for s in scores]
    return round(float(np.mean(listed)), 4)


# --- 1. Synthetic -------------------------------------------------------------------------------


def split(y: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """70/30, stratified on the outcome."""
    train, test = [], []
    for label in (0, 1):
        idx = rng.permutation(np.flatnonzero(y == label))
        cut = round(0.7 * len(idx))
        train.append(idx[:cut])
        test.append(idx[cut:])
    return np.sort(np.concatenate(train)), np.sort(np.concatenate(test))


def score_all(rows: list[dict], params: dict) -> np.ndarray:
    from kalm.churn.scoring import score_model

    return np.array([score_model(r, params).score for r in rows])


def effects(figures: dict[str, np.ndarray], params: dict) -> list[dict]:
    """Per factor: the true average effect of one standard deviation of the product's input
    (numerically, on the test consumers), against the learned one (coefficient times the
    calibration slope, so both are log-odds per SD)."""
    from kalm.churn.factors import FACTORS

    h = 1e-4
    base = true_logit(figures)
    slope = -float(params["calib_a"])
    rows = []
    for j, factor in enumerate(FACTORS):
        raw = figures[factor.code]
        # Move the product's input (log1p(raw) or raw) by h; a NaN effort stays NaN: a consumer
        # never asked has no effort effect.
        moved = np.expm1(np.log1p(raw) + h) if factor.log else raw + h
        shifted = dict(figures, **{factor.code: moved})
        per_unit = np.nan_to_num((true_logit(shifted) - base) / h)
        true_sd = float(per_unit.mean()) * float(params["scale"][j])
        learned = slope * float(params["coef"][j])
        rows.append(
            {
                "factor": factor.code,
                "true_form": TRUE_EFFECTS[factor.code],
                "true_per_sd": round(true_sd, 3),
                "learned_per_sd": round(learned, 3),
                "sign_ok": bool(np.sign(true_sd) == np.sign(learned)),
            }
        )
    return rows


def synthetic(args: argparse.Namespace) -> dict:
    from sklearn.ensemble import HistGradientBoostingClassifier

    from kalm.churn import learn
    from kalm.churn.actions import MAX_KEPT
    from kalm.churn.factors import vector
    from kalm.churn.scoring import score_rules

    rng = np.random.default_rng(args.seed)
    figures, y = population(args.consumers, rng)
    rows = as_dicts(figures)
    x = np.array([vector(r) for r in rows])
    train_idx, test_idx = split(y, rng)
    x_train, y_train, y_test = x[train_idx], y[train_idx], y[test_idx]
    test_rows = [rows[i] for i in test_idx]
    test_figures = {k: v[test_idx] for k, v in figures.items()}
    print(
        f"Synthetic: {len(y)} consumers, base churn rate {y.mean():.1%}; "
        f"train {len(train_idx)} ({int(y_train.sum())} left), "
        f"test {len(test_idx)} ({int(y_test.sum())} left); seed {args.seed}",
        flush=True,
    )
    print(
        f"  {np.mean(figures['open_complaints'] > 0):.0%} with an open complaint, "
        f"{np.mean(figures['reopened'] > 0):.0%} with a reopening, median wait "
        f"{np.median(figures['waiting_hours']):.0f} h (p90 {np.percentile(figures['waiting_hours'], 90):.0f} h), "
        f"{np.mean(~np.isnan(figures['effort'])):.0%} ever answered a CES question, median tenure "
        f"{np.median(figures['tenure_days']):.0f} days",
        flush=True,
    )

    t0 = time.perf_counter()
    trained = learn.train(x_train, y_train, evaluate=True)
    train_cv_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    learn.train(x_train, y_train, evaluate=False)
    train_s = time.perf_counter() - t0
    params = trained.params

    t0 = time.perf_counter()
    p_model = score_all(test_rows, params)
    score_us = (time.perf_counter() - t0) / len(test_rows) * 1e6
    t0 = time.perf_counter()
    p_rules = np.array([score_rules(r).score for r in test_rows])
    rules_us = (time.perf_counter() - t0) / len(test_rows) * 1e6
    # The exported numbers must give what scikit-learn's own fitted pipeline gives.
    fitted = learn._pipeline().fit(x_train, y_train)
    export_gap = float(np.abs(fitted.predict_proba(x[test_idx])[:, 1] - p_model).max())
    assert export_gap < 1e-3, f"score_model differs from scikit-learn by {export_gap}"

    boosted = HistGradientBoostingClassifier(random_state=SEED).fit(x_train, y_train)
    p_gb = boosted.predict_proba(x[test_idx])[:, 1]
    oracle = _sigmoid(true_logit(test_figures))  # the truth without the unobserved cause

    # churn_train samples the kept consumers down to MAX_KEPT: the same, on this train part.
    kept = np.flatnonzero(y_train == 0)
    lost = np.flatnonzero(y_train == 1)
    capped = np.concatenate([lost, rng.choice(kept, min(MAX_KEPT, len(kept)), replace=False)])
    capped_params = learn.train(
        x_train[capped],
        y_train[capped],
        evaluate=False,
        kept_weight=len(kept) / min(MAX_KEPT, len(kept)),
    ).params
    p_capped = score_all(test_rows, capped_params)
    base = float(y_train.mean())

    methods = {
        "model": {
            "auc": auc(y_test, p_model),
            "brier": brier(y_test, p_model),
            "flagged": flagged(p_model, params["base_rate"]),
        },
        "model_kept_capped": {
            "auc": auc(y_test, p_capped),
            "brier": brier(y_test, p_capped),
            "flagged": flagged(p_capped, capped_params["base_rate"]),
            "kept": int(min(MAX_KEPT, len(kept))),
        },
        "rules": {"auc": auc(y_test, p_rules), "brier": None, "flagged": flagged(p_rules)},
        "boosting": {
            "auc": auc(y_test, p_gb),
            "brier": brier(y_test, p_gb),
            "flagged": flagged(p_gb, base),
        },
        "truth": {
            "auc": auc(y_test, oracle),
            "brier": brier(y_test, oracle),
            "flagged": flagged(oracle, base),
        },
    }
    for row in methods.values():
        for key in ("auc", "brier"):
            if row[key] is not None:
                row[key] = round(row[key], 4)
    names = {
        "model": "product model (score_model, all kept)",
        "model_kept_capped": f"product model, kept sampled to {MAX_KEPT:,} as churn_train",
        "rules": "rule index (score_rules; not a probability)",
        "boosting": "gradient boosting (reference)",
        "truth": "true model without the unobserved cause",
    }
    print(f"\n{'method (test set)':58} {'AUC':>6} {'Brier':>7} {'flagged':>8}")
    for key, row in methods.items():
        b = "—" if row["brier"] is None else f"{row['brier']:.4f}"
        print(f"{names[key]:58} {row['auc']:6.3f} {b:>7} {row['flagged']:>8.1%}")
    print(
        f"(base rate {y_test.mean():.1%}, Brier of always saying the base rate "
        f"{brier(y_test, np.full(len(y_test), y_train.mean())):.4f}; the product's own "
        f"cross-validated figures on the train part: AUC {trained.auc:.3f}, Brier {trained.brier:.4f}; "
        f"flagged = medium or high band)"
    )
    decile = lift(y_test, p_model)
    print_lift("Lift by decile, product model, synthetic test set", decile)

    table = effects(test_figures, params)
    print(f"\n{'factor':20} {'true per SD':>11} {'learned':>8} {'sign':>5}  true effect")
    for r in table:
        ok = "ok" if r["sign_ok"] else "WRONG"
        print(
            f"{r['factor']:20} {r['true_per_sd']:>11.3f} {r['learned_per_sd']:>8.3f} {ok:>5}  "
            f"{r['true_form']}"
        )
    print(
        "(log-odds per standard deviation of the product's input; learned = coef * calibration slope)"
    )

    curve = learning_curve(x_train, y_train, x, test_idx, y_test, test_rows, args, rng)
    print(
        f"\nSpeed: training {train_s:.2f} s ({train_cv_s:.2f} s with the 5-fold evaluation "
        f"churn_train runs) on {len(train_idx)} consumers; score_model {score_us:.1f} µs and "
        f"score_rules {rules_us:.1f} µs per consumer; exported params vs scikit-learn max "
        f"difference {export_gap:.1e}"
    )
    return {
        "consumers": len(y),
        "seed": args.seed,
        "base_rate": round(float(y.mean()), 4),
        "train": len(train_idx),
        "test": len(test_idx),
        "methods": methods,
        "cv_on_train": {"auc": round(trained.auc, 4), "brier": round(trained.brier, 4)},
        "lift": decile,
        "effects": table,
        "signs_recovered": sum(r["sign_ok"] for r in table),
        "learning_curve": curve,
        "train_s": round(train_s, 3),
        "train_with_cv_s": round(train_cv_s, 3),
        "score_model_us": round(score_us, 1),
        "score_rules_us": round(rules_us, 1),
        "export_gap": export_gap,
    }


def learning_curve(
    x_train: np.ndarray,
    y_train: np.ndarray,
    x: np.ndarray,
    test_idx: np.ndarray,
    y_test: np.ndarray,
    test_rows: list[dict],
    args: argparse.Namespace,
    rng: np.random.Generator,
) -> list[dict]:
    """The product's model trained on only ``n`` lost consumers against the kept ones
    churn_train would use (every kept consumer of the train part, sampled to MAX_KEPT)."""
    from kalm.churn import learn
    from kalm.churn.actions import MAX_KEPT

    lost = np.flatnonzero(y_train == 1)
    kept = np.flatnonzero(y_train == 0)
    out = []
    print(
        f"\nLearning curve ({args.draws} draws each; kept consumers: {min(MAX_KEPT, len(kept)):,})"
    )
    print(f"{'lost':>6} {'AUC mean':>9} {'sd':>6} {'min':>6} {'Brier':>7} {'flagged':>8}")
    for n in CURVE:
        if n > len(lost):
            continue
        aucs, briers, flags = [], [], []
        for _ in range(args.draws):
            chosen = np.concatenate(
                [
                    rng.choice(lost, n, replace=False),
                    rng.choice(kept, min(MAX_KEPT, len(kept)), replace=False),
                ]
            )
            params = learn.train(x_train[chosen], y_train[chosen], evaluate=False).params
            p = score_all(test_rows, params)
            aucs.append(auc(y_test, p))
            briers.append(brier(y_test, p))
            flags.append(flagged(p, params["base_rate"]))
        row = {
            "lost": n,
            "auc_mean": round(statistics.mean(aucs), 4),
            "auc_sd": round(statistics.pstdev(aucs), 4),
            "auc_min": round(min(aucs), 4),
            "brier_mean": round(statistics.mean(briers), 4),
            "flagged_mean": round(statistics.mean(flags), 4),
        }
        out.append(row)
        print(
            f"{n:>6} {row['auc_mean']:>9.3f} {row['auc_sd']:>6.3f} {row['auc_min']:>6.3f} "
            f"{row['brier_mean']:>7.4f} {row['flagged_mean']:>8.1%}",
            flush=True,
        )
    return out


# --- 2. Real data -------------------------------------------------------------------------------

REAL_SETS = {
    "telco_churn": {
        "file": "Telco-Customer-Churn.csv",
        "target": "Churn",
        "positive": "Yes",
        "drop": ["customerID"],
        "use": "train (Apache-2.0)",
    },
    "bank_churn_modelling": {
        "file": "Churn_Modelling.csv",
        "target": "Exited",
        "positive": "1",
        "drop": ["RowNumber", "CustomerId", "Surname"],  # identifiers, not customer features
        "use": "EVALUATION ONLY (licence unclear; nothing derived kept or shipped)",
    },
}
REAL_SETTINGS = (
    "fixed, never tuned: columns with any non-number value one-hot (unknown ignored), the "
    "others standardised (blank = 0: telco's 11 blank TotalCharges are tenure-0 customers); "
    "LogisticRegression(C=1.0, max_iter=1000) in CalibratedClassifierCV(method='sigmoid', cv=3, "
    "ensemble=False); reference HistGradientBoostingClassifier(defaults, native categoricals, "
    f"random_state={SEED}); predictions from StratifiedKFold(5, shuffle, random_state={SEED})"
)


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


def load(name: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Features (categoricals as integer codes), which columns are categorical, the outcome."""
    spec = REAL_SETS[name]
    with open(SHARED / name / spec["file"], newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    y = np.array([int(r[spec["target"]].strip() == spec["positive"]) for r in rows])
    columns = [c for c in rows[0] if c != spec["target"] and c not in spec["drop"]]
    x, categorical = [], []
    for column in columns:
        values = [r[column].strip() for r in rows]
        if all(v == "" or _is_number(v) for v in values):
            x.append([float(v) if v else 0.0 for v in values])
            categorical.append(False)
        else:
            codes = {v: i for i, v in enumerate(sorted(set(values)))}
            x.append([float(codes[v]) for v in values])
            categorical.append(True)
    return np.array(x).T, np.array(categorical), y


def real_pipeline(categorical: np.ndarray) -> Any:
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.compose import ColumnTransformer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    columns = ColumnTransformer(
        [
            ("onehot", OneHotEncoder(handle_unknown="ignore", sparse_output=False), categorical),
            ("scale", StandardScaler(), ~categorical),
        ]
    )
    base = make_pipeline(columns, LogisticRegression(C=1.0, max_iter=1000))
    return CalibratedClassifierCV(base, method="sigmoid", cv=3, ensemble=False)


def real(name: str) -> dict:
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    x, categorical, y = load(name)
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED)
    t0 = time.perf_counter()
    p = cross_val_predict(real_pipeline(categorical), x, y, cv=folds, method="predict_proba")[:, 1]
    seconds = time.perf_counter() - t0
    boosted = HistGradientBoostingClassifier(categorical_features=categorical, random_state=SEED)
    p_gb = cross_val_predict(boosted, x, y, cv=folds, method="predict_proba")[:, 1]
    out = {
        "use": REAL_SETS[name]["use"],
        "rows": len(y),
        "base_rate": round(float(y.mean()), 4),
        "logistic": {"auc": round(auc(y, p), 4), "brier": round(brier(y, p), 4)},
        "boosting": {"auc": round(auc(y, p_gb), 4), "brier": round(brier(y, p_gb), 4)},
        "baseline_brier": round(brier(y, np.full(len(y), y.mean())), 4),
        "lift": lift(y, p),
        "cv_s": round(seconds, 2),
    }
    print(f"\n{name} — {out['use']}: {len(y)} rows, churn rate {y.mean():.1%}")
    print(f"{'method (5-fold held-out)':40} {'AUC':>6} {'Brier':>7}")
    print(
        f"{'logistic, calibrated (product kind)':40} {out['logistic']['auc']:6.3f} {out['logistic']['brier']:7.4f}"
    )
    print(
        f"{'gradient boosting (reference)':40} {out['boosting']['auc']:6.3f} {out['boosting']['brier']:7.4f}"
    )
    print(f"(Brier of always saying the base rate {out['baseline_brier']:.4f})")
    print_lift(f"Lift by decile, calibrated logistic, {name} ({out['use']})", out["lift"])
    return out


# --- Main ---------------------------------------------------------------------------------------


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--consumers", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--draws", type=int, default=5, help="draws per learning-curve point")
    parser.add_argument("--quick", action="store_true", help="5,000 consumers, two draws")
    parser.add_argument("--no-real", action="store_true", help="skip the public data sets")
    args = parser.parse_args()
    if args.quick:
        args.consumers, args.draws = 5_000, 2
    return args


def main() -> None:
    args = parse_args()
    import django

    django.setup()
    started = time.perf_counter()
    figures: dict[str, Any] = {"synthetic": synthetic(args)}
    sets = [n for n in REAL_SETS if (SHARED / n / REAL_SETS[n]["file"]).exists()]
    if not args.no_real and sets:
        print(f"\nReal data, {REAL_SETTINGS}.")
        figures["real_settings"] = REAL_SETTINGS
        figures["real"] = {name: real(name) for name in sets}
    figures["seconds"] = round(time.perf_counter() - started, 1)
    print(f"\nTotal {figures['seconds']} s.")
    print(json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":
    main()
