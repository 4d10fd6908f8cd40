"""What arrives by email, kept whole, and every Message-ID we have seen or sent."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class InboundEmail(models.Model):
    """One received raw message, stored before anything else happens to it.

    The raw bytes are never dropped: a message that cannot be processed stays here, quarantined
    with the reason, and an admin can process it again after a fix.
    """

    class Status(models.TextChoices):
        NEW = "new", _("New")
        # Handed over with "Prefer: respond-async": stored and answered, the worker processes
        # it (kalm.channels.email.ingest.ingest_queued). "new" is a message being processed.
        QUEUED = "queued", _("Queued")
        PROCESSED = "processed", _("Processed")
        DUPLICATE = "duplicate", _("Duplicate")
        IGNORED_AUTO_REPLY = "ignored_auto_reply", _("Ignored: auto-reply")
        IGNORED_BOUNCE = "ignored_bounce", _("Ignored: bounce")
        QUARANTINED = "quarantined", _("Quarantined")
        FAILED = "failed", _("Failed")

    raw = models.BinaryField(_("raw message"))
    size = models.PositiveIntegerField(_("size in bytes"), default=0)
    sha256 = models.CharField(max_length=64, db_index=True)
    message_id = models.CharField(_("Message-ID"), max_length=500, blank=True, db_index=True)
    from_address = models.CharField(_("from"), max_length=320, blank=True)
    from_name = models.CharField(max_length=200, blank=True)
    subject = models.CharField(_("subject"), max_length=500, blank=True)
    received_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    source = models.CharField(
        _("source"), max_length=100, help_text=_("pipe, imap:<mailbox> or http")
    )
    team = models.ForeignKey(
        "accounts.Team", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW, db_index=True
    )
    outcome = models.CharField(max_length=20, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    attempts = models.PositiveIntegerField(default=0)
    processed_at = models.DateTimeField(null=True, blank=True)
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inbound_emails",
    )
    # Not "message": its column would clash with the Message-ID field above.
    case_message = models.ForeignKey(
        "cases.Message", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    text_full = models.TextField(_("full text"), blank=True)
    html_sanitised = models.TextField(_("sanitised HTML"), blank=True)
    attachments = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("inbound email")
        verbose_name_plural = _("inbound emails")
        ordering = ["-received_at", "-id"]
        constraints = [
            # The same message delivered twice lands once, even when two workers race.
            models.UniqueConstraint(
                fields=["message_id"],
                condition=Q(status="processed") & ~Q(message_id=""),
                name="channels_inbound_processed_once",
            )
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.from_address} {self.subject[:60]}"


class EmailRef(models.Model):
    """A Message-ID we received (``in``) or sent (``out``), and the case it belongs to."""

    class Direction(models.TextChoices):
        IN = "in", _("Received")
        OUT = "out", _("Sent")

    message_id = models.CharField(max_length=500, unique=True)
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="email_refs")
    # Not "message": its column would clash with the Message-ID field above.
    case_message = models.ForeignKey(
        "cases.Message", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    direction = models.CharField(max_length=3, choices=Direction.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("email reference")
        verbose_name_plural = _("email references")

    def __str__(self) -> str:
        return f"{self.direction} {self.message_id}"
