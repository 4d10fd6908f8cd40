"""Every write of the churn app: marking a consumer as lost (and taking it back), training the
classifier when outcomes exist, refreshing the scores, and planning the suggested action."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Min, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from kalm.cases.models import Case
from kalm.churn import factors, learn
from kalm.churn.models import Action, Loss, Model, Score
from kalm.churn.scoring import Result, score_model, score_rules
from kalm.consumers.actions import consumer_resolve
from kalm.consumers.models import Consumer
from kalm.followups.actions import followup_create
from kalm.followups.models import FollowUp

log = logging.getLogger(__name__)

# Consumers not lost, sampled for training beyond this many (the fit stays in seconds).
MAX_KEPT = 20_000
UPSERT_BATCH = 2_000


class ChurnActionError(ValueError):
    """A churn write that cannot be done, with the reason in words."""


# Training calibrates in three folds inside each cross-validation fold: with fewer lost (or
# kept) consumers than this there is nothing to train on, whatever the setting says.
FLOOR = 4


def min_lost() -> int:
    return int(getattr(settings, "KALM_CHURN_MIN_LOST", 50))


# --- Outcomes --------------------------------------------------------------------------------


def loss_mark(
    *, consumer: Consumer, actor: Any, lost_at: datetime, reason: str, note: str = ""
) -> Loss:
    """Record that the team lost this consumer (the outcome a model learns from); their score
    leaves the at-risk list."""
    consumer = consumer_resolve(consumer)
    if consumer.drill_id is not None:
        raise ChurnActionError(_("A drill's consumer cannot be marked as lost."))
    if reason not in Loss.Reason.values:
        raise ChurnActionError(_("Choose why the consumer left."))
    now = timezone.now()
    if lost_at > now + timedelta(minutes=5):
        raise ChurnActionError(_("A consumer cannot be lost in the future."))
    first_case = consumer.cases.aggregate(first=Min("created_at"))["first"]
    known_since = min(filter(None, [consumer.created_at, first_case]))
    if lost_at < known_since - timedelta(days=1):
        raise ChurnActionError(_("That is before we knew this consumer."))
    with transaction.atomic():
        Consumer.objects.select_for_update().filter(pk=consumer.pk).first()
        if Loss.objects.filter(consumer=consumer, withdrawn_at=None).exists():
            raise ChurnActionError(_("This consumer is already marked as lost."))
        loss = Loss.objects.create(
            consumer=consumer,
            lost_at=lost_at,
            reason=reason,
            note=note.strip()[:500],
            marked_by=actor,
            marked_at=now,
        )
        Score.objects.filter(consumer=consumer).delete()
    return loss


def loss_withdraw(*, loss: Loss, actor: Any) -> Loss:
    """Take a lost mark back (they came back, or it was a mistake); the mark stays on record."""
    with transaction.atomic():
        updated = Loss.objects.filter(pk=loss.pk, withdrawn_at=None).update(
            withdrawn_at=timezone.now(), withdrawn_by=actor
        )
        if not updated:
            raise ChurnActionError(_("This mark was already withdrawn."))
        loss.refresh_from_db()
        consumer_rescore(consumer=loss.consumer)
    return loss


# --- Training --------------------------------------------------------------------------------


def _active_losses() -> list[Loss]:
    return list(
        Loss.objects.filter(withdrawn_at=None, consumer__drill_id=None).select_related("consumer")
    )


def _outcomes_changed_since(model: Model) -> bool:
    latest = Loss.objects.aggregate(marked=Max("marked_at"), withdrawn=Max("withdrawn_at"))
    return any(value is not None and value > model.created_at for value in latest.values())


def churn_train(*, now: datetime | None = None, force: bool = False) -> Model | None:
    """Train a classifier on the lost consumers (figures as of the day each left) against the
    ones still here (as of now) when there are at least KALM_CHURN_MIN_LOST of each. The new
    model scores from then on only if its cross-validated AUC beats the rule index's on the same
    consumers; otherwise it is kept on record, inactive, and the rules go on. Below the
    threshold any model is retired. Nothing is trained when the outcomes did not change since
    the last model (``force`` trains anyway). Returns the model that scores now, or None."""
    import numpy as np
    from sklearn.metrics import roc_auc_score

    now = now or timezone.now()
    losses = _active_losses()
    if len(losses) < max(min_lost(), FLOOR):
        Model.objects.filter(active=True).update(active=False)
        return None
    latest = Model.objects.first()
    if latest and not force and not _outcomes_changed_since(latest):
        return active_model()
    lost_ids = {loss.consumer_id for loss in losses}
    examples: list[dict[str, Any]] = []
    for loss in losses:
        figures = factors.compute(as_of=loss.lost_at, consumer_ids=[loss.consumer_id])
        if loss.consumer_id in figures:
            examples.append(figures[loss.consumer_id])
    lost = len(examples)
    # The kept consumers a slice at a time, keeping only their vectors and rule scores.
    width = len(factors.CODES)
    kept_x: list[np.ndarray] = []
    kept_rules: list[float] = []
    for id_range in _id_slices():
        chunk = [
            figures
            for consumer_id, figures in factors.compute(as_of=now, id_range=id_range).items()
            if consumer_id not in lost_ids
        ]
        kept_x.append(np.array([factors.vector(f) for f in chunk], dtype=float).reshape(-1, width))
        kept_rules.extend(score_rules(f).score for f in chunk)
    kept_total = len(kept_rules)
    chosen = np.arange(kept_total)
    if kept_total > MAX_KEPT:
        chosen = np.sort(np.random.default_rng(learn.SEED).choice(kept_total, MAX_KEPT, False))
    kept = len(chosen)
    if min(lost, kept) < max(min_lost(), FLOOR):
        Model.objects.filter(active=True).update(active=False)
        return None
    kept_matrix = np.vstack(kept_x)[chosen] if kept_x else np.empty((0, width))
    x = np.vstack([np.array([factors.vector(f) for f in examples]), kept_matrix])
    labels = np.array([1] * lost + [0] * kept)
    trained = learn.train(x, labels, kept_weight=kept_total / kept)
    rules = [score_rules(f).score for f in examples] + [kept_rules[i] for i in chosen]
    rules_auc = float(roc_auc_score(labels, rules))
    better = trained.auc is not None and trained.auc > rules_auc
    with transaction.atomic():
        if better:
            Model.objects.filter(active=True).update(active=False)
        Model.objects.create(
            created_at=now,
            lost=lost,
            kept=kept_total,
            auc=trained.auc,
            brier=trained.brier,
            rules_auc=rules_auc,
            params=trained.params,
            active=better,
        )
    log.info(
        "churn model trained on %s lost / %s kept: AUC %.3f (rules %.3f)%s",
        lost,
        kept_total,
        trained.auc,
        rules_auc,
        "" if better else "; the rules go on",
    )
    return active_model()


def active_model() -> Model | None:
    model = Model.objects.filter(active=True).first()
    if model and model.params.get("features") != list(factors.CODES):
        return None  # trained on other factors: the rules until the next training
    return model


def score(figures: dict[str, Any], model: Model | None) -> Result:
    return score_model(figures, model.params) if model else score_rules(figures)


# --- Scores ----------------------------------------------------------------------------------


def _save(results: dict[int, tuple[dict, Result]], model: Model | None, now: datetime) -> None:
    rows = [
        Score(
            consumer_id=consumer_id,
            score=result.score,
            band=result.band,
            method="model" if model else "rules",
            model=model,
            features={k: v for k, v in figures.items() if k in factors.CODES or k == "messages"},
            contributions=[list(item) for item in result.contributions],
            action=result.action,
            computed_at=now,
        )
        for consumer_id, (figures, result) in results.items()
    ]
    Score.objects.bulk_create(
        rows,
        batch_size=UPSERT_BATCH,
        update_conflicts=True,
        unique_fields=["consumer"],
        update_fields=[
            "score",
            "band",
            "method",
            "model",
            "features",
            "contributions",
            "action",
            "computed_at",
        ],
    )


# The refresh goes through the consumers a slice of ids at a time: memory stays that of one
# slice (a single pass held ~1.7 GB for a million consumers).
SLICE = 20_000


def _id_slices() -> list[tuple[int, int]]:
    bounds = Consumer.objects.aggregate(first=Min("id"), last=Max("id"))
    if bounds["first"] is None:
        return []
    return [(start, start + SLICE) for start in range(bounds["first"], bounds["last"] + 1, SLICE)]


def churn_refresh(*, now: datetime | None = None) -> dict[str, Any]:
    """Retrain if the outcomes changed, then score every real consumer with a case who is not
    marked as lost, and drop the scores of the others. Returns counts for the log."""
    now = now or timezone.now()
    churn_train(now=now)
    model = active_model()
    lost_ids = set(Loss.objects.filter(withdrawn_at=None).values_list("consumer_id", flat=True))
    counts = {"scored": 0, "high": 0, "medium": 0}
    for id_range in _id_slices():
        figures = factors.compute(as_of=now, id_range=id_range)
        real = set(
            Consumer.objects.filter(
                id__gte=id_range[0], id__lt=id_range[1], drill_id=None, merged_into=None
            ).values_list("id", flat=True)
        )
        results = {
            consumer_id: (row, score(row, model))
            for consumer_id, row in figures.items()
            if consumer_id in real and consumer_id not in lost_ids
        }
        _save(results, model, now)
        counts["scored"] += len(results)
        counts["high"] += sum(1 for _, r in results.values() if r.band == "high")
        counts["medium"] += sum(1 for _, r in results.values() if r.band == "medium")
    Score.objects.filter(Q(computed_at__lt=now) | Q(consumer_id__in=lost_ids)).delete()
    return {
        "scored": counts["scored"],
        "method": "model" if model else "rules",
        "high": counts["high"],
        "medium": counts["medium"],
    }


def consumer_rescore(*, consumer: Consumer, now: datetime | None = None) -> Score | None:
    """Score one consumer now (after a change the desk should see before the next refresh)."""
    now = now or timezone.now()
    consumer = consumer_resolve(consumer)
    figures = factors.compute(as_of=now, consumer_ids=[consumer.pk]).get(consumer.pk)
    lost = Loss.objects.filter(consumer=consumer, withdrawn_at=None).exists()
    if figures is None or lost or consumer.drill_id is not None:
        Score.objects.filter(consumer=consumer).delete()
        return None
    model = active_model()
    _save({consumer.pk: (figures, score(figures, model))}, model, now)
    return Score.objects.get(consumer=consumer)


# --- The suggested action ---------------------------------------------------------------------

ACTION_TITLES = {
    Action.CALL_BACK: lambda: _("Call back: churn risk"),
    Action.GOODWILL: lambda: _("Consider a goodwill gesture: churn risk"),
    Action.PERSONAL_FOLLOWUP: lambda: _("Personal follow-up: churn risk"),
}


def planned_followups(consumer_ref: Any) -> QuerySet[FollowUp]:
    """Open (or proposed) churn follow-ups of a consumer, the first due first: a consumer with
    one has their suggested action planned already."""
    return FollowUp.objects.filter(
        case__consumer=consumer_ref,
        source=FollowUp.Source.CHURN,
        status__in=[FollowUp.Status.OPEN, FollowUp.Status.PROPOSED],
    ).order_by("due_at", "id")


def risk_followup_plan(*, consumer: Consumer, actor: Any, now: datetime | None = None) -> FollowUp:
    """Turn the suggested action into a follow-up for this agent, due tomorrow, on the
    consumer's most recent case (where the dossier and the reasons are)."""
    now = now or timezone.now()
    current = Score.objects.filter(consumer=consumer).first()
    if current is None:
        # Not scored yet (new since the last refresh): the desk showed a score computed on the
        # fly, so plan from the same figures, stored now.
        current = consumer_rescore(consumer=consumer, now=now)
    if current is None or current.action == Action.NONE:
        raise ChurnActionError(_("There is no suggested action for this consumer."))
    case = (
        Case.objects.filter(consumer=consumer, drill_id=None, merged_into=None)
        .order_by("-created_at", "-id")
        .first()
    )
    if case is None:
        raise ChurnActionError(_("This consumer has no case to plan it on."))
    already = planned_followups(consumer).first()
    if already is not None:
        raise ChurnActionError(
            _("A follow-up for this consumer is already planned: %(title)s")
            % {"title": already.title}
        )
    reasons = "; ".join(
        factors.describe(code, current.features)
        for code, weight in current.contributions[:3]
        if weight > 0
    )
    return followup_create(
        case=case,
        title=f"{ACTION_TITLES[current.action]()} ({reasons})"[:300],
        due_at=now + timedelta(days=1),
        owner=actor,
        created_by=actor,
        source=FollowUp.Source.CHURN,
    )
