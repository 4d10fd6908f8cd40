"""Live chat: a visitor's session on a chat case, and the stream of events both sides read.

The messages themselves are ``kalm.cases.models.Message`` rows (so the dossier has every word);
a ``ChatEvent`` only says that something happened, in an order both sides can follow by id
across processes (``Last-Event-ID``), without Redis.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ChatSession(models.Model):
    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting for an agent")
        ACTIVE = "active", _("In conversation")
        ENDED = "ended", _("Ended")
        LEFT_MESSAGE = "left_message", _("Left a message")

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="chat_sessions")
    # SHA-256 of the visitor's secret cookie; the secret itself is never stored.
    visitor_token_hash = models.CharField(max_length=64, unique=True)
    consumer = models.ForeignKey(
        "consumers.Consumer", on_delete=models.PROTECT, related_name="chat_sessions"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.WAITING
    )
    created_at = models.DateTimeField(_("started"), default=timezone.now)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="chat_sessions",
    )
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    last_consumer_seen_at = models.DateTimeField(null=True, blank=True)
    last_agent_seen_at = models.DateTimeField(null=True, blank=True)
    consumer_typing_until = models.DateTimeField(null=True, blank=True)
    agent_typing_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("chat session")
        verbose_name_plural = _("chat sessions")
        indexes = [models.Index(fields=["status", "created_at"], name="chat_session_status")]

    def __str__(self) -> str:
        return f"chat {self.pk} ({self.status})"

    @property
    def is_open(self) -> bool:
        return self.status in {self.Status.WAITING, self.Status.ACTIVE}


class ChatEvent(models.Model):
    class Kind(models.TextChoices):
        MESSAGE = "message", _("Message")
        TYPING = "typing", _("Typing")
        JOINED = "joined", _("Agent joined")
        ENDED = "ended", _("Chat ended")
        SYSTEM = "system", _("Notice")

    class Sender(models.TextChoices):
        CONSUMER = "consumer", _("Consumer")
        AGENT = "agent", _("Agent")
        SYSTEM = "system", _("System")

    session = models.ForeignKey(ChatSession, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    sender = models.CharField(max_length=10, choices=Sender.choices)
    message = models.ForeignKey(
        "cases.Message", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # The agent's alias as it was (never their name); and for system notices a short code that
    # is translated when shown (``no_agent``, ``timeout``).
    alias = models.CharField(max_length=60, blank=True)
    code = models.CharField(max_length=30, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        constraints = [
            # A retried deliverer never shows the same reply twice.
            models.UniqueConstraint(
                fields=["message"],
                condition=models.Q(message__isnull=False),
                name="chat_event_message_once",
            )
        ]


class ChatAgentPresence(models.Model):
    """When an agent last looked at the chat queue: 'someone is online' means seen recently."""

    agent = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="chat_presence"
    )
    last_seen_at = models.DateTimeField(default=timezone.now)
