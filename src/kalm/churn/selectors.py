"""Reads of the churn app for the desk: the at-risk list, one consumer's risk (stored, or computed
on the fly without writing), which method scores (the rule index or a trained model), and the
consumers marked as lost. Every reason is put in words here, so the page, the card and the CSV
say the same thing."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from kalm.churn import factors
from kalm.churn.actions import active_model, min_lost, planned_followups, score
from kalm.churn.models import Action, Band, Loss, Method, Model, Score
from kalm.consumers.models import Consumer

# How many raising reasons the desk shows (the strongest lowering one comes on top of these).
TOP_REASONS = 3
AT_RISK = (Band.HIGH, Band.MEDIUM)


def access_loss(user: Any, loss_id: int) -> Loss:
    """A lost mark, if this user works on the desk (every desk member may mark and withdraw,
    like every desk member sees every consumer)."""
    if not getattr(user, "is_authenticated", False) or not user.is_desk_member:
        raise PermissionDenied
    loss = Loss.objects.select_related("consumer").filter(pk=loss_id).first()
    if loss is None:
        raise Http404
    return loss


# --- Reasons in words --------------------------------------------------------------------------


@dataclass(frozen=True)
class Reasons:
    raising: list[str]
    lowering: str | None


def reasons(contributions: list[Any], features: dict[str, Any]) -> Reasons:
    """The top raising factors and the strongest lowering one, in words with their figures.
    ``contributions`` is a score's [[code, signed weight], ...], strongest raising first."""
    raising = [
        factors.describe(code, features)
        for code, weight in contributions
        if weight > 0 and code in factors.LABELS
    ][:TOP_REASONS]
    lowering = [code for code, weight in contributions if weight < 0 and code in factors.LABELS]
    # The list is sorted by signed weight, so the most negative (strongest lowering) is last.
    return Reasons(raising, factors.describe(lowering[-1], features) if lowering else None)


def percent(value: float) -> int:
    return round(100 * value)


# --- The at-risk list ---------------------------------------------------------------------------


def at_risk(*, kind: str | None = None, band: str | None = None) -> QuerySet[Score]:
    """Scored consumers at risk (high and medium unless ``band`` narrows it), highest first, with
    their consumer; real consumers only (no drill, no merged tombstone, none marked as lost).
    Each row carries ``planned_case``: the case of an open churn follow-up for the consumer, if
    someone already planned the suggested action."""
    active_loss = Loss.objects.filter(consumer=OuterRef("consumer_id"), withdrawn_at=None)
    planned = planned_followups(OuterRef("consumer_id"))
    scores = (
        Score.objects.filter(
            band__in=[band] if band else AT_RISK,
            consumer__drill_id=None,
            consumer__merged_into=None,
        )
        .exclude(Exists(active_loss))
        .select_related("consumer")
        .annotate(planned_case=Subquery(planned.values("case_id")[:1]))
        .order_by("-score", "consumer_id")
    )
    if kind:
        scores = scores.filter(consumer__kind=kind)
    return scores


@dataclass(frozen=True)
class Row:
    """One line of the at-risk list (and of its CSV)."""

    score: Score
    reasons: Reasons

    @property
    def consumer(self) -> Consumer:
        return self.score.consumer

    @property
    def percent(self) -> int:
        return percent(self.score.score)

    @property
    def is_model(self) -> bool:
        return self.score.method == Method.MODEL


def row(score: Score) -> Row:
    return Row(score, reasons(score.contributions, score.features))


def rows(scores: Any) -> list[Row]:
    return [row(s) for s in scores]


# --- One consumer -------------------------------------------------------------------------------


@dataclass
class Risk:
    """A consumer's churn risk for their page. ``score`` is None when there is nothing to
    score (no case yet, marked as lost, a drill's or merged consumer); ``stored`` says whether it
    comes from the last refresh or was computed just now for this page."""

    consumer: Consumer
    loss: Loss | None = None
    score: float | None = None
    band: str = ""
    method: str = ""
    action: str = ""
    reasons: Reasons = field(default_factory=lambda: Reasons([], None))
    computed_at: datetime | None = None
    stored: bool = False
    planned_case: int | None = None

    @property
    def percent(self) -> int | None:
        return None if self.score is None else percent(self.score)

    @property
    def is_model(self) -> bool:
        return self.method == Method.MODEL

    @property
    def band_label(self) -> str:
        return str(Band(self.band).label) if self.band else ""

    @property
    def action_label(self) -> str:
        return str(Action(self.action).label) if self.action else ""


