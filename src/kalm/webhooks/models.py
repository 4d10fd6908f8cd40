"""Webhook sources (social media, phone systems, shops), every request they sent us, the
conversations they map to, and the signed replies we send back."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# A reply is tried this many times (the first try and the worker's retries) before it is failed.
OUTBOUND_MAX_ATTEMPTS = 6


class WebhookSource(models.Model):
    class Kind(models.TextChoices):
        SOCIAL = "social", _("Social media (DMs, posts, comments)")
        TELEPHONY = "telephony", _("Phone system (call records)")
        GENERIC = "generic", _("Generic (detected per payload)")

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"), max_length=60, unique=True, help_text=_("The source posts to /hooks/<slug>/.")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.SOCIAL)
    # Kept as is: we need the secret itself to verify HMAC signatures. Shown once on creation.
    secret = models.CharField(_("signing secret"), max_length=128)
    team = models.ForeignKey(
        "accounts.Team",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("team"),
    )
    active = models.BooleanField(_("active"), default=True)
    outbound_url = models.URLField(
        _("reply URL"),
        blank=True,
        help_text=_("Where agents' replies to this source's conversations are posted (signed)."),
    )
    timestamp_tolerance = models.PositiveIntegerField(
        _("timestamp tolerance (seconds)"),
        default=300,
        help_text=_("Requests signed longer ago (or further ahead) than this are refused."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name = _("webhook source")
        verbose_name_plural = _("webhook sources")

    def __str__(self) -> str:
        return self.name


class WebhookDelivery(models.Model):
    """One inbound request, kept whatever happened to it (raw body included)."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        ACCEPTED = "accepted", _("Accepted")
        DUPLICATE = "duplicate", _("Duplicate")
        REJECTED = "rejected", _("Rejected")
        FAILED = "failed", _("Failed")

    source = models.ForeignKey(
        WebhookSource,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deliveries",
        verbose_name=_("source"),
    )
    slug = models.CharField(_("slug posted to"), max_length=100)
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    remote_addr = models.GenericIPAddressField(_("remote address"), null=True, blank=True)
    headers = models.JSONField(_("headers"), default=dict)
    body = models.BinaryField(_("raw body"), default=b"")
    signature_ok = models.BooleanField(_("signature valid"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.RECEIVED
    )
    reason = models.TextField(_("reason"), blank=True)
    http_status = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    event_id = models.CharField(_("event id"), max_length=200, blank=True)
    case = models.ForeignKey(
        "cases.Case", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    message = models.ForeignKey(
        "cases.Message", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    processed_at = models.DateTimeField(_("processed"), null=True, blank=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "event_id"],
                condition=models.Q(status="accepted"),
                name="webhook_delivery_event_once",
            )
        ]
        indexes = [models.Index(fields=["source", "event_id"], name="webhook_delivery_event")]

    def __str__(self) -> str:
        return f"{self.slug} #{self.pk} {self.status}"


class WebhookConversation(models.Model):
    """A source's conversation (thread) and the case it lands on; replies go back to it."""

    source = models.ForeignKey(WebhookSource, on_delete=models.CASCADE, related_name="+")
    conversation_id = models.CharField(max_length=200)
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    last_event_id = models.CharField(max_length=200, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "conversation_id"], name="webhook_conversation_unique"
            )
        ]


class OutboundWebhook(models.Model):
    """One agent reply posted to a source's reply URL; retried by the worker until sent."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    class Kind(models.TextChoices):
        REPLY = "reply", _("Reply in a conversation")
        STATEMENT = "statement", _("Crisis statement draft")

    source = models.ForeignKey(WebhookSource, on_delete=models.PROTECT, related_name="outbound")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.REPLY)
    # A reply belongs to a case and its message; a statement draft to neither (see
    # crisis.SocialDraft, which points here).
    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    message = models.OneToOneField(
        "cases.Message",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="outbound_webhook",
    )
    url = models.URLField(_("URL"), blank=True)
    payload = models.JSONField(_("payload"), default=dict)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    response_code = models.PositiveSmallIntegerField(_("response code"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("outbound webhook")
        verbose_name_plural = _("outbound webhooks")

    def __str__(self) -> str:
        return f"{self.source} → {self.payload.get('case', '')} ({self.status})"
