"""Organisation-wide settings that team leads change in the admin, not in the environment."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


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