def consumer_risk(consumer: Consumer) -> Risk:
    """One consumer's risk: the stored score when there is one, else computed now from their
    figures with the method in use — never saved (a page view does not write) — and their
    active lost mark. A lost consumer has no score: the mark says it all. One query for a
    scored consumer; an unscored one adds the model and the figures' queries."""
    risk = Risk(consumer=consumer)
    if consumer.drill_id is not None or consumer.merged_into_id is not None:
        return risk
    active_loss = Loss.objects.filter(consumer=OuterRef("pk"), withdrawn_at=None)
    row = (
        Consumer.objects.filter(pk=consumer.pk)
        .select_related("churn_score")
        .annotate(
            active_loss_id=Subquery(active_loss.values("pk")[:1]),
            planned_case=Subquery(planned_followups(OuterRef("pk")).values("case_id")[:1]),
        )
        .first()
    )
    if row is None:
        return risk
    if row.active_loss_id is not None:
        risk.loss = Loss.objects.select_related("marked_by").get(pk=row.active_loss_id)
        return risk
    risk.planned_case = row.planned_case
    stored = getattr(row, "churn_score", None)
    if stored is not None:
        risk.score, risk.band, risk.method = stored.score, stored.band, stored.method
        risk.action, risk.computed_at, risk.stored = stored.action, stored.computed_at, True
        risk.reasons = reasons(stored.contributions, stored.features)
        return risk
    now = timezone.now()
    figures = factors.compute(as_of=now, consumer_ids=[consumer.pk]).get(consumer.pk)
    if figures is None:
        return risk  # no case yet: nothing to go on
    model = active_model()
    result = score(figures, model)
    risk.score, risk.band, risk.action = result.score, result.band, result.action
    risk.method = Method.MODEL if model else Method.RULES
    risk.computed_at = now
    risk.reasons = reasons([list(c) for c in result.contributions], figures)
    return risk


# --- Which method scores ------------------------------------------------------------------------


@dataclass(frozen=True)
class MethodStatus:
    method: str
    # Consumers marked as lost now (active marks of real consumers), and how many a model needs.
    lost: int
    needed: int
    # The model that scores (method "model"), else the newest one trained, if any.
    model: Model | None = None

    @property
    def is_model(self) -> bool:
        return self.method == Method.MODEL

    @property
    def enough(self) -> bool:
        """Enough marks for a model, yet the rule index scores."""
        return not self.is_model and self.lost >= self.needed

    @property
    def rules_won(self) -> bool:
        """With enough marks, the newest model ranked the consumers no better than the index
        did (kalm.churn.actions.churn_train keeps it on record, inactive)."""
        model = self.model
        return bool(
            self.enough
            and model is not None
            and model.auc is not None
            and model.rules_auc is not None
            and model.auc <= model.rules_auc
        )

    @property
    def base_rate_percent(self) -> float | None:
        """Of every 100 consumers, how many leave (the model's bands are relative to it)."""
        rate = self.model.params.get("base_rate") if self.is_model and self.model else None
        return 100 * float(rate) if rate else None


def method_status() -> MethodStatus:
    """Which method scores now: the trained model (with its training date, counts and
    cross-validated quality) or the rule index (with how many lost consumers a model needs, and
    the newest model if one was trained but did not beat the index)."""
    lost = Loss.objects.filter(withdrawn_at=None, consumer__drill_id=None).count()
    model = active_model()
    if model is not None:
        return MethodStatus(Method.MODEL, lost=lost, needed=min_lost(), model=model)
    latest = Model.objects.first() if lost >= min_lost() else None
    return MethodStatus(Method.RULES, lost=lost, needed=min_lost(), model=latest)


# --- Lost consumers -----------------------------------------------------------------------------


def losses(*, withdrawn: bool = False) -> QuerySet[Loss]:
    """The lost marks, most recently marked first, with the consumer and who marked (and who
    withdrew); ``withdrawn`` lists the taken-back ones instead of the active ones."""
    return (
        Loss.objects.filter(withdrawn_at__isnull=not withdrawn)
        .select_related("consumer", "marked_by", "withdrawn_by")
        .order_by("-marked_at", "-id")
    )
