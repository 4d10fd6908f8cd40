"""A burst alert: a wave of related complaints the detector noticed, with its evidence."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class BurstAlert(models.Model):
    class Dimension(models.TextChoices):
        PRODUCT = "product", _("Product")
        BATCH = "batch", _("Batch")
        CHANNEL = "channel", _("Channel")
        TOPIC = "topic", _("Topic")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DISMISSED = "dismissed", _("Dismissed")
        CRISIS = "crisis", _("Crisis opened")

    dimension = models.CharField(_("dimension"), max_length=10, choices=Dimension.choices)
    key = models.CharField(_("key"), max_length=120)
    label = models.CharField(_("label"), max_length=200, blank=True)
    product = models.ForeignKey(
        "cases.Product", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    batch = models.CharField(_("batch / lot number"), max_length=60, blank=True)
    channel = models.CharField(_("channel"), max_length=20, blank=True)
    start = models.DateTimeField(_("first occurrence"))
    detected_at = models.DateTimeField(_("detected"))
    count = models.PositiveIntegerField(_("count"))
    expected = models.FloatField(_("expected count"))
    score = models.FloatField(_("score"))
    cases = models.ManyToManyField("cases.Case", blank=True, related_name="burst_alerts")
    # Set on everything a crisis drill created; real listings only read rows without it.
    drill = models.ForeignKey(
        "drills.Drill",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    # Hourly counts around the burst for the detail page's chart: [[iso hour, count, expected]].
    series = models.JSONField(default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-detected_at"]
        verbose_name = _("burst alert")
        verbose_name_plural = _("burst alerts")
        indexes = [
            models.Index(fields=["status", "-detected_at"], name="burst_status_detected"),
            models.Index(fields=["key", "start"], name="burst_key_start"),
        ]

    def __str__(self) -> str:
        return f"{self.label or self.key} ({self.count})"

    @property
    def ratio(self) -> float:
        return self.count / self.expected if self.expected else float(self.count)
