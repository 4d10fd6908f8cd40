import math

import numpy as np
import pytest

from kalm.churn import factors, learn
from kalm.churn.scoring import HIGH, MEDIUM, band_for, score_model, score_rules


def _row(**values):
    return factors._empty() | {"tenure_days": 400, "recency_days": 60} | values


def test_a_quiet_long_standing_consumer_is_low_risk():
    result = score_rules(_row(tenure_days=5 * 365, recency_days=200))
    assert result.band == "low"
    assert result.action == ""
    assert result.contributions[-1][0] == "tenure_days"  # the one factor that lowers it
    assert result.contributions[-1][1] < 0


def test_open_complaints_and_waiting_make_a_call_back():
    result = score_rules(_row(open_complaints=2, waiting_hours=100.0, recency_days=1))
    assert result.band == "high"
    assert result.contributions[0][0] == "open_complaints"
    assert result.action == "call_back"


def test_unanswered_feedback_asks_for_a_personal_follow_up():
    result = score_rules(_row(unanswered_feedback=2, messages=3, negative_share=0.7))
    assert result.contributions[0][0] == "unanswered_feedback"
    assert result.action == "personal_followup"
    assert result.score >= MEDIUM


def test_having_to_push_earns_a_goodwill_gesture():
    result = score_rules(_row(reopened=3, repeat_contacts=4, effort=6.5))
    assert result.contributions[0][0] == "reopened"
    assert result.action == "goodwill"


def test_the_rule_index_rises_with_every_factor():
    base = score_rules(_row()).score
    for code, value in [
        ("open_complaints", 1),
        ("reopened", 1),
        ("waiting_hours", 60.0),
        ("unanswered_feedback", 1),
        ("effort", 6.0),
        ("repeat_contacts", 3),
    ]:
        assert score_rules(_row(**{code: value})).score > base, code


def test_bands():
    assert band_for(HIGH) == "high"
    assert band_for(MEDIUM) == "medium"
    assert band_for(MEDIUM - 0.01) == "low"


def test_the_exported_model_scores_exactly_like_scikit_learn():
    rng = np.random.default_rng(3)
    rows = []
    labels = []
    for _ in range(600):
        row = _row(
            open_complaints=int(rng.integers(0, 3)),
            waiting_hours=float(rng.gamma(2.0, 12.0)),
            unanswered_feedback=int(rng.integers(0, 2)),
            effort=float(rng.uniform(1, 7)),
            tenure_days=int(rng.integers(10, 3000)),
        )
        logit = -2.0 + 1.2 * row["open_complaints"] + 1.5 * row["unanswered_feedback"]
        labels.append(int(rng.random() < 1 / (1 + np.exp(-logit))))
        rows.append(row)
    x = np.array([factors.vector(r) for r in rows])
    y = np.array(labels)
    model = learn._pipeline().fit(x, y)
    params = learn.export(model)
    expected = model.predict_proba(x[:50])[:, 1]
    ours = [score_model(r, params).score for r in rows[:50]]
    assert ours == pytest.approx(list(expected), abs=1e-4)
    trained = learn.train(x, y)
    assert 0.7 < trained.auc <= 1.0
    assert 0.0 < trained.brier < 0.25
    # The factors the data was made from carry the largest coefficients.
    coef = dict(zip(trained.params["features"], trained.params["coef"], strict=True))
    top = sorted(coef, key=lambda code: -coef[code])[:2]
    assert set(top) == {"open_complaints", "unanswered_feedback"}


def test_a_models_bands_are_relative_to_how_many_leave_at_all():
    assert band_for(0.09, base_rate=0.03) == "high"
    assert band_for(0.06, base_rate=0.03) == "medium"
    assert band_for(0.05, base_rate=0.03) == "low"


def test_the_prior_shift_corrects_the_odds_of_a_sampled_population():
    params = {
        "features": list(factors.CODES),
        "mean": [0.0] * len(factors.CODES),
        "scale": [1.0] * len(factors.CODES),
        "coef": [0.0] * len(factors.CODES),
        "intercept": 0.0,
        "calib_a": -1.0,
        "calib_b": 0.0,
    }
    assert score_model(_row(), params).score == pytest.approx(0.5)
    shifted = score_model(_row(), params | {"prior_shift": math.log(1 / 3), "base_rate": 0.25})
    assert shifted.score == pytest.approx(0.25)  # odds 1:1 become 1:3
    assert shifted.band == "low"
