"""Surveys, their invitations (one per case and occasion) and the answers.

An invitation is made by the sweep when its occasion happens (a case resolved, a chat ended, a
crisis closed), sent when due, and answered through links made from a private status link of the
case (kalm.cases.PortalLink): revoking the link disables its survey links too. The answer copies
what dashboards group by (team, agent, channel, product, topic, language) so they need no joins
over a million cases.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kalm.surveys.items import FIRST_ITEMS, ITEMS


class Trigger(models.TextChoices):
    RESOLVED = "resolved", _("After a case is resolved")
    CHAT = "chat", _("After a chat")
    CRISIS = "crisis", _("After a crisis, to the affected consumers")


class Survey(models.Model):
    name = models.CharField(_("name"), max_length=120)
    trigger = models.CharField(_("when"), max_length=10, choices=Trigger.choices)
    delay_hours = models.PositiveIntegerField(
        _("hours after the occasion"),
        default=24,
        help_text=_("How long after the resolution, chat or crisis the survey is sent."),
    )
    # Item codes (kalm.surveys.items.ITEMS) in the order asked; the first is answered with one
    # click in the email and must be one of FIRST_ITEMS.
    items = models.JSONField(_("questions"), default=list)
    intro_nl = models.TextField(_("introduction (Dutch)"), blank=True)
    intro_en = models.TextField(_("introduction (English)"), blank=True)
    team = models.ForeignKey(
        "accounts.Team",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="surveys",
        verbose_name=_("team"),
        help_text=_("Empty: cases of every team."),
    )
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["trigger", "name", "id"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")

    def __str__(self) -> str:
        return self.name

    @property
    def first_item(self) -> str:
        return self.items[0] if self.items and self.items[0] in FIRST_ITEMS else ""

    def intro(self, language: str) -> str:
        return self.intro_en if language == "en" else self.intro_nl

    def item_list(self) -> list:
        return [ITEMS[code] for code in self.items if code in ITEMS]


class Invitation(models.Model):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        ANSWERED = "answered", _("Answered")
        SKIPPED = "skipped", _("Not sent")
        FAILED = "failed", _("Failed")

    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="invitations")
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="invitations")
    consumer = models.ForeignKey(
        "consumers.Consumer", on_delete=models.CASCADE, related_name="invitations"
    )
    # What it is about, once per case: "resolved:<resolved_at>", "chat:<session id>",
    # "crisis:<crisis id>".
    occasion = models.CharField(max_length=80)
    language = models.CharField(max_length=8, default="nl")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    created_at = models.DateTimeField(default=timezone.now)
    due_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    # Why it was not sent (a code of NOTES, translated when shown), or the error of the last
    # attempt as it was. ``sent_at`` is when it was offered: emailed, or put on the status page
    # for a consumer without an email address (the quiet period counts both).
    note = models.CharField(max_length=300, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # When a worker claimed it for sending (a claim left behind by a dead worker is taken over).
    claimed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")
        constraints = [
            models.UniqueConstraint(fields=["case", "occasion"], name="survey_invitation_once")
        ]
        indexes = [
            models.Index(fields=["status", "due_at"], name="survey_invitation_due"),
            models.Index(fields=["consumer", "sent_at"], name="survey_invitation_consumer"),
        ]

    NOTES = {
        "inactive": _("The survey was switched off before this was due."),
        "reopened": _("The case was reopened before the survey was due."),
        "quiet": _("This consumer had a survey shortly before."),
        "no_email": _("No email address: the survey is offered on the status page only."),
    }

    def __str__(self) -> str:
        return f"{self.survey} → {self.case_id} ({self.status})"

    @property
    def note_text(self) -> str:
        return str(self.NOTES.get(self.note, self.note))


class Response(models.Model):
    """The consumer's answers to one invitation, filled in one click or several."""

    class Expectation(models.TextChoices):
        BELOW = "below", _("Below what I expected")
        AS_EXPECTED = "as_expected", _("As I expected")
        SURPRISED = "surprised", _("Positively surprised")

    invitation = models.OneToOneField(Invitation, on_delete=models.CASCADE, related_name="response")
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="responses")
    # Copied when answered, for the dashboards (no joins over a million cases).
    team = models.ForeignKey(
        "accounts.Team", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    channel = models.CharField(max_length=20, blank=True)
    product = models.ForeignKey(
        "cases.Product", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    topic = models.ForeignKey(
        "kb.Category",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("topic"),
    )
    language = models.CharField(max_length=8, default="nl")
    trigger = models.CharField(max_length=10, choices=Trigger.choices)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    csat = models.PositiveSmallIntegerField(null=True, blank=True)
    nps = models.PositiveSmallIntegerField(null=True, blank=True)
    ces = models.PositiveSmallIntegerField(null=True, blank=True)
    expectation = models.CharField(max_length=12, choices=Expectation.choices, blank=True)
    interested = models.PositiveSmallIntegerField(null=True, blank=True)
    important = models.PositiveSmallIntegerField(null=True, blank=True)
    understood = models.PositiveSmallIntegerField(null=True, blank=True)
    comment = models.TextField(blank=True)
    # Read by the empathy engine when a comment is given: its sentiment, and the reasons it calls
    # for a person (anger, distress, escalation signals; kalm.assistant.handoff).
    comment_sentiment = models.FloatField(null=True, blank=True)
    comment_signals = models.JSONField(default=list, blank=True)
    # Why the answer counts as low (item codes, "comment"); empty: not low.
    low_reasons = models.JSONField(default=list, blank=True)
    followup = models.ForeignKey(
        "followups.FollowUp", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        indexes = [
            models.Index(fields=["created_at"], name="survey_response_created"),
            models.Index(fields=["team", "created_at"], name="survey_response_team"),
            models.Index(fields=["agent", "created_at"], name="survey_response_agent"),
        ]

    @property
    def is_low(self) -> bool:
        return bool(self.low_reasons)


class Improvement(models.Model):
    """You said, we did: a theme in the feedback ("you said") and what the team changes because
    of it ("we did"), in Dutch and English, with the answers that led to it. Published ones show on
    the portal in the consumer's language; the texts are the team's own words, never a comment."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")

    said_nl = models.TextField(_("you said (Dutch)"), blank=True)
    said_en = models.TextField(_("you said (English)"), blank=True)
    did_nl = models.TextField(_("we did (Dutch)"), blank=True)
    did_en = models.TextField(_("we did (English)"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    published = models.BooleanField(_("published on the portal"), default=False)
    team = models.ForeignKey(
        "accounts.Team",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="improvements",
        verbose_name=_("team"),
    )
    responses = models.ManyToManyField(
        Response, blank=True, related_name="improvements", verbose_name=_("feedback")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    # Set when the status becomes done, cleared when it leaves done (the constraint below); the
    # ordering relies on it: not done (no date) first, then the most recently done.
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = [models.F("done_at").desc(nulls_first=True), "-created_at", "-id"]
        verbose_name = _("improvement")
        verbose_name_plural = _("improvements")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(status="done", done_at__isnull=False))
                | (~models.Q(status="done") & models.Q(done_at__isnull=True)),
                name="survey_improvement_done_at",
            )
        ]
        indexes = [
            models.Index(fields=["published", "status"], name="survey_improvement_public"),
        ]

    def __str__(self) -> str:
        return (self.said_nl or self.said_en)[:60] or f"#{self.pk}"

    def complete_in(self, language: str) -> bool:
        """Both texts are there in this language."""
        return bool(self.said(language).strip() and self.did(language).strip())

    def said(self, language: str) -> str:
        return self.said_en if language == "en" else self.said_nl

    def did(self, language: str) -> str:
        return self.did_en if language == "en" else self.did_nl

    def shown_language(self, language: str) -> str:
        """The language it shows in for a page in ``language``: that one when both texts are
        there, else the other one when both are there, else empty (not shown)."""
        if self.complete_in(language):
            return language
        other = "nl" if language == "en" else "en"
        return other if self.complete_in(other) else ""
