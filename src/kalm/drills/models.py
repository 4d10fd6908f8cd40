"""A drill: one rehearsal of a crisis scenario.

Everything a drill creates (consumers, cases, burst alerts, the crisis the team opens) carries a
``drill`` foreign key. Real listings, searches, detection and reports only ever read rows whose
``drill`` is empty; the desk's drill mode only reads the rows of the drill it is switched to.
Email about drill rows never reaches the real mail server (see ``kalm.drills.mail``)."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Drill(models.Model):
    class Status(models.TextChoices):
        RUNNING = "running", _("Running")
        FINISHED = "finished", _("Finished")

    scenario = models.CharField(_("scenario"), max_length=40)
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.RUNNING
    )
    seed = models.PositiveIntegerField(_("random seed"), default=1)
    # Script minutes played per real minute: 12 plays a six-hour wave in half an hour.
    speed = models.PositiveSmallIntegerField(_("speed"), default=12)
    volume = models.FloatField(_("volume"), default=1.0)
    angry_share = models.FloatField(_("share of angry consumers"), default=0.3)
    threat_share = models.FloatField(_("share of threatening consumers"), default=0.05)
    channels = models.JSONField(_("channels"), default=list, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    # The wave, generated once at the start from scenario and seed: a list of events, each
    # {"at": seconds after the start (script time), "channel", "language", "tone", "name",
    # "subject", "text", "product", "batch"}. Played in order; ``played`` counts how many.
    script = models.JSONField(default=list, blank=True)
    played = models.PositiveIntegerField(default=0)
    product = models.ForeignKey(
        "cases.Product", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("drill")
        verbose_name_plural = _("drills")

    def __str__(self) -> str:
        return self.title

    @property
    def is_running(self) -> bool:
        return self.status == self.Status.RUNNING

    def script_time(self, at: datetime | None = None) -> float:
        """Seconds of script played by ``at`` (now by default)."""
        at = at or timezone.now()
        return max(0.0, (at - self.started_at).total_seconds() * self.speed)
