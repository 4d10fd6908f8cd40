"""From a consumer's factor figures to a score, its band, its reasons and a suggested action:
the explained rule-based index used until the team has marked enough consumers as lost, and the
trained classifier after that (its parameters as plain numbers, see kalm.churn.learn)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from kalm.churn.factors import CODES, vector
from kalm.churn.models import Action, Band

# The rule index: points per factor, each capped so that one factor alone cannot max it out.
# The weights follow the research the issue cites (slow or unfriendly service and ignored
# feedback drive customers away; long-standing customers forgive more); they are a starting
# point the UI labels as such, replaced by a trained model once outcomes exist.
# Points at which the index reaches 50. It moves no ranking; it sets how many are listed: on
# bench/churn.py's synthetic population 15% reach medium or high, in the demo (all recent
# complainants) 29% (2.5 listed 28% and 73%: too long a list to act on).
OFFSET = 3.0


def _rule_points(f: dict[str, Any]) -> dict[str, float]:
    points = {code: 0.0 for code in CODES}
    points["open_complaints"] = min(1.0 * (f.get("open_complaints") or 0), 2.0)
    points["reopened"] = min(0.8 * (f.get("reopened") or 0), 2.4)
    hours = float(f.get("waiting_hours") or 0)
    points["waiting_hours"] = min(max(hours - 24.0, 0.0) / 48.0, 1.5)
    points["unanswered_feedback"] = min(1.5 * (f.get("unanswered_feedback") or 0), 3.0)
    # Modest weight: nearly every message to a complaint desk reads negative, so the share
    # separates little on its own (at 2.0 it was most of every demo consumer's index).
    if f.get("messages"):
        points["negative_share"] = 1.2 * float(f.get("negative_share") or 0)
    effort = f.get("effort")
    if effort is not None:
        points["effort"] = max(float(effort) - 4.0, 0.0) * 0.5
    points["repeat_contacts"] = min(0.5 * max((f.get("repeat_contacts") or 0) - 1, 0), 2.0)
    recency = f.get("recency_days")
    if recency is not None and recency < 30:
        # A fresh experience weighs most: risk fades over the month after the last contact.
        points["recency_days"] = 0.5 * (1 - recency / 30)
    tenure = int(f.get("tenure_days") or 0)
    if tenure < 180:
        points["tenure_days"] = 0.5
    elif tenure >= 3 * 365:
        points["tenure_days"] = -0.5
    return points


# Which action answers which reason: waiting or an open complaint asks for a call; feeling
# unheard or upset asks for a person who follows up; having had to push (reopenings, repeated
# contacts, effort) earns a gesture.
ACTION_FOR: dict[str, str] = {
    "open_complaints": Action.CALL_BACK,
    "waiting_hours": Action.CALL_BACK,
    "recency_days": Action.CALL_BACK,
    "unanswered_feedback": Action.PERSONAL_FOLLOWUP,
    "negative_share": Action.PERSONAL_FOLLOWUP,
    "tenure_days": Action.PERSONAL_FOLLOWUP,
    "reopened": Action.GOODWILL,
    "repeat_contacts": Action.GOODWILL,
    "effort": Action.GOODWILL,
}

# Bands: the desk lists medium and high; rule index and model probability share the cut-offs.
HIGH = 0.6
MEDIUM = 0.35


@dataclass(frozen=True)
class Result:
    score: float  # the rule index (0..1) or the model's probability of leaving
    band: str
    # [(factor code, signed contribution)], strongest raising factor first, lowering last.
    contributions: list[tuple[str, float]]
    action: str


# A model's probability is about how many consumers leave at all (a few percent), so its bands
# are relative: high at three times the average consumer's chance, medium at twice. Fixed
# cut-offs would put almost nobody at risk when few leave (measured in bench/churn.py).
HIGH_RELATIVE = 3.0
MEDIUM_RELATIVE = 2.0


def band_for(score: float, *, base_rate: float | None = None) -> str:
    """The band of a rule index (fixed cut-offs) or of a model's probability (relative to the
    population's base rate)."""
    high, medium = HIGH, MEDIUM
    if base_rate:
        high, medium = HIGH_RELATIVE * base_rate, MEDIUM_RELATIVE * base_rate
    if score >= high:
        return Band.HIGH
    if score >= medium:
        return Band.MEDIUM
    return Band.LOW


def _finish(
    score: float, contributions: dict[str, float], *, base_rate: float | None = None
) -> Result:
    ordered = sorted(
        ((code, round(value, 4)) for code, value in contributions.items() if abs(value) > 1e-9),
        key=lambda item: -item[1],
    )
    band = band_for(score, base_rate=base_rate)
    action = Action.NONE
    if band != Band.LOW and ordered and ordered[0][1] > 0:
        action = ACTION_FOR[ordered[0][0]]
    return Result(score=round(score, 4), band=band, contributions=ordered, action=action)


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


def score_rules(features: dict[str, Any]) -> Result:
    """The explained index (0..1, not a probability): the sum of the rule points through a
    logistic curve centred on OFFSET points."""
    points = _rule_points(features)
    return _finish(_sigmoid(sum(points.values()) - OFFSET), points)


def score_model(features: dict[str, Any], params: dict[str, Any]) -> Result:
    """The calibrated probability of leaving from a trained model's parameters, with each
    factor's share of the log-odds (coefficient times standardised figure) as its reason."""
    x = vector(features)
    contributions: dict[str, float] = {}
    decision = float(params["intercept"])
    for code, value, mean, scale, coef in zip(
        params["features"], x, params["mean"], params["scale"], params["coef"], strict=True
    ):
        share = float(coef) * (value - float(mean)) / float(scale)
        contributions[code] = share
        decision += share
    # Platt scaling fitted on held-out decisions (sklearn's _SigmoidCalibration), then the
    # correction for kept consumers sampled down (kalm.churn.learn.train).
    calibrated = -(float(params["calib_a"]) * decision + float(params["calib_b"]))
    probability = _sigmoid(calibrated + float(params.get("prior_shift", 0.0)))
    base_rate = params.get("base_rate")
    return _finish(probability, contributions, base_rate=float(base_rate) if base_rate else None)
