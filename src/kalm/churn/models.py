"""Churn risk: who the team lost, each consumer's current score, and the trained model."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Method(models.TextChoices):
    RULES = "rules", _("Rule-based index")
    MODEL = "model", _("Trained model")


class Action(models.TextChoices):
    """What the desk suggests for a consumer at risk (chosen from the strongest factor)."""

    NONE = "", _("Nothing needed")
    CALL_BACK = "call_back", _("Call back")
    GOODWILL = "goodwill", _("Goodwill gesture")
    PERSONAL_FOLLOWUP = "personal_followup", _("Personal follow-up")


class Band(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class Loss(models.Model):
    """A consumer the team knows it lost (contract ended, went to a competitor, said so): the
    outcomes a model learns from. Withdrawn marks stay, so the history of who said what is kept."""

    class Reason(models.TextChoices):
        CANCELLED = "cancelled", _("Cancelled or ended the contract")
        COMPETITOR = "competitor", _("Went to a competitor")
        STOPPED = "stopped", _("Stopped buying")
        OTHER = "other", _("Other")

    consumer = models.ForeignKey(
        "consumers.Consumer", on_delete=models.PROTECT, related_name="churn_losses"
    )
    lost_at = models.DateTimeField(_("lost on"))
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    marked_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-marked_at", "-id"]
        verbose_name = _("lost consumer")
        verbose_name_plural = _("lost consumers")
        constraints = [
            models.UniqueConstraint(
                fields=["consumer"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="churn_one_active_loss",
            )
        ]

    def __str__(self) -> str:
        return f"{self.consumer_id} lost {self.lost_at:%Y-%m-%d}"


class Model(models.Model):
    """A classifier trained on the lost consumers: its parameters as plain numbers (no pickles:
    they survive library upgrades and cannot run code), and how well it did in cross-validation."""

    created_at = models.DateTimeField(default=timezone.now)
    lost = models.PositiveIntegerField()
    kept = models.PositiveIntegerField()
    # Cross-validated: each consumer predicted by a model that did not see them.
    auc = models.FloatField(null=True, blank=True)
    brier = models.FloatField(null=True, blank=True)
    # The rule index's AUC on the same consumers: a model only takes over when it ranks better.
    rules_auc = models.FloatField(null=True, blank=True)
    params = models.JSONField()
    # Scores with it: the newest model that beat the rule index, while enough outcomes exist.
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("churn model")
        verbose_name_plural = _("churn models")

    def __str__(self) -> str:
        return f"churn model {self.created_at:%Y-%m-%d} ({self.lost} lost / {self.kept} kept)"


class Score(models.Model):
    """A consumer's current churn risk, recomputed by the nightly refresh and after a change."""

    consumer = models.OneToOneField(
        "consumers.Consumer", on_delete=models.CASCADE, related_name="churn_score"
    )
    score = models.FloatField()
    band = models.CharField(max_length=10, choices=Band.choices)
    method = models.CharField(max_length=10, choices=Method.choices)
    model = models.ForeignKey(Model, on_delete=models.SET_NULL, null=True, blank=True)
    # The raw figures the score was computed from, by factor code (kalm.churn.factors.FACTORS).
    features = models.JSONField(default=dict)
    # [[factor code, signed contribution], ...], strongest first.
    contributions = models.JSONField(default=list)
    action = models.CharField(max_length=20, choices=Action.choices, blank=True)
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("churn score")
        verbose_name_plural = _("churn scores")
        indexes = [models.Index(fields=["-score"], name="churn_score_desc")]

    def __str__(self) -> str:
        return f"{self.consumer_id}: {self.score:.2f} ({self.method})"
