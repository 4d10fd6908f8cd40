"""Reply templates ("macros"): a situation's well-worded first draft, with variables filled in
from the case (see variables.py for the syntax)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Situation(models.TextChoices):
    INJURY_FIRST = "injury_first", _("First reply to an injury")
    LEGAL_THREAT = "legal_threat", _("Legal threat")
    DELAY = "delay", _("Delay")
    REFUND = "refund", _("Refund")
    CRISIS_UPDATE = "crisis_update", _("Crisis update")
    COMPLAINT_FIRST = "complaint_first", _("First reply to a complaint")
    AGGRESSION = "aggression", _("Aggressive consumer")
    VULNERABILITY = "vulnerability", _("Vulnerable consumer")
    GENERAL = "general", _("General")


class TemplateLanguage(models.TextChoices):
    # The languages the desk answers in (settings.LANGUAGES); the names stay in their own language.
    NL = "nl", "Nederlands"
    EN = "en", "English"


class ReplyTemplate(models.Model):
    name = models.CharField(_("name"), max_length=120)
    situation = models.CharField(
        _("situation"), max_length=20, choices=Situation.choices, default=Situation.GENERAL
    )
    language = models.CharField(
        _("language"), max_length=8, choices=TemplateLanguage.choices, default=TemplateLanguage.NL
    )
    body = models.TextField(
        _("text"),
        help_text=_(
            "Variables in braces are filled in from the case, e.g. {consumer_name} or "
            "{next_step_date}. Write {{ or }} for a brace itself."
        ),
    )
    active = models.BooleanField(_("active"), default=True)
    position = models.PositiveSmallIntegerField(
        _("position"), default=100, help_text=_("Lower comes first in the list.")
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["position", "name", "id"]
        verbose_name = _("reply template")
        verbose_name_plural = _("reply templates")
        constraints = [
            models.UniqueConstraint(fields=["name", "language"], name="reply_template_name_lang")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.language})"
