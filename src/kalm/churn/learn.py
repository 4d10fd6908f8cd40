"""Training the churn classifier (scikit-learn): standardised factors into a logistic regression,
calibrated with Platt scaling on held-out folds, evaluated by cross-validation. The result is a
dict of plain numbers that kalm.churn.scoring.score_model reads without scikit-learn.

A logistic model is chosen over boosted trees on purpose: every score must be explained in
words, and a linear model's log-odds split exactly into one share per factor. bench/churn.py
measures what that costs against a gradient-boosted model."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from kalm.churn.factors import CODES

SEED = 7


@dataclass(frozen=True)
class Trained:
    params: dict[str, Any]
    auc: float | None
    brier: float | None


def _pipeline() -> Any:
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    base = make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=1000))
    # ensemble=False: one model fitted on all rows plus one calibrator fitted on the folds'
    # held-out decisions, so the whole thing is a handful of numbers.
    return CalibratedClassifierCV(base, method="sigmoid", cv=3, ensemble=False)


def export(calibrated: Any, codes: tuple[str, ...] = CODES) -> dict[str, Any]:
    """The fitted calibrated pipeline as plain numbers."""
    inner = calibrated.calibrated_classifiers_[0]
    scaler, logistic = inner.estimator.steps[0][1], inner.estimator.steps[-1][1]
    calibrator = inner.calibrators[0]
    return {
        "features": list(codes),
        "mean": [float(v) for v in scaler.mean_],
        "scale": [float(v) for v in scaler.scale_],
        "coef": [float(v) for v in logistic.coef_[0]],
        "intercept": float(logistic.intercept_[0]),
        "calib_a": float(calibrator.a_),
        "calib_b": float(calibrator.b_),
    }


def train(
    x: np.ndarray, y: np.ndarray, *, evaluate: bool = True, kept_weight: float = 1.0
) -> Trained:
    """Fit on all rows; with ``evaluate`` also report the cross-validated AUC and Brier score
    (each row predicted by a model that did not see it).

    ``kept_weight``: how many kept consumers each kept row stands for when they were sampled
    down (total kept / sampled). The fitted odds are then too high by that factor; the params
    carry the correction (``prior_shift``) and the population's base rate, so probabilities and
    bands are about the real population, not the sample."""
    from sklearn.metrics import brier_score_loss, roc_auc_score
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    auc = brier = None
    if evaluate:
        # Five folds, fewer when there are fewer than five of a class (the threshold allows it).
        smallest = int(min(y.sum(), len(y) - y.sum()))
        folds = StratifiedKFold(n_splits=min(5, smallest), shuffle=True, random_state=SEED)
        held_out = cross_val_predict(_pipeline(), x, y, cv=folds, method="predict_proba")[:, 1]
        auc = float(roc_auc_score(y, held_out))
        brier = float(brier_score_loss(y, held_out))
    model = _pipeline().fit(x, y)
    params = export(model)
    lost = float(y.sum())
    kept = float(len(y) - lost) * kept_weight
    params["prior_shift"] = -math.log(kept_weight)
    params["base_rate"] = lost / (lost + kept)
    return Trained(params=params, auc=auc, brier=brier)
