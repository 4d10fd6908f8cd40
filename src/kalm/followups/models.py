"""Follow-ups (promised call-backs, awaited lab results, after-care) and the after-care rules."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kalm.cases.models import Channel


class FollowUp(models.Model):
    class Source(models.TextChoices):
        MANUAL = "manual", _("Added by an agent")
        COMMITMENT = "commitment", _("Promised in a reply")
        AFTER_RESOLUTION = "after_resolution", _("After-care")
        CALLBACK = "callback", _("Call-back (emotion ran high)")
        SURVEY = "survey", _("Low survey answer")
        CHURN = "churn", _("Churn risk")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="followups")
    title = models.CharField(_("what to do"), max_length=300)
    # After-care: the suggested message an agent sends the consumer (never sent automatically).
    message = models.TextField(_("suggested message"), blank=True)
    due_at = models.DateTimeField(_("due"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="followups",
        verbose_name=_("owner"),
        help_text=_("Nobody: the case's team."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.MANUAL)
    source_message = models.ForeignKey(
        "cases.Message", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The words that made it a commitment ("donderdag"), shown to the agent who confirms it.
    source_phrase = models.CharField(max_length=200, blank=True)
    # After-care: which resolution this follow-up belongs to (one per resolution of a case).
    resolution_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reminded_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_at", "id"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        indexes = [
            models.Index(fields=["status", "due_at"], name="followup_status_due"),
            models.Index(fields=["owner", "status", "due_at"], name="followup_owner_due"),
            models.Index(fields=["case", "status"], name="followup_case_status"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "resolution_at"],
                condition=models.Q(source="after_resolution"),
                name="followup_one_aftercare_per_resolution",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_overdue(self) -> bool:
        return self.status == self.Status.OPEN and self.due_at < timezone.now()


class AfterCareRule(models.Model):
    """When a case is resolved, ask after ``delay_days`` whether everything is all right now.

    The most specific active rule wins: product and channel, then product, then channel, then a
    rule for every case."""

    product = models.ForeignKey(
        "cases.Product",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("product"),
        help_text=_("Empty: every product."),
    )
    channel = models.CharField(
        _("channel"),
        max_length=20,
        blank=True,
        choices=Channel.choices,
        help_text=_("Empty: every channel."),
    )
    delay_days = models.PositiveSmallIntegerField(_("days after resolution"), default=7)
    message_nl = models.TextField(_("message (Dutch)"))
    message_en = models.TextField(_("message (English)"))
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["product__name", "channel", "id"]
        verbose_name = _("after-care rule")
        verbose_name_plural = _("after-care rules")

    def __str__(self) -> str:
        return f"{self.product or _('every product')} / {self.channel or _('every channel')}"

    def message_for(self, language: str) -> str:
        language = (language or get_language() or "nl")[:2]
        return self.message_nl if language == "nl" else self.message_en
