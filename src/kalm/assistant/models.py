"""The answer bot's conversations with visitors, and the gaps they reveal.

A conversation belongs to an anonymous visitor (a secret cookie, only its hash stored) until it
is handed over to a person: then it is linked to the chat's case and its transcript is written to
that case's dossier. Turns keep what the bot answered (the article, the passage, the link) so an
agent, and later the knowledge team, see exactly what the visitor was shown.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Conversation(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("With the answer bot")
        HANDED_OFF = "handed_off", _("Handed over to a person")

    class Reason(models.TextChoices):
        ASKED = "asked", _("The visitor asked for a person")
        SIGNAL = "signal", _("The bot handed over: the visitor is upset or at risk")
        UNSURE = "unsure", _("The bot could not answer")

    # SHA-256 of the visitor's secret cookie; the secret itself is never stored.
    token_hash = models.CharField(max_length=64, unique=True)
    language = models.CharField(_("language"), max_length=8, default="nl")
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    last_activity_at = models.DateTimeField(_("last activity"), default=timezone.now)
    # Set when a hand-off is asked for (button or signals); the chat may start a moment later.
    handoff_reason = models.CharField(
        _("hand-off reason"), max_length=10, choices=Reason.choices, blank=True
    )
    # The visitor's words that made the bot hand over ("woedend", "allergische reactie"); the
    # reasons themselves are on the turn (Turn.signals).
    handoff_signals = models.JSONField(default=list, blank=True)
    handoff_requested_at = models.DateTimeField(null=True, blank=True)
    handed_off_at = models.DateTimeField(null=True, blank=True)
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bot_conversations",
    )
    chat_session = models.ForeignKey(
        "chat.ChatSession",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bot_conversations",
    )

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("bot conversation")
        verbose_name_plural = _("bot conversations")
        indexes = [
            models.Index(fields=["status", "last_activity_at"], name="assistant_conv_status")
        ]

    def __str__(self) -> str:
        return f"bot conversation {self.pk} ({self.status})"


class Gap(models.Model):
    """A group of questions the bot could not answer, or answered without helping: work for the
    knowledge team. Questions join the open gap of their language whose terms they share most
    (kalm.assistant.gaps); a gap closes when an article answers it, or is dismissed."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ANSWERED = "answered", _("Answered by an article")
        DISMISSED = "dismissed", _("Dismissed")

    language = models.CharField(_("language"), max_length=8)
    title = models.CharField(_("question"), max_length=300)
    # The analysed terms (stemmed, decompounded; kalm.kb.search.analyse) with how many of the
    # gap's questions contain each: what new questions are matched against.
    terms = models.JSONField(default=dict, blank=True)
    question_count = models.PositiveIntegerField(default=0)
    unanswered_count = models.PositiveIntegerField(default=0)
    unhelpful_count = models.PositiveIntegerField(default=0)
    first_seen_at = models.DateTimeField(default=timezone.now)
    last_seen_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    article = models.ForeignKey(
        "kb.Article",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="gaps",
        verbose_name=_("answered by"),
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-question_count", "-last_seen_at"]
        verbose_name = _("knowledge gap")
        verbose_name_plural = _("knowledge gaps")
        indexes = [models.Index(fields=["status", "language"], name="assistant_gap_status")]

    def __str__(self) -> str:
        return self.title


class Turn(models.Model):
    """One question and what the bot did with it."""

    class Kind(models.TextChoices):
        ARTICLE = "article", _("Answered from an article")
        CRISIS = "crisis", _("Answered from a crisis statement")
        UNSURE = "unsure", _("Not sure")
        HANDOFF = "handoff", _("Handed over to a person")

    class Reason(models.TextChoices):
        OTHER_QUESTION = "other_question", _("It answers a different question")
        UNCLEAR = "unclear", _("The answer is not clear")
        NOT_SOLVED = "not_solved", _("It does not solve my problem")

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="turns")
    created_at = models.DateTimeField(default=timezone.now)
    question = models.TextField(_("question"))
    language = models.CharField(_("language"), max_length=8)
    kind = models.CharField(_("answer"), max_length=10, choices=Kind.choices)
    article = models.ForeignKey(
        "kb.Article", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    crisis = models.ForeignKey(
        "crisis.Crisis", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # What the visitor was shown, as shown (articles change; the dossier must not).
    title = models.CharField(max_length=300, blank=True)
    passage = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True)
    confidence = models.FloatField(default=0.0)
    # Suggestions offered: [{"id": .., "title": .., "url": ..}].
    alternatives = models.JSONField(default=list, blank=True)
    # Emotion and signals that made the bot hand over (empty when it answered).
    signals = models.JSONField(default=list, blank=True)
    helpful = models.BooleanField(null=True, blank=True)
    feedback_reason = models.CharField(max_length=20, choices=Reason.choices, blank=True)
    feedback_at = models.DateTimeField(null=True, blank=True)
    gap = models.ForeignKey(
        Gap, on_delete=models.SET_NULL, null=True, blank=True, related_name="turns"
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("bot answer")
        verbose_name_plural = _("bot answers")
