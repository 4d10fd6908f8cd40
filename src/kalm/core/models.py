"""Organisation-wide settings that team leads change in the admin, not in the environment."""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

# Colours go into a style attribute on public pages: only #rrggbb is accepted.
HEX_COLOUR = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Give a colour as #rrggbb."))


class OrganisationSettings(models.Model):
    """One row (pk=1). Empty fields fall back to the environment (docs/operations.md)."""

    name = models.CharField(
        _("organisation name"),
        max_length=100,
        blank=True,
        help_text=_("Shown on the portal, in emails and in PDFs. Empty: KALM_ORGANISATION_NAME."),
    )
    sender_email = models.EmailField(
        _("sender address"),
        blank=True,
        help_text=_("Address emails to consumers come from. Empty: DEFAULT_FROM_EMAIL."),
    )
    # The help centre's look: the organisation's logo and colours (portal pages).
    logo = models.ImageField(_("logo"), upload_to="branding/", blank=True)
    brand_color = models.CharField(
        _("brand colour"),
        max_length=7,
        blank=True,
        help_text=_("Hex colour for buttons and links on public pages, e.g. #2f6f5e."),
        validators=[HEX_COLOUR],
    )
    accent_color = models.CharField(
        _("accent colour"),
        max_length=7,
        blank=True,
        help_text=_("Hex colour, e.g. #e8590c."),
        validators=[HEX_COLOUR],
    )
    first_response_hours_urgent = models.PositiveSmallIntegerField(
        _("first response within (hours), urgent"), default=2
    )
    first_response_hours_high = models.PositiveSmallIntegerField(
        _("first response within (hours), high"), default=8
    )
    first_response_hours_normal = models.PositiveSmallIntegerField(
        _("first response within (hours), normal"), default=24
    )
    first_response_hours_low = models.PositiveSmallIntegerField(
        _("first response within (hours), low"), default=72
    )

    class Meta:
        verbose_name = _("organisation settings")
        verbose_name_plural = _("organisation settings")

    def __str__(self) -> str:
        return str(_("Organisation settings"))

    def save(self, *args, **kwargs) -> None:
        self.pk = 1  # a singleton: there is only ever one row
        super().save(*args, **kwargs)


class FailedTask(models.Model):
    """A background task that failed for good (no retries left, expired, interrupted).

    Kept until an admin retries it or marks it resolved: a failing job is never silently dropped.
    One row per Huey task id; a retry re-enqueues the same id, so failing again updates this row.
    """

    task_name = models.CharField(_("task"), max_length=255)
    task_id = models.CharField(_("task id"), max_length=64, unique=True)
    signal = models.CharField(_("reason"), max_length=20, default="error")
    args_json = models.TextField(_("arguments"), default="[]")
    kwargs_json = models.TextField(_("keyword arguments"), default="{}")
    # False when an argument could not be stored as JSON (kept as text): retrying is refused.
    replayable = models.BooleanField(_("can be retried"), default=True)
    error = models.TextField(_("error"), blank=True)
    traceback = models.TextField(_("traceback"), blank=True)
    retries_used = models.PositiveIntegerField(_("retries used"), default=0)
    times_failed = models.PositiveIntegerField(_("times failed"), default=1)
    first_failed_at = models.DateTimeField(_("first failed"))
    last_failed_at = models.DateTimeField(_("last failed"))
    retried_at = models.DateTimeField(_("last retried"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)

    class Meta:
        ordering = ["-last_failed_at", "-id"]
        verbose_name = _("failed task")
        verbose_name_plural = _("failed tasks")
        indexes = [models.Index(fields=["resolved_at", "-last_failed_at"], name="failed_open")]

    def __str__(self) -> str:
        return f"{self.task_name} {self.task_id}"
